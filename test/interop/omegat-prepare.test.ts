import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXliff } from "../../src/xliff/read.js";
import { ROOT, runCli, tempDir } from "../support/cli.js";
import { validateXliff } from "../support/validate.js";
import { createOmegatProject, OMEGAT_TIMEOUT_MS, runOmegatConsole } from "./support/omegat.js";
import { requireOmegat, yizhi, type ToolResult } from "./tools.js";

/**
 * OmegaT 3.6 (Debian package `omegat`) translates a document that `yizhi prepare --xliff 1.2 --copy-source`
 * made from a corpus file. OmegaT's XLIFF filter translates only the text of `<target>` (`<source>` and
 * `<seg-source>` are intact to it), hence the copy; it inserts the exact matches of a TMX in the project's
 * tm/auto/ folder (a TMX directly in tm/ is shown in the GUI only). The same document prepared without
 * --copy-source sits beside it and comes out untouched.
 */

const DOC = path.join(ROOT, "glossary/sources/004_c6292b922524f64f.txt");

/**
 * Six sentences of 004_c6292b922524f64f.txt by the segment id `prepare` gives them, with the Chinese they must
 * have and English written for this test (the document's official English is not in the corpus); s27 holds a
 * terminology error.
 */
const TRANSLATIONS: readonly { id: string; zh: string; en: string }[] = [
  { id: "s1", zh: "第六十一届会议", en: "Sixty-first session" },
  {
    id: "s3",
    zh: "全球化和相互依存：国际移徙与发展",
    en: "Globalization and interdependence: international migration and development",
  },
  {
    id: "s14",
    zh: "赫尔辛基进程国际移徙问题会议的报告",
    en: "Report of the Helsinki Process conference on international migration",
  },
  {
    id: "s17",
    zh: "赫尔辛基进程国际移徙问题会议于2006年7月25日和26日在墨西哥城举行。",
    en: "The Helsinki Process conference on international migration was held in Mexico City on 25 and 26 July 2006.",
  },
  {
    // The translator's slip: 移徙者 is "migrants" in the termbase, so `check` finds an error here.
    id: "s27",
    zh: "认识到移徙者为世界作出相当大的贡献，包括扩大文化交流及促进经济发展和社会进步；",
    en: "Recognizing that newcomers make a considerable contribution to the world, including by broadening cultural exchange and promoting economic development and social progress;",
  },
  {
    id: "s28",
    zh: "移徙者为原籍国社会作出宝贵、积极的贡献，并将继续这样做。",
    en: "Migrants make a valuable and positive contribution to the societies of their countries of origin, and will continue to do so.",
  },
];

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A TMX 1.4 memory of the six sentences, as any CAT tool or yizhi's `tm export` would hand to OmegaT. */
function projectTmx(): string {
  const tus = TRANSLATIONS.map(
    (t) =>
      `    <tu><tuv xml:lang="zh-CN"><seg>${escapeXml(t.zh)}</seg></tuv><tuv xml:lang="en"><seg>${escapeXml(t.en)}</seg></tuv></tu>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    '  <header creationtool="yizhi-test" creationtoolversion="1" segtype="sentence" o-tmf="yizhi" adminlang="en" srclang="zh-CN" datatype="plaintext"/>',
    "  <body>",
    ...tus,
    "  </body>",
    "</tmx>",
    "",
  ].join("\n");
}

let dir: string;
let store: string;
let project: string;
let prepared: string;
let plain: string;
let run: ToolResult;
let runMs: number;

const omegatOutput = () => `--- OmegaT stdout ---\n${run.stdout}\n--- OmegaT stderr ---\n${run.stderr}`;
const sourceFile = () => path.join(project, "source/004.xlf");
const targetFile = () => path.join(project, "target/004.xlf");

beforeAll(async () => {
  requireOmegat();
  dir = await tempDir("yizhi-omegat-prepare-");
  store = path.join(dir, "store");
  project = path.join(dir, "project");
  await createOmegatProject(project);
  // The termbase and an empty memory, so that what the memory learns is exactly what OmegaT translated.
  await yizhi(["termbase", "import", "glossary/un-migration.tbx", "--no-seed", "--data-dir", store]);
  const prep = await yizhi([
    "prepare",
    DOC,
    "--xliff",
    "1.2",
    "--copy-source",
    "-o",
    sourceFile(),
    "--data-dir",
    store,
  ]);
  expect(prep.stderr).toMatch(
    /: 74 units, 117 segments \(zh-CN\); \d+ glossary hits, 0 TM matches, 117 targets copy the source\n$/,
  );
  prepared = await readFile(sourceFile(), "utf8");
  const plainFile = path.join(project, "source/004-plain.xlf");
  await yizhi(["prepare", DOC, "--xliff", "1.2", "-o", plainFile, "--data-dir", store]);
  plain = await readFile(plainFile, "utf8");
  await writeFile(path.join(project, "tm/auto/translations.tmx"), projectTmx());

  const started = Date.now();
  run = await runOmegatConsole(project, dir);
  runMs = Date.now() - started;
}, OMEGAT_TIMEOUT_MS + 60_000);

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("OmegaT 3.6 console-translate on `yizhi prepare --xliff 1.2 --copy-source` of 004_c6292b922524f64f.txt", () => {
  it("finishes with exit code 0 within the time bound", () => {
    expect(run.signal, omegatOutput()).toBeNull();
    expect(run.code, omegatOutput()).toBe(0);
    expect(runMs).toBeLessThan(OMEGAT_TIMEOUT_MS);
  });

  it("the prepared file gives the six sentences the ids and Chinese the memory was written for", () => {
    const segments = new Map(
      readXliff(prepared, "004.xlf").units.flatMap((u) =>
        u.segments.map((s) => [s.id, s.source.text] as const),
      ),
    );
    expect(TRANSLATIONS.map((t) => segments.get(t.id))).toEqual(TRANSLATIONS.map((t) => t.zh));
  });

  it("writes the memory's English into exactly the six <mrk> of <target>, keeps state needs-translation, drops the final newline", async () => {
    const out = await readFile(targetFile(), "utf8");
    let expected = prepared.replace(/\n$/, "");
    for (const t of TRANSLATIONS) {
      const copy = `<mrk mtype="seg" mid="${t.id}">${t.zh}</mrk>`;
      // In <seg-source> and in <target>: OmegaT changes only the second.
      const at = expected.indexOf(copy, expected.indexOf(copy) + copy.length);
      expect(at, t.id).toBeGreaterThan(0);
      expected = `${expected.slice(0, at)}<mrk mtype="seg" mid="${t.id}">${escapeXml(t.en)}</mrk>${expected.slice(at + copy.length)}`;
    }
    expect(out).toBe(expected);
    expect(out).toContain(
      `<target state="needs-translation"><mrk mtype="seg" mid="s17">${TRANSLATIONS[3]?.en}</mrk> <mrk mtype="seg" mid="s18">18个国家、7个国际组织和12个民间社会组织的代表和专家参加了这次会议。</mrk></target>`,
    );
  });

  it("OmegaT's output is valid against the OASIS XLIFF 1.2 strict schema", async () => {
    const result = await validateXliff(await readFile(targetFile()), "1.2");
    expect(result.errors).toEqual([]);
  });

  it("reads back with English in the six segments and every other target still equal to its source", async () => {
    const doc = readXliff(await readFile(targetFile()), "004.xlf");
    const segments = doc.units.flatMap((u) => u.segments);
    expect(segments).toHaveLength(117);
    const changed = segments.filter((s) => s.target?.text !== s.source.text);
    expect(changed.map((s) => [s.id, s.target?.text])).toEqual(TRANSLATIONS.map((t) => [t.id, t.en]));
    expect(new Set(segments.map((s) => s.state))).toEqual(new Set(["needs-translation"]));
  });

  it("leaves the same document prepared without --copy-source untranslated: no <target>, nothing to translate", async () => {
    expect(plain).not.toContain("<target");
    expect(await readFile(path.join(project, "target/004-plain.xlf"), "utf8")).toBe(plain.replace(/\n$/, ""));
  });

  it("yizhi merge gives English for exactly the six sentences and counts the 111 copies as untranslated", async () => {
    const untouched = await yizhi(["merge", sourceFile()]);
    expect(untouched.stderr).toBe(
      `${sourceFile()}: 0 of 117 segments translated; 117 left in the source language\n`,
    );
    const merged = await yizhi(["merge", targetFile()]);
    expect(merged.stderr).toBe(
      `${targetFile()}: 6 of 117 segments translated; 111 left in the source language\n`,
    );
    const before = untouched.stdout.split("\n\n");
    const after = merged.stdout.split("\n\n");
    expect([before.length, after.length]).toEqual([74, 74]);
    const en = (id: string) => TRANSLATIONS.find((t) => t.id === id)?.en ?? "";
    expect(after.filter((p, i) => p !== before[i])).toEqual([
      "Sixty-first session",
      "Globalization and interdependence: international migration and development",
      "Report of the Helsinki Process conference on international migration",
      `${en("s17")} 18个国家、7个国际组织和12个民间社会组织的代表和专家参加了这次会议。`,
      `${en("s27")} ${en("s28")}`,
    ]);
  });

  it("yizhi check reads OmegaT's English as translations and the copies as untranslated: one error, in s27", async () => {
    const check = await runCli(["check", targetFile(), "--format", "json", "--data-dir", store]);
    expect(check.code, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout) as {
      findings: { rule: string; segment: string; severity: string; term?: string }[];
    };
    // The copies hold 移徙者 and other approved terms in Chinese; had they counted as translations,
    // term-not-translated would fire on each of them.
    expect(
      report.findings.filter((f) => f.severity === "error").map((f) => [f.segment, f.rule, f.term]),
    ).toEqual([["s27", "term-not-translated", "移徙者"]]);
  });

  it("yizhi tm import --only-clean adds exactly the five clean translated sentences to the memory", async () => {
    const imported = await yizhi(["tm", "import", targetFile(), "--only-clean", "--data-dir", store]);
    expect(imported.stderr.split("\n")).toEqual([
      `${targetFile()}: unit p23 segment s27: not imported: "移徙者" should be translated as "migrant" (term-not-translated)`,
      `${targetFile()}: 5 translation units added, 0 updated`,
      "",
    ]);
    const memory = JSON.parse(await readFile(path.join(store, "tm.json"), "utf8")) as {
      records: { id: string; source: string; target: string }[];
    };
    const clean = TRANSLATIONS.filter((t) => t.id !== "s27");
    const unitOf: Record<string, string> = { s1: "p1", s3: "p3", s14: "p14", s17: "p17", s28: "p23" };
    expect(memory.records.map((r) => [r.id, r.source, r.target])).toEqual(
      clean.map((t) => [`004.xlf#${unitOf[t.id]}/${t.id}`, t.zh, t.en]),
    );
  });
});
