import type { CandidateContext } from "./candidate.js";
import type { PreparedDocument } from "./prepare.js";

function sentenceAt(doc: PreparedDocument, offset: number): { start: number; end: number } | undefined {
  const s = doc.sentences;
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = s[mid] as { start: number; end: number };
    if (offset < m.start) hi = mid - 1;
    else if (offset >= m.end) lo = mid + 1;
    else return m;
  }
  return undefined;
}

/**
 * Up to `max` context sentences for occurrences given as flattened (document index, start offset) pairs: the
 * first occurrence in each document first (a terminologist judges a term by its use across sources), then
 * further distinct sentences; in document order, each with its 1-based line in the raw file.
 */
export function pickContexts(
  occurrences: readonly number[],
  docs: readonly PreparedDocument[],
  max: number,
): CandidateContext[] {
  const occ = occurrences;
  const chosen: { di: number; start: number }[] = [];
  const usedDocs = new Set<number>();
  for (let k = 0; k < occ.length && chosen.length < max; k += 2) {
    const di = occ[k] as number;
    if (usedDocs.has(di)) continue;
    usedDocs.add(di);
    chosen.push({ di, start: occ[k + 1] as number });
  }
  const seen = new Set(
    chosen.map((c) => `${c.di}:${sentenceAt(docs[c.di] as PreparedDocument, c.start)?.start}`),
  );
  for (let k = 0; k < occ.length && chosen.length < max; k += 2) {
    const di = occ[k] as number;
    const start = occ[k + 1] as number;
    const key = `${di}:${sentenceAt(docs[di] as PreparedDocument, start)?.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push({ di, start });
  }
  chosen.sort((a, b) => a.di - b.di || a.start - b.start);
  return chosen.map(({ di, start }) => {
    const doc = docs[di] as PreparedDocument;
    const s = sentenceAt(doc, start);
    let text: string;
    if (s !== undefined) text = doc.normalized.slice(s.start, s.end);
    else {
      const ls = doc.normalized.lastIndexOf("\n", start) + 1;
      const le = doc.normalized.indexOf("\n", start);
      text = doc.normalized.slice(ls, le < 0 ? doc.normalized.length : le);
    }
    return { file: doc.file, line: doc.lineOf(start), text: text.trim() };
  });
}
