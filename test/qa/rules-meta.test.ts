import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/qa/registry.js";

// Like ESLint's checkRuleFiles: a rule without its test, registry entry or documentation fails the build.
const root = path.resolve(import.meta.dirname, "../..");
const ruleFiles = readdirSync(path.join(root, "src/qa/rules"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""));
const design = ["term-not-translated", "deprecated-source-term", "deprecated-target-term", "variant-source-term", "inconsistent-translation", "inconsistent-term-translation", "script-mismatch"];

describe("QA rule files", () => {
  it("has exactly the seven rules of DESIGN.md, one file each", () => {
    expect([...ruleFiles].sort()).toEqual([...design].sort());
  });

  for (const id of ruleFiles) {
    describe(id, () => {
      it("is registered under the id its file is named after", () => {
        expect(RULES.map((r) => r.id)).toContain(id);
      });
      it("has a test file with a firing and a non-firing case", () => {
        const test = path.join(root, "test/qa/rules", `${id}.test.ts`);
        expect(existsSync(test)).toBe(true);
        const text = readFileSync(test, "utf8");
        expect(text).toMatch(/it\("flags /);
        expect(text).toMatch(/it\("(does not|stays silent|is silent)/);
      });
      it("is documented in the README", () => {
        expect(readFileSync(path.join(root, "README.md"), "utf8")).toContain(`\`${id}\``);
      });
      it("has a description and a default severity", () => {
        const rule = RULES.find((r) => r.id === id);
        expect(rule?.description.length).toBeGreaterThan(20);
        expect(["error", "warning", "info"]).toContain(rule?.severity);
      });
    });
  }
});
