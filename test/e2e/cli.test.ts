import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../support/cli.js";

const FIXTURE = path.join(ROOT, "test/fixtures/xliff/check-untranslated-term-2.0.xlf");
let dir: string;
let store: string;

beforeAll(async () => {
  dir = await tempDir();
  store = path.join(dir, "store");
  // Seeds the new store from the shipped glossary and memory (what `npm start` does on first run).
  const seed = await runCli(["lookup", "汇款", "--data-dir", store]);
  expect(seed.code).toBe(0);
  expect(seed.stderr).toMatch(/^yizhi: created .*store with 395 concepts and 221 translation units from glossary\/un-migration\.tbx, tm\/un-migration\.tmx\n$/);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("yizhi lookup", () => {
  it("finds 汇款 → remittances as JSON, as DESIGN.md's lookup shape", async () => {
    const r = await runCli(["lookup", "汇款", "--format", "json", "--data-dir", store]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.query).toBe("汇款");
    expect(json.results[0]).toMatchObject({
      id: "c101",
      score: 1,
      match: "exact",
      terms: { zh: [{ term: "汇款", status: "preferred" }], en: [{ term: "remittances", status: "preferred" }] },
      subject: "remittances and finance",
    });
    expect(json.results[0].contexts[0].source).toBe("A/C.2/61/7");
  });

  it("finds traditional input 匯款 with match \"traditional\"", async () => {
    const r = await runCli(["lookup", "匯款", "--format", "json", "--data-dir", store]);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ id: "c101", match: "traditional" });
  });

  it("prints one line per concept as text", async () => {
    const r = await runCli(["lookup", "循环移徙", "--data-dir", store]);
    expect(r.stdout.split("\n")[0]).toBe("c005  循环移徙  →  circular migration  [exact]");
  });

  it("reads YIZHI_DATA_DIR when --data-dir is not given", async () => {
    const r = await runCli(["lookup", "原籍国", "--format", "json"], { env: { YIZHI_DATA_DIR: store } });
    expect(JSON.parse(r.stdout).results[0].terms.en[0].term).toBe("country of origin");
  });

  it("starts empty with --no-seed", async () => {
    const empty = path.join(dir, "empty");
    const r = await runCli(["lookup", "汇款", "--no-seed", "--data-dir", empty]);
    expect(r).toMatchObject({ code: 0, stdout: 'no term found for "汇款"\n', stderr: "" });
  });
});

describe("yizhi check", () => {
  it("finds the untranslated term 汇款 in unit u1, exits 1, and is silent on the initial unit u3", async () => {
    const r = await runCli(["check", FIXTURE, "--format", "json", "--data-dir", store]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.findings).toEqual([
      {
        rule: "term-not-translated",
        severity: "error",
        unit: "u1",
        segment: "s1",
        segmentIndex: 0,
        message: '"汇款" should be translated as "remittances"',
        term: "汇款",
        conceptId: "c101",
        expected: ["remittances"],
        suggestion: "remittances",
        sourceSpan: { start: 9, end: 11 },
      },
    ]);
    expect(json.summary).toEqual({
      units: 3,
      segments: 3,
      findings: 1,
      byRule: { "term-not-translated": 1 },
      bySeverity: { error: 1, warning: 0, info: 0 },
    });
  });

  it("prints a text report grouped by unit", async () => {
    const r = await runCli(["check", FIXTURE, "--data-dir", store]);
    expect(r.stdout).toBe(
      "unit u1\n" +
        '  segment s1   error   "汇款" should be translated as "remittances"  term-not-translated\n\n' +
        `${FIXTURE}: 1 finding (1 error, 0 warning, 0 info) in 3 units, 3 segments\n`,
    );
  });

  it("turns a rule off with --rule and then exits 0", async () => {
    const r = await runCli(["check", FIXTURE, "--rule", "term-not-translated=off", "--format", "json", "--data-dir", store]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it("reads rule settings from yizhi.config.json in the working directory", async () => {
    const cwd = path.join(dir, "configured");
    await runCli(["lookup", "x", "--data-dir", path.join(cwd, "data")]);
    await writeFile(path.join(cwd, "yizhi.config.json"), JSON.stringify({ rules: { "term-not-translated": "warning" } }));
    const r = await runCli(["check", FIXTURE, "--format", "json", "--data-dir", store], { cwd });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { severity: string }) => f.severity)).toEqual(["warning"]);
  });

  it("writes the file back with ITS markup around the term with --format xliff -o", async () => {
    const out = path.join(dir, "marked.xlf");
    const r = await runCli(["check", FIXTURE, "--format", "xliff", "-o", out, "--data-dir", store]);
    expect(r.code).toBe(1);
    const xml = await readFile(out, "utf8");
    expect(xml).toContain(
      '<source>积极影响包括移徙者<mrk xmlns:its="http://www.w3.org/2005/11/its" id="yizhi-lqi-1" type="its:generic" its:version="2.0" its:locQualityIssueType="terminology"',
    );
    expect(xml).toMatch(/>汇款<\/mrk>的经济影响/);
  });

  it("writes a standalone HTML report", async () => {
    const r = await runCli(["check", FIXTURE, "--format", "html", "--data-dir", store]);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).toContain("积极影响包括移徙者<mark>汇款</mark>的经济影响");
  });
});

