import { runCheck, type CheckReport } from "../../src/qa/runner.js";
import type { CheckDocument, CheckSegment, Rule } from "../../src/qa/types.js";
import { buildTermMatcher } from "../../src/termbase/matcher.js";
import type { Concept, Term } from "../../src/termbase/model.js";

/** A concept from terse term lists: "移徙者" is preferred, "~移民" admitted, "!非法移徙" deprecated. */
export function concept(id: string, zh: readonly string[], en: readonly string[]): Concept {
  const term = (spec: string): Term =>
    spec.startsWith("~")
      ? { term: spec.slice(1), status: "admitted" }
      : spec.startsWith("!")
        ? { term: spec.slice(1), status: "deprecated" }
        : { term: spec, status: "preferred" };
  return { id, terms: { zh: zh.map(term), en: en.map(term) }, contexts: [] };
}

/** Real concepts of the shipped termbase, cut down to what the rule tests need. */
export const CONCEPTS: readonly Concept[] = [
  concept("c-migrant", ["移徙者", "~移民"], ["migrant"]),
  concept("c-irregular-migrant", ["非正常移徙者", "!非法移徙者"], ["irregular migrant", "!illegal migrant", "!illegal immigrant"]),
  concept("c-irregular-migration", ["非正常移徙", "!非法移徙"], ["irregular migration", "!illegal migration"]),
  concept("c-remittances", ["汇款"], ["remittances"]),
  concept("c-origin", ["原籍国", "~来源国", "~始发国"], ["country of origin", "~origin country", "~sending country"]),
  concept("c-circular", ["循环移徙"], ["circular migration"]),
  concept("c-diaspora", ["侨民"], ["diaspora", "~diasporas"]),
  concept("c-destination", ["目的地国", "~接受国"], ["country of destination", "~destination country", "~receiving country"]),
];

/** Runs one rule over units given as [unitId, source, target?, state?]. */
export function check(
  rule: Rule,
  units: readonly (readonly [string, string, string?, string?])[],
  options: { srcLang?: string; concepts?: readonly Concept[]; translate?: boolean } = {},
): CheckReport {
  const concepts = options.concepts ?? CONCEPTS;
  const document: CheckDocument = {
    srcLang: options.srcLang ?? "zh-CN",
    trgLang: "en",
    units: units.map(([id, source, target, state]) => ({
      id,
      translate: options.translate ?? true,
      segments: [{ id: `${id}-s1`, source, target, state } satisfies CheckSegment],
    })),
  };
  return runCheck(document, {
    rules: [rule],
    concepts: new Map(concepts.map((c) => [c.id, c])),
    matcher: buildTermMatcher(concepts),
  });
}
