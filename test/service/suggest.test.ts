import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { createSuggester, type SuggestOptions } from "../../src/service/suggest.js";
import { buildTermMatcher } from "../../src/termbase/matcher.js";
import { parseTbx } from "../../src/termbase/tbx.js";
import { createTmIndex } from "../../src/tm/index.js";
import type { TranslationUnit } from "../../src/tm/model.js";
import type { TmIndex } from "../../src/tm/index.js";
import { readXliff, type XliffDocument } from "../../src/xliff/read.js";

const TBX = new URL("../../glossary/un-migration.tbx", import.meta.url);
const concepts = parseTbx(readFileSync(TBX, "utf8"), "un-migration.tbx");
const byId = new Map(concepts.map((c) => [c.id, c]));
const matcher = buildTermMatcher(concepts);

// Corpus text, glossary/sources/000_9269ffeef60731b4.txt: the end of the title (line 7), line 442 (after
// "41. ") and line 444.
const HEADING = "国际移徙与发展";
const A = "汇款往往被用于消费，而不是用于能够对发展产生持久影响的其他用途。";
const B = "一些发言者和与会者强调指出，汇款并不总能对发展产生直接影响。";

const xliff = (sources: readonly string[]) =>
  readXliff(
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en"><file id="f">${sources
      .map((s, i) => `<unit id="u${i}"><segment id="s${i}"><source>${s}</source></segment></unit>`)
      .join("")}</file></xliff>`,
    "doc.xlf",
  );

const unit = (id: string, source: string, target: string, previousSource?: string): TranslationUnit => ({
  id,
  source,
  target,
  sourceLang: "zh-CN",
  targetLang: "en",
  ...(previousSource !== undefined ? { previousSource } : {}),
});

/** One suggester over a whole document, in order, keyed by unit id (as annotate uses it). */
function suggestForDocument(doc: XliffDocument, tm: TmIndex, options: SuggestOptions) {
  const suggest = createSuggester(byId, matcher, tm, options);
  return new Map(doc.units.map((u) => [u.id, suggest(u)]));
}

describe("createSuggester", () => {
  it("offers the shipped termbase's terms and the memory's matches per segment", () => {
    const tm = createTmIndex();
    tm.add([unit("t1", A, "Remittances are often used for consumption rather than for other uses with a lasting effect on development.")]);
    const suggest = createSuggester(byId, matcher, tm, { minMatch: 0.7, maxMatches: 3 });
    const s = suggest(xliff([A]).units[0]!);
    expect(s?.matches.map((m) => [m.id, m.similarity])).toEqual([["t1", 1]]);
    expect(s?.glossary.map((g) => g.term)).toEqual(expect.arrayContaining(["汇款"]));
  });

  it("answers a repeated segment by its own previous segment when the memory records context", () => {
    // Two translations of the same source, each remembered after a different sentence: the one whose context
    // matches ranks first (in-context exact match), so a repetition must not reuse the first answer.
    const tm = createTmIndex();
    tm.add([unit("after-heading", A, "EN after heading", HEADING), unit("after-b", A, "EN after B", B)]);
    expect(tm.withContext).toBe(2);
    const doc = xliff([HEADING, A, B, A]);
    const got = suggestForDocument(doc, tm, { minMatch: 0.7, maxMatches: 1 });
    expect(got.get("u1")?.matches.map((m) => m.id)).toEqual(["after-heading"]);
    expect(got.get("u3")?.matches.map((m) => m.id)).toEqual(["after-b"]);
  });

  it("gives a repetition the same matches as its first occurrence when no unit records context", () => {
    const tm = createTmIndex();
    tm.add([unit("t1", A, "EN 1"), unit("t2", A.replace("消费", "日常消费"), "EN 2")]);
    expect(tm.withContext).toBe(0);
    const doc = xliff([A, B, A, HEADING, A]);
    const got = suggestForDocument(doc, tm, { minMatch: 0.7, maxMatches: 3 });
    const first = got.get("u0")?.matches.map((m) => [m.id, m.similarity, m.segmentId]);
    expect(first).toEqual([
      ["t1", 1, "s0"],
      ["t2", expect.any(Number), "s0"],
    ]);
    // Same matches, each named for its own segment.
    expect(got.get("u2")?.matches.map((m) => [m.id, m.similarity])).toEqual(first?.map(([id, s]) => [id, s]));
    expect(got.get("u4")?.matches.map((m) => m.segmentId)).toEqual(["s4", "s4"]);
    // The glossary hits too (汇款 …), looked up once, named for each segment.
    const terms = got.get("u0")?.glossary.map((g) => [g.conceptId, g.term]);
    expect(terms?.length).toBeGreaterThan(0);
    expect(got.get("u4")?.glossary.map((g) => [g.conceptId, g.term])).toEqual(terms);
    expect(new Set(got.get("u4")?.glossary.map((g) => g.segmentId))).toEqual(new Set(["s4"]));
    // Marked as repeats of one another (the planner then writes them from one rendering), and not of others.
    expect(got.get("u2")?.repeats).toBeDefined();
    expect(got.get("u2")?.repeats).toBe(got.get("u0")?.repeats);
    expect(got.get("u4")?.repeats).toBe(got.get("u0")?.repeats);
    expect(got.get("u1")?.repeats).not.toBe(got.get("u0")?.repeats);
  });

  it("does not mark a unit of several segments as a repeat", () => {
    const tm = createTmIndex();
    tm.add([unit("t1", A, "EN 1")]);
    const doc = readXliff(
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN"><file id="f"><unit id="u0"><segment id="a"><source>${A}</source></segment><segment id="b"><source>${A}</source></segment></unit></file></xliff>`,
      "two.xlf",
    );
    const s = createSuggester(byId, matcher, tm, { minMatch: 0.7, maxMatches: 3 })(doc.units[0]!);
    expect(s?.matches.map((m) => m.segmentId)).toEqual(["a", "b"]);
    expect(s?.repeats).toBeUndefined();
  });
});
