import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTmx } from "../../src/tm/tmx.js";
import { readXliff } from "../../src/xliff/read.js";
import { ROOT, runCli, tempDir } from "../support/cli.js";
import { startServer } from "../support/server.js";
import { validateXliff } from "../support/validate.js";

// The document round trip of a translator's day: prepare → translate in a CAT tool → check → merge → remember.
const DOC = path.join(ROOT, "glossary/sources/004_c6292b922524f64f.txt");
let dir: string;
let store: string;

beforeAll(async () => {
  dir = await tempDir();
  store = path.join(dir, "store");
  // A store with the termbase and an empty memory, so that what the memory learns is exactly what we import.
  const r = await runCli(["termbase", "import", "glossary/un-migration.tbx", "--no-seed", "--data-dir", store]);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** English for corpus sentences, from the shipped memory: what our translator "knows". */
async function translations(): Promise<Map<string, string>> {
  const tmx = path.join(ROOT, "tm/un-migration.tmx");
  return new Map(parseTmx(await readFile(tmx, "utf8"), tmx).map((u) => [u.source, u.target]));
}

/** Fills targets the way a CAT tool writes them: a <target> after the segment's <source>, state translated. */
function fill(xml: string, targets: ReadonlyMap<string, string>): string {
  return xml.replace(/<segment id="(s\d+)">(\s*)<source>([^<]*)<\/source>/g, (all, id: string, space: string, source: string) => {
    const target = targets.get(id);
    if (target === undefined) return all;
    return `<segment id="${id}" state="translated">${space}<source>${source}</source>${space}<target>${target}</target>`;
  });
}

describe("from a document to a checked translation, and back into the memory (004_c6292b922524f64f.txt)", () => {
  it("prepares, checks, merges, remembers only clean segments, and pre-translates them next time", async () => {
    const xlf = path.join(dir, "004.xlf");
    const prep = await runCli(["prepare", DOC, "-o", xlf, "--data-dir", store]);
    expect(prep.code).toBe(0);
    expect(prep.stderr).toMatch(/: 74 units, 117 segments \(zh-CN\); \d+ glossary hits, 0 TM matches\n$/);
    const xml = await readFile(xlf, "utf8");
    expect((await validateXliff(xml, "2.0")).valid).toBe(true);

    // The translator translates six sentences and gets 移徙者 wrong in one of them.
    const english = await translations();
    const doc = readXliff(xml, xlf);
    const known = doc.units.flatMap((u) => u.segments).filter((s) => english.has(s.source.text));
    const wrong = known.find((s) => s.source.text.includes("移徙者") && /migrants/i.test(english.get(s.source.text) ?? ""));
    expect(wrong).toBeDefined();
    const chosen = [...known.filter((s) => s !== wrong).slice(0, 5), wrong as (typeof known)[number]];
    const targets = new Map(
      chosen.map((s) => {
        const en = english.get(s.source.text) as string;
        return [s.id as string, s === wrong ? en.replace(/migrants/gi, "newcomers") : en];
      }),
    );
    await writeFile(xlf, fill(xml, targets));

    const check = await runCli(["check", xlf, "--format", "json", "--data-dir", store]);
    expect(check.code).toBe(1);
    const errors = JSON.parse(check.stdout).findings.filter((f: { severity: string }) => f.severity === "error");
    expect(errors.map((f: { segment: string; rule: string; term: string }) => [f.segment, f.rule, f.term])).toEqual([
      [wrong?.id, "term-not-translated", "移徙者"],
    ]);

    const merged = await runCli(["merge", xlf, "--data-dir", store]);
    expect(merged.stderr).toBe(`${xlf}: 6 of 117 segments translated; 111 left in the source language\n`);
    for (const t of targets.values()) expect(merged.stdout).toContain(t);
    expect(merged.stdout).toContain("第六十一届会议\n\n");

    const imp = await runCli(["tm", "import", xlf, "--only-clean", "--data-dir", store]);
    expect(imp.code).toBe(0);
    expect(imp.stderr.split("\n")).toEqual([
      `${xlf}: unit ${doc.units.find((u) => u.segments.includes(wrong as never))?.id} segment ${wrong?.id}: not imported: "移徙者" should be translated as "migrant" (term-not-translated)`,
      `${xlf}: 5 translation units added, 0 updated`,
      "",
    ]);
    const memory = JSON.parse(await readFile(path.join(store, "tm.json"), "utf8")).records as { source: string; origin: { file: string }; createdAt: string }[];
    expect(memory.map((u) => u.source).sort()).toEqual(chosen.filter((s) => s !== wrong).map((s) => s.source.text).sort());
    expect(memory.every((u) => u.origin.file === "004.xlf" && /^\d{4}-\d\d-\d\dT/.test(u.createdAt))).toBe(true);

    // Next time the same document comes in, the five clean sentences are pre-translated from the memory.
    const again = path.join(dir, "004-again.xlf");
    const re = await runCli(["prepare", DOC, "-o", again, "--pretranslate", "--data-dir", store]);
    expect(re.stderr).toMatch(/, 5 pre-translated\n$/);
    const redoc = readXliff(await readFile(again), again);
    const filled = redoc.units.flatMap((u) => u.segments).filter((s) => s.target && s.target.text !== "");
    expect(filled.map((s) => s.target?.text).sort()).toEqual(chosen.filter((s) => s !== wrong).map((s) => targets.get(s.id as string)).sort());
  });

  it("refuses --only-clean on a TMX file and an empty document, with exit 2", async () => {
    const tmx = await runCli(["tm", "import", "tm/un-migration.tmx", "--only-clean", "--data-dir", store]);
    expect(tmx, tmx.stderr).toMatchObject({ code: 2, stderr: "yizhi: tm/un-migration.tmx: --only-clean checks XLIFF files; a TMX file has no check to pass\n" });
    const empty = path.join(dir, "empty.txt");
    await writeFile(empty, "  \n");
    const r = await runCli(["prepare", empty, "--data-dir", store]);
    expect(r, r.stderr).toMatchObject({ code: 2, stderr: `yizhi: ${empty}: the document is empty\n` });
  });

  it("prepare --copy-source writes XLIFF 1.2 targets that copy the source, and refuses 2.0 and --pretranslate with exit 2", async () => {
    const xlf = path.join(dir, "004-copy.xlf");
    const r = await runCli(["prepare", DOC, "--xliff", "1.2", "--copy-source", "-o", xlf, "--data-dir", store]);
    expect(r.code, r.stderr).toBe(0);
    // The memory holds the five sentences the first test imported.
    expect(r.stderr).toMatch(/: 74 units, 117 segments \(zh-CN\); \d+ glossary hits, 5 TM matches, 117 targets copy the source\n$/);
    const xml = await readFile(xlf, "utf8");
    expect(xml).toContain('<target state="needs-translation"><mrk mtype="seg" mid="s1">第六十一届会议</mrk></target>');
    expect(xml.match(/<target state="needs-translation">/g)).toHaveLength(74);
    expect((await validateXliff(xml, "1.2")).errors).toEqual([]);
    const merged = await runCli(["merge", xlf]);
    expect(merged.stderr).toBe(`${xlf}: 0 of 117 segments translated; 117 left in the source language\n`);

    const v2 = await runCli(["prepare", DOC, "--copy-source", "--data-dir", store]);
    expect(v2).toMatchObject({ code: 2, stdout: "", stderr: "yizhi: --copy-source writes XLIFF 1.2: add --xliff 1.2\n" });
    const both = await runCli(["prepare", DOC, "--xliff", "1.2", "--copy-source", "--pretranslate", "--data-dir", store]);
    expect(both).toMatchObject({ code: 2, stdout: "", stderr: "yizhi: --copy-source and --pretranslate cannot be combined\n" });
  });

  it("POST /api/prepare?xliff=1.2&copySource=true does the same over HTTP, and answers 400 to copySource with 2.0 (004_c6292b922524f64f.txt:1)", async () => {
    const server = await startServer(["--data-dir", store]);
    try {
      const post = (query: string) =>
        fetch(new URL(`/api/prepare?${query}`, server.url), {
          method: "POST",
          headers: { "content-type": "text/plain; charset=utf-8" },
          body: "第六十一届会议\n",
        });
      const ok = await post("xliff=1.2&copySource=true&file=004.txt");
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('<target state="needs-translation"><mrk mtype="seg" mid="s1">第六十一届会议</mrk></target>');
      const bad = await Promise.all(
        ["copySource=true", "xliff=1.2&copySource=yes", "xliff=1.2&copySource=true&pretranslate=true"].map(async (q) => {
          const res = await post(q);
          return [res.status, ((await res.json()) as { detail: string }).detail];
        }),
      );
      expect(bad).toEqual([
        [400, 'query parameter "copySource" needs xliff=1.2'],
        [400, 'query parameter "copySource" must be true or false'],
        [400, 'query parameters "copySource" and "pretranslate" cannot be combined'],
      ]);
    } finally {
      await server.stop();
    }
  });
});
