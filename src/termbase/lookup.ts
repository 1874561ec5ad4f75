import { pinyin } from "pinyin-pro";
import { foldScript } from "../text/script.js";
import { englishTokens } from "./english.js";
import type { Concept, TermStatus } from "./model.js";

/** How a lookup result matched the query. */
export type LookupMatch = "exact" | "prefix" | "fragment" | "english" | "traditional" | "pinyin";

/** One concept found by a lookup, with its best match. */
export interface LookupResult {
  readonly id: string;
  /** 0..1; higher is better. Classes never overlap: exact > traditional > English exact > prefix > fragment > pinyin. */
  readonly score: number;
  readonly match: LookupMatch;
  readonly concept: Concept;
}

/** Options of a lookup. */
export interface LookupOptions {
  /** Most results to return (default 20). */
  readonly limit?: number;
}

/** A termbase search index, built once from the concepts. */
export interface LookupIndex {
  /** Finds concepts by Chinese (simplified, traditional, exact, prefix or fragment), English or pinyin, best first. */
  lookup(query: string, options?: LookupOptions): LookupResult[];
}

/** One term in DESIGN.md's lookup JSON. */
export interface LookupJsonTerm {
  readonly term: string;
  readonly status: TermStatus;
}

/** One result in DESIGN.md's lookup JSON. */
export interface LookupJsonResult {
  readonly id: string;
  readonly score: number;
  readonly match: LookupMatch;
  readonly terms: { readonly zh: readonly LookupJsonTerm[]; readonly en: readonly LookupJsonTerm[] };
  readonly definition?: string;
  readonly definitionSource?: string;
  readonly contexts: readonly { readonly text: string; readonly source: string }[];
  readonly subject?: string;
  readonly related?: readonly string[];
}

/** DESIGN.md's lookup JSON: what `yizhi lookup --format json` and `GET /api/terms?q=` print. */
export interface LookupJson {
  readonly query: string;
  readonly results: readonly LookupJsonResult[];
}

const DEFAULT_LIMIT = 20;

// Score bands, one per kind of match, so that ranking reads like the brief: exact > traditional-exact >
// English exact > prefix > fragment > pinyin. Inside a band, how much of the term the query covers moves the
// score up, and a small status step puts preferred above admitted above deprecated.
const SCORE = {
  exact: 1,
  traditional: 0.95,
  englishExact: 0.9,
  prefix: { base: 0.6, span: 0.25 },
  englishPrefix: { base: 0.55, span: 0.25 },
  fragment: { base: 0.3, span: 0.22 },
  englishContained: { base: 0.3, span: 0.22 },
  pinyinExact: 0.27,
  pinyinPrefix: { base: 0.1, span: 0.14 },
} as const;
const STATUS_STEP: Record<TermStatus, number> = { preferred: 0, admitted: 0.01, deprecated: 0.02 };
// A pinyin prefix of one or two letters ("h", "hu") matches too much of any termbase to be useful.
const MIN_PINYIN_PREFIX = 3;

interface ZhTerm {
  readonly concept: number;
  readonly term: string;
  readonly status: TermStatus;
  readonly folded: string;
  /** Toneless pinyin, syllables run together ("huikuan"); queries are compared with separators removed. */
  readonly pinyinCompact: string;
}

interface EnTerm {
  readonly concept: number;
  readonly term: string;
  readonly status: TermStatus;
  readonly lower: string;
  readonly keys: readonly string[];
}

interface Candidate {
  score: number;
  match: LookupMatch;
}

const HAN = /\p{Script=Han}/u;

/** Toneless, lower-case pinyin letters: "Huìkuǎn" → "huikuan", "lǜ"/"lv" → "lu" (ü and v both fold to u). */
function plainLetters(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/v/g, "u");
}

