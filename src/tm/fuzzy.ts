import { diffChars } from "diff";
import { distance } from "fastest-levenshtein";
import { foldChar } from "../text/script.js";
import { INLINE_CODE, type TranslationUnit } from "./model.js";

/**
 * Fuzzy-match scoring for the translation memory: the matching key, the score, the penalties and the diff.
 *
 * Score = 1 − Levenshtein(keyA, keyB) / max(|keyA|, |keyB|) on the matching key (translate-toolkit's
 * `LevenshteinComparer` measure, on characters), minus the penalties below. The key is the text with
 * traditional characters folded to simplified (`foldScript`, length-preserving), full-width letters and digits
 * folded to half-width, letters lower-cased, and whitespace, punctuation and inline codes (U+FFFC) removed —
 * the PDF-extracted corpus drops 、 and quotation marks and scatters spaces, which should not cost a match.
 * What the key hides is charged as an explicit penalty, so a score of 1 means the source is identical.
 */

/** Kinds of penalty, in the order they are reported. */
export type PenaltyKind = "number" | "inline-code" | "script" | "punctuation" | "whitespace" | "case";

/** One deduction from a match's score. */
export interface Penalty {
  readonly kind: PenaltyKind;
  readonly amount: number;
}

/** One stretch of the diff that turns the query into the match's source. */
export interface DiffPart {
  /** "delete": in the query, not in the match's source; "insert": in the match's source, not in the query. */
  readonly op: "equal" | "insert" | "delete";
  readonly text: string;
}

/** A fuzzy match of a query against a translation unit. */
export interface TmMatch {
  readonly unit: TranslationUnit;
  /** 0..1; 1 only when the unit's source is identical to the query. */
  readonly score: number;
  readonly penalties: readonly Penalty[];
  /** The unit's previous source equals the query's previous source (in-context match; sorts first at equal score). */
  readonly inContext: boolean;
  readonly diff: readonly DiffPart[];
}

/**
 * Penalty amounts. Numbers are the commonest dangerous fuzzy difference in UN text (years, resolution numbers,
 * amounts): a match that differs only in a number must never pass for exact, so it costs more than a typo in a
 * 30-character sentence (1/30 ≈ 0.033). Inline codes cost per code missing or extra (capped), as OmegaT counts
 * tags as tokens. Script, punctuation, whitespace and case differences leave the meaning intact, so they only
 * keep an otherwise identical source below 1.0 (0.99-ish).
 */
export const PENALTY = {
  number: 0.05,
  inlineCodeEach: 0.02,
  inlineCodeMax: 0.1,
  script: 0.01,
  punctuation: 0.01,
  whitespace: 0.005,
  case: 0.01,
} as const;

// Per-code-unit class of a character: 0 unknown yet, 1 kept (see KEY_MAP), 2 whitespace, 3 punctuation,
// 4 inline code. Computed lazily: classifying all 65,536 code units with Unicode regexes at load is wasted work.
const CLASS = new Uint8Array(65536);
// For kept characters: the key character; and why it differs from the original (0 same, 1 script, 2 case/width).
const KEY_MAP = new Uint16Array(65536);
const KEY_WHY = new Uint8Array(65536);
const CLASS_KEPT = 1;
const CLASS_SPACE = 2;
const CLASS_PUNCT = 3;
const CLASS_CODE = 4;
const WHY_SCRIPT = 1;
const WHY_CASE = 2;

const isHan = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  let cls: number;
  if (ch === INLINE_CODE) cls = CLASS_CODE;
  else if (/\s/u.test(ch)) cls = CLASS_SPACE;
  else if (/\p{P}/u.test(ch)) cls = CLASS_PUNCT;
  else {
    cls = CLASS_KEPT;
    let k = c;
    let why = 0;
    if (isHan(c)) {
      const f = foldChar(ch);
      if (f.length === 1 && f !== ch) {
        k = f.charCodeAt(0);
        why = WHY_SCRIPT;
      }
    } else {
      // Full-width ASCII forms (U+FF01–U+FF5E) are U+0021–U+007E shifted by 0xFEE0 (Unicode Halfwidth and
      // Fullwidth Forms block); the PDF text mixes ２００５ and 2005.
      if (c >= 0xff01 && c <= 0xff5e) k = c - 0xfee0;
      const lower = String.fromCharCode(k).toLowerCase();
      if (lower.length === 1) k = lower.charCodeAt(0);
      if (k !== c) why = WHY_CASE;
    }
    KEY_MAP[c] = k;
    KEY_WHY[c] = why;
  }
  CLASS[c] = cls;
  return cls;
}

const classOf = (c: number): number => CLASS[c] || classify(c);

