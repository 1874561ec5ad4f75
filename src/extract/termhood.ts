/**
 * Branching entropy of a string's neighbours, in bits (Jin & Tanaka-Ishii 2006, "Unsupervised segmentation of
 * Chinese text by use of branching entropy", COLING/ACL): high when many different characters follow (or
 * precede) it, i.e. its edge is a word boundary; near 0 for a fragment such as 移徙与发 (always followed by 展).
 * Each occurrence at a clause edge counts as its own symbol: punctuation or a line end is a free boundary, and so
 * is a neighbour `isFree` accepts (a function character: 的 before 秘书长特别代表 marks a boundary by itself).
 */
export function branchingEntropy(
  neighbours: ReadonlyMap<string, number>,
  edges: number,
  isFree: (neighbour: string) => boolean = () => false,
): number {
  let total = edges;
  const bound = new Map<string, number>();
  for (const [ch, c] of neighbours) {
    // A neighbour counted 0 times (after some of its occurrences were reclassified) is no symbol: 0·log 0 = 0.
    if (c <= 0) continue;
    if (isFree(ch)) edges += c;
    else bound.set(ch, c);
  }
  for (const c of neighbours.values()) total += Math.max(0, c);
  neighbours = bound;
  if (total === 0) return 0;
  let h = 0;
  for (const c of neighbours.values()) {
    const p = c / total;
    h -= p * Math.log2(p);
  }
  if (edges > 0) {
    const p = 1 / total;
    h -= edges * p * Math.log2(p);
  }
  return h;
}

/** A candidate string with its frequency, for C-value. */
export interface Counted {
  readonly term: string;
  readonly freq: number;
  /** Whether this candidate counts as a container of shorter ones (default true). */
  readonly container?: boolean;
}

/** C-value and the longest-container facts it is computed from. */
export interface NestedStats {
  readonly cValue: number;
  /** Highest frequency of a longer candidate containing this one (0 when not nested). */
  readonly maxContainer: number;
}

/**
 * C-value of each candidate (Frantzi, Ananiadou & Mima 2000, "Automatic recognition of multi-word terms: the
 * C-value/NC-value method", IJDL 3(2), §2.2):
 *   not nested: log2|a| · f(a);  nested: log2|a| · (f(a) − (1/P(T_a)) · Σ_{b∈T_a} f(b)),
 * where T_a is the set of longer candidates containing a. |a| is the length in characters, as in character-based
 * adaptations for Chinese (every candidate has ≥ 2 characters, so log2|a| ≥ 1). The nested part lowers strings
 * that mostly occur inside one longer term (巴亚尔塔 inside 巴亚尔塔港). One change to Frantzi et al.: the nested part
 * is the frequency of the most frequent container, not the mean over T_a. The mean is diluted by the chain of the
 * dominant container's own extensions (高级别 52: 高级别对话 51, 发展问题高级别对话 8, 联合国高级别对话 4 → mean 21,
 * leaving 31 "independent" uses of a modifier that stands alone once), while the occurrences inside the dominant
 * container are certainly not independent uses: f(a) − max f(b) counts the uses that are at least not that term.
 * A string spread over several containers keeps most of its frequency (高技能 19: 高技能人员, 高技能工人 … 6 each).
 * Candidates that fail the linguistic filter are marked `container: false`, as Frantzi et al. build T_a from
 * filtered candidates only: 移徙成本 is not nested in the verb phrase 降低移徙成本. A longer candidate that `derived` says is a word derived from the
 * shorter one (回返移徙者 from 回返移徙 by a suffix) is word formation, not nesting, and is left out of T_a.
 */
export function cValues(
  candidates: readonly Counted[],
  maxLength: number,
  derived: (shorter: string, longer: string) => boolean = () => false,
): Map<string, NestedStats> {
  const freq = new Map<string, number>();
  for (const c of candidates) freq.set(c.term, c.freq);
  const maxC = new Map<string, number>();
  for (const b of candidates) {
    if (b.container === false) continue;
    const len = b.term.length;
    // Each distinct substring a of b counts b once in T_a.
    const seen = new Set<string>();
    for (let n = 2; n < len && n <= maxLength; n++) {
      for (let i = 0; i + n <= len; i++) {
        const a = b.term.substring(i, i + n);
        if (seen.has(a) || !freq.has(a) || derived(a, b.term)) continue;
        seen.add(a);
        maxC.set(a, Math.max(maxC.get(a) ?? 0, b.freq));
      }
    }
  }
  const out = new Map<string, NestedStats>();
  for (const a of candidates) {
    // The dominant container's frequency, not Frantzi's mean over T_a (see above).
    const nestedPart = maxC.get(a.term) ?? 0;
    out.set(a.term, {
      cValue: Math.log2(a.term.length) * Math.max(0, a.freq - nestedPart),
      maxContainer: maxC.get(a.term) ?? 0,
    });
  }
  return out;
}

/**
 * Domain specificity ("weirdness", Ahmad, Gillam & Tostevin 1999, TREC-8): the ratio of a string's relative
 * frequency in the documents to its relative frequency in a general-language reference, as log10. A string the
 * reference does not list is given half a count (add-half smoothing), so unlexicalised compounds count as specific.
 */
export function weirdness(domainFreq: number, domainSize: number, generalFreq: number, generalSize: number): number {
  const pd = domainFreq / Math.max(1, domainSize);
  const pg = Math.max(0.5, generalFreq) / Math.max(1, generalSize);
  return Math.log10(pd / pg);
}
