import type { Rule } from "../types.js";
import { groupBySpan, preferredTerm } from "../hits.js";

/** deprecated-source-term: the source uses a Chinese term the termbase marks deprecated. */
export const rule: Rule = {
  id: "deprecated-source-term",
  severity: "warning",
  description: "The source uses a term whose status is deprecated (e.g. 非法移徙 for 非正常移徙).",
  message: (f) => `the source uses the deprecated term "${f.found}"` + (f.suggestion ? `; the preferred term is "${f.suggestion}"` : ""),
  create(context) {
    return {
      segment(view) {
        for (const group of groupBySpan(view.sourceHits)) {
          // The same string may be deprecated in one concept and approved in another: then it is not wrong.
          if (group.some((h) => h.status !== "deprecated")) continue;
          const hit = group[0];
          if (!hit) continue;
          const preferred = preferredTerm(context.concept(hit.conceptId), "zh");
          context.report({
            unit: view.unit.id,
            segment: view.segment.id,
            segmentIndex: view.index,
            term: hit.text,
            conceptId: hit.conceptId,
            found: hit.text,
            expected: preferred ? [preferred] : [],
            suggestion: preferred,
            sourceSpan: { start: hit.start, end: hit.end },
          });
        }
      },
    };
  },
};