/** The matching key of a text: script-folded, width-folded, lower-cased, without whitespace, punctuation or inline codes. */
export function matchKey(text: string): string {
  let start = 0;
  let changed = false;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = classOf(c);
    if (cls === CLASS_KEPT && KEY_MAP[c] === c) continue;
    changed = true;
    if (i > start) parts.push(text.slice(start, i));
    if (cls === CLASS_KEPT) parts.push(String.fromCharCode(KEY_MAP[c] as number));
    start = i + 1;
  }
  if (!changed) return text;
  if (start < text.length) parts.push(text.slice(start));
  return parts.join("");
}

/** What the key hides about a text, for penalties: each a compact string so two texts compare with `===`. */
export interface TextFacts {
  readonly raw: string;
  readonly key: string;
  /** Numbers in reading order (digits, width-folded; spaces and thousands commas inside a number dropped). */
  readonly numbers: string;
  readonly codes: number;
  /** Per kind: the hidden characters alone, and the same with their key offsets (for texts with equal keys). */
  readonly codesAt: string;
  readonly spaces: string;
  readonly spacesAt: string;
  readonly punct: string;
  readonly punctAt: string;
  /** Characters the script fold changed (traditional forms), and with offsets. */
  readonly scriptCount: number;
  readonly scriptAt: string;
  readonly caseAt: string;
}

const at = (offset: number, ch: string): string => String.fromCharCode(offset & 0xffff, offset >>> 16) + ch;

/** Collects the facts about a text that its matching key hides. */
export function textFacts(raw: string, key: string = matchKey(raw)): TextFacts {
  let k = 0;
  let codes = 0;
  let codesAt = "";
  let spaces = "";
  let spacesAt = "";
  let punct = "";
  let punctAt = "";
  let scriptCount = 0;
  let scriptAt = "";
  let caseAt = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const ch = raw[i] as string;
    switch (classOf(c)) {
      case CLASS_CODE:
        codes++;
        codesAt += at(k, ch);
        break;
      case CLASS_SPACE:
        spaces += ch;
        spacesAt += at(k, ch);
        break;
      case CLASS_PUNCT:
        punct += ch;
        punctAt += at(k, ch);
        break;
      default: {
        const why = KEY_WHY[c];
        if (why === WHY_SCRIPT) {
          scriptCount++;
          scriptAt += at(k, ch);
        } else if (why === WHY_CASE) caseAt += at(k, ch);
        k++;
      }
    }
  }
  return {
    raw,
    key,
    numbers: extractNumbers(raw),
    codes,
    codesAt,
    spaces,
    spacesAt,
    punct,
    punctAt,
    scriptCount,
    scriptAt,
    caseAt,
  };
}

/** Numbers as digit strings: `1 670` and `1,670` read as 1670 (the corpus puts spaces inside numbers), `１２` as 12. */
function extractNumbers(raw: string): string {
  const out: string[] = [];
  let cur = "";
  const digit = (c: number): number =>
    c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const d = digit(c);
    if (d >= 0) {
      cur += String.fromCharCode(0x30 + d);
      continue;
    }
    if (cur !== "") {
      const next = raw.charCodeAt(i + 1);
      const joins = c === 0x20 || c === 0x2c || c === 0xff0c || c === 0x3000;
      if (joins && digit(next) >= 0) continue;
      if ((c === 0x2e || c === 0xff0e) && digit(next) >= 0) {
        cur += ".";
        continue;
      }
      out.push(cur);
      cur = "";
    }
  }
  if (cur !== "") out.push(cur);
  return out.join("|");
}

/**
 * The penalties for matching `query` against a unit's source. Numbers, inline-code count, script and
 * punctuation are compared for every match; when the keys are equal (nothing but hidden differences) the hidden
 * characters are also compared by position, and whitespace and case count. For a fuzzy match, whitespace and
 * case are left out: the edit distance already ranks it, and PDF spacing is noise.
 */
