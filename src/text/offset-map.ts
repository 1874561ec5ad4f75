/**
 * Offset maps: the link from a derived string (normalized, joined, cleaned) back to the string it was made from.
 *
 * STYLE.md "Offsets are sacred": every match carries offsets into the text the user gave, even when matching ran
 * on a normalized copy, so each transformation records, for every derived UTF-16 code unit, the source range it
 * came from. Two Int32Arrays keep this at 8 bytes per derived code unit.
 */

/** A half-open range [start, end) of UTF-16 code unit offsets. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Maps offsets of a derived string back to offsets of its original. */
export class OffsetMap {
  /** starts[i]: original offset where derived code unit i comes from; starts[length]: end of the consumed original. */
  private readonly starts: Int32Array;
  /** ends[i]: original offset just after the source of derived code unit i (== starts[i] for inserted units). */
  private readonly ends: Int32Array;

  /** Builds a map from its two tables; use {@link OffsetMapBuilder} or {@link OffsetMap.identity} instead. */
  constructor(starts: Int32Array, ends: Int32Array) {
    if (starts.length !== ends.length + 1)
      throw new RangeError("OffsetMap: starts must be one longer than ends");
    this.starts = starts;
    this.ends = ends;
  }

  /** The map of a string to itself. */
  static identity(length: number): OffsetMap {
    const starts = new Int32Array(length + 1);
    const ends = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    starts[length] = length;
    return new OffsetMap(starts, ends);
  }

  /** Length of the derived string. */
  get length(): number {
    return this.ends.length;
  }

  /** Length of the original string consumed (the original offset of the derived end). */
  get originalLength(): number {
    return this.starts[this.ends.length] as number;
  }

  /** The original offset the derived offset `i` (0..length inclusive) comes from. */
  toOriginal(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i > this.length)
      throw new RangeError(`offset ${i} outside 0..${this.length}`);
    return this.starts[i] as number;
  }

  /**
   * The original range of the derived range [start, end): from the source of the first code unit to the end of
   * the source of the last one (a code unit made from several original ones covers them all).
   */
  rangeToOriginal(start: number, end: number): Range {
    if (end < start) throw new RangeError(`range end ${end} before start ${start}`);
    const s = this.toOriginal(start);
    if (end === start) return { start: s, end: s };
    this.toOriginal(end);
    let e = this.ends[end - 1] as number;
    // A range may end on inserted code units (zero-width sources) after dropped text; never end before the start.
    if (e < s) e = s;
    return { start: s, end: e };
  }

  /** Original end offset of derived code unit `i` (exclusive); equals its start for inserted units. */
  sourceEnd(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.length)
      throw new RangeError(`unit ${i} outside 0..${this.length - 1}`);
    return this.ends[i] as number;
  }
}

/**
 * Chains two maps: `inner` maps a later string C to an intermediate B, `outer` maps B to the original A; the result
 * maps C straight to A (like f∘g, `outer` applies last).
 */
export function compose(outer: OffsetMap, inner: OffsetMap): OffsetMap {
  if (inner.originalLength > outer.length) {
    throw new RangeError(
      `compose: inner map reaches offset ${inner.originalLength}, outer covers ${outer.length}`,
    );
  }
  const n = inner.length;
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = inner.toOriginal(i);
    const b = inner.sourceEnd(i);
    starts[i] = outer.toOriginal(a);
    ends[i] = b > a ? outer.sourceEnd(b - 1) : (starts[i] as number);
  }
  starts[n] = outer.toOriginal(inner.originalLength);
  return new OffsetMap(starts, ends);
}

/** A derived string together with its map back to the original. */
export interface Mapped {
  readonly text: string;
  readonly map: OffsetMap;
}

/**
 * Builds a derived string from an original left to right, recording the offset map as it goes: keep, insert,
 * drop or replace runs of the original. Whatever is not consumed at `build()` is dropped.
 */
export class OffsetMapBuilder {
  private readonly source: string;
  private pos = 0;
  private parts: string[] = [];
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private size = 0;

  /** Starts building from `source`, at offset 0. */
  constructor(source: string) {
    this.source = source;
  }

  /** Current offset in the original. */
  get position(): number {
    return this.pos;
  }

  /** Length of the derived string so far. */
  get length(): number {
    return this.size;
  }

  private grow(extra: number): void {
    const need = this.size + extra + 1;
    if (need <= this.starts.length) return;
    let cap = this.starts.length * 2;
    while (cap < need) cap *= 2;
    const s = new Int32Array(cap);
    s.set(this.starts.subarray(0, this.size));
    const e = new Int32Array(cap);
    e.set(this.ends.subarray(0, this.size));
    this.starts = s;
    this.ends = e;
  }

  private checkAvailable(n: number): void {
    if (!Number.isInteger(n) || n < 0 || this.pos + n > this.source.length) {
      throw new RangeError(`cannot consume ${n} code units at ${this.pos} of ${this.source.length}`);
    }
  }

  /** Copies the next `n` original code units unchanged. */
  keep(n: number): this {
    this.checkAvailable(n);
    if (n === 0) return this;
    this.grow(n);
    for (let k = 0; k < n; k++) {
      this.starts[this.size] = this.pos + k;
      this.ends[this.size] = this.pos + k + 1;
      this.size++;
    }
    this.parts.push(this.source.slice(this.pos, this.pos + n));
    this.pos += n;
    return this;
  }

  /** Adds `str`, which comes from no original code unit (mapped to the current original offset). */
  insert(str: string): this {
    if (str.length === 0) return this;
    this.grow(str.length);
    for (let k = 0; k < str.length; k++) {
      this.starts[this.size] = this.pos;
      this.ends[this.size] = this.pos;
      this.size++;
    }
    this.parts.push(str);
    return this;
  }

  /** Skips the next `n` original code units. */
  drop(n: number): this {
    this.checkAvailable(n);
    this.pos += n;
    return this;
  }

  /** Replaces the next `n` original code units by `str`; each unit of `str` maps to the whole replaced range. */
  replace(n: number, str: string): this {
    this.checkAvailable(n);
    if (n === 0) return this.insert(str);
    this.grow(str.length);
    for (let k = 0; k < str.length; k++) {
      this.starts[this.size] = this.pos;
      this.ends[this.size] = this.pos + n;
      this.size++;
    }
    this.parts.push(str);
    this.pos += n;
    return this;
  }

  /** Finishes: the derived text and its map (the unconsumed rest of the original is dropped). */
  build(): Mapped {
    const text = this.parts.join("");
    const starts = new Int32Array(this.size + 1);
    starts.set(this.starts.subarray(0, this.size));
    starts[this.size] = this.source.length;
    const ends = this.ends.slice(0, this.size);
    return { text, map: new OffsetMap(starts, ends) };
  }
}
