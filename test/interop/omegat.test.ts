import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTbx } from "../../src/termbase/tbx.js";
import type { TranslationUnit } from "../../src/tm/model.js";
import { parseTmx } from "../../src/tm/tmx.js";
import { ROOT, tempDir } from "../support/cli.js";
import { createOmegatProject, OMEGAT_TIMEOUT_MS, runOmegatConsole } from "./support/omegat.js";
import {
  readTmxWithTranslateToolkit,
  requireOmegat,
  requireTranslateToolkit,
  yizhi,
  type ToolResult,
} from "./tools.js";

/**
 * OmegaT (Debian package `omegat`, 3.6) runs headless on a project made of yizhi's exports: the memory in
 * tm/auto/ (OmegaT inserts exact matches from tm/auto/ only; a TMX in tm/ is shown as matches in the GUI and
 * leaves a console translation untouched), the termbase in glossary/ as TBX v2, a plain-text document of ten
 * memory sentences and a yizhi-annotated XLIFF 1.2 in source/.
 */

const SCRIPT = path.join(ROOT, "test/fixtures/interop/omegat-console.groovy");
const XLIFF_12 = path.join(ROOT, "test/fixtures/interop/un-migration-1.2.xlf");

/**
 * Ten memory units whose source OmegaT's default segmentation rules keep whole (one 。 at the end, no other
 * sentence-final mark, no inline code), taken in turn from each source document.
 */
function pickSentences(units: readonly TranslationUnit[], count: number): TranslationUnit[] {
  const whole = units.filter(
    (u) =>
      u.sourceXml === undefined &&
      u.source.endsWith("。") &&
      u.source.indexOf("。") === u.source.length - 1 &&
      !/[？！；?!]|\. /.test(u.source),
  );
  const byFile = new Map<string, TranslationUnit[]>();
  for (const u of whole) {
    const key = u.origin?.file ?? "";
    byFile.set(key, [...(byFile.get(key) ?? []), u]);
  }
  const queues = [...byFile.values()];
  const picked: TranslationUnit[] = [];
  for (let i = 0; picked.length < count; i++) {
    const before = picked.length;
    for (const queue of queues) {
      const unit = queue[i];
      if (unit !== undefined && picked.length < count) picked.push(unit);
    }
    if (picked.length === before) break;
  }
  return picked;
}

let dir: string;
let project: string;
let sentences: TranslationUnit[];
let annotatedXliff: string;
let run: ToolResult;
let runMs: number;

const omegatOutput = () => `--- OmegaT stdout ---\n${run.stdout}\n--- OmegaT stderr ---\n${run.stderr}`;

