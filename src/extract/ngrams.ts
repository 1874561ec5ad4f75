import { isHan } from "../text/script.js";

/** A half-open range of offsets in a document's normalized text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The text statistics need of one document: normalized, script-folded text and segmenter word boundaries. */
export interface StatDocument {
  /** Normalized and script-folded text (same offsets as the normalized text). */
  readonly text: string;
  /** boundaries[i] = 1 when a segmenter word starts or ends at offset i (clause edges included). */
  readonly boundaries: Uint8Array;
}

/** Counts and neighbourhood of one character n-gram over all documents. */
export interface NgramStat {
  readonly term: string;
  freq: number;
  docs: number;
  /** Occurrences whose both ends fall on segmenter word boundaries. */
  aligned: number;
  /**
   * Left and right neighbours, for branching entropy: Han characters as themselves, a number as "#", a Latin
   * word as "A" (年 after 2011 or 号 after 60/227 is bound to the number); punctuation and line edges are
   * free boundaries, counted apart in leftEdge / rightEdge.
   */
  readonly left: Map<string, number>;
  readonly right: Map<string, number>;
  leftEdge: number;
  rightEdge: number;
  /** Occurrences as pairs (document index, start offset), flattened. */
  readonly occurrences: number[];
}

function neighbourClass(text: string, i: number, step: 1 | -1): string | undefined {
  let j = i;
  // Skip spaces: the corpus writes "2011 年", and a space is where a character was lost, not a word.
  while (j >= 0 && j < text.length && (text[j] === " " || text[j] === "\u3000")) j += step;
  if (j < 0 || j >= text.length) return undefined;
  const code = text.charCodeAt(j);
  if ((code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19)) return "#";
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return "A";
  if (isHan(code)) return text[j];
  return undefined;
}

/**
 * Splits text into clauses: maximal runs of Han characters. Punctuation, digits, Latin letters and spaces end a
 * clause; in the PDF-extracted corpus a space inside Chinese is where a character was lost (历史 高水平 for
 * 历史最高水平), so no n-gram may span it.
 */
export function findClauses(text: string): Span[] {
  const out: Span[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const han = i < text.length && isHan(text.charCodeAt(i));
    if (han && start < 0) start = i;
    else if (!han && start >= 0) {
      out.push({ start, end: i });
      start = -1;
    }
  }
  return out;
}

/** Options for counting n-grams. */
export interface NgramOptions {
  readonly minLength: number;
  readonly maxLength: number;
  readonly minFreq: number;
}

/**
 * Counts every character n-gram (minLength..maxLength) inside clauses, then, for those at least minFreq times
 * frequent, gathers document spread, segmenter alignment, neighbour characters and occurrences. Two passes keep
 * the per-occurrence bookkeeping to the few n-grams that can become candidates.
 */
export function countNgrams(docs: readonly StatDocument[], options: NgramOptions): Map<string, NgramStat> {
  const { minLength, maxLength, minFreq } = options;
  const clauses = docs.map((d) => findClauses(d.text));
  const counts = new Map<string, number>();
  docs.forEach((doc, di) => {
    const text = doc.text;
    for (const c of clauses[di] as Span[]) {
      for (let i = c.start; i < c.end; i++) {
        const top = Math.min(maxLength, c.end - i);
        for (let n = minLength; n <= top; n++) {
          const key = text.substring(i, i + n);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  });
  const stats = new Map<string, NgramStat>();
  for (const [term, f] of counts) {
    if (f < minFreq) continue;
    stats.set(term, {
      term,
      freq: f,
      docs: 0,
      aligned: 0,
      left: new Map(),
      right: new Map(),
      leftEdge: 0,
      rightEdge: 0,
      occurrences: [],
    });
  }
  const lastDoc = new Map<string, number>();
  docs.forEach((doc, di) => {
    const { text, boundaries } = doc;
    for (const c of clauses[di] as Span[]) {
      for (let i = c.start; i < c.end; i++) {
        const top = Math.min(maxLength, c.end - i);
        for (let n = minLength; n <= top; n++) {
          const key = text.substring(i, i + n);
          const s = stats.get(key);
          if (s === undefined) continue;
          if (lastDoc.get(key) !== di) {
            lastDoc.set(key, di);
            s.docs++;
          }
          if (boundaries[i] === 1 && boundaries[i + n] === 1) s.aligned++;
          const l = neighbourClass(text, i - 1, -1);
          if (l !== undefined) s.left.set(l, (s.left.get(l) ?? 0) + 1);
          else s.leftEdge++;
          const r = neighbourClass(text, i + n, 1);
          if (r !== undefined) s.right.set(r, (s.right.get(r) ?? 0) + 1);
          else s.rightEdge++;
          s.occurrences.push(di, i);
        }
      }
    }
  });
  return stats;
}
