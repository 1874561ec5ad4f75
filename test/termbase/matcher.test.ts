import { readFileSync } from "node:fs";
import path from "node:path";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { buildTermMatcher, type TermHit } from "../../src/termbase/matcher.js";
import type { Concept, Term, TermStatus } from "../../src/termbase/model.js";

const SOURCES = path.resolve(import.meta.dirname, "../../glossary/sources");

/** Line `n` (1-based) of a corpus file, as it is on disk. */
function corpusLine(file: string, n: number): string {
  const line = readFileSync(path.join(SOURCES, file), "utf8").split("\n")[n - 1];
  if (line === undefined) throw new Error(`${file} has no line ${n}`);
  return line;
}

const t = (term: string, status: TermStatus = "preferred"): Term => ({ term, status });
const concept = (id: string, zh: Term[], en: Term[] = []): Concept => ({
  id,
  terms: { zh, en },
  contexts: [],
});

const CONCEPTS: Concept[] = [
  concept("c001", [t("移徙者")], [t("migrant")]),
  concept("c002", [t("汇款")], [t("remittances"), t("remittance", "admitted")]),
  concept(
    "c003",
    [t("非正常移徙者"), t("不正常移徙者", "admitted"), t("非法移徙者", "deprecated")],
    [t("irregular migrant"), t("illegal migrant", "deprecated")],
  ),
  concept("c004", [t("原籍国"), t("来源国", "admitted")], [t("country of origin")]),
  concept("c005", [t("侨民")], [t("diaspora")]),
  concept("c006", [t("循环移徙")], [t("circular migration")]),
  concept("c007", [t("移徙概况报告")], [t("migration profile")]),
  concept("c008", [t("非正常移徙")], [t("irregular migration")]),
  concept("c009", [t("移徙")], [t("migration")]),
  concept("c010", [], [t("evidence-based policy")]),
];
const matcher = buildTermMatcher(CONCEPTS);

/** Hits in a compact, readable form: [conceptId, text, start, end]. */
const brief = (hits: readonly TermHit[]) => hits.map((h) => [h.conceptId, h.text, h.start, h.end]);

const F000 = "000_9269ffeef60731b4.txt";
const F003 = "003_4ec4a3f0193b5aa8.txt";

describe("matchChinese", () => {
  it("finds 非正常移徙者 as one hit, not 移徙者 inside it (003 line 977)", () => {
    const line = corpusLine(F003, 977);
    expect(line.startsWith("巴西希望将非正常移徙者正常化")).toBe(true);
    expect(matcher.matchChinese(line)).toEqual([
      {
        conceptId: "c003",
        term: "非正常移徙者",
        status: "preferred",
        lang: "zh",
        start: 5,
        end: 11,
        text: "非正常移徙者",
      },
    ]);
  });

  it("takes the longest term at each position: 非正常移徙 then 非正常移徙者 (003 line 979)", () => {
    const line = corpusLine(F003, 979);
    // The line ends in "移" broken off from 徙 by the PDF line break (对于移 / 徙): no hit there.
    expect(line.endsWith("对于移")).toBe(true);
    expect(brief(matcher.matchChinese(line))).toEqual([
      ["c008", "非正常移徙", 3, 8],
      ["c003", "非正常移徙者", 10, 16],
    ]);
  });

  it("finds 汇款 and 侨民 with their offsets (000 line 430)", () => {
    const line = corpusLine(F000, 430);
    expect(brief(matcher.matchChinese(line))).toEqual([
      ["c002", "汇款", 12, 14],
      ["c005", "侨民", 19, 21],
    ]);
  });

  it("matches traditional script against simplified terms, with offsets into the original (000 line 430 in traditional)", () => {
    const simplified = corpusLine(F000, 430);
    const traditional = OpenCC.Converter({ from: "cn", to: "t" })(simplified);
    expect(traditional.slice(4, 22)).toBe("討論的主要重點是匯款問題，這是僑民爲");
    expect(matcher.matchChinese(traditional)).toEqual([
      { conceptId: "c002", term: "汇款", status: "preferred", lang: "zh", start: 12, end: 14, text: "匯款" },
      { conceptId: "c005", term: "侨民", status: "preferred", lang: "zh", start: 19, end: 21, text: "僑民" },
    ]);
  });

  it("reports 来源国 as the admitted term of 原籍国's concept (000 lines 490 and 492)", () => {
    expect(matcher.matchChinese(corpusLine(F000, 490))).toEqual([
      {
        conceptId: "c004",
        term: "原籍国",
        status: "preferred",
        lang: "zh",
        start: 6,
        end: 9,
        text: "原籍国",
      },
      {
        conceptId: "c001",
        term: "移徙者",
        status: "preferred",
        lang: "zh",
        start: 19,
        end: 22,
        text: "移徙者",
      },
    ]);
    expect(matcher.matchChinese(corpusLine(F000, 492))).toEqual([
      { conceptId: "c004", term: "来源国", status: "admitted", lang: "zh", start: 0, end: 3, text: "来源国" },
      { conceptId: "c002", term: "汇款", status: "preferred", lang: "zh", start: 13, end: 15, text: "汇款" },
      {
        conceptId: "c001",
        term: "移徙者",
        status: "preferred",
        lang: "zh",
        start: 28,
        end: 31,
        text: "移徙者",
      },
    ]);
  });

  it("finds 循环移徙 before the shorter 移徙 (003 line 431)", () => {
    expect(brief(matcher.matchChinese(corpusLine(F003, 431)))).toEqual([
      ["c006", "循环移徙", 11, 15],
      ["c009", "移徙", 18, 20],
    ]);
  });

  it("finds 移徙概况报告 inside 《》 (003 line 1605)", () => {
    expect(brief(matcher.matchChinese(corpusLine(F003, 1605)))).toEqual([["c007", "移徙概况报告", 26, 32]]);
  });

  it("finds both 汇款 across the PDF's missing 最 (000 line 391)", () => {
    const line = corpusLine(F000, 391);
    expect(line).toContain("以 大限度地吸纳汇款");
    expect(brief(matcher.matchChinese(line))).toEqual([
      ["c002", "汇款", 24, 26],
      ["c002", "汇款", 31, 33],
    ]);
  });

  it("returns one hit per concept when the same string is a term of two concepts (来源国, 000 line 492)", () => {
    const both = buildTermMatcher([
      concept("c004", [t("原籍国"), t("来源国", "admitted")]),
      concept("c020", [t("来源国")], [t("source country")]),
    ]);
    expect(both.matchChinese(corpusLine(F000, 492))).toEqual([
      { conceptId: "c004", term: "来源国", status: "admitted", lang: "zh", start: 0, end: 3, text: "来源国" },
      {
        conceptId: "c020",
        term: "来源国",
        status: "preferred",
        lang: "zh",
        start: 0,
        end: 3,
        text: "来源国",
      },
    ]);
  });

  it("prefers the concept's term written as in the text when two of its terms fold alike (侨民 / 僑民)", () => {
    const scripts = buildTermMatcher([concept("c005", [t("侨民"), t("僑民", "admitted")])]);
    expect(scripts.matchChinese("海外僑民和侨民")).toEqual([
      { conceptId: "c005", term: "僑民", status: "admitted", lang: "zh", start: 2, end: 4, text: "僑民" },
      { conceptId: "c005", term: "侨民", status: "preferred", lang: "zh", start: 5, end: 7, text: "侨民" },
    ]);
  });

  it("agrees with a naive indexOf oracle on every line of 000 (non-overlapping, leftmost-longest)", () => {
    const lines = readFileSync(path.join(SOURCES, F000), "utf8").split("\n");
    const terms = CONCEPTS.flatMap((c) => c.terms.zh.map((x) => ({ id: c.id, term: x.term })));
    for (const line of lines) {
      const expected: (string | number)[][] = [];
      for (let i = 0; i < line.length;) {
        let best: { id: string; term: string } | undefined;
        for (const x of terms)
          if (line.startsWith(x.term, i) && (!best || x.term.length > best.term.length)) best = x;
        if (!best) {
          i++;
          continue;
        }
        expected.push([best.id, best.term, i, i + best.term.length]);
        i += best.term.length;
      }
      expect(brief(matcher.matchChinese(line))).toEqual(expected);
    }
  });

  it("stays correct on an empty text and on text without Han characters", () => {
    expect(matcher.matchChinese("")).toEqual([]);
    expect(matcher.matchChinese("A/C.2/61/7 06-58180")).toEqual([]);
  });
});

