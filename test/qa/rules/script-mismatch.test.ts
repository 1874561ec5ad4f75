import { describe, expect, it } from "vitest";
import { rule } from "../../../src/qa/rules/script-mismatch.js";
import { check } from "../support.js";

// 002_f1fd56940989419e.txt: "侨民可以为本国发展做出巨大贡献" and its traditional-script form.
const SIMPLIFIED = "发言和讨论清楚地表明，侨民可以为本国发展做出巨大贡献。";
const TRADITIONAL = "發言和討論清楚地表明，僑民可以為本國發展做出巨大貢獻。";

describe("script-mismatch", () => {
  it("flags traditional characters in a file declared zh-CN", () => {
    const report = check(rule, [["u1", TRADITIONAL]]);
    expect(report.findings).toEqual([
      {
        rule: "script-mismatch",
        severity: "warning",
        unit: "u1",
        segment: "u1-s1",
        segmentIndex: 0,
        message: "the source is written in traditional characters but the file declares simplified (zh-CN)",
        expected: ["simplified (zh-CN)"],
        found: "traditional",
        sourceSpan: { start: 0, end: TRADITIONAL.length },
      },
    ]);
  });

  it("flags simplified characters in a file declared zh-TW", () => {
    expect(check(rule, [["u1", SIMPLIFIED]], { srcLang: "zh-TW" }).findings.map((f) => f.found)).toEqual(["simplified"]);
  });

  it("does not flag matching scripts, text both scripts share (移徙者), or an undeclared script (zh)", () => {
    expect(check(rule, [["u1", SIMPLIFIED], ["u2", "移徙者"]]).findings).toEqual([]);
    expect(check(rule, [["u1", TRADITIONAL]], { srcLang: "zh-Hant" }).findings).toEqual([]);
    expect(check(rule, [["u1", TRADITIONAL]], { srcLang: "zh" }).findings).toEqual([]);
  });
});
