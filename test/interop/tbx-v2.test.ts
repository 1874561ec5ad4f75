import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";
import { yizhi } from "./tools.js";

/**
 * `yizhi termbase export --tbx-version 2` writes TBX-Basic 2008 (`<martif>`) for the CAT tools that read only
 * TBX v2 (OmegaT, translate-toolkit: see omegat.test.ts and translate-toolkit.test.ts). It must carry the same
 * termbase as the default TBX v3 export.
 */

let dir: string;
let store: string;

beforeAll(async () => {
  dir = await tempDir("yizhi-tbx2-");
  store = path.join(dir, "store");
});

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("yizhi termbase export --tbx-version 2", () => {
  it("writes <martif> with termEntry / langSet / tig for the 395 shipped concepts", async () => {
    const file = path.join(dir, "v2.tbx");
    await yizhi(["termbase", "export", "--tbx-version", "2", "-o", file, "--data-dir", store]);
    const xml = await readFile(file, "utf8");
    expect(xml.split("\n").slice(0, 3)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<martif type="TBX-Basic-V1" xml:lang="en">',
      "  <martifHeader>",
    ]);
    expect(xml.match(/<termEntry id="c\d{3}">/g)).toHaveLength(395);
    expect(xml).not.toContain("conceptEntry");
    expect(xml).not.toContain("<langSec");
    expect(xml).not.toContain("<termSec");
  });

  it("is lossless: imported into an empty store, it exports the same TBX v3 bytes as the shipped termbase", async () => {
    const v2 = path.join(dir, "v2.tbx");
    const v3 = path.join(dir, "v3.tbx");
    const back = path.join(dir, "back.tbx");
    const other = path.join(dir, "v2-store");
    await yizhi(["termbase", "export", "--tbx-version", "2", "-o", v2, "--data-dir", store]);
    await yizhi(["termbase", "export", "-o", v3, "--data-dir", store]);
    const imported = await yizhi(["termbase", "import", v2, "--data-dir", other, "--no-seed"]);
    expect(imported.stderr).toBe(`${v2}: 395 concepts added, 0 updated\n`);
    await yizhi(["termbase", "export", "-o", back, "--data-dir", other, "--no-seed"]);
    expect(await readFile(back, "utf8")).toBe(await readFile(v3, "utf8"));
  });

  it("refuses another version with exit code 2 and a one-line message", async () => {
    const result = await runCli(["termbase", "export", "--tbx-version", "4", "--data-dir", store]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "yizhi: --tbx-version must be 2 or 3\n" });
  });
});