describe("matchEnglish", () => {
  it('matches "Migrants\'" to migrant and "countries of origin" to country of origin, offsets into the original', () => {
    const text = "Migrants' remittances to their countries of origin";
    expect(matcher.matchEnglish(text)).toEqual([
      {
        conceptId: "c001",
        term: "migrant",
        status: "preferred",
        lang: "en",
        start: 0,
        end: 8,
        text: "Migrants",
      },
      {
        conceptId: "c002",
        term: "remittances",
        status: "preferred",
        lang: "en",
        start: 10,
        end: 21,
        text: "remittances",
      },
      {
        conceptId: "c004",
        term: "country of origin",
        status: "preferred",
        lang: "en",
        start: 31,
        end: 50,
        text: "countries of origin",
      },
    ]);
  });

  it('finds "irregular migrants" as one hit for irregular migrant, not also migrant', () => {
    expect(
      brief(
        matcher.matchEnglish("Brazil wishes to regularize irregular migrants rather than criminalize them."),
      ),
    ).toEqual([["c003", "irregular migrants", 28, 46]]);
  });

  it("reports the deprecated form with its status (illegal migrants)", () => {
    expect(matcher.matchEnglish("policies on Illegal Migrants")).toEqual([
      {
        conceptId: "c003",
        term: "illegal migrant",
        status: "deprecated",
        lang: "en",
        start: 12,
        end: 28,
        text: "Illegal Migrants",
      },
    ]);
  });

  it("matches hyphen and space variants of evidence-based policy, and a possessive plural inside a phrase", () => {
    expect(
      brief(matcher.matchEnglish("Evidence based policies and evidence-based policy; migrants' remittance")),
    ).toEqual([
      ["c010", "Evidence based policies", 0, 23],
      ["c010", "evidence-based policy", 28, 49],
      ["c001", "migrants", 51, 59],
      ["c002", "remittance", 61, 71],
    ]);
  });

  it("prefers the term written as in the text: remittance (admitted) for the singular, remittances for the plural", () => {
    expect(matcher.matchEnglish("a remittance; remittances").map((h) => [h.term, h.status])).toEqual([
      ["remittance", "admitted"],
      ["remittances", "preferred"],
    ]);
  });

  it("does not run a term across punctuation (irregular, migrants)", () => {
    expect(brief(matcher.matchEnglish("irregular, migrants"))).toEqual([["c001", "migrants", 11, 19]]);
  });

  it("picks the longest term: circular migration over migration", () => {
    expect(brief(matcher.matchEnglish("Circular migration and migration profiles"))).toEqual([
      ["c006", "Circular migration", 0, 18],
      ["c007", "migration profiles", 23, 41],
    ]);
  });
});
