import { detectScript, scriptOfLanguage } from "../../text/script.js";
import type { Rule } from "../types.js";

/** script-mismatch: the source's Chinese script does not match the script its language tag declares. */
export const rule: Rule = {
  id: "script-mismatch",
  severity: "warning",
  description:
    "The source's script (simplified or traditional) does not match its declared language " +
    "(zh-CN / zh-Hans are simplified; zh-TW / zh-HK / zh-Hant are traditional), or mixes both.",
  message: (f) => `the source is written in ${f.found} characters but the file declares ${f.expected?.[0] ?? "?"}`,
  create(context) {
    const declaredTag = context.document.srcLang;
    const declared = scriptOfLanguage(declaredTag);
    return {
      segment(view) {
        if (!declared) return;
        const actual = detectScript(view.segment.source);
        if (actual === "none" || actual === "neutral" || actual === declared) return;
        context.report({
          unit: view.unit.id,
          segment: view.segment.id,
          segmentIndex: view.index,
          expected: [`${declared} (${declaredTag})`],
          found: actual,
          sourceSpan: { start: 0, end: view.segment.source.length },
        });
      },
    };
  },
};
