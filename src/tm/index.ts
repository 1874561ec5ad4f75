import {
  compareMatches,
  diffTexts,
  finalScore,
  isInContext,
  keySimilarity,
  matchKey,
  mostEdits,
  penaltiesFor,
  textFacts,
  type TextFacts,
  type TmMatch,
} from "./fuzzy.js";
import type { TranslationUnit } from "./model.js";
import { QueryDistance } from "./query-distance.js";

/**
 * In-memory fuzzy-match index over translation units: a character-bigram inverted index on the matching key
 * (pg_bigm's and Okapi Pensieve's shape), used only as an exact filter — every unit it skips provably scores
 * below `min` — followed by edit distance on the survivors.
 *
 * The filter (q-gram lemma, Ukkonen 1992, on distinct bigrams): a query key of length m with G distinct bigrams
 * and a key of length n within edit distance d share at least G − (bigram positions of the query the edits
 * touch). A substitution or deletion touches at most 2 positions, an insertion at most 1 (I insertions,
 * I ≥ n − m when n > m), so for score = 1 − d/max(m, n) ≥ f at most 2(1 − f)·m positions are touched when
 * f ≥ 0.5, and at most m − (2f − 1)·n_max below; a match shares at least t = G − ⌊touched⌋ distinct bigrams.
 * Its length lies in [f·m, m/f] (translate-toolkit's length shortcut). Postings are walked rarest first (prefix
 * filtering: a match must appear in one of the rarest lists, fewer of them than the count alone needs because
 * one edit destroys at most two adjacent bigrams; see prefixLength), then the commoner lists are counted for the
 * candidates found: the commonest (国际, 移徙, 发展 in UN text) by a bit test in a bitmap over slots, the others
 * by a walk only while that is cheaper than verifying the candidates; a candidate that cannot reach t any more
 * is dropped. That adaptive cut is the stop list, made safe: skipping a list lowers the count a candidate needs,
 * never the recall. Keys too short for the bound (t ≤ 0) fall back to a length-window scan.
 *
 * Only the best `limit` matches are returned, so the floor need not stay at `min`: a probe first scores the few
 * units that share most of the rarest lists, and once `limit` of them score s, only a unit scoring at least s can
 * still enter and the bound is recomputed for s (the threshold raising of top-k similarity joins; Xiao et al.,
 * "Top-k Set Similarity Joins", ICDE 2009). A memory holding close variants of a sentence — the usual case for
 * a document's own recurring sentences — then walks a short prefix instead of most of the query's lists.
 *
 * Postings hold unit slots in increasing order, as plain int32s in slices of one arena, so adding units appends
 * and never rebuilds; `remove` leaves a tombstone. (Delta-encoded LEB128 varints saved only 11 % of the arena at
 * 100k units, where slices' slack dominates, and decoding them took a quarter of a search.) Profiled at 300k units, a search
 * spends about three times longer walking postings than in Levenshtein (fastest-levenshtein's Myers
 * bit-parallel `distance`), so a banded distance of our own would gain little; the filter is what is tuned.
 */

/** Search options. */
export interface TmSearchOptions {
  /** Lowest score returned, 0..1 (default 0.7, the industry's usual fuzzy threshold). */
  readonly min?: number;
  /** Most matches returned (default 5). */
  readonly limit?: number;
  /** The source segment before the query in its document, for in-context exact matches. */
  readonly previousSource?: string;
  /** Whether matches carry their character diff against the query (default true; annotate does not show it). */
  readonly diff?: boolean;
}

/** Fields of a unit in a snapshot: id, source, key, target, changedAt, previousSource. */
const UNIT_FIELDS = 6;

/** An index's state for another thread (structured-cloneable; the typed arrays are SharedArrayBuffer views). */
export interface TmIndexSnapshot {
  readonly slotCount: number;
  readonly listCount: number;
  readonly lengths: Int32Array;
  readonly head: Int32Array;
  readonly pos: Int32Array;
  readonly end: Int32Array;
  readonly level: Int32Array;
  readonly size: Int32Array;
  readonly last: Int32Array;
  readonly grams: GramTableState;
  readonly arena: Int32Array;
  readonly arenaUsed: number;
  readonly bitmapWords: number;
  /** Slot runs (see `runs` in createTmIndex): where each starts, and whether its slots are sorted by key length. */
  readonly runStarts: Int32Array;
  readonly runSorted: Uint8Array;
  readonly bitmapLists: Int32Array;
  readonly bitmaps: readonly Uint32Array[];
  /** Every slot's fields (UNIT_FIELDS of them) end to end, where each ends, and flags: 1 live, 2 changedAt, 4 previousSource. */
  readonly units: { readonly text: string; readonly ends: Int32Array; readonly flags: Uint8Array };
}

