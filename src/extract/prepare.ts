import { foldScript } from "../text/script.js";
import { findClauses, type Span, type StatDocument } from "./ngrams.js";

/** Normalized text with a way back to offsets in the raw text. */
export interface NormalizedText {
  readonly text: string;
  /** Offset in the raw text of an offset in `text`. */
  toOriginal(offset: number): number;
}

/** The text layer extraction runs on: PDF repair, sentence splitting and word segmentation. */
export interface TextPipeline {
  normalize(raw: string): NormalizedText;
  /** Sentence spans over a normalized text. */
  sentences(text: string): readonly Span[];
  /** A segmenter that keeps the given words whole; returns word spans over its input. */
  createSegmenter(userWords: readonly string[]): (text: string) => readonly Span[];
}

/** One document ready for statistics and for quoting contexts. */
export interface PreparedDocument extends StatDocument {
  readonly file: string;
  /** Normalized text in the document's own script, for quoting. */
  readonly normalized: string;
  readonly sentences: readonly Span[];
  /** 1-based line in the raw file of an offset in the normalized text. */
  lineOf(offset: number): number;
}

function lineStarts(raw: string): number[] {
  const starts = [0];
  for (let i = raw.indexOf("\n"); i >= 0; i = raw.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Normalizes, folds and segments one document. Word boundaries come from the segmenter; clause edges (ends of
 * Han runs) are always boundaries.
 */
export function prepareDocument(
  file: string,
  raw: string,
  pipeline: TextPipeline,
  segment: (text: string) => readonly Span[],
): PreparedDocument {
  const norm = pipeline.normalize(raw);
  const text = foldScript(norm.text);
  const boundaries = new Uint8Array(text.length + 1);
  for (const c of findClauses(text)) {
    boundaries[c.start] = 1;
    boundaries[c.end] = 1;
  }
  // One segmenter call per line (one paragraph per line after normalization): fewer native calls than per clause.
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    for (const w of segment(text.slice(start, end))) {
      boundaries[start + w.start] = 1;
      boundaries[start + w.end] = 1;
    }
    start = end + 1;
  }
  const starts = lineStarts(raw);
  return {
    file,
    text,
    boundaries,
    normalized: norm.text,
    sentences: pipeline.sentences(norm.text),
    lineOf: (offset) => lineAt(starts, norm.toOriginal(offset)),
  };
}
