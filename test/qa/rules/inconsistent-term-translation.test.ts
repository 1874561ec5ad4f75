import { describe, expect, it } from "vitest";
import { isShortFormOf, rule } from "../../../src/qa/rules/inconsistent-term-translation.js";
import { check } from "../support.js";

// 003_4ec4a3f0193b5aa8.txt lines 1027–1028 and 1052 (joined).
const L003_1027 = "各国应认识到，在某些情况下，非正常移徙者可能无法返回其原籍国。";
const L003_1052 = "始发国还应竭尽所能，通过外交渠道支持并协助本国侨民。";

describe("inconsistent-term-translation", () => {
  it("flags a third rendering of 原籍国 as sending country where two say country of origin", () => {
    const report = check(rule, [
      ["u1", L003_1027, "States should recognize that irregular migrants may be unable to return to their country of origin."],
      ["u2", L003_1052, "Countries of origin should also support their diaspora through diplomatic channels."],
      ["u3", L003_1052, "Sending countries should also support their diaspora through diplomatic channels."],
    ]);
    expect(report.findings).toEqual([
      {
        rule: "inconsistent-term-translation",
        severity: "warning",
        unit: "u3",
        segment: "u3-s1",
        segmentIndex: 0,
        message: '"始发国" is rendered as "Sending countries" here but as "country of origin" elsewhere in the file',
        term: "始发国",
        conceptId: "c-origin",
        expected: ["country of origin"],
        found: "Sending countries",
        suggestion: "country of origin",
        sourceSpan: { start: 0, end: 3 },
        targetSpan: { start: 0, end: 17 },
        related: [
          { unit: "u1", segment: "u1-s1", target: "country of origin" },
          { unit: "u2", segment: "u2-s1", target: "Countries of origin" },
        ],
      },
    ]);
  });

  it("does not flag one equivalent used throughout, inflected or not", () => {
    const report = check(rule, [
      ["u1", L003_1027, "... unable to return to their country of origin."],
      ["u2", L003_1052, "Countries of origin should also support their diaspora."],
    ]);
    expect(report.findings).toEqual([]);
  });
});

describe("short forms and acronyms", () => {
  it("does not flag High-level Dialogue after its full name, nor IOM after International Organization for Migration", () => {
    expect(isShortFormOf("High-level Dialogue", "High-level Dialogue on International Migration and Development")).toBe(true);
    expect(isShortFormOf("IOM", "International Organization for Migration")).toBe(true);
    expect(isShortFormOf("GFMD", "Global Forum on Migration and Development")).toBe(true);
    expect(isShortFormOf("sending country", "country of origin")).toBe(false);
    expect(isShortFormOf("ILO", "International Organization for Migration")).toBe(false);
  });
});
