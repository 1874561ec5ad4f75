import { rule as deprecatedSourceTerm } from "./rules/deprecated-source-term.js";
import { rule as deprecatedTargetTerm } from "./rules/deprecated-target-term.js";
import { rule as inconsistentTermTranslation } from "./rules/inconsistent-term-translation.js";
import { rule as inconsistentTranslation } from "./rules/inconsistent-translation.js";
import { rule as scriptMismatch } from "./rules/script-mismatch.js";
import { rule as termNotTranslated } from "./rules/term-not-translated.js";
import { rule as variantSourceTerm } from "./rules/variant-source-term.js";
import type { Rule } from "./types.js";

/** Every QA rule yizhi runs, in report order. Adding a rule means adding its file and one line here. */
export const RULES: readonly Rule[] = [
  termNotTranslated,
  deprecatedSourceTerm,
  deprecatedTargetTerm,
  variantSourceTerm,
  inconsistentTranslation,
  inconsistentTermTranslation,
  scriptMismatch,
];
