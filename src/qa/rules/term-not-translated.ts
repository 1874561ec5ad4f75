import type { TermHit } from "../../termbase/matcher.js";
import type { Rule } from "../types.js";
import { englishTokens, type EnglishToken } from "../../termbase/english.js";
import { approvedTerms, findEnglishPhrase, groupBySpan } from "../hits.js";

/** term-not-translated: an approved source term occurs and none of its approved English equivalents does. */
export const rule: Rule = {
  id: "term-not-translated",
  severity: "error",
  description:
    "An approved (preferred or admitted) source term occurs, and none of its approved English equivalents " +
    "occurs in the target (plural, possessive, case, hyphenation, word class, \"A of B\" / \"B A\" order and a " +
    "determiner or coordination between its words allowed).",
  message: (f) =>
    `"${f.term}" should be translated as ${(f.expected ?? []).map((e) => `"${e}"`).join(" or ")}` +
    (f.found ? `; the target has "${f.found}"` : ""),
  create(context) {
    return {
      segment(view) {
        if (!view.translated) return;
        let targetTokens: EnglishToken[] | undefined;
        const approvedUse = new Set(view.targetHits.filter((h) => h.status !== "deprecated").map((h) => h.conceptId));
        // A deprecated English form of the concept is deprecated-target-term's finding (with the preferred form
        // as suggestion); reporting it here too would say the same thing twice.
        const deprecatedUse = new Set(view.targetHits.filter((h) => h.status === "deprecated").map((h) => h.conceptId));
        for (const group of groupBySpan(view.sourceHits)) {
          const approved = group.filter((h) => h.status !== "deprecated");
          if (approved.length === 0) continue;
          if (approved.some((h) => approvedUse.has(h.conceptId) || deprecatedUse.has(h.conceptId))) continue;
          const expected = [...new Set(approved.flatMap((h) => approvedTerms(context.concept(h.conceptId), "en")))];
          if (expected.length === 0) continue;
          // The target's leftmost-longest hits can hide an equivalent inside a longer English term ("migrants'
          // remittances" is one hit for migrant remittances, yet renders 移徙者 and 汇款 of the source), so look
          // for each equivalent anywhere in the target's words before reporting.
          targetTokens ??= englishTokens(view.segment.target ?? "");
          const tokens = targetTokens;
          if (expected.some((e) => findEnglishPhrase(tokens, e))) continue;
          const first = approved[0] as TermHit;
          context.report({
            unit: view.unit.id,
            segment: view.segment.id,
            segmentIndex: view.index,
            term: first.text,
            conceptId: first.conceptId,
            expected,
            suggestion: expected[0],
            sourceSpan: { start: first.start, end: first.end },
          });
        }
      },
    };
  },
};
