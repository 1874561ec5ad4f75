import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDocumentFromXliff } from "../../src/qa/from-xliff.js";
import { RULES } from "../../src/qa/registry.js";
import { runCheck } from "../../src/qa/runner.js";
import { buildTermMatcher } from "../../src/termbase/matcher.js";
import { parseTbx } from "../../src/termbase/tbx.js";
import { readXliff } from "../../src/xliff/read.js";
import { validateXsd } from "../support/validate.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "test/fixtures/xliff/precision-45-2.0.xlf");
const TBX = path.join(ROOT, "glossary/un-migration.tbx");

/** The planted errors, read from the fixture: each planted unit is preceded by `<!-- PLANTED rule-id: … -->`. */
function plantedErrors(xml: string): string[] {
  return [...xml.matchAll(/<!-- PLANTED ([a-z-]+):[^>]*-->\s*<unit id="([^"]+)"/g)].map((m) => `${m[2]} ${m[1]}`);
}

describe("check precision on 45 corpus units with planted errors (test/fixtures/xliff/precision-45-2.0.xlf)", () => {
  const xml = readFileSync(FIXTURE, "utf8");
  const concepts = parseTbx(readFileSync(TBX, "utf8"), TBX);
  const report = runCheck(checkDocumentFromXliff(readXliff(xml, FIXTURE), FIXTURE), {
    rules: RULES,
    concepts: new Map(concepts.map((c) => [c.id, c])),
    matcher: buildTermMatcher(concepts),
  });

  it("plants one error of each of the seven rules, and then some, in a valid XLIFF 2.0 file", async () => {
    const planted = plantedErrors(xml);
    expect(planted.length).toBeGreaterThanOrEqual(8);
    expect(new Set(planted.map((p) => p.split(" ")[1]))).toEqual(new Set(RULES.map((r) => r.id)));
    expect(report.summary.units).toBe(45);
    const result = await validateXsd(xml, [
      "test/schemas/xliff-2.0/xliff_core_2.0.xsd",
      "test/schemas/xliff-2.0/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd",
    ]);
    expect(result.errors).toEqual([]);
  });

  it("reports every planted error and nothing on the correct units", () => {
    const found = report.findings.map((f) => `${f.unit} ${f.rule}`);
    expect(found.sort()).toEqual(plantedErrors(xml).sort());
  });
});
