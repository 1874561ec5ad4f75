import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { buildLookupIndex, toLookupJson } from "../../src/termbase/lookup.js";
import type { Concept, Term, TermStatus } from "../../src/termbase/model.js";

const t = (term: string, status: TermStatus = "preferred"): Term => ({ term, status });
const concept = (id: string, zh: Term[], en: Term[] = []): Concept => ({
  id,
  terms: { zh, en },
  contexts: [],
});

const REMITTANCE: Concept = {
  id: "c002",
  subject: "migration and development",
  definition:
    "Money or goods that migrants send to their families or communities in their countries of origin.",
  definitionSource: "yizhi, after IOM Glossary on Migration (2019)",
  terms: { zh: [t("汇款")], en: [t("remittances"), t("remittance", "admitted")] },
  contexts: [
    // 002_f1fd56940989419e.txt line 67 (A/61/187)
    {
      text: "会议确认了汇款的重要性，与会者呼吁加大工作力度，尽可能发挥汇款促进发展的潜力。",
      source: "A/61/187",
      lang: "zh",
      term: "汇款",
    },
  ],
  related: ["c011"],
};

const CONCEPTS: Concept[] = [
  concept("c001", [t("移徙者")], [t("migrant")]),
  REMITTANCE,
  concept(
    "c003",
    [t("非正常移徙者"), t("不正常移徙者", "admitted"), t("非法移徙者", "deprecated")],
    [t("irregular migrant"), t("illegal migrant", "deprecated")],
  ),
  concept("c004", [t("原籍国"), t("来源国", "admitted")], [t("country of origin")]),
  concept("c005", [t("侨民")], [t("diaspora")]),
  concept("c006", [t("循环移徙")], [t("circular migration")]),
  concept("c007", [t("移徙概况报告")], [t("migration profile")]),
  concept("c011", [t("汇款转账")], [t("remittance transfer")]),
  concept("c012", [t("汇款接收者", "admitted")], [t("remittance recipient")]),
];
const index = buildLookupIndex(CONCEPTS);
const ranked = (query: string) => index.lookup(query).map((r) => [r.id, r.score, r.match]);

describe("lookup: Chinese", () => {
  it("ranks the exact term first, then longer terms it starts (汇款)", () => {
    expect(ranked("汇款")).toEqual([
      ["c002", 1, "exact"],
      ["c011", 0.725, "prefix"],
      ["c012", 0.69, "prefix"],
    ]);
  });

  it("finds 汇款 from traditional input 匯款 (match traditional, just below exact)", () => {
    expect(ranked("匯款")[0]).toEqual(["c002", 0.95, "traditional"]);
  });

  it("finds 侨民 from 僑民, as the corpus' 侨民 would be written in traditional script", () => {
    expect(ranked("僑民")).toEqual([["c005", 0.95, "traditional"]]);
  });

  it("finds a fragment anywhere in a term, ranked by how much of the term it covers (移徙)", () => {
    expect(ranked("移徙")).toEqual([
      ["c001", 0.767, "prefix"],
      ["c007", 0.683, "prefix"],
      ["c006", 0.41, "fragment"],
      ["c003", 0.373, "fragment"],
    ]);
  });

  it("scores an admitted or deprecated term below a preferred one of the same kind (来源国, 非法移徙者)", () => {
    expect(ranked("来源国")).toEqual([["c004", 0.99, "exact"]]);
    expect(ranked("非法移徙者")).toEqual([["c003", 0.98, "exact"]]);
    expect(ranked("原籍国")).toEqual([["c004", 1, "exact"]]);
  });

  it("finds nothing for a string in no term, and nothing for an empty query", () => {
    expect(ranked("安全理事会")).toEqual([]);
    expect(ranked("   ")).toEqual([]);
  });

  it("honours the limit", () => {
    expect(index.lookup("移徙", { limit: 2 }).map((r) => r.id)).toEqual(["c001", "c007"]);
  });
});

describe("lookup: English → Chinese", () => {
  it("finds 汇款 from remittance (singular of the preferred remittances)", () => {
    expect(ranked("remittance")[0]).toEqual(["c002", 0.9, "english"]);
  });

  it("finds 移徙者 from Migrants' (possessive plural), and irregular migrant as containing the word", () => {
    expect(ranked("Migrants'")).toEqual([
      ["c001", 0.9, "english"],
      ["c003", 0.41, "english"],
    ]);
  });

  it("finds 原籍国 from countries of origin", () => {
    expect(ranked("countries of origin")).toEqual([["c004", 0.9, "english"]]);
  });

  it("finds terms by the prefix of a word being typed (remitt)", () => {
    expect(ranked("remitt").map((r) => r[0])).toEqual(["c002", "c011", "c012"]);
  });
});