beforeAll(async () => {
  requireOmegat();
  requireTranslateToolkit();
  dir = await tempDir("yizhi-omegat-");
  const store = path.join(dir, "store");
  project = path.join(dir, "project");
  await createOmegatProject(project);

  // What the README tells an OmegaT user to run.
  await yizhi(["tm", "export", "-o", path.join(project, "tm/auto/yizhi.tmx"), "--data-dir", store]);
  await yizhi([
    "termbase",
    "export",
    "--tbx-version",
    "2",
    "-o",
    path.join(project, "glossary/yizhi.tbx"),
    "--data-dir",
    store,
  ]);
  // The default TBX v3 export beside it, to show what OmegaT's reader makes of it.
  await yizhi(["termbase", "export", "-o", path.join(project, "glossary/yizhi-v3.tbx"), "--data-dir", store]);
  await yizhi([
    "annotate",
    XLIFF_12,
    "-o",
    path.join(project, "source/un-migration.xlf"),
    "--data-dir",
    store,
  ]);
  annotatedXliff = await readFile(path.join(project, "source/un-migration.xlf"), "utf8");

  const memory = parseTmx(await readFile(path.join(project, "tm/auto/yizhi.tmx"), "utf8"), "yizhi.tmx");
  sentences = pickSentences(memory, 10);
  await writeFile(
    path.join(project, "source/un-migration.txt"),
    sentences.map((u) => u.source).join("\n\n") + "\n",
  );

  const started = Date.now();
  run = await runOmegatConsole(project, dir, SCRIPT);
  runMs = Date.now() - started;
}, OMEGAT_TIMEOUT_MS + 60_000);

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("OmegaT 3.6 console-translate on a project of yizhi exports", () => {
  it("finishes within the time bound with exit code 0", () => {
    expect(run.signal, omegatOutput()).toBeNull();
    expect(run.code, omegatOutput()).toBe(0);
    expect(runMs).toBeLessThan(OMEGAT_TIMEOUT_MS);
  });

  it("picks ten memory sentences from four source documents", () => {
    expect(sentences).toHaveLength(10);
    expect(new Set(sentences.map((u) => u.origin?.file)).size).toBe(4);
  });

  it("reads yizhi's TMX from tm/auto/ (creation tool yizhi, source language zh-CN)", () => {
    expect(run.stdout + run.stderr).toContain("Created by: yizhi (TMXR_INFO_CREATION_TOOL)");
    expect(run.stdout + run.stderr).toContain("Source language: zh-CN (TMXR_INFO_SOURCE_LANG)");
  });

  it("translates the ten-sentence document with our English, sentence by sentence", async () => {
    const target = await readFile(path.join(project, "target/un-migration.txt"), "utf8");
    expect(target).toBe(sentences.map((u) => u.target).join("\n\n") + "\n");
  });

  it("reads the TBX v2 export with its own GlossaryReaderTBX: one entry per Chinese × English term, 汇款 → remittances", async () => {
    const concepts = parseTbx(await readFile(path.join(project, "glossary/yizhi.tbx"), "utf8"), "yizhi.tbx");
    const expected = concepts.flatMap((c) =>
      c.terms.zh.flatMap((zh) =>
        c.terms.en.length === 0 ? [`${zh.term}\t`] : c.terms.en.map((en) => `${zh.term}\t${en.term}`),
      ),
    );
    expect(run.stdout, omegatOutput()).toContain(`GLOSSARY-FILE\tyizhi.tbx\t${expected.length}\n`);
    const entries = run.stdout
      .split("\n")
      .filter((l) => l.startsWith("GLOSSARY-ENTRY\tyizhi.tbx\t"))
      .map((l) => l.slice("GLOSSARY-ENTRY\tyizhi.tbx\t".length));
    expect(entries).toEqual(expected);
    expect(entries).toContain("汇款\tremittances");
    expect(entries).toContain("非正常移徙者\tirregular migrant");
  });

  it("rejects the TBX v3 (ISO 30042:2019) export: its reader knows only <martif>, hence --tbx-version 2", () => {
    expect(run.stdout).toContain(
      'GLOSSARY-ERROR\tyizhi-v3.tbx\tjavax.xml.bind.UnmarshalException: unexpected element (uri:"urn:iso:std:iso:30042:ed-2", local:"tbx")',
    );
  });

  it("opens the yizhi-annotated XLIFF 1.2 and writes it back with our notes and alt-trans unchanged", async () => {
    const target = await readFile(path.join(project, "target/un-migration.xlf"), "utf8");
    // OmegaT's writer drops the final newline and changes nothing else.
    expect(target).toBe(annotatedXliff.replace(/\n$/, ""));
    expect(target.match(/<note from="yizhi" annotates="source">/g)).toHaveLength(10);
    expect(target.match(/<alt-trans match-quality="/g)).toHaveLength(5);
  });

  it("writes project_save.tmx (OmegaT's TMX 1.1, lang=) with the ten translations: the same bytes as its -omegat.tmx export", async () => {
    const saved = await readFile(path.join(project, "omegat/project_save.tmx"), "utf8");
    expect(saved).toBe(await readFile(path.join(project, "project-omegat.tmx"), "utf8"));
    expect(saved).toContain('<tmx version="1.1">');
    expect(saved).toContain('creationtool="OmegaT"');
    const units = await readTmxWithTranslateToolkit(path.join(project, "omegat/project_save.tmx"));
    expect(units.map((u) => `${u.source}\t${u.target}`).sort()).toEqual(
      sentences.map((u) => `${u.source}\t${u.target}`).sort(),
    );
  });

  it("project_save.tmx imports into yizhi and exports again without loss (texts and languages)", async () => {
    const store = path.join(dir, "roundtrip-store");
    const saved = path.join(project, "omegat/project_save.tmx");
    const imported = await yizhi(["tm", "import", saved, "--data-dir", store, "--no-seed"]);
    expect(imported.stderr).toBe(`${saved}: 10 translation units added, 0 updated\n`);
    const exported = path.join(dir, "roundtrip.tmx");
    await yizhi(["tm", "export", "-o", exported, "--data-dir", store, "--no-seed"]);
    const before = await readTmxWithTranslateToolkit(saved);
    const after = await readTmxWithTranslateToolkit(exported);
    expect(after).toEqual(before);
    const xml = await readFile(exported, "utf8");
    expect(xml.match(/<tuv xml:lang="zh-CN">/g)).toHaveLength(10);
    expect(xml.match(/<tuv xml:lang="en">/g)).toHaveLength(10);
  });
});