/** The pinyin form of a query, or undefined when the query cannot be pinyin. */
function pinyinQuery(query: string): string | undefined {
  // Tone numbers (hui4kuan3), syllable separators (hui kuan, xi'an, hui-kuan) and tone marks are dropped.
  const plain = plainLetters(query)
    .replace(/([a-z])[1-5]/g, "$1")
    .replace(/[\s'’\-·]/g, "");
  return /^[a-z0-9]+$/.test(plain) ? plain : undefined;
}

/** Toneless pinyin of a term with its syllables run together: 汇款 → "huikuan", 绿卡 → "luka". */
function termPinyin(term: string): string {
  return pinyin(term, { toneType: "none", type: "array" })
    .map((s) => plainLetters(s).replace(/[^a-z0-9]/g, ""))
    .join("");
}

/** The first index in a sorted array whose value is ≥ key. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indexes (into `sorted`) of every key that starts with `prefix`, in order: one binary search, then a walk. */
function* withPrefix(sorted: readonly string[], prefix: string): Generator<number> {
  for (let k = lowerBound(sorted, prefix); k < sorted.length && (sorted[k] as string).startsWith(prefix); k++) yield k;
}

function pushPosting<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

/** Whether `needle` occurs as a contiguous run in `hay`, and where (first position), or -1. */
function indexOfRun(hay: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Builds the lookup index: folded forms, character postings, pinyin and English keys are computed here, so
 * a query costs a few Map reads and a scan of one short posting list.
 */
export function buildLookupIndex(concepts: readonly Concept[]): LookupIndex {
  const zh: ZhTerm[] = [];
  const en: EnTerm[] = [];
  const zhExact = new Map<string, number[]>();
  const zhByChar = new Map<number, number[]>();
  const pinyinExact = new Map<string, number[]>();
  const enExact = new Map<string, number[]>();
  const enByKey = new Map<string, number[]>();

  concepts.forEach((concept, c) => {
    for (const t of concept.terms.zh) {
      if (t.term === "") continue;
      const folded = foldScript(t.term);
      const pinyinCompact = termPinyin(folded);
      const index = zh.push({ concept: c, term: t.term, status: t.status, folded, pinyinCompact }) - 1;
      pushPosting(zhExact, folded, index);
      for (let i = 0; i < folded.length; i++) pushPosting(zhByChar, folded.charCodeAt(i), index);
      if (pinyinCompact !== "") pushPosting(pinyinExact, pinyinCompact, index);
    }
    for (const t of concept.terms.en) {
      const keys = englishTokens(t.term).map((tok) => tok.key);
      if (keys.length === 0) continue;
      const index =
        en.push({ concept: c, term: t.term, status: t.status, lower: t.term.toLowerCase(), keys }) - 1;
      pushPosting(enExact, keys.join(" "), index);
      for (const key of new Set(keys)) pushPosting(enByKey, key, index);
    }
  });
  // Sorted views for prefix search by binary search.
  const pinyinSorted = zh
    .map((t, i) => ({ key: t.pinyinCompact, i }))
    .filter((e) => e.key !== "")
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pinyinKeys = pinyinSorted.map((e) => e.key);
  const enSorted = en
    .map((t, i) => ({ key: t.lower, i }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const enKeys = enSorted.map((e) => e.key);

  function lookup(rawQuery: string, options: LookupOptions = {}): LookupResult[] {
    const query = rawQuery.normalize("NFC").trim();
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (query === "" || limit <= 0) return [];
    const best = new Map<number, Candidate>();
    const offer = (concept: number, status: TermStatus, score: number, match: LookupMatch) => {
      const s = Math.round(Math.max(0, score - STATUS_STEP[status]) * 1000) / 1000;
      const seen = best.get(concept);
      if (seen === undefined || s > seen.score) best.set(concept, { score: s, match });
    };

    if (HAN.test(query)) searchChinese(query, offer);
    else {
      searchEnglish(query, offer);
      searchPinyin(query, offer);
    }
    return [...best.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, limit)
      .map(([c, cand]) => {
        const concept = concepts[c] as Concept;
        return { id: concept.id, score: cand.score, match: cand.match, concept };
      });
  }

  type Offer = (concept: number, status: TermStatus, score: number, match: LookupMatch) => void;

  function searchChinese(query: string, offer: Offer): void {
    const folded = foldScript(query);
    const traditionalInput = folded !== query;
    for (const i of zhExact.get(folded) ?? []) {
      const t = zh[i] as ZhTerm;
      // Traditional input that only folding makes equal (匯款 → 汇款) is its own match kind.
      const match: LookupMatch = traditionalInput && t.term !== query ? "traditional" : "exact";
      offer(t.concept, t.status, match === "exact" ? SCORE.exact : SCORE.traditional, match);
    }
    // Candidates for prefix and fragment: the terms holding the query's rarest character.
    let postings: number[] | undefined;
    for (let i = 0; i < folded.length; i++) {
      const list = zhByChar.get(folded.charCodeAt(i));
      if (list === undefined) return;
      if (postings === undefined || list.length < postings.length) postings = list;
    }
    for (const i of postings ?? []) {
      const t = zh[i] as ZhTerm;
      if (t.folded.length <= folded.length) continue;
      const at = t.folded.indexOf(folded);
      if (at < 0) continue;
      const coverage = folded.length / t.folded.length;
      const band = at === 0 ? SCORE.prefix : SCORE.fragment;
      offer(t.concept, t.status, band.base + band.span * coverage, at === 0 ? "prefix" : "fragment");
    }
  }

  function searchEnglish(query: string, offer: Offer): void {
    const keys = englishTokens(query).map((t) => t.key);
    if (keys.length === 0) return;
    for (const i of enExact.get(keys.join(" ")) ?? []) {
      const t = en[i] as EnTerm;
      offer(t.concept, t.status, SCORE.englishExact, "english");
    }
    // Word-level prefix and containment: candidates are the terms holding the query's rarest word.
    let postings: number[] | undefined;
    for (const key of keys) {
      const list = enByKey.get(key) ?? [];
      if (postings === undefined || list.length < postings.length) postings = list;
    }
    for (const i of postings ?? []) {
      const t = en[i] as EnTerm;
      if (t.keys.length <= keys.length) continue;
      const at = indexOfRun(t.keys, keys);
      if (at < 0) continue;
      const band = at === 0 ? SCORE.englishPrefix : SCORE.englishContained;
      offer(t.concept, t.status, band.base + band.span * (keys.length / t.keys.length), "english");
    }
    // Character prefix of the written term, for a word being typed ("remitt", "irregular migr").
    const lower = query.toLowerCase();
    for (const k of withPrefix(enKeys, lower)) {
      const t = en[(enSorted[k] as { i: number }).i] as EnTerm;
      if (t.lower.length === lower.length) continue;
      offer(
        t.concept,
        t.status,
        SCORE.englishPrefix.base + SCORE.englishPrefix.span * (lower.length / t.lower.length),
        "english",
      );
    }
  }

  function searchPinyin(query: string, offer: Offer): void {
    const key = pinyinQuery(query);
    if (key === undefined) return;
    for (const i of pinyinExact.get(key) ?? []) {
      const t = zh[i] as ZhTerm;
      offer(t.concept, t.status, SCORE.pinyinExact, "pinyin");
    }
    if (key.length < MIN_PINYIN_PREFIX) return;
    for (const k of withPrefix(pinyinKeys, key)) {
      const t = zh[(pinyinSorted[k] as { i: number }).i] as ZhTerm;
      if (t.pinyinCompact.length === key.length) continue;
      offer(
        t.concept,
        t.status,
        SCORE.pinyinPrefix.base + SCORE.pinyinPrefix.span * (key.length / t.pinyinCompact.length),
        "pinyin",
      );
    }
  }

  return { lookup };
}

/** DESIGN.md's lookup JSON for a query and its results. */
export function toLookupJson(query: string, results: readonly LookupResult[]): LookupJson {
  return {
    query,
    results: results.map(({ id, score, match, concept }) => ({
      id,
      score,
      match,
      terms: {
        zh: concept.terms.zh.map((t) => ({ term: t.term, status: t.status })),
        en: concept.terms.en.map((t) => ({ term: t.term, status: t.status })),
      },
      ...(concept.definition !== undefined ? { definition: concept.definition } : {}),
      ...(concept.definitionSource !== undefined ? { definitionSource: concept.definitionSource } : {}),
      contexts: concept.contexts.map((c) => ({ text: c.text, source: c.source })),
      ...(concept.subject !== undefined ? { subject: concept.subject } : {}),
      ...(concept.related !== undefined && concept.related.length > 0 ? { related: concept.related } : {}),
    })),
  };
}
