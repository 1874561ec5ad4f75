// `yizhi serve` logs each request on stderr in Apache's combined format; stdout keeps only the URL line.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/cli.js";
import { startServer } from "../support/server.js";

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts a server, makes one request, stops it, and returns what it wrote on stderr. */
async function stderrOfOneRequest(args: readonly string[]): Promise<string> {
  const server = await startServer(["--data-dir", path.join(dir, "store"), ...args]);
  let err = "";
  server.child.stderr?.on("data", (d: string) => (err += d));
  const res = await fetch(new URL("/api/terms?q=huikuan", server.url), {
    headers: { "user-agent": "yizhi-test/1" },
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  // morgan writes when the response finishes; a short wait lets the line cross the pipe.
  for (let i = 0; i < 40 && !err.includes("\n"); i++) await new Promise((r) => setTimeout(r, 25));
  expect(await server.stop()).toBe(0);
  return err.replace(/^yizhi: created .*\n/, "");
}

describe("yizhi serve access log", () => {
  it("writes one combined-format line per request on stderr", async () => {
    const err = await stderrOfOneRequest([]);
    expect(err).toMatch(
      /^127\.0\.0\.1 - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/api\/terms\?q=huikuan HTTP\/1\.1" 200 \d+ "-" "yizhi-test\/1"\n$/,
    );
  });

  it("is silent with --no-access-log", async () => {
    expect(await stderrOfOneRequest(["--no-access-log"])).toBe("");
  });
});
