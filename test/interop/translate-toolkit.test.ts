import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTmx } from "../../src/tm/tmx.js";
import { ROOT, tempDir } from "../support/cli.js";
import {
  DEBIAN_PYTHON,
  readTmxWithTranslateToolkit,
  requireTranslateToolkit,
  runTool,
  yizhi,
} from "./tools.js";

/**
 * translate-toolkit (Debian package `translate-toolkit`, 3.8) on what yizhi writes: an annotated XLIFF 1.2
 * still converts to PO and passes pofilter as the file did before annotation; yizhi's TMX reads with
 * `translate.storage.tmx`; and a TMX that po2tmx writes imports into yizhi the right way round.
 */

const FIXTURE = path.join(ROOT, "test/fixtures/interop/un-migration-1.2.xlf");
const SHIPPED_TMX = path.join(ROOT, "tm/un-migration.tmx");

let dir: string;
let store: string;
let annotated: string;

/** Runs a translate-toolkit command and fails with its stderr unless it exits 0. */
async function tt(command: string, args: readonly string[]): Promise<void> {
  const result = await runTool(command, ["--progress=none", ...args], { cwd: dir });
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
}

/** A PO file without its POT-Creation-Date header line (the only line that changes from run to run). */
async function readPo(file: string): Promise<string> {
  return (await readFile(file, "utf8")).replace(/^"POT-Creation-Date: .*\\n"\n/m, "");
}

/** pofilter's findings in an XLIFF it wrote: `unit id: test name`, one per failing test. */
function pofilterFindings(xliff: string): string[] {
  const findings: string[] = [];
  for (const unit of xliff.split(/<(?:\w+:)?trans-unit\b/).slice(1)) {
    const id = /\bid="([^"]*)"/.exec(unit)?.[1] ?? "?";
    for (const m of unit.matchAll(/<(?:\w+:)?note from="pofilter">([a-z]+):/g))
      findings.push(`${id}: ${m[1]}`);
  }
  return findings;
}

