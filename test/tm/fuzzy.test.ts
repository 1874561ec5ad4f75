import { describe, expect, it } from "vitest";
import {
  compareMatches,
  diffTexts,
  finalScore,
  formatOrigin,
  matchKey,
  PENALTY,
  scoreFuzzy,
  textFacts,
  toTmSearchJson,
  type TmMatch,
} from "../../src/tm/fuzzy.js";
import type { TranslationUnit } from "../../src/tm/model.js";

const unit = (id: string, source: string, extra: Partial<TranslationUnit> = {}): TranslationUnit => ({
  id,
  source,
  target: `target of ${id}`,
  sourceLang: "zh-CN",
  targetLang: "en",
  ...extra,
});

describe("matchKey", () => {
  it("000_9269ffeef60731b4.txt:432 — drops spaces and punctuation, folds width and case, keeps digits", () => {
    expect(matchKey("发展中国家在 2005 年收到的有正式记录的国际汇款估计约为 1 670 亿美元，")).toBe(
      "发展中国家在2005年收到的有正式记录的国际汇款估计约为1670亿美元",
    );
    expect(matchKey("ＩＯＭ（国际移徙组织）２００６")).toBe("iom国际移徙组织2006");
  });

  it("folds traditional to simplified character by character, and drops U+FFFC codes", () => {
    expect(matchKey("國際移徙組織\uFFFC。")).toBe("国际移徙组织");
  });

  it("returns the very string when nothing changes", () => {
    const s = "移徙组织理事会";
    expect(matchKey(s)).toBe(s);
  });
});

describe("textFacts", () => {
  it("reads numbers with the corpus's inner spaces and thousands commas as one number", () => {
    expect(textFacts("约为 1 670 亿美元，2005 年，1,670 和 ３.５").numbers).toBe("1670|2005|1670|3.5");
  });

  it("counts inline codes and traditional characters", () => {
    const f = textFacts("還強調\uFFFC民間社會\uFFFC");
    expect([f.codes, f.scriptCount]).toEqual([2, 5]);
  });
});

describe("scoreFuzzy penalties", () => {
  const source = "移徙组织（IOM）的成员迅速扩大。";

  it("charges case alone at 0.99", () => {
    const m = scoreFuzzy("移徙组织（iom）的成员迅速扩大。", unit("u", source));
    expect([m.score, m.penalties]).toEqual([0.99, [{ kind: "case", amount: PENALTY.case }]]);
  });

  it("charges full-width vs half-width brackets as punctuation", () => {
    const m = scoreFuzzy("移徙组织(IOM)的成员迅速扩大。", unit("u", source));
    expect([m.score, m.penalties]).toEqual([0.99, [{ kind: "punctuation", amount: PENALTY.punctuation }]]);
  });

  it("charges each missing inline code, and a moved code once", () => {
    const withCodes = unit("u", "会议提请注意\uFFFC《公约》\uFFFC的作用。");
    expect(scoreFuzzy("会议提请注意《公约》的作用。", withCodes).penalties).toEqual([
      { kind: "inline-code", amount: 0.04 },
    ]);
    expect(scoreFuzzy("会议提请注意《公约》的作用。", withCodes).score).toBe(0.96);
    expect(scoreFuzzy("会议提请注意\uFFFC《公约》的\uFFFC作用。", withCodes).penalties).toEqual([
      { kind: "inline-code", amount: 0.02 },
    ]);
  });

  it("adds penalties to a fuzzy score: a changed year in a longer sentence (000_9269ffeef60731b4.txt:40)", () => {
    const tm = unit(
      "u",
      "2005年11月，移徙组织理事会第九十届会议，除其它外讨论了同即将举行的高级别对话有直接关联的专题。",
    );
    const m = scoreFuzzy(
      "2006年11月，移徙组织理事会第九十届会议，除其它外讨论了同即将举行的高级别对话有直接关联的专题。",
      tm,
    );
    // Key: 47 characters, one substitution.
    expect(matchKey(tm.source).length).toBe(47);
    expect([m.score, m.penalties]).toEqual([
      Math.round((1 - 1 / 47 - PENALTY.number) * 10000) / 10000,
      [{ kind: "number", amount: PENALTY.number }],
    ]);
  });

  it("keeps a differing 20,000-character source below 1", () => {
    const long = "移".repeat(20000);
    expect(scoreFuzzy(`${long}徙`, unit("u", `${long}民`)).score).toBe(0.9999);
  });
});

describe("finalScore", () => {
  it("is 1 only for identical text and never negative", () => {
    expect(finalScore(1, [], true)).toBe(1);
    expect(finalScore(0.02, [{ kind: "number", amount: 0.05 }], false)).toBe(0);
  });
});

describe("diffTexts", () => {
  it("002_f1fd56940989419e.txt:51 — diffs Chinese by character, as query → source", () => {
    expect(diffTexts("大会代理主席宣布开幕", "大会主席宣布开幕")).toEqual([
      { op: "equal", text: "大会" },
      { op: "delete", text: "代理" },
      { op: "equal", text: "主席宣布开幕" },
    ]);
  });
});

describe("compareMatches", () => {
  it("orders by score, then in-context, then latest change, then id", () => {
    const m = (id: string, score: number, inContext: boolean, changedAt?: string): TmMatch => ({
      unit: unit(id, "x", changedAt ? { changedAt } : {}),
      score,
      penalties: [],
      inContext,
      diff: [],
    });
    const sorted = [
      m("a", 0.9, true),
      m("b", 1, false),
      m("c", 1, true),
      m("d", 1, false, "2024-01-01T00:00:00Z"),
      m("e", 1, false),
    ].sort(compareMatches);
    expect(sorted.map((x) => x.unit.id)).toEqual(["c", "d", "b", "e", "a"]);
  });
});

describe("toTmSearchJson", () => {
  it("prints the DESIGN.md tm search shape with penalties and inContext", () => {
    const u = unit("000-0004", "联大第60/227号决议请移徙组织为高级别对话作出贡献。", {
      target: "General Assembly resolution 60/227 invited IOM to contribute to the High-level Dialogue.",
      origin: { file: "glossary/sources/000_9269ffeef60731b4.txt", line: 38 },
    });
    const q = "联大第60/228号决议请移徙组织为高级别对话作出贡献。";
    expect(JSON.stringify(toTmSearchJson(q, [scoreFuzzy(q, u)]))).toBe(
      JSON.stringify({
        query: q,
        matches: [
          {
            id: "000-0004",
            source: u.source,
            target: u.target,
            score: 0.9115,
            diff: [
              { op: "equal", text: "联大第60/22" },
              { op: "delete", text: "8" },
              { op: "insert", text: "7" },
              { op: "equal", text: "号决议请移徙组织为高级别对话作出贡献。" },
            ],
            origin: "glossary/sources/000_9269ffeef60731b4.txt:38",
            penalties: [{ kind: "number", amount: 0.05 }],
            inContext: false,
          },
        ],
      }),
    );
  });

  it("formats origins from the parts that are known", () => {
    expect(formatOrigin(unit("a", "x", { origin: { file: "doc.xlf", unit: "u7" } }))).toBe("doc.xlf#u7");
    expect(formatOrigin(unit("a", "x"))).toBeNull();
  });
});
