import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  addToConcept,
  conceptFromApproval,
  nextConceptId,
  parseReviewTerm,
  reviewKey,
} from "../../src/extract/review.js";
import { parseTbx } from "../../src/termbase/tbx.js";

const tbxPath = join(import.meta.dirname, "..", "..", "glossary", "un-migration.tbx");
const concepts = parseTbx(readFileSync(tbxPath, "utf8"), tbxPath);

// 002 line 77, as extraction quotes it (the sentence holding 回返移徙者).
const context77 = {
  file: "002_f1fd56940989419e.txt",
  line: 77,
  text: "18. 会议强调必需制订政策和方案，促进回返移徙者重新融入社会，并为利用移徙者在国外掌握的技能提供便利。",
};

describe("parseReviewTerm", () => {
  it("trims a Chinese term and keeps it", () => {
    expect(parseReviewTerm("  回返移徙\n")).toBe("回返移徙");
  });
  it("rejects an empty term, white space inside, no Chinese, and more than 40 characters", () => {
    expect(() => parseReviewTerm("  ")).toThrow("the term is empty");
    expect(() => parseReviewTerm("回返 移徙")).toThrow('the term "回返 移徙" contains white space');
    expect(() => parseReviewTerm("migration")).toThrow('the term "migration" has no Chinese character');
    expect(() => parseReviewTerm("移".repeat(41))).toThrow("the term is longer than 40 characters");
  });
  it("gives the errors status 422 and code bad-term", () => {
    expect(() => parseReviewTerm("abc")).toThrow(expect.objectContaining({ status: 422, code: "bad-term" }));
  });
});

describe("reviewKey", () => {
  it("folds traditional to simplified, so a decision on 移徙數據 covers 移徙数据", () => {
    expect(reviewKey("移徙數據")).toBe("移徙数据");
  });
});

describe("nextConceptId", () => {
  it("gives c396 after the shipped termbase's highest id c395", () => {
    expect(concepts.length).toBe(395);
    expect(nextConceptId(concepts.map((c) => c.id))).toBe("c396");
  });
  it("pads to three digits, ignores other id shapes, and starts at c001", () => {
    expect(nextConceptId(["c9", "x77", "c010"])).toBe("c011");
    expect(nextConceptId([])).toBe("c001");
    expect(nextConceptId(["c999"])).toBe("c1000");
  });
});

describe("conceptFromApproval", () => {
  it("makes the Chinese term preferred, the first English preferred and the others admitted, with contexts", () => {
    const c = conceptFromApproval(
      "c396",
      {
        term: "回返移徙",
        english: ["return migration", "returning migration"],
        contexts: [context77],
        subject: "migration",
      },
      "2026-11-28T09:00:00.000Z",
    );
    expect(c).toEqual({
      id: "c396",
      subject: "migration",
      terms: {
        zh: [{ term: "回返移徙", status: "preferred" }],
        en: [
          { term: "return migration", status: "preferred" },
          { term: "returning migration", status: "admitted" },
        ],
      },
      contexts: [
        { text: context77.text, source: "002_f1fd56940989419e.txt, line 77", lang: "zh", term: "回返移徙" },
      ],
      note: "Approved from extraction candidates on 2026-11-28.",
    });
  });
  it("writes the given source name (a document symbol) for every context", () => {
    const c = conceptFromApproval(
      "c396",
      { term: "回返移徙", english: ["return migration"], contexts: [context77], source: "A/61/187" },
      "2026-11-28T09:00:00.000Z",
    );
    expect(c.contexts[0]?.source).toBe("A/61/187");
  });
});

describe("addToConcept", () => {
  it("adds 回返移徙 to c007 (回返移徙者) as an admitted term, with only the English it lacks", () => {
    const c007 = concepts.find((c) => c.id === "c007");
    expect(c007?.terms.en.map((t) => t.term)).toEqual(["return migrant"]);
    const updated = addToConcept(
      c007!,
      { term: "回返移徙", english: ["Return migrant", "return migration"], contexts: [context77] },
      "admitted",
    );
    expect(updated.terms.zh.map((t) => [t.term, t.status])).toEqual([
      ["回返移徙者", "preferred"],
      ["回返移徙", "admitted"],
    ]);
    expect(updated.terms.en.map((t) => [t.term, t.status])).toEqual([
      ["return migrant", "preferred"],
      ["return migration", "admitted"],
    ]);
    expect(updated.contexts.length).toBe(c007!.contexts.length + 1);
    expect(updated.definition).toBe(c007!.definition);
  });
});