beforeAll(async () => {
  requireTranslateToolkit();
  dir = await tempDir("yizhi-tt-");
  store = path.join(dir, "store");
  annotated = path.join(dir, "annotated.xlf");
  const result = await yizhi(["annotate", FIXTURE, "-o", annotated, "--data-dir", store]);
  expect(result.stderr).toMatch(/: 10 glossary hits and 5 TM matches added to 5 of 5 units\n$/);
});

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("xliff2po and pofilter on a yizhi-annotated XLIFF 1.2", () => {
  it("xliff2po gives the same PO for the annotated file as for the original (test/fixtures/interop/un-migration-1.2.xlf)", async () => {
    await tt("xliff2po", [FIXTURE, "original.po"]);
    await tt("xliff2po", [annotated, "annotated.po"]);
    const original = await readPo(path.join(dir, "original.po"));
    expect(await readPo(path.join(dir, "annotated.po"))).toBe(original);
    // The conversion carried the five units (our notes are from="yizhi": xliff2po keeps only translator and
    // developer notes, as it drops OmegaT's).
    expect(original.match(/^msgid "/gm)).toHaveLength(6);
    expect(original).toContain('msgid "联大第61/208号决议请移徙组织为高级别对话作出贡献。"');
    expect(original).toContain("# Check the number of observers against the English original.");
  });

  it("pofilter finds exactly the same problems in both POs, including the wrong number in unit 5", async () => {
    await tt("xliff2po", [FIXTURE, "original.po"]);
    await tt("xliff2po", [annotated, "annotated.po"]);
    // spellcheck depends on the machine's dictionaries; every other default test runs.
    const options = ["--language=en", "--excludefilter=spellcheck"];
    await tt("pofilter", [...options, "original.po", "original-findings.po"]);
    await tt("pofilter", [...options, "annotated.po", "annotated-findings.po"]);
    const original = await readPo(path.join(dir, "original-findings.po"));
    expect(await readPo(path.join(dir, "annotated-findings.po"))).toBe(original);
    expect(original).toContain("# (pofilter) numbers: Different numbers\n");
    expect(original).toContain(
      "# (pofilter) untranslated: Checks whether a string has been translated at all.\n",
    );
  });

  it("pofilter on the XLIFF itself: the only new finding is hassuggestion, on each unit where we added an alt-trans", async () => {
    const options = ["--language=en", "--excludefilter=spellcheck"];
    await tt("pofilter", [...options, FIXTURE, "original-findings.xlf"]);
    await tt("pofilter", [...options, annotated, "annotated-findings.xlf"]);
    const before = pofilterFindings(await readFile(path.join(dir, "original-findings.xlf"), "utf8"));
    const after = pofilterFindings(await readFile(path.join(dir, "annotated-findings.xlf"), "utf8"));
    expect(before).toContain("5: numbers");
    const added = after.filter((f) => !before.includes(f));
    expect(added).toEqual([
      "1: hassuggestion",
      "2: hassuggestion",
      "3: hassuggestion",
      "4: hassuggestion",
      "5: hassuggestion",
    ]);
    expect(before.filter((f) => !after.includes(f))).toEqual([]);
  });
});

describe("TBX from yizhi in translate-toolkit", () => {
  const readTbx = (file: string) =>
    runTool(DEBIAN_PYTHON, [
      "-c",
      [
        "import json, sys",
        "from translate.storage import tbx",
        "store = tbx.tbxfile.parsefile(sys.argv[1])",
        "print(json.dumps([[u.source, u.target] for u in store.units], ensure_ascii=False))",
      ].join("\n"),
      file,
    ]);

  it("translate.storage.tbx reads the --tbx-version 2 export: 395 entries, 汇款 → remittances", async () => {
    const file = path.join(dir, "termbase-v2.tbx");
    await yizhi(["termbase", "export", "--tbx-version", "2", "-o", file, "--data-dir", store]);
    const result = await readTbx(file);
    expect(result.stderr).toBe("");
    const entries = JSON.parse(result.stdout) as [string, string][];
    expect(entries).toHaveLength(395);
    expect(entries).toContainEqual(["汇款", "remittances"]);
  });

  it("translate.storage.tbx (3.8) refuses the TBX v3 export: its root must be <martif>", async () => {
    const file = path.join(dir, "termbase-v3.tbx");
    await yizhi(["termbase", "export", "-o", file, "--data-dir", store]);
    const result = await readTbx(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("assert self.document.getroot().tag == self.namespaced(self.rootNode)");
  });
});

describe("TMX between yizhi and translate-toolkit", () => {
  it("translate.storage.tmx reads yizhi's exported memory: 221 units with the same texts", async () => {
    const exported = path.join(dir, "memory.tmx");
    await yizhi(["tm", "export", "-o", exported, "--data-dir", store]);
    const shipped = parseTmx(await readFile(SHIPPED_TMX, "utf8"), SHIPPED_TMX);
    const units = await readTmxWithTranslateToolkit(exported);
    expect(units).toHaveLength(221);
    expect(units).toEqual(shipped.map((u) => ({ source: u.source, target: u.target })));
  });

  it('po2tmx\'s TMX (header srclang="en" whatever --source-language says) imports into yizhi as zh-CN → en', async () => {
    await tt("xliff2po", [annotated, "annotated.po"]);
    // po2tmx leaves out fuzzy units: xliff2po marks fuzzy every unit not approved="yes" (units 1 and 4 are).
    await tt("po2tmx", ["-l", "en", "--source-language=zh-CN", "annotated.po", "tt.tmx"]);
    const ttTmx = path.join(dir, "tt.tmx");
    const written = await readFile(ttTmx, "utf8");
    expect(written).toContain('creationtool="Translate Toolkit"');
    expect(written).toContain('srclang="en"');
    const ttStore = path.join(dir, "tt-store");
    const imported = await yizhi(["tm", "import", ttTmx, "--data-dir", ttStore, "--no-seed"]);
    expect(imported.stderr).toBe(`${ttTmx}: 2 translation units added, 0 updated\n`);
    // The memory is searchable by its Chinese source: the units were not turned around.
    const query = "会议确认了汇款的重要性，与会者呼吁加大工作力度，尽可能发挥汇款促进发展的潜力。";
    const search = await yizhi([
      "tm",
      "search",
      query,
      "--format",
      "json",
      "--data-dir",
      ttStore,
      "--no-seed",
    ]);
    expect(JSON.parse(search.stdout).matches[0]).toMatchObject({
      score: 1,
      source: "会议确认了汇款的重要性，与会者呼吁加大工作力度，尽可能发挥汇款促进发展的潜力。",
      target:
        "The meeting recognized the importance of remittances, and participants called for greater efforts to maximize the development potential of remittances.",
    });
    const back = path.join(dir, "back.tmx");
    await yizhi(["tm", "export", "-o", back, "--data-dir", ttStore, "--no-seed"]);
    expect(await readTmxWithTranslateToolkit(back)).toEqual(await readTmxWithTranslateToolkit(ttTmx));
  });
});