export function penaltiesFor(query: TextFacts, source: TextFacts): Penalty[] {
  const out: Penalty[] = [];
  const sameKey = query.key === source.key;
  if (query.numbers !== source.numbers) out.push({ kind: "number", amount: PENALTY.number });
  const codeDiff = Math.abs(query.codes - source.codes);
  if (codeDiff > 0)
    out.push({
      kind: "inline-code",
      amount: Math.min(PENALTY.inlineCodeMax, codeDiff * PENALTY.inlineCodeEach),
    });
  else if (sameKey && query.codesAt !== source.codesAt)
    out.push({ kind: "inline-code", amount: PENALTY.inlineCodeEach });
  if (sameKey ? query.scriptAt !== source.scriptAt : query.scriptCount > 0 !== source.scriptCount > 0) {
    out.push({ kind: "script", amount: PENALTY.script });
  }
  if (sameKey ? query.punctAt !== source.punctAt : query.punct !== source.punct)
    out.push({ kind: "punctuation", amount: PENALTY.punctuation });
  if (sameKey && query.spacesAt !== source.spacesAt)
    out.push({ kind: "whitespace", amount: PENALTY.whitespace });
  if (sameKey && query.caseAt !== source.caseAt) out.push({ kind: "case", amount: PENALTY.case });
  // The per-kind signatures lose the order between different hidden kinds at one key offset (", " vs " ,");
  // an identical key with no penalty yet and a different text is that case.
  if (sameKey && out.length === 0 && query.raw !== source.raw)
    out.push({ kind: "whitespace", amount: PENALTY.whitespace });
  return out;
}

/** 1 − Levenshtein/maxLength on two keys; two empty keys are identical. */
export function keySimilarity(a: string, b: string, dist: number = distance(a, b)): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 1 : 1 - dist / len;
}

/** The most edits two keys, the longer `len` code units long, can differ by and keep keySimilarity ≥ `floor`. */
export function mostEdits(len: number, floor: number): number {
  return Math.floor((1 - floor) * len + 1e-9);
}

/** Rounds a score to 4 decimals, keeping anything below 1 below 1 (a 20,000-character key with one edit). */
export function finalScore(base: number, penalties: readonly Penalty[], identical: boolean): number {
  if (identical) return 1;
  let s = base;
  for (const p of penalties) s -= p.amount;
  s = Math.round(Math.max(0, s) * 10000) / 10000;
  return s >= 1 ? 0.9999 : s;
}

/** The character diff that turns `query` into `source` (diff's `diffChars`, which suits unspaced Chinese). */
export function diffTexts(query: string, source: string): DiffPart[] {
  return diffChars(query, source).map((c) => ({
    op: c.added ? "insert" : c.removed ? "delete" : "equal",
    text: c.value,
  }));
}

/** Scores one unit against a query outright (no index): the reference the index must agree with. */
export function scoreFuzzy(query: string, unit: TranslationUnit, previousSource?: string): TmMatch {
  const q = textFacts(query);
  const s = textFacts(unit.source);
  const penalties = penaltiesFor(q, s);
  const score = finalScore(keySimilarity(q.key, s.key), penalties, query === unit.source);
  return {
    unit,
    score,
    penalties,
    inContext: isInContext(previousSource, unit),
    diff: diffTexts(query, unit.source),
  };
}

/** True when the query's previous source and the unit's are both known and have the same key. */
export function isInContext(previousSource: string | undefined, unit: TranslationUnit): boolean {
  return (
    previousSource !== undefined &&
    unit.previousSource !== undefined &&
    matchKey(previousSource) === matchKey(unit.previousSource)
  );
}

/** Orders matches best first: score, then in-context, then most recently changed, then id (stable output). */
export function compareMatches(a: TmMatch, b: TmMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.inContext !== b.inContext) return a.inContext ? -1 : 1;
  const ca = a.unit.changedAt ?? "";
  const cb = b.unit.changedAt ?? "";
  if (ca !== cb) return ca < cb ? 1 : -1;
  return a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0;
}

/** The `tm search` JSON of DESIGN.md: query and matches with id, source, target, score, diff, origin, penalties, inContext. */
export function toTmSearchJson(query: string, matches: readonly TmMatch[]): TmSearchJson {
  return {
    query,
    matches: matches.map((m) => ({
      id: m.unit.id,
      source: m.unit.source,
      target: m.unit.target,
      score: m.score,
      diff: m.diff.map((d) => ({ op: d.op, text: d.text })),
      origin: formatOrigin(m.unit),
      penalties: m.penalties.map((p) => ({ kind: p.kind, amount: p.amount })),
      inContext: m.inContext,
    })),
  };
}

/** The JSON shape of a TM search. */
export interface TmSearchJson {
  readonly query: string;
  readonly matches: readonly {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly score: number;
    readonly diff: readonly DiffPart[];
    readonly origin: string | null;
    readonly penalties: readonly Penalty[];
    readonly inContext: boolean;
  }[];
}

/** `file:line#unit`, with the parts that are known; null when the unit has no origin. */
export function formatOrigin(unit: TranslationUnit): string | null {
  const o = unit.origin;
  if (!o || (o.file === undefined && o.unit === undefined)) return null;
  let s = o.file ?? "";
  if (o.line !== undefined) s += `:${o.line}`;
  if (o.unit !== undefined) s += `#${o.unit}`;
  return s;
}
