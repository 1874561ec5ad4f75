import type { Rule } from "../types.js";
import { reportSourceTermsWithStatus } from "../hits.js";

/** variant-source-term: the source uses an admitted synonym where another term is preferred. */
export const rule: Rule = {
  id: "variant-source-term",
  severity: "info",
  description: "The source uses an admitted, non-preferred synonym (e.g. 来源国 where 原籍国 is preferred).",
  message: (f) => `"${f.found}" is a variant; the preferred term is "${f.suggestion}"`,
  create(context) {
    return {
      // Preferred in any concept, or deprecated (deprecated-source-term's case): not a variant finding.
      segment: (view) => reportSourceTermsWithStatus(context, view, "admitted", true),
    };
  },
};
