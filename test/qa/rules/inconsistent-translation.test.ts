import { describe, expect, it } from "vitest";
import { rule } from "../../../src/qa/rules/inconsistent-translation.js";
import { check } from "../support.js";

// 000_9269ffeef60731b4.txt line 7, a heading that recurs in UN documents on migration.
const HEADING = "全球化和相互依存：国际移徙与发展";

describe("inconsistent-translation", () => {
  it("flags the odd one out when an identical source is translated two ways (000 line 7)", () => {
    const report = check(rule, [
      ["u1", HEADING, "Globalization and interdependence: international migration and development"],
      ["u2", HEADING, "Globalization and interdependence: international migration and development"],
      ["u3", `${HEADING} `, "Globalisation and interdependence: migration and development"],
    ]);
    expect(report.findings).toEqual([
      {
        rule: "inconsistent-translation",
        severity: "warning",
        unit: "u3",
        segment: "u3-s1",
        segmentIndex: 0,
        message:
          'this source is translated differently elsewhere: "Globalisation and interdependence: migration and development" here, ' +
          '"Globalization and interdependence: international migration and development" in unit u1',
        found: "Globalisation and interdependence: migration and development",
        expected: ["Globalization and interdependence: international migration and development"],
        related: [
          { unit: "u1", segment: "u1-s1", target: "Globalization and interdependence: international migration and development" },
          { unit: "u2", segment: "u2-s1", target: "Globalization and interdependence: international migration and development" },
        ],
      },
    ]);
  });

  it("treats traditional and full-width forms of the same source as identical", () => {
    const report = check(rule, [
      ["u1", HEADING, "A"],
      ["u2", "全球化和相互依存：國際移徙與發展", "B"],
    ]);
    expect(report.findings.map((f) => f.unit)).toEqual(["u2"]);
  });

  it("does not flag translations that differ only in whitespace, nor untranslated repeats", () => {
    const report = check(rule, [
      ["u1", HEADING, "Globalization and interdependence:  international migration"],
      ["u2", HEADING, "Globalization and interdependence: international migration "],
      ["u3", HEADING, "", "initial"],
    ]);
    expect(report.findings).toEqual([]);
  });
});
