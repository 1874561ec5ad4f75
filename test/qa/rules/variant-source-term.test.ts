import { describe, expect, it } from "vitest";
import { rule } from "../../../src/qa/rules/variant-source-term.js";
import { check } from "../support.js";

// 003_4ec4a3f0193b5aa8.txt line 1052 and lines 1027–1028.
const L003_1052 = "始发国还应竭尽所能，通过外交渠道支持并协助本国侨民。";
const L003_1027 = "各国应认识到，在某些情况下，非正常移徙者可能无法返回其原籍国。";

describe("variant-source-term", () => {
  it("flags 始发国 as a variant of 原籍国 (003 line 1052)", () => {
    expect(check(rule, [["u1", L003_1052, "Countries of origin should also do their utmost to support their diaspora."]]).findings).toEqual([
      {
        rule: "variant-source-term",
        severity: "info",
        unit: "u1",
        segment: "u1-s1",
        segmentIndex: 0,
        message: '"始发国" is a variant; the preferred term is "原籍国"',
        term: "始发国",
        conceptId: "c-origin",
        found: "始发国",
        expected: ["原籍国"],
        suggestion: "原籍国",
        sourceSpan: { start: 0, end: 3 },
      },
    ]);
  });

  it("flags 来源国 in traditional script input as a variant of 原籍国", () => {
    const report = check(rule, [["u1", "來源國和目的地國在全球勞工市場上有共同的關切和利益。"]]);
    expect(report.findings.map((f) => [f.found, f.suggestion])).toEqual([["來源國", "原籍国"]]);
  });

  it("does not flag the preferred terms 原籍国 and 非正常移徙者 (003 line 1027)", () => {
    expect(check(rule, [["u1", L003_1027, "x"]]).findings).toEqual([]);
  });
});
