import { foldScript } from "../../text/script.js";
import type { Rule } from "../types.js";

/** The comparison key of a segment: width-folded (NFKC), script-folded, whitespace folded and trimmed. */
export function segmentKey(text: string): string {
  return foldScript(text.normalize("NFKC")).replace(/\s+/g, " ").trim();
}

interface Occurrence {
  readonly unit: string;
  readonly segment?: string;
  readonly index: number;
  readonly target: string;
  readonly targetKey: string;
}

/** inconsistent-translation: identical source segments are translated differently within the file. */
export const rule: Rule = {
  id: "inconsistent-translation",
  severity: "warning",
  description: "Identical source segments (after width, script and whitespace normalization) are translated differently.",
  message: (f) =>
    `this source is translated differently elsewhere: "${f.found}" here, "${f.expected?.[0] ?? ""}" in unit ${f.related?.[0]?.unit ?? "?"}`,
  create(context) {
    const bySource = new Map<string, Occurrence[]>();
    return {
      segment(view) {
        if (!view.translated || view.segment.target === undefined) return;
        const key = segmentKey(view.segment.source);
        if (key === "") return;
        const list = bySource.get(key) ?? [];
        list.push({
          unit: view.unit.id,
          segment: view.segment.id,
          index: view.index,
          target: view.segment.target,
          targetKey: view.segment.target.normalize("NFKC").replace(/\s+/g, " ").trim(),
        });
        bySource.set(key, list);
      },
      end() {
        for (const occurrences of bySource.values()) {
          const counts = new Map<string, number>();
          for (const o of occurrences) counts.set(o.targetKey, (counts.get(o.targetKey) ?? 0) + 1);
          if (counts.size < 2) continue;
          // The most frequent rendering (the first one on a tie) is the reference; the others are reported.
          let reference = occurrences[0] as Occurrence;
          for (const o of occurrences) if ((counts.get(o.targetKey) ?? 0) > (counts.get(reference.targetKey) ?? 0)) reference = o;
          for (const o of occurrences) {
            if (o.targetKey === reference.targetKey) continue;
            context.report({
              unit: o.unit,
              segment: o.segment,
              segmentIndex: o.index,
              found: o.target,
              expected: [reference.target],
              related: occurrences
                .filter((x) => x !== o)
                .sort((a, b) => (a === reference ? -1 : b === reference ? 1 : 0))
                .map((x) => ({ unit: x.unit, segment: x.segment, target: x.target })),
            });
          }
        }
      },
    };
  },
};
