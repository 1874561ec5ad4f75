import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rule } from "../../../src/qa/rules/term-not-translated.js";
import { parseTbx } from "../../../src/termbase/tbx.js";
import { parseTmx } from "../../../src/tm/tmx.js";
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

describe("term-not-translated on the shipped memory's English (shipped termbase)", () => {
  const tbx = new URL("../../../glossary/un-migration.tbx", import.meta.url);
  const shipped = parseTbx(readFileSync(tbx, "utf8"), "un-migration.tbx");
  const memory = parseTmx(readFileSync(new URL("../../../tm/un-migration.tmx", import.meta.url), "utf8"), "un-migration.tmx");
  const pair = (id: string): [string, string, string] => {
    const u = memory.find((x) => x.id === id);
    if (u === undefined) throw new Error(`no unit ${id} in tm/un-migration.tmx`);
    return [id, u.source, u.target];
  };
  const findings = (units: readonly (readonly [string, string, string])[]) =>
    check(rule, units, { concepts: shipped }).findings.map((f) => `${f.unit} ${f.term}`);

  // 004_c6292b922524f64f.txt, the General Assembly's summary of the High-level Dialogue: the terms are rendered,
  // with a determiner ("the rights of these migrants") or inside a coordination that shares the head noun
  // ("sexual and labour exploitation", "workers' and employers' organizations") or the complement ("the
  // families and communities of migrants").
  it("accepts a determiner or a coordination between the words of an equivalent", () => {
    const ids = ["004-0030", "004-0033", "004-0096", "004-0102"];
    const units = ids.map(pair);
    expect(units.map(([, , en]) => en.match(/rights of these|sexual and labour|families and communities|workers' and employers'/)?.[0])).toEqual([
      "rights of these",
      "sexual and labour",
      "families and communities",
      "workers' and employers'",
    ]);
    expect(findings(units)).toEqual([]);
  });

  it("still flags the term when the words in between are not a coordination or a determiner", () => {
    const [, source, en] = pair("004-0033");
    expect(findings([["u", source, en.replace("sexual and labour exploitation", "sexual violence and labour exploitation")]])).toEqual(["u 性剥削"]);
    expect(findings([["u", source, en.replace("sexual and labour exploitation", "labour exploitation")]])).toEqual(["u 性剥削"]);
  });
});