describe("lookup: pinyin", () => {
  it("finds 汇款 from huikuan, hui kuan, huìkuǎn, HuiKuan and hui4kuan3", () => {
    for (const query of ["huikuan", "hui kuan", "huìkuǎn", "HuiKuan", "hui4kuan3"]) {
      expect(ranked(query)[0]).toEqual(["c002", 0.27, "pinyin"]);
    }
  });

  it("finds terms whose pinyin starts with the query (yixi → 移徙者, 移徙概况报告)", () => {
    expect(ranked("yixi")).toEqual([
      ["c001", 0.18, "pinyin"],
      ["c007", 0.131, "pinyin"],
    ]);
  });
});

describe("toLookupJson", () => {
  it("prints DESIGN.md's lookup shape", () => {
    expect(toLookupJson("汇款", index.lookup("汇款", { limit: 1 }))).toEqual({
      query: "汇款",
      results: [
        {
          id: "c002",
          score: 1,
          match: "exact",
          terms: {
            zh: [{ term: "汇款", status: "preferred" }],
            en: [
              { term: "remittances", status: "preferred" },
              { term: "remittance", status: "admitted" },
            ],
          },
          definition:
            "Money or goods that migrants send to their families or communities in their countries of origin.",
          definitionSource: "yizhi, after IOM Glossary on Migration (2019)",
          contexts: [
            {
              text: "会议确认了汇款的重要性，与会者呼吁加大工作力度，尽可能发挥汇款促进发展的潜力。",
              source: "A/61/187",
            },
          ],
          subject: "migration and development",
          related: ["c011"],
        },
      ],
    });
  });

  it("leaves out definition and subject when the concept has none", () => {
    expect(JSON.stringify(toLookupJson("侨民", index.lookup("侨民")))).toBe(
      '{"query":"侨民","results":[{"id":"c005","score":1,"match":"exact","terms":{"zh":[{"term":"侨民","status":"preferred"}],"en":[{"term":"diaspora","status":"preferred"}]},"contexts":[]}]}',
    );
  });
});

describe("lookup speed", () => {
  it("answers in well under 5 ms (p95 of 200 queries) on a 300-concept termbase built from the corpus", () => {
    // 300 concepts: the real ones above plus corpus substrings of 2–6 Han characters from 000 (A/C.2/61/7).
    const text = readFileSync(
      path.resolve(import.meta.dirname, "../../glossary/sources/000_9269ffeef60731b4.txt"),
      "utf8",
    );
    const runs = text.match(/\p{Script=Han}{2,6}/gu) ?? [];
    const seen = new Set(CONCEPTS.flatMap((c) => c.terms.zh.map((x) => x.term)));
    const concepts = [...CONCEPTS];
    const english = [
      "labour",
      "migration",
      "return",
      "policy",
      "integration",
      "development",
      "rights",
      "mobility",
      "skills",
      "family",
    ];
    for (let i = 0; concepts.length < 300 && i < runs.length; i += 2) {
      const term = runs[i] as string;
      if (seen.has(term)) continue;
      seen.add(term);
      const n = concepts.length;
      concepts.push(concept(`g${n}`, [t(term)], [t(`${english[n % 10]} ${english[(n * 7) % 10]} ${n}`)]));
    }
    expect(concepts.length).toBe(300);
    const big = buildLookupIndex(concepts);
    const queries = [
      "汇款",
      "匯款",
      "移徙",
      "款",
      "huikuan",
      "yi xi",
      "Migrants'",
      "countries of origin",
      "remitt",
      "labour migration",
    ];
    for (let i = 0; i < 190; i++)
      queries.push(concepts[(i * 37) % 300]?.terms.zh[0]?.term.slice(i % 2) ?? "");
    for (const q of queries) big.lookup(q); // warm-up
    const times = queries.map((q) => {
      const start = performance.now();
      big.lookup(q);
      return performance.now() - start;
    });
    times.sort((a, b) => a - b);
    expect(times.length).toBe(200);
    expect(times[Math.ceil(0.95 * times.length) - 1]).toBeLessThan(5);
  });
});
