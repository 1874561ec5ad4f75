// DESIGN.md: "the CLI's --format json and the HTTP API print the same objects". Same store, same input, both
// ways: the built CLI (`yizhi … --format json`) and the app in process.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type express from "express";
import { createApp } from "../../src/server/app.js";
import { Yizhi } from "../../src/service/yizhi.js";
import { openStore } from "../../src/store/open.js";
import { ROOT, runCli, tempDir } from "../support/cli.js";

const FIXTURE = "test/fixtures/xliff/check-untranslated-term-2.0.xlf";
let dir: string;
let store: string;
let app: express.Express;

beforeAll(async () => {
  dir = await tempDir();
  store = path.join(dir, "store");
  app = createApp(new Yizhi(await openStore({ dataDir: store })));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cliJson(args: readonly string[], exitCode = 0): Promise<unknown> {
  const r = await runCli([...args, "--format", "json", "--data-dir", store]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(exitCode);
  return JSON.parse(r.stdout);
}

describe("CLI and API give the same JSON", () => {
  // 汇款 (exact), 匯款 (traditional), remittances (English), huikuan (pinyin), 移徙 (prefix and fragment, many results).
  for (const q of ["汇款", "匯款", "remittances", "huikuan", "移徙"]) {
    it(`for lookup ${q}`, async () => {
      const api = await request(app).get(`/api/terms?q=${encodeURIComponent(q)}`);
      expect(api.status).toBe(200);
      const cli = await cliJson(["lookup", q]);
      expect(api.body).toEqual(cli);
      expect(api.body.results.length).toBeGreaterThan(0);
    });
  }

  it("for tm search of 000 line 38's sentence with another resolution number, at --min 0.5 --limit 3", async () => {
    const q = "联大第61/208号决议请移徙组织为高级别对话作出贡献。";
    const api = await request(app).get(`/api/tm/search?q=${encodeURIComponent(q)}&min=0.5&limit=3`);
    const cli = await cliJson(["tm", "search", q, "--min", "0.5", "--limit", "3"]);
    expect(api.body).toEqual(cli);
    expect(api.body.matches[0].id).toBe("000-0004");
  });

  it(`for check ${FIXTURE} (the CLI exits 1 for its error finding)`, async () => {
    const api = await request(app)
      .post("/api/xliff/check?format=json")
      .set("content-type", "application/xml")
      .send(await readFile(path.join(ROOT, FIXTURE)));
    const cli = await cliJson(["check", FIXTURE], 1);
    expect(api.body).toEqual(cli);
    expect(api.body.summary.findings).toBe(1);
  });
});
