import { describe, expect, it } from "vitest";
import { rule } from "../../../src/qa/rules/deprecated-target-term.js";
import { check } from "../support.js";

// 003_4ec4a3f0193b5aa8.txt line 1734.
const L003_1734 = "非正常移徙者通过汇款和其他方式为原籍国的发展做出贡献";

describe("deprecated-target-term", () => {
  it("flags \"Illegal migrants\" and suggests irregular migrant (003 line 1734)", () => {
    const target = "Illegal migrants contribute to the development of countries of origin through remittances";
    const report = check(rule, [["u1", L003_1734, target]]);
    expect(report.findings).toEqual([
      {
        rule: "deprecated-target-term",
        severity: "error",
        unit: "u1",
        segment: "u1-s1",
        segmentIndex: 0,
        message: 'the target uses the deprecated form "Illegal migrants"; use "irregular migrant"',
        term: "非正常移徙者",
        conceptId: "c-irregular-migrant",
        expected: ["irregular migrant"],
        found: "Illegal migrants",
        suggestion: "irregular migrant",
        sourceSpan: { start: 0, end: 6 },
        targetSpan: { start: 0, end: 16 },
      },
    ]);
  });

  it("flags illegal immigrant even where the source has no matching term", () => {
    const report = check(rule, [["u1", "巴西希望将他们正常化。", "Brazil wishes to regularize illegal immigrants."]]);
    expect(report.findings.map((f) => [f.found, f.targetSpan, f.sourceSpan])).toEqual([
      ["illegal immigrants", { start: 28, end: 46 }, undefined],
    ]);
  });

  it("does not flag irregular migrants, nor a target not yet translated", () => {
    const ok = "Irregular migrants contribute to the development of countries of origin through remittances";
    expect(check(rule, [["u1", L003_1734, ok], ["u2", L003_1734, "illegal migrants", "initial"]]).findings).toEqual([]);
  });
});