/** A fuzzy-match index over translation units. */
export interface TmIndex {
  /** Adds units (a unit whose id is already indexed replaces it); incremental, no rebuild. */
  add(units: readonly TranslationUnit[]): void;
  /** Removes the unit with this id; true when it was there. */
  remove(id: string): boolean;
  /** The best matches for a query, best first. */
  search(query: string, options?: TmSearchOptions): TmMatch[];
  /**
   * The index as another thread can search it (`createTmIndex(snapshot)`): the same memory, not a copy. The
   * index must not change while such a view is searched; the units come back with their ids, sources, targets,
   * change dates and previous sources only (look the whole unit up with `unit`).
   */
  snapshot(): TmIndexSnapshot;
  /** The unit indexed under an id. */
  unit(id: string): TranslationUnit | undefined;
  /** Number of units indexed. */
  readonly size: number;
  /** Number of indexed units that record their previous source (only they can be in-context matches). */
  readonly withContext: number;
  /** Index internals, for benchmarks: slots (live and removed), distinct bigrams, postings, arena and bitmap bytes. */
  stats(): { slots: number; bigrams: number; postings: number; arenaBytes: number; bitmapBytes: number };
}

// Verifying a candidate (Levenshtein on ~50 characters, Myers bit-parallel in fastest-levenshtein) costs about
// as much as decoding this many postings; measured with bench/tm.ts on this machine.
const VERIFY_COST_IN_POSTINGS = 40;
// Below this many live candidates, verifying them all is cheaper than walking any further list.
const FEW_CANDIDATES = 64;
// The probe walks the rarest lists up to about this many postings and scores up to this many candidates per
// match asked for, of those sharing at least half the lists walked: enough to find a sentence's close variants,
// a small part of a search's cost when there are none. (Without the half, a search of a corpus line against the
// 100k synthetic memory scored ten probe candidates, nearly always in vain: 9 % of its time.)
const PROBE_POSTINGS = 500;
const PROBE_PER_MATCH = 4;
// More than any list number: a list's size times this plus its number sorts lists by size (exact while sizes stay
// below 2^27).
const LIST_IDS = 2 ** 26;
// Half a unit in the 4th decimal: finalScore rounds, so comparisons of unrounded bases against rounded scores need it.
const SCORE_SLACK = 0.00005;

// A list gets a bitmap over slots once it holds at least this many postings and one slot in BITMAP_DENSITY:
// at that density its bitmap costs at most 8 bytes a posting (about 4 MB at 100k units, for the three hundred
// lists of 国际, 移徙, 发展 …), and phase 2 of a search tests a candidate's bit instead of walking the list.
const BITMAP_MIN_POSTINGS = 64;
const BITMAP_DENSITY = 64;

// A batch of at least this many units, and of a sixteenth of the index, is indexed as a run of slots sorted by key
// length (see `runs` in createTmIndex); a smaller one joins an unsorted run. So an index has few runs: a search
// pays two binary searches a run.
const SORTED_RUN_MIN = 1024;
const SORTED_RUN_SHARE = 16;

/**
 * Posting-list slice sizes by level, in int32s (Lucene's ByteBlockPool shape): a list starts in a slice of two
 * and each next slice is twice as large, up to 4 KiB; the last int32 of a slice holds the arena index of the
 * next one. Most bigrams of a memory are rare (names, typos), so a list costs 8 arena bytes and 6 int32 slots
 * until it grows.
 */
const SLICE_SIZES = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
const MAX_LEVEL = SLICE_SIZES.length - 1;

// The index's arrays live in SharedArrayBuffers, so that a worker thread can search the same memory (see
// snapshot()) without a copy. Reading them costs the same as reading ordinary typed arrays.
const sharedInt32 = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(n * 4));
const sharedUint32 = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(n * 4));

/** A growable int32 column. */
class IntColumn {
  constructor(public data: Int32Array) {}
  ensure(n: number): void {
    if (n <= this.data.length) return;
    let cap = this.data.length;
    while (cap < n) cap = Math.ceil(cap * 1.5);
    const d = sharedInt32(cap);
    d.set(this.data);
    this.data = d;
  }
}

interface GramTableState {
  readonly keys: Uint32Array;
  readonly values: Int32Array;
  readonly shift: number;
  readonly count: number;
}

/** Open-addressing hash table from a bigram (two UTF-16 code units as one uint32) to its list number. */
class GramTable {
  private keys = sharedUint32(1 << 12);
  private values = sharedInt32(1 << 12).fill(-1);
  private shift = 32 - 12;
  private count = 0;

  /** The table's arrays and counters (shared memory: see TmIndexSnapshot). */
  state(): GramTableState {
    return { keys: this.keys, values: this.values, shift: this.shift, count: this.count };
  }

  static from(state: GramTableState): GramTable {
    const t = new GramTable();
    t.keys = state.keys;
    t.values = state.values;
    t.shift = state.shift;
    t.count = state.count;
    return t;
  }

  get(gram: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(gram, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const v = this.values[i] as number;
      if (v === -1 || this.keys[i] === gram) return v;
      i = (i + 1) & mask;
    }
  }

  /** Sets a gram known to be absent. */
  insert(gram: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.rehash();
    const mask = this.keys.length - 1;
    let i = Math.imul(gram, 0x9e3779b1) >>> this.shift;
    while (this.values[i] !== -1) i = (i + 1) & mask;
    this.keys[i] = gram;
    this.values[i] = value;
    this.count++;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = sharedUint32(oldKeys.length * 2);
    this.values = sharedInt32(oldKeys.length * 2).fill(-1);
    this.shift--;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++)
      if (oldValues[i] !== -1) this.insert(oldKeys[i] as number, oldValues[i] as number);
  }
}

