import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hashTree, hostileWorkspace, STACK_FRAME, type HostileWorkspace } from "./support.js";

/**
 * A TBX nested 100,000 elements deep (deep-nesting.tbx with 100,000 <hi> instead of 1,000). saxes looks up
 * namespace prefixes through every open element, so without a depth limit the file would take minutes; the
 * import must refuse it at the 1,001st level with exit 2 and one line, quickly, the store untouched.
 * There is no TBX import route over HTTP (termbase import is CLI-only), so there is no HTTP case.
 */

const LEVELS = 100_000;
let ws: HostileWorkspace;
let storeBefore: Record<string, string>;

beforeAll(async () => {
  ws = await hostileWorkspace();
  const small = await readFile(path.join(ws.dir, "deep-nesting.tbx"), "utf8");
  const deep = small.replace(/(<hi>)+汇款(<\/hi>)+/, `${"<hi>".repeat(LEVELS)}汇款${"</hi>".repeat(LEVELS)}`);
  expect(deep.length).toBeGreaterThan(LEVELS * 9);
  await writeFile(path.join(ws.dir, "deeper.tbx"), deep);
  const seeded = await runCli(["--data-dir", "data", "lookup", "汇款"], { cwd: ws.dir });
  expect(seeded.code).toBe(0);
  storeBefore = await hashTree(path.join(ws.dir, "data"));
});

afterAll(async () => {
  await rm(ws.dir, { recursive: true, force: true });
});

describe("elements nested 100,000 deep", () => {
  it("yizhi termbase import refuses them at the 1,001st level: exit 2, one line, store byte-identical", async () => {
    const r = await runCli(["--data-dir", "data", "termbase", "import", "deeper.tbx"], { cwd: ws.dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      "",
      "yizhi: deeper.tbx:7:3995: unit c901: elements nested deeper than 1000 levels\n",
    ]);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(await hashTree(path.join(ws.dir, "data"))).toEqual(storeBefore);
    // Unbounded nesting took minutes: the test's time limit is what would catch its return.
  }, 30_000);
});
