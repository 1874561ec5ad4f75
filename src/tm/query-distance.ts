import { distance } from "fastest-levenshtein";

/**
 * Edit distance from one query key to many unit keys, for verifying a search's candidates.
 *
 * Myers' bit-parallel algorithm (1999) with the query as the pattern, in Hyyrö's blocks of 32 rows (as edlib's
 * calculateBlock), for queries of up to 64 code units: nearly every sentence, each block kept in locals. A
 * two-string `distance` must build the pattern's match masks for every pair; here they are built once per
 * search. And a key is given up as soon as its distance provably exceeds the most the caller can use: the
 * bottom row changes by at most one a column, so after j of n key characters the distance is at least
 * D[m][j] − (n − j). A longer query is left to fastest-levenshtein.
 */

const BLOCKS = 2;
const MAX_QUERY = 32 * BLOCKS;

// Match masks of the current query: for code unit c, block b, bit r set when query[32b + r] = c. Shared by
// every QueryDistance of this thread (a search builds one, uses it, and is done before the next begins).
let masks: Int32Array | undefined;
/** The query whose bits are in `masks` (cleared before the next query's are set), and its number. */
let masked = "";
let generation = 0;

/** Distances from one query key; valid until the next QueryDistance is made on this thread. */
export class QueryDistance {
  private readonly generation: number;

  constructor(private readonly query: string) {
    const m = query.length;
    if (m > MAX_QUERY) {
      this.generation = -1;
      return;
    }
    this.generation = ++generation;
    masks ??= new Int32Array(0x10000 * BLOCKS);
    for (let r = 0; r < masked.length; r++) masks[masked.charCodeAt(r) * BLOCKS + (r >>> 5)] = 0;
    masked = query;
    for (let r = 0; r < m; r++) {
      const at = query.charCodeAt(r) * BLOCKS + (r >>> 5);
      masks[at] = (masks[at] as number) | (1 << (r & 31));
    }
  }

  /** The edit distance to `key` when it is at most `max`; otherwise some number above `max`. */
  to(key: string, max: number): number {
    const m = this.query.length;
    const n = key.length;
    if (m > MAX_QUERY || m === 0 || n === 0) return distance(this.query, key);
    if (this.generation !== generation) throw new Error("QueryDistance used after another query's was made");
    const table = masks as Int32Array;
    const two = m > 32;
    // Bit of the query's last row in its last block; block 0 holds rows 0–31, block 1 the rest.
    const lastBit = (m - 1) & 31;
    const top0 = two ? 31 : lastBit;
    let pv0 = -1;
    let mv0 = 0;
    let pv1 = -1;
    let mv1 = 0;
    let score = m;
    for (let j = 0; j < n; j++) {
      const base = key.charCodeAt(j) * BLOCKS;
      // Block 0, under row 0 (D[0][j] = j: +1 a column).
      let eq = table[base] as number;
      let xv = eq | mv0;
      let xh = (((eq & pv0) + pv0) ^ pv0) | eq;
      let ph = mv0 | ~(xh | pv0);
      let mh = pv0 & xh;
      let h = ((ph >>> top0) & 1) !== 0 ? 1 : ((mh >>> top0) & 1) !== 0 ? -1 : 0;
      ph = (ph << 1) | 1;
      mh <<= 1;
      pv0 = mh | ~(xv | ph);
      mv0 = ph & xv;
      if (two) {
        // Block 1, under block 0's last row, whose change is h.
        eq = table[base + 1] as number;
        xv = eq | mv1;
        if (h < 0) eq |= 1;
        xh = (((eq & pv1) + pv1) ^ pv1) | eq;
        ph = mv1 | ~(xh | pv1);
        mh = pv1 & xh;
        const out = ((ph >>> lastBit) & 1) !== 0 ? 1 : ((mh >>> lastBit) & 1) !== 0 ? -1 : 0;
        ph <<= 1;
        mh <<= 1;
        if (h < 0) mh |= 1;
        else if (h > 0) ph |= 1;
        pv1 = mh | ~(xv | ph);
        mv1 = ph & xv;
        h = out;
      }
      score += h;
      if (score - (n - 1 - j) > max) return max + 1;
    }
    return score;
  }
}