/** The first slot in [from, to) whose length is at least `len`, for lengths that increase over the range. */
function firstSlot(lens: Int32Array, from: number, to: number, len: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lens[mid] as number) >= len) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The best `limit` matches, one per source/target pair: the same sentence pair remembered twice (under two
 * ids, from two imports) is one suggestion, the best-ranked of its copies.
 */
function best(found: TmMatch[], limit: number): TmMatch[] {
  found.sort(compareMatches);
  const pairs = new Set<string>();
  const out: TmMatch[] = [];
  for (const m of found) {
    const pair = `${m.unit.source}\u0000${m.unit.target}`;
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    out.push(m);
    if (out.length === limit) break;
  }
  return out;
}

/** Creates an empty fuzzy-match index, or (`from`) a searchable view of another's snapshot. */
export function createTmIndex(from?: TmIndexSnapshot): TmIndex {
  const units: (TranslationUnit | undefined)[] = [];
  const keys: string[] = [];
  const lengths = new IntColumn(from?.lengths ?? sharedInt32(1024));
  let counts = new Uint16Array(lengths.data.length);
  let slotCount = from?.slotCount ?? 0;
  let live = 0;
  let contextual = 0;
  const slotOf = new Map<string, number>();

  const grams = from === undefined ? new GramTable() : GramTable.from(from.grams);
  let listCount = from?.listCount ?? 0;
  // Per list: first slice address, write position, end of the current slice's data, level, size, last slot.
  const column = (c: Int32Array | undefined) => new IntColumn(c ?? sharedInt32(1024));
  const head = column(from?.head);
  const pos = column(from?.pos);
  const end = column(from?.end);
  const level = column(from?.level);
  const size = column(from?.size);
  const last = column(from?.last);
  let arena = from?.arena ?? sharedInt32(1 << 14);
  let arenaUsed = from?.arenaUsed ?? 0;
  // Bitmaps over slots for the commonest lists (see BITMAP_*), so that counting them for a few candidates
  // costs a bit test each rather than a walk of the whole list; `bitmapWords` is every bitmap's length.
  const bitmaps: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(listCount).fill(undefined);
  let bitmapWords = from?.bitmapWords ?? 0;
  // Slots come in runs. A large batch (SORTED_RUN_MIN) is indexed in order of key length, so in every list the
  // postings of that run whose length fits a query's window are one stretch: a walk skips the others by a slot
  // compare (and whole slices of them), without touching the lengths or counts. A run of small additions is
  // unsorted and walked whole. At 100k units about two thirds of the postings lie outside a query's window.
  const runStarts: number[] = from === undefined ? [] : [...from.runStarts];
  const runSorted: boolean[] = from === undefined ? [] : [...from.runSorted].map((x) => x === 1);
  // A query's windows: slot intervals [winLo, winHi) in increasing order (filled by windowsFor).
  let winLo = new Int32Array(8);
  let winHi = new Int32Array(8);
  // Candidates found by walks, candBuf[0, candLen): one buffer for every search, so that a search allocates
  // next to nothing (it had made about 45 KB of garbage, mostly growing candidate arrays).
  let candBuf = new Int32Array(1024);
  // The bitmaps a search's phase 2 counts last (filterCandidates), reused from search to search.
  const bitsBuf: Uint32Array[] = [];
  let candLen = 0;
  // Per list, the number of the last search that met its bigram (to count a query's distinct bigrams).
  let listSeen = new Int32Array(1024);
  let searches = 0;
  // A snapshot's units are unpacked when first scored (a worker's view starts at once and unpacks only what it
  // verifies); its ids are mapped only if asked for.
  const packed = from?.units;
  if (from !== undefined) {
    from.bitmapLists.forEach((list, i) => (bitmaps[list] = from.bitmaps[i]));
    for (let slot = 0; slot < slotCount; slot++) {
      const flag = from.units.flags[slot] as number;
      if (flag & 1) live++;
      if (flag & 4) contextual++;
    }
  }

  /** The unit in a slot (undefined once removed). */
  function unitAt(slot: number): TranslationUnit | undefined {
    const u = units[slot];
    if (u !== undefined || packed === undefined || ((packed.flags[slot] as number) & 1) === 0) return u;
    const { text, ends, flags } = packed;
    const base = slot * UNIT_FIELDS;
    const field = (f: number): string =>
      text.slice(base + f === 0 ? 0 : (ends[base + f - 1] as number), ends[base + f] as number);
    const flag = flags[slot] as number;
    const unit: TranslationUnit = {
      id: field(0),
      source: field(1),
      target: field(3),
      sourceLang: "",
      targetLang: "",
      ...(flag & 2 ? { changedAt: field(4) } : {}),
      ...(flag & 4 ? { previousSource: field(5) } : {}),
    };
    units[slot] = unit;
    keys[slot] = field(2);
    return unit;
  }

  /** Slot by unit id; a snapshot's view maps its ids on the first call. */
  function slotFor(id: string): number | undefined {
    if (packed !== undefined && slotOf.size === 0)
      for (let slot = 0; slot < slotCount; slot++) {
        const u = unitAt(slot);
        if (u !== undefined) slotOf.set(u.id, slot);
      }
    return slotOf.get(id);
  }

  function allocSlice(ints: number): number {
    if (arenaUsed + ints > arena.length) {
      const a = sharedInt32(Math.max(Math.ceil(arena.length * 1.5), arenaUsed + ints));
      a.set(arena.subarray(0, arenaUsed));
      arena = a;
    }
    const at = arenaUsed;
    arenaUsed += ints;
    return at;
  }

  function newList(): number {
    const list = listCount++;
    bitmaps.push(undefined);
    for (const c of [head, pos, end, level, size, last]) c.ensure(listCount);
    const at = allocSlice(SLICE_SIZES[0] as number);
    head.data[list] = at;
    pos.data[list] = at;
    end.data[list] = at + (SLICE_SIZES[0] as number) - 1;
    level.data[list] = 0;
    size.data[list] = 0;
    last.data[list] = -1;
    return list;
  }

  function writePosting(list: number, slot: number): void {
    let p = pos.data[list] as number;
    if (p === end.data[list]) {
      const lv = Math.min(MAX_LEVEL, (level.data[list] as number) + 1);
      const ints = SLICE_SIZES[lv] as number;
      const at = allocSlice(ints);
      // The next slice's index in the int32 after the data (the arena may have moved: index it now).
      arena[p] = at;
      level.data[list] = lv;
      end.data[list] = at + ints - 1;
      p = at;
    }
    arena[p] = slot;
    pos.data[list] = p + 1;
  }

  /** Sets a slot's bit in a list's bitmap, growing every bitmap when the slot is past their end. */
  function setBit(bits: Uint32Array, list: number, slot: number): void {
    if (slot >>> 5 >= bits.length) {
      bitmapWords = Math.max((slot >>> 5) + 1, bitmapWords * 2);
      for (let l = 0; l < bitmaps.length; l++) {
        const old = bitmaps[l];
        if (old === undefined) continue;
        const grown = sharedUint32(bitmapWords);
        grown.set(old);
        bitmaps[l] = grown;
      }
      bits = bitmaps[list] as Uint32Array;
    }
    bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
  }

  /** Gives a list grown common a bitmap of the slots it holds. */
  function addBitmap(list: number): void {
    bitmapWords = Math.max(bitmapWords, ((slotCount + 31) >>> 5) + 1);
    const bits = sharedUint32(bitmapWords);
    bitmaps[list] = bits;
    // The list's slots, each once (counts are all zero between searches), by the same walk a search makes.
    candLen = 0;
    walk(list, 0, 0, Infinity, windowsFor(0, Infinity));
    for (let c = 0; c < candLen; c++) {
      const slot = candBuf[c] as number;
      bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
      counts[slot] = 0;
    }
  }

  function append(list: number, slot: number): void {
    const bits = bitmaps[list];
    if (bits !== undefined) setBit(bits, list, slot);
    last.data[list] = slot;
    size.data[list] = (size.data[list] as number) + 1;
    writePosting(list, slot);
    const n = size.data[list] as number;
    if (bits === undefined && n >= BITMAP_MIN_POSTINGS && n * BITMAP_DENSITY >= slotCount) addBitmap(list);
  }

  function indexUnit(unit: TranslationUnit, key: string): void {
    const old = slotOf.get(unit.id);
    if (old !== undefined) {
      if (units[old]?.previousSource !== undefined) contextual--;
      units[old] = undefined;
      live--;
    }
    if (unit.previousSource !== undefined) contextual++;
    const slot = slotCount++;
    lengths.ensure(slotCount);
    if (counts.length < lengths.data.length) counts = new Uint16Array(lengths.data.length);
    units[slot] = unit;
    keys[slot] = key;
    lengths.data[slot] = key.length;
    slotOf.set(unit.id, slot);
    live++;
    for (let i = 0; i + 1 < key.length; i++) {
      const gram = ((key.charCodeAt(i) << 16) | key.charCodeAt(i + 1)) >>> 0;
      let list = grams.get(gram);
      if (list === -1) {
        list = newList();
        grams.insert(gram, list);
      }
      // One posting per distinct bigram of a unit: slots only grow, so a repeat has this slot as its last.
      if (last.data[list] === slot) continue;
      append(list, slot);
    }
  }

  /** Number of postings of a list. */
  const listSize = (list: number): number => size.data[list] as number;

  /**
   * Fills the query's windows for a length window (every slot whose key length may fit, as slot intervals in
   * increasing order) and returns how many there are.
   */
  function windowsFor(minLen: number, maxLen: number): number {
    if (winLo.length < runStarts.length) {
      winLo = new Int32Array(runStarts.length * 2);
      winHi = new Int32Array(runStarts.length * 2);
    }
    const lens = lengths.data;
    let n = 0;
    for (let r = 0; r < runStarts.length; r++) {
      let lo = runStarts[r] as number;
      let hi = r + 1 < runStarts.length ? (runStarts[r + 1] as number) : slotCount;
      if (runSorted[r] === true) {
        lo = firstSlot(lens, lo, hi, minLen);
        hi = firstSlot(lens, lo, hi, maxLen + 1);
      }
      if (lo >= hi) continue;
      if (n > 0 && winHi[n - 1] === lo) winHi[n - 1] = hi;
      else {
        winLo[n] = lo;
        winHi[n] = hi;
        n++;
      }
    }
    return n;
  }

  /**
   * Reads a list's postings in the first `wins` windows (windowsFor), slice by slice; a slice whose last posting
   * lies before the current window is skipped unread. `mode` 0 (phase 1): count every posting whose length fits,
   * collecting new candidates into candBuf; mode 1 (phase 2): count only existing candidates. Inlined rather than
   * a callback: this loop is where a search spends its time.
   */
  function walk(list: number, mode: 0 | 1, minLen: number, maxLen: number, wins: number): void {
    if (wins === 0) return;
    const a = arena;
    const lens = lengths.data;
    const cnt = counts;
    // Room for every posting of the list: no bound check per new candidate.
    if (mode === 0 && candLen + (size.data[list] as number) > candBuf.length) {
      const grown = new Int32Array(Math.max(candBuf.length * 2, candLen + (size.data[list] as number)));
      grown.set(candBuf.subarray(0, candLen));
      candBuf = grown;
    }
    const cand = candBuf;
    let n = candLen;
    const stop = pos.data[list] as number;
    let w = 0;
    let lo = winLo[0] as number;
    let hi = winHi[0] as number;
    let i = head.data[list] as number;
    let lv = 0;
    slices: for (;;) {
      const sliceEnd = i + (SLICE_SIZES[lv] as number) - 1;
      // Slices are disjoint, so the list ends in this one exactly when its write position falls inside it.
      const last = stop >= i && stop <= sliceEnd;
      const e = last ? stop : sliceEnd;
      if (last || (a[sliceEnd - 1] as number) >= lo) {
        for (; i < e; i++) {
          const slot = a[i] as number;
          if (slot < lo) continue;
          if (slot >= hi) {
            while (w < wins && (winHi[w] as number) <= slot) w++;
            if (w === wins) break slices;
            lo = winLo[w] as number;
            hi = winHi[w] as number;
            if (slot < lo) continue;
          }
          const c = cnt[slot] as number;
          if (mode === 0) {
            if (c === 0) {
              const len = lens[slot] as number;
              if (len < minLen || len > maxLen) continue;
              cand[n++] = slot;
            }
            cnt[slot] = c + 1;
          } else if (c > 0) cnt[slot] = c + 1;
        }
      }
      if (last) break;
      i = a[sliceEnd] as number;
      if (lv < MAX_LEVEL) lv++;
    }
    candLen = n;
  }

  /**
   * The length window and the number of distinct bigrams a unit must share with a query key of length `m` with
   * `g` distinct bigrams to reach `floor` (see the file comment); `need` ≤ 0 when the key is too short for the
   * bigram bound.
   */
  function bounds(m: number, g: number, floor: number): { minLen: number; maxLen: number; need: number } {
    const minLen = Math.ceil(floor * m - 1e-9);
    const maxLen = Math.floor(m / floor + 1e-9);
    // Touched query bigram positions: ≤ 2(1 − f)·m when f ≥ 0.5; below 0.5 (the slack) an insertion-heavy
    // alignment may touch up to m − (2f − 1)·maxLen.
    const touched = Math.max(2 * (1 - floor) * m, m - (2 * floor - 1) * maxLen);
    return { minLen, maxLen, need: g - Math.floor(touched + 1e-9) };
  }

  function search(query: string, options: TmSearchOptions = {}): TmMatch[] {
    const min = Math.min(1, Math.max(0.01, options.min ?? 0.7));
    const limit = Math.max(0, Math.floor(options.limit ?? 5));
    if (limit === 0 || live === 0) return [];
    const qFacts = textFacts(query);
    const qKey = qFacts.key;
    const m = qKey.length;

    // Distinct query bigrams and their lists (a bigram nowhere in the index still counts in G); the list of the
    // bigram at each position of the key (-1 when no unit has it).
    // A present bigram is known by its list (stamped with this search's number), an absent one by its code.
    if (listSeen.length < listCount) listSeen = new Int32Array(Math.max(listCount, listSeen.length * 2));
    if (++searches === 0x7fffffff) {
      // Stamps stay within int32: after 2^31 searches every list is unstamped again.
      listSeen.fill(0);
      searches = 1;
    }
    const stamp = searches;
    // Absent bigrams are few in the text a memory is for, but a query in another script has nothing else.
    let absent: Set<number> | undefined;
    const bySize: number[] = [];
    const listAt: number[] = [];
    for (let i = 0; i + 1 < m; i++) {
      const gram = ((qKey.charCodeAt(i) << 16) | qKey.charCodeAt(i + 1)) >>> 0;
      const list = grams.get(gram);
      listAt.push(list);
      if (list === -1) (absent ??= new Set()).add(gram);
      else if (listSeen[list] !== stamp) {
        listSeen[list] = stamp;
        // Size and list in one number, so that a numeric sort orders the lists rarest first.
        bySize.push(listSize(list) * LIST_IDS + list);
      }
    }
    const g = bySize.length + (absent?.size ?? 0);
    const sorted = Float64Array.from(bySize).sort();
    const lists: number[] = [];
    for (let j = 0; j < sorted.length; j++) lists.push((sorted[j] as number) % LIST_IDS);
    // Scores are rounded to 4 decimals, so a base of 0.69996 reports as 0.7: the filter works with that slack.
    let b = bounds(m, g, min - SCORE_SLACK);
    const prev = options.previousSource;
    // Probe: the units sharing most of the rarest bigrams are scored first. When `limit` of them already score
    // well (a memory holding several close variants of the sentence), only a unit scoring at least as well can
    // still enter the list, and that higher floor shortens the prefix of lists the filter must walk (or makes
    // a key too short for the bound at `min` long enough for it at the new floor).
    // The query's match masks, built once for every candidate this search verifies.
    const qd = new QueryDistance(qKey);
    const probed = probe(lists, b, qFacts, qd, min, limit, prev);
    let bar = min;
    if (probed.found.length === limit) {
      bar = (probed.found[limit - 1] as TmMatch).score;
      if (bar > min) b = bounds(m, g, bar - SCORE_SLACK);
    }
    let candidates: number[];
    if (b.need <= 0) {
      // Too short for the bigram bound (one or two characters): every unit of a fitting length is a candidate.
      candidates = [];
      for (let s = 0; s < slotCount; s++) {
        const len = lengths.data[s] as number;
        if (len >= b.minLen && len <= b.maxLen && unitAt(s) !== undefined) candidates.push(s);
      }
    } else {
      // Fewer lists than the bound needs: no unit can reach the floor, beyond what the probe found.
      const floor = Math.max(min, bar) - SCORE_SLACK;
      candidates =
        lists.length < b.need
          ? []
          : filterCandidates(
              lists,
              b.need,
              prefixLength(lists, listAt, m, floor, b.need),
              b.minLen,
              b.maxLen,
            );
    }
    const found = score(candidates, qFacts, qd, bar, limit, prev, probed.found, probed.slots);
    return options.diff === false ? found : withDiffs(qFacts, found);
  }

  /**
   * How many of the rarest lists every unit scoring at least `floor` appears in at least one of: the fewest whose
   * bigrams cannot all be missing from such a unit (location-based prefix filtering, after ED-Join: Xiao, Wang
   * and Lin, VLDB 2008). For a score of at least f ≥ 0.5 against a key of length m, a unit's alignment has
   * S + D + f·I ≤ (1 − f)·m (from d ≤ (1 − f)·max(m, n), with n = m − D + I). A substitution or deletion
   * destroys at most two adjacent bigram positions of the key, an insertion one; so destroying a run of r
   * adjacent positions costs at least ⌊r/2⌋ + f·(r mod 2). A bigram absent from the unit has all its positions
   * destroyed, and one absent from the whole index is absent from every unit. Rare bigrams are seldom adjacent,
   * so this prefix is often much shorter than the count filter's k − need + 1, which it never exceeds.
   */
  function prefixLength(
    lists: readonly number[],
    listAt: readonly number[],
    m: number,
    floor: number,
    need: number,
  ): number {
    const countPrefix = lists.length - need + 1;
    if (floor < 0.5) return countPrefix;
    const budget = (1 - floor) * m + 1e-9;
    const n = listAt.length;
    // Positions destroyed so far, and the least edits destroying them, kept as runs are joined.
    const gone = new Uint8Array(n);
    const runCost = (r: number): number => Math.floor(r / 2) + (r % 2) * floor;
    let total = 0;
    const destroy = (p: number): void => {
      gone[p] = 1;
      let left = 0;
      while (p - left - 1 >= 0 && gone[p - left - 1] === 1) left++;
      let right = 0;
      while (p + right + 1 < n && gone[p + right + 1] === 1) right++;
      total += runCost(left + right + 1) - runCost(left) - runCost(right);
    };
    for (let p = 0; p < n; p++) if (listAt[p] === -1) destroy(p);
    if (total > budget) return 0;
    for (let j = 0; j < countPrefix; j++) {
      const list = lists[j] as number;
      for (let p = 0; p < n; p++) if (listAt[p] === list) destroy(p);
      if (total > budget) return j + 1;
    }
    return countPrefix;
  }

  /** Scores the units sharing most of the rarest lists' bigrams (a bounded walk), as a first list of matches. */
  function probe(
    lists: readonly number[],
    b: { minLen: number; maxLen: number },
    qFacts: TextFacts,
    qd: QueryDistance,
    min: number,
    limit: number,
    prev: string | undefined,
  ): { found: TmMatch[]; slots: Set<number> } {
    let walked = 0;
    const wins = windowsFor(b.minLen, b.maxLen);
    candLen = 0;
    let most = 0;
    for (let j = 0; j < lists.length && walked < PROBE_POSTINGS; j++) {
      walk(lists[j] as number, 0, b.minLen, b.maxLen, wins);
      walked += listSize(lists[j] as number);
      most = j + 1;
    }
    // The `take` candidates with the highest counts, without sorting them: the lowest count `cut` such that the
    // candidates counted at least `cut` fit in `take`, then those at cut − 1 while room is left.
    const take = limit * PROBE_PER_MATCH;
    const withCount = new Int32Array(most + 2);
    for (let c = 0; c < candLen; c++) {
      const n = counts[candBuf[c] as number] as number;
      withCount[n] = (withCount[n] as number) + 1;
    }
    let cut = most + 1;
    for (let have = 0; cut > 1 && have + (withCount[cut - 1] as number) <= take; cut--)
      have += withCount[cut - 1] as number;
    const least = Math.ceil(most / 2);
    const picked: number[] = [];
    for (let c = 0; c < candLen; c++) {
      const slot = candBuf[c] as number;
      if ((counts[slot] as number) >= Math.max(cut, least)) picked.push(slot);
    }
    for (let c = 0; c < candLen && picked.length < take && cut - 1 >= least; c++) {
      const slot = candBuf[c] as number;
      if ((counts[slot] as number) === cut - 1) picked.push(slot);
    }
    for (let c = 0; c < candLen; c++) counts[candBuf[c] as number] = 0;
    return { found: score(picked, qFacts, qd, min, limit, prev, [], undefined), slots: new Set(picked) };
  }

  /**
   * Candidates sharing at least `need` of the query's bigrams (or not yet proven not to), in a length window,
   * from the `prefix` rarest lists (every match is in one of them).
   */
  function filterCandidates(
    lists: number[],
    need: number,
    prefix: number,
    minLen: number,
    maxLen: number,
  ): number[] {
    // `lists` comes sorted rarest first.
    const k = lists.length;
    if (k < need) return [];
    const wins = windowsFor(minLen, maxLen);
    candLen = 0;
    // Phase 1: any match is in one of the `prefix` rarest lists.
    for (let j = 0; j < prefix; j++) walk(lists[j] as number, 0, minLen, maxLen, wins);
    const cand = candBuf;
    // Phase 2: count the commoner lists for the candidates. A list without a bitmap is walked while that costs
    // less than verifying the candidates it could rule out, else skipped. Lists with a bitmap come last, a
    // candidate at a time: a bit test each, and a candidate is decided as soon as it has its count or can no
    // longer reach it (most are dropped after a few tests instead of one test a list).
    let unread = k - prefix;
    const withBits = bitsBuf;
    withBits.length = 0;
    for (let j = prefix; j < k && candLen > 0; j++) {
      const list = lists[j] as number;
      const bits = bitmaps[list];
      if (bits !== undefined) {
        withBits.push(bits);
        continue;
      }
      if (candLen <= FEW_CANDIDATES || listSize(list) > candLen * VERIFY_COST_IN_POSTINGS) continue;
      walk(list, 1, minLen, maxLen, wins);
      unread--;
      const floor = need - unread;
      if (floor > 1) {
        // Drop the candidates that can no longer reach `need`, in place.
        let kept = 0;
        for (let c = 0; c < candLen; c++) {
          const slot = cand[c] as number;
          if ((counts[slot] as number) >= floor) cand[kept++] = slot;
          else counts[slot] = 0;
        }
        candLen = kept;
      }
    }
    if (withBits.length > 0 && candLen > 0) {
      const lastly = withBits.length;
      unread -= lastly;
      const target = need - unread;
      let kept = 0;
      for (let c = 0; c < candLen; c++) {
        const slot = cand[c] as number;
        let have = counts[slot] as number;
        const word = slot >>> 5;
        const bit = 1 << (slot & 31);
        for (let t = 0; t < lastly && have < target && have + lastly - t >= target; t++)
          if (((withBits[t] as Uint32Array)[word] as number) & bit) have++;
        if (have >= target) {
          counts[slot] = have;
          cand[kept++] = slot;
        } else counts[slot] = 0;
      }
      candLen = kept;
    }
    const floor = need - unread;
    const out: number[] = [];
    for (let c = 0; c < candLen; c++) {
      const slot = cand[c] as number;
      if ((counts[slot] as number) >= floor) out.push(slot);
    }
    // Most shared bigrams first: good matches early raise the bar that later candidates must reach.
    out.sort((a, b) => (counts[b] as number) - (counts[a] as number));
    for (let c = 0; c < candLen; c++) counts[cand[c] as number] = 0;
    return out;
  }

  /**
   * Scores candidates into `found` (kept to the best `limit`, best first) and returns it; a candidate must reach
   * `bar`, which rises to the limit-th best score as the list fills. Slots in `skip` were scored already.
   */
  function score(
    candidates: readonly number[],
    qFacts: TextFacts,
    qd: QueryDistance,
    bar: number,
    limit: number,
    previousSource: string | undefined,
    found: TmMatch[],
    skip: ReadonlySet<number> | undefined,
  ): TmMatch[] {
    const qKey = qFacts.key;
    const m = qKey.length;
    const lens = lengths.data;
    for (const slot of candidates) {
      // The most edits that still reach the current bar; translate-toolkit's length shortcut checks them before
      // the unit is touched, and the distance is cut short beyond them.
      const n = lens[slot] as number;
      const most = mostEdits(Math.max(m, n), bar - SCORE_SLACK);
      if (Math.abs(m - n) > most) continue;
      if (skip?.has(slot)) continue;
      const unit = unitAt(slot);
      if (unit === undefined) continue;
      const key = keys[slot] as string;
      const base = keySimilarity(qKey, key, qd.to(key, most));
      // Penalties only lower a score, so a base below the bar cannot enter the list.
      if (base < bar - SCORE_SLACK) continue;
      const penalties = penaltiesFor(qFacts, textFacts(unit.source, key));
      const s = finalScore(base, penalties, qFacts.raw === unit.source);
      if (s < bar) continue;
      found.push({ unit, score: s, penalties, inContext: isInContext(previousSource, unit), diff: [] });
      if (found.length >= limit * 4) {
        // Keep the list short; the bar rises to the limit-th best score (equal scores still pass: `< bar` skips).
        found = best(found, limit);
        if (found.length === limit) bar = Math.max(bar, (found[limit - 1] as TmMatch).score);
      }
    }
    return best(found, limit);
  }

  /** The matches with their character diffs, computed for the few that are returned. */
  function withDiffs(qFacts: TextFacts, found: readonly TmMatch[]): TmMatch[] {
    return found.map((mt) => ({ ...mt, diff: diffTexts(qFacts.raw, mt.unit.source) }));
  }

  /** The index as a worker can take it: its arrays (shared, not copied) and its units' strings in one. */
  // The last snapshot, while the index has not changed since (packing the units' strings is its main cost).
  let snapped: TmIndexSnapshot | undefined;

  function snapshot(): TmIndexSnapshot {
    if (snapped !== undefined) return snapped;
    const parts: string[] = [];
    const ends = new Int32Array(slotCount * UNIT_FIELDS);
    const flags = new Uint8Array(slotCount);
    let at = 0;
    for (let slot = 0; slot < slotCount; slot++) {
      const u = unitAt(slot);
      const fields =
        u === undefined
          ? ["", "", keys[slot] ?? "", "", "", ""]
          : [u.id, u.source, keys[slot] ?? "", u.target, u.changedAt ?? "", u.previousSource ?? ""];
      flags[slot] =
        u === undefined
          ? 0
          : 1 | (u.changedAt !== undefined ? 2 : 0) | (u.previousSource !== undefined ? 4 : 0);
      fields.forEach((f, i) => {
        parts.push(f);
        at += f.length;
        ends[slot * UNIT_FIELDS + i] = at;
      });
    }
    const bitmapLists: number[] = [];
    const maps: Uint32Array[] = [];
    bitmaps.forEach((bits, list) => {
      if (bits === undefined) return;
      bitmapLists.push(list);
      maps.push(bits);
    });
    snapped = {
      slotCount,
      listCount,
      lengths: lengths.data,
      head: head.data,
      pos: pos.data,
      end: end.data,
      level: level.data,
      size: size.data,
      last: last.data,
      grams: grams.state(),
      arena,
      arenaUsed,
      bitmapWords,
      runStarts: Int32Array.from(runStarts),
      runSorted: Uint8Array.from(runSorted, (x) => (x ? 1 : 0)),
      bitmapLists: Int32Array.from(bitmapLists),
      bitmaps: maps,
      units: { text: parts.join(""), ends, flags },
    };
    return snapped;
  }

  /** Refuses changes to a snapshot's view, and forgets the last snapshot of an index that changes. */
  function changing(): void {
    if (packed !== undefined) throw new Error("a TM snapshot's view is read-only");
    snapped = undefined;
  }

  return {
    add(batch: readonly TranslationUnit[]): void {
      changing();
      const keyed = batch.map((unit) => ({ unit, key: matchKey(unit.source) }));
      if (batch.length >= SORTED_RUN_MIN && batch.length * SORTED_RUN_SHARE >= slotCount) {
        // A sorted run. The last unit of an id wins, as when the batch is indexed in its own order.
        const lastOf = new Map(keyed.map((k, i) => [k.unit.id, i]));
        const kept = keyed.filter((k, i) => lastOf.get(k.unit.id) === i);
        kept.sort((x, y) => x.key.length - y.key.length);
        runStarts.push(slotCount);
        runSorted.push(true);
        for (const k of kept) indexUnit(k.unit, k.key);
        return;
      }
      if (keyed.length > 0 && runSorted[runSorted.length - 1] !== false) {
        runStarts.push(slotCount);
        runSorted.push(false);
      }
      for (const k of keyed) indexUnit(k.unit, k.key);
    },
    remove(id: string): boolean {
      changing();
      const slot = slotOf.get(id);
      if (slot === undefined) return false;
      // A tombstone: postings stay (the slot is skipped at verification); memory is reclaimed by a new index.
      if (units[slot]?.previousSource !== undefined) contextual--;
      units[slot] = undefined;
      slotOf.delete(id);
      live--;
      return true;
    },
    search,
    snapshot,
    unit(id: string): TranslationUnit | undefined {
      const slot = slotFor(id);
      return slot === undefined ? undefined : unitAt(slot);
    },
    get size(): number {
      return live;
    },
    get withContext(): number {
      return contextual;
    },
    stats() {
      let postings = 0;
      for (let l = 0; l < listCount; l++) postings += size.data[l] as number;
      let bitmapBytes = 0;
      for (const bits of bitmaps) bitmapBytes += bits?.byteLength ?? 0;
      return { slots: slotCount, bigrams: listCount, postings, arenaBytes: arenaUsed * 4, bitmapBytes };
    },
  };
}
