import { describe, expect, it } from "vitest";
import { rule } from "../../../src/qa/rules/term-not-translated.js";
import { check, concept, CONCEPTS } from "../support.js";

// Real sentences of glossary/sources/, joined across their PDF line breaks.
const L004_214 = "积极影响包括移徙者汇款的经济影响、知识、经验交流和能力建设。";
const L003_1734 = "非正常移徙者通过汇款和其他方式为原籍国的发展做出贡献";

describe("term-not-translated", () => {
  it("flags 汇款 when the target has no form of remittances (004_c6292b922524f64f.txt line 214)", () => {
    const report = check(rule, [["u1", L004_214, "Positive effects include the economic impact of migrants' money transfers, knowledge, exchange of experience and capacity-building."]]);
    expect(report.findings).toEqual([
      {
        rule: "term-not-translated",
        severity: "error",
        unit: "u1",
        segment: "u1-s1",
        segmentIndex: 0,
        message: '"汇款" should be translated as "remittances"',
        term: "汇款",
        conceptId: "c-remittances",
        expected: ["remittances"],
        suggestion: "remittances",
        sourceSpan: { start: 9, end: 11 },
      },
    ]);
  });

  it("does not flag inflected equivalents: Irregular Migrants' for 非正常移徙者, countries of origin for 原籍国 (003 line 1734)", () => {
    const report = check(rule, [["u1", L003_1734, "Through Irregular Migrants' remittances and in other ways they contribute to the development of countries of origin"]]);
    expect(report.findings).toEqual([]);
  });

  it("stays silent on a segment with no target, an empty target or state initial", () => {
    const report = check(rule, [
      ["u1", L004_214],
      ["u2", L004_214, ""],
      ["u3", L004_214, "Draft", "initial"],
    ]);
    expect(report.findings).toEqual([]);
  });

  it("does not flag translate=\"no\" units", () => {
    expect(check(rule, [["u1", L004_214, "Untranslated."]], { translate: false }).findings).toEqual([]);
  });

  it("flags 非正常移徙者 as one term expecting irregular migrant, not migrant inside it (003 line 1734)", () => {
    const report = check(rule, [["u1", L003_1734, "Migrants contribute to the development of countries of origin through remittances and in other ways"]]);
    expect(report.findings.map((f) => [f.term, f.expected, f.sourceSpan])).toEqual([
      ["非正常移徙者", ["irregular migrant"], { start: 0, end: 6 }],
    ]);
  });

  it("does not report a deprecated English form twice (deprecated-target-term reports it)", () => {
    const report = check(rule, [["u1", L003_1734, "Illegal migrants contribute to the development of countries of origin through remittances and in other ways"]]);
    expect(report.findings).toEqual([]);
  });

  it("does not flag 移徙者 and 汇款 rendered inside a longer English term (000 line 462)", () => {
    const concepts = [...CONCEPTS, concept("c-migrant-remittances", ["移徙者汇款"], ["migrant remittances"])];
    const report = check(
      rule,
      [["u1", "移徙者的汇款等贡献固然可以产生重要的发展效应。", "Contributions such as migrants' remittances can have important development effects."]],
      { concepts },
    );
    expect(report.findings).toEqual([]);
  });
});
