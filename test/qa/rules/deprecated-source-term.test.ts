import { describe, expect, it } from "vitest";
import { rule } from "../../../src/qa/rules/deprecated-source-term.js";
import { check } from "../support.js";

// 003_4ec4a3f0193b5aa8.txt lines 1010–1012, joined across the PDF line breaks.
const L003_1010 = "需要消除关于非正常移徙者的种族主义论调、“非法移徙者”等不恰当的用词以及负面的媒体报道。";

describe("deprecated-source-term", () => {
  it("flags 非法移徙者 with 非正常移徙者 as the suggestion (003 line 1010)", () => {
    const report = check(rule, [["u1", L003_1010, "Racist discourse about irregular migrants must be eliminated."]]);
    expect(report.findings).toEqual([
      {
        rule: "deprecated-source-term",
        severity: "warning",
        unit: "u1",
        segment: "u1-s1",
        segmentIndex: 0,
        message: 'the source uses the deprecated term "非法移徙者"; the preferred term is "非正常移徙者"',
        term: "非法移徙者",
        conceptId: "c-irregular-migrant",
        found: "非法移徙者",
        expected: ["非正常移徙者"],
        suggestion: "非正常移徙者",
        sourceSpan: { start: 21, end: 26 },
      },
    ]);
  });

  it("flags the deprecated source term even when the segment is not translated yet", () => {
    expect(check(rule, [["u1", L003_1010]]).findings).toHaveLength(1);
  });

  it("does not flag the preferred term 非正常移徙者 (003 line 1734)", () => {
    expect(check(rule, [["u1", "非正常移徙者通过汇款和其他方式为原籍国的发展做出贡献", "x"]]).findings).toEqual([]);
  });
});
