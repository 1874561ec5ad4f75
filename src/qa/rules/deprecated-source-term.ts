import type { Rule } from "../types.js";
import { reportSourceTermsWithStatus } from "../hits.js";

/** deprecated-source-term: the source uses a Chinese term the termbase marks deprecated. */
export const rule: Rule = {
  id: "deprecated-source-term",
  severity: "warning",
  description: "The source uses a term whose status is deprecated (e.g. 非法移徙 for 非正常移徙).",
  message: (f) => `the source uses the deprecated term "${f.found}"` + (f.suggestion ? `; the preferred term is "${f.suggestion}"` : ""),
  create(context) {
    return {
      // The same string may be deprecated in one concept and approved in another: then it is not wrong.
      segment: (view) => reportSourceTermsWithStatus(context, view, "deprecated", false),
    };
  },
};
