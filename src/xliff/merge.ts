import type { XliffDocument, XliffSegment, XliffUnit } from "./model.js";
import { isUntranslatedSegment } from "./states.js";

/**
 * Translated XLIFF back to plain text (`yizhi merge DOC.xlf`).
 *
 * Decisions:
 * - One paragraph per unit, in document order, paragraphs separated by one blank line. The original's line
 *   layout is not rebuilt: the corpus lines are PDF line breaks inside sentences, which English text must not
 *   inherit (the paragraph's first line stays in the XLIFF's location note for anyone who needs it).
 * - Segments are trimmed and joined with a single space — except between two Chinese/Japanese/Korean
 *   characters, so that an untranslated Chinese paragraph reads as it was written.
 * - A segment is untranslated, and merged in the source language, by the rule `check` and `tm import` use too
 *   (`isUntranslatedSegment` in states.ts): no target, a target with no text, XLIFF 2.x `state="initial"`, or
 *   an XLIFF 1.2 `state="new"`/`"needs-translation"` target that is still a copy of its source (the
 *   `--copy-source` convention for OmegaT). A target without any state counts as translated: the 2.0 default
 *   is "initial", but many tools fill targets without setting a state, and their text is there.
 * - A unit marked translate="no" is merged as its source and never counted as untranslated.
 * - Inline codes are dropped: the text is `InlineText.text`, the plain text without codes.
 */

/** The merged text and how much of it is still in the source language. */
export interface MergeResult {
  readonly text: string;
  /** Segments merged in the source language because they are not translated. */
  readonly untranslated: number;
  /** All segments of all units. */
  readonly segments: number;
}

const CJK = /[\u2E80-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/;

/** Whether a segment still needs translating (see the module comment for the rule). */
function isUntranslated(segment: XliffSegment): boolean {
  return isUntranslatedSegment({
    source: segment.source.text,
    target: segment.target?.text,
    state: segment.state,
  });
}

/** Joins pieces with one space, or none between two CJK characters. */
function joinPieces(pieces: readonly string[]): string {
  let out = "";
  for (const piece of pieces) {
    if (piece === "") continue;
    if (out !== "" && !(CJK.test(out.slice(-1)) && CJK.test(piece.charAt(0)))) out += " ";
    out += piece;
  }
  return out;
}

function paragraph(unit: XliffUnit, counts: { untranslated: number }): string {
  return joinPieces(
    unit.segments.map((s) => {
      if (!unit.translate) return s.source.text.trim();
      if (isUntranslated(s)) {
        counts.untranslated++;
        return s.source.text.trim();
      }
      return (s.target?.text ?? "").trim();
    }),
  );
}

/** Writes the translated document back as plain text: one paragraph per unit, blank line between paragraphs. */
export function mergeXliff(doc: XliffDocument): MergeResult {
  const counts = { untranslated: 0 };
  let segments = 0;
  const paragraphs: string[] = [];
  for (const unit of doc.units) {
    segments += unit.segments.length;
    const p = paragraph(unit, counts);
    if (p !== "") paragraphs.push(p);
  }
  return {
    text: paragraphs.length === 0 ? "" : `${paragraphs.join("\n\n")}\n`,
    untranslated: counts.untranslated,
    segments,
  };
}
