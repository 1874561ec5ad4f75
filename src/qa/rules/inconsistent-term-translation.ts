import type { Rule, Span } from "../types.js";

interface Rendering {
  readonly unit: string;
  readonly segment?: string;
  readonly index: number;
  readonly sourceText: string;
  readonly sourceSpan: Span;
  /** The termbase form of the English term used (inflections fold to it). */
  readonly english: string;
  readonly found: string;
  readonly targetSpan: Span;
}

/** inconsistent-term-translation: one source term is rendered by different approved equivalents in the file. */
export const rule: Rule = {
  id: "inconsistent-term-translation",
  severity: "warning",
  description:
    "One source term is rendered by different approved English equivalents across the file " +
    "(each is allowed, but a document should keep to one).",
  message: (f) =>
    `"${f.term}" is rendered as "${f.found}" here but as "${f.suggestion}" elsewhere in the file`,
  create(context) {
    const byConcept = new Map<string, Rendering[]>();
    return {
      segment(view) {
        if (!view.translated) return;
        for (const source of view.sourceHits) {
          if (source.status === "deprecated") continue;
          const target = view.targetHits.find((h) => h.conceptId === source.conceptId && h.status !== "deprecated");
          if (!target) continue;
          const list = byConcept.get(source.conceptId) ?? [];
          list.push({
            unit: view.unit.id,
            segment: view.segment.id,
            index: view.index,
            sourceText: source.text,
            sourceSpan: { start: source.start, end: source.end },
            english: target.term,
            found: target.text,
            targetSpan: { start: target.start, end: target.end },
          });
          byConcept.set(source.conceptId, list);
        }
      },
      end() {
        for (const [conceptId, renderings] of byConcept) {
          const counts = new Map<string, number>();
          for (const r of renderings) counts.set(r.english, (counts.get(r.english) ?? 0) + 1);
          if (counts.size < 2) continue;
          let dominant = (renderings[0] as Rendering).english;
          for (const [english, n] of counts) if (n > (counts.get(dominant) ?? 0)) dominant = english;
          for (const r of renderings) {
            if (r.english === dominant) continue;
            context.report({
              unit: r.unit,
              segment: r.segment,
              segmentIndex: r.index,
              term: r.sourceText,
              conceptId,
              expected: [dominant],
              found: r.found,
              suggestion: dominant,
              sourceSpan: r.sourceSpan,
              targetSpan: r.targetSpan,
              related: renderings
                .filter((x) => x.english === dominant)
                .map((x) => ({ unit: x.unit, segment: x.segment, target: x.found })),
            });
          }
        }
      },
    };
  },
};
