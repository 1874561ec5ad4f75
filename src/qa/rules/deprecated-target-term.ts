import type { Rule } from "../types.js";
import { approvedTerms, groupBySpan } from "../hits.js";

/** deprecated-target-term: the target uses an English form the termbase marks deprecated. */
export const rule: Rule = {
  id: "deprecated-target-term",
  severity: "error",
  description: 'The target uses a forbidden English form (e.g. "illegal migrants"); the suggestion is the preferred form.',
  message: (f) => `the target uses the deprecated form "${f.found}"` + (f.suggestion ? `; use "${f.suggestion}"` : ""),
  create(context) {
    return {
      segment(view) {
        if (!view.translated) return;
        for (const group of groupBySpan(view.targetHits)) {
          if (group.some((h) => h.status !== "deprecated")) continue;
          const hit = group[0];
          if (!hit) continue;
          const expected = approvedTerms(context.concept(hit.conceptId), "en");
          // The source term of the same concept, when the source has one, tells the reviser what was meant.
          const source = view.sourceHits.find((h) => h.conceptId === hit.conceptId);
          context.report({
            unit: view.unit.id,
            segment: view.segment.id,
            segmentIndex: view.index,
            term: source?.text,
            conceptId: hit.conceptId,
            expected,
            found: hit.text,
            suggestion: expected[0],
            sourceSpan: source ? { start: source.start, end: source.end } : undefined,
            targetSpan: { start: hit.start, end: hit.end },
          });
        }
      },
    };
  },
};
