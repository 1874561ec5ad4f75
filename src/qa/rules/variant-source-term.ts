import type { Rule } from "../types.js";
import { groupBySpan, preferredTerm } from "../hits.js";

/** variant-source-term: the source uses an admitted synonym where another term is preferred. */
export const rule: Rule = {
  id: "variant-source-term",
  severity: "info",
  description: "The source uses an admitted, non-preferred synonym (e.g. 来源国 where 原籍国 is preferred).",
  message: (f) => `"${f.found}" is a variant; the preferred term is "${f.suggestion}"`,
  create(context) {
    return {
      segment(view) {
        for (const group of groupBySpan(view.sourceHits)) {
          // Preferred in any concept, or deprecated (deprecated-source-term's case): not a variant finding.
          if (group.some((h) => h.status !== "admitted")) continue;
          const hit = group[0];
          if (!hit) continue;
          const preferred = preferredTerm(context.concept(hit.conceptId), "zh");
          if (!preferred || preferred === hit.term) continue;
          context.report({
            unit: view.unit.id,
            segment: view.segment.id,
            segmentIndex: view.index,
            term: hit.text,
            conceptId: hit.conceptId,
            found: hit.text,
            expected: [preferred],
            suggestion: preferred,
            sourceSpan: { start: hit.start, end: hit.end },
          });
        }
      },
    };
  },
};
