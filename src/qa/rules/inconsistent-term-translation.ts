import { englishPhraseKey } from "../../termbase/english.js";
import type { Rule, Span } from "../types.js";

/**
 * True when one English term is the other's short form: its words stand, in order, inside the other's
 * ("High-level Dialogue" in "High-level Dialogue on International Migration and Development"). UN style
 * gives the full name once and the short form after, which is consistent, not a variant.
 */
export function isShortFormOf(a: string, b: string): boolean {
  const ka = ` ${englishPhraseKey(a)} `;
  const kb = ` ${englishPhraseKey(b)} `;
  return ka.includes(kb) || kb.includes(ka) || isAcronymOf(a, b) || isAcronymOf(b, a);
}

const MINOR_WORDS = new Set(["of", "for", "on", "and", "the", "in", "to"]);

/** True when `short` is the acronym of `long`: "IOM" of "International Organization for Migration". */
export function isAcronymOf(short: string, long: string): boolean {
  if (!/^[A-Z]{2,}$/.test(short)) return false;
  const initials = long
    .split(/[\s-]+/)
    .filter((w) => w !== "" && !MINOR_WORDS.has(w.toLowerCase()))
    .map((w) => w[0]?.toUpperCase())
    .join("");
  return initials === short;
}

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
          // Short forms fold into their full form before counting, so "GFMD" never outvotes its full name here.
          let dominant = (renderings[0] as Rendering).english;
          for (const [english, n] of counts) if (n > (counts.get(dominant) ?? 0)) dominant = english;
          for (const r of renderings) {
            if (r.english === dominant || isShortFormOf(r.english, dominant)) continue;
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