describe("errors a user can act on", () => {
  it("names a missing file and exits 2", async () => {
    const r = await runCli(["check", "nope.xlf", "--data-dir", store]);
    expect(r).toMatchObject({ code: 2, stdout: "", stderr: "yizhi: nope.xlf: no such file\n" });
  });

  it("names file, line and column of an XXE file and exits 2 without a stack trace", async () => {
    const file = "test/fixtures/xliff/hostile-xxe.xlf";
    const r = await runCli(["check", file, "--data-dir", store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`yizhi: ${file}:2:1: DOCTYPE declarations are not accepted (external entities and entity expansion are refused)\n`);
  });

  it("refuses an unknown format value with exit 2", async () => {
    const r = await runCli(["check", FIXTURE, "--format", "pdf", "--data-dir", store]);
    expect(r).toMatchObject({ code: 2, stderr: 'yizhi: --format must be one of json, text, html, xliff (got "pdf")\n' });
  });

  it("refuses an unknown option with exit 2", async () => {
    const r = await runCli(["lookup", "汇款", "--colour"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--colour'\n");
  });

  it("has --help on every command", async () => {
    for (const args of [["--help"], ["lookup", "--help"], ["check", "--help"], ["annotate", "--help"], ["tm", "search", "--help"], ["termbase", "import", "--help"], ["serve", "--help"]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout, args.join(" ")).toMatch(/^Usage: yizhi/);
    }
  });
});

describe("termbase and tm import/export", () => {
  it("exports the termbase as TBX and imports it into a new store with the same concepts", async () => {
    const tbx = path.join(dir, "export.tbx");
    expect((await runCli(["termbase", "export", "-o", tbx, "--data-dir", store])).code).toBe(0);
    const other = path.join(dir, "other");
    const r = await runCli(["termbase", "import", tbx, "--no-seed", "--data-dir", other]);
    expect(r).toMatchObject({ code: 0, stderr: `${tbx}: 395 concepts added, 0 updated\n` });
    const a = JSON.parse(await readFile(path.join(store, "termbase.json"), "utf8"));
    const b = JSON.parse(await readFile(path.join(other, "termbase.json"), "utf8"));
    expect(b.records).toEqual(a.records);
  });

  it("refuses a broken TBX and leaves the store byte-identical", async () => {
    const before = await readFile(path.join(store, "termbase.json"));
    const r = await runCli(["termbase", "import", "test/fixtures/tbx/duplicate-id.tbx", "--data-dir", store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^yizhi: test\/fixtures\/tbx\/duplicate-id\.tbx:\d+:\d+: unit c002: duplicate conceptEntry id "c002"/);
    expect(await readFile(path.join(store, "termbase.json"))).toEqual(before);
  });

  it("imports a translated XLIFF into the memory and finds it again by fuzzy search", async () => {
    const mem = path.join(dir, "mem");
    const imp = await runCli(["tm", "import", FIXTURE, "--no-seed", "--data-dir", mem]);
    expect(imp).toMatchObject({ code: 0, stderr: `${FIXTURE}: 2 translation units added, 0 updated\n` });
    const r = await runCli(["tm", "search", "移徙者的汇款等贡献可以产生重要的发展效应。", "--format", "json", "--data-dir", mem]);
    const json = JSON.parse(r.stdout);
    expect(json.matches).toHaveLength(1);
    expect(json.matches[0]).toMatchObject({
      source: "移徙者的汇款等贡献固然可以产生重要的发展效应。",
      target: "Contributions such as migrants' remittances can certainly have important development effects.",
    });
    expect(json.matches[0].score).toBeGreaterThan(0.85);
    expect(json.matches[0].score).toBeLessThan(1);
    // The diff turns the query into the match's source: 固然 is what the memory has in addition.
    expect(json.matches[0].diff).toEqual([
      { op: "equal", text: "移徙者的汇款等贡献" },
      { op: "insert", text: "固然" },
      { op: "equal", text: "可以产生重要的发展效应。" },
    ]);
  });

  it("exports the memory as TMX that imports back with the same units", async () => {
    const tmx = path.join(dir, "export.tmx");
    expect((await runCli(["tm", "export", "-o", tmx, "--data-dir", store])).code).toBe(0);
    const back = path.join(dir, "back");
    const r = await runCli(["tm", "import", tmx, "--no-seed", "--data-dir", back]);
    expect(r.stderr).toBe(`${tmx}: 221 translation units added, 0 updated\n`);
    expect(existsSync(path.join(back, "tm.json"))).toBe(true);
  });
});

describe("yizhi annotate", () => {
  it("adds a glossary entry for 汇款 and changes nothing else", async () => {
    const out = path.join(dir, "annotated.xlf");
    const r = await runCli(["annotate", FIXTURE, "-o", out, "--data-dir", store]);
    expect(r.code).toBe(0);
    const xml = await readFile(out, "utf8");
    expect(xml).toContain('<gls:term source="yizhi:c101">汇款</gls:term>');
    const input = await readFile(FIXTURE, "utf8");
    const stripped = xml.replace(/\n?[ \t]*<gls:glossary[\s\S]*?<\/gls:glossary>/g, "").replace(/\n?[ \t]*<mtc:matches[\s\S]*?<\/mtc:matches>/g, "");
    expect(stripped).toBe(input);
  });

  it("leaves no output file, and no temporary one, when the input turns out bad halfway", async () => {
    // 3,000 good units (more than one written piece) and then a duplicate id: the output is streamed to a
    // temporary file, which must be removed, and an existing output file must keep its old bytes.
    const units = Array.from({ length: 3000 }, (_, i) => `<unit id="u${i}"><segment><source>汇款${i}</source></segment></unit>\n`);
    const bad = path.join(dir, "late-duplicate.xlf");
    await writeFile(
      bad,
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN">\n<file id="f">\n${units.join("")}<unit id="u7"><segment><source>汇款</source></segment></unit>\n</file>\n</xliff>\n`,
    );
    const outDir = path.join(dir, "late-out");
    await mkdir(outDir);
    const out = path.join(outDir, "annotated.xlf");
    await writeFile(out, "previous run\n");
    const r = await runCli(["annotate", bad, "-o", out, "--data-dir", store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`yizhi: ${bad}:3003:1: unit u7: duplicate unit id "u7" (first used at line 10, column 1)\n`);
    expect(await readdir(outDir)).toEqual(["annotated.xlf"]);
    expect(await readFile(out, "utf8")).toBe("previous run\n");
  });
});
