import pluralize from "pluralize";

/**
 * English word normalization shared by the term matcher, the lookup and the QA rules: a word's key is its
 * lower-cased singular without a possessive ending, so "Migrants'", "migrant's" and "migrants" all have the
 * key "migrant", and "countries" has the key "country". Hyphens separate words, so "evidence-based" and
 * "evidence based" give the same key sequence.
 */

/** One word of an English text, with its offsets in that text. */
export interface EnglishToken {
  /** The word as written, without a possessive ending ("Migrants" for "Migrants'", "country" for "country's"). */
  readonly text: string;
  /** The normalized word (see `englishKey`). */
  readonly key: string;
  /** Offset of the word's first UTF-16 code unit in the text. */
  readonly start: number;
  /** Offset just after the word, before any possessive ending. */
  readonly end: number;
  /**
   * True when only spaces, hyphens and apostrophes separate this word from the previous one, so the two can
   * belong to one multi-word term; false for the first word and after any other punctuation ("migrant, worker").
   */
  readonly joined: boolean;
}

// A word: letters and digits, with inner apostrophes ("don't", "country's"). A trailing apostrophe after
// an s ("migrants'") is not part of the word: it is the possessive plural marker, skipped as a separator.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
// What may stand between two words of one term: white space, hyphens (U+002D, U+2010, U+2011, soft hyphen)
// and apostrophes (the possessive plural's "migrants' rights").
const JOINING_GAP = /^[\s\-\u2010\u2011\u00ad'’]+$/u;
const POSSESSIVE = /['’][sS]$/;

// pluralize mangles some short function words ("us" → "me", "as" → "a", "its" → "it"); no plural noun that a
// termbase needs is three letters or fewer, so short words are only lower-cased.
const MIN_SINGULARIZE_LENGTH = 4;
const KEY_CACHE_LIMIT = 100_000;
const keyCache = new Map<string, string>();

/** The normalized key of one English word: lower case, possessive removed, singular (via `pluralize`). */
export function englishKey(word: string): string {
  let key = keyCache.get(word);
  if (key !== undefined) return key;
  let w = word.replace(/’/g, "'").toLowerCase();
  if (POSSESSIVE.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  key = w.length >= MIN_SINGULARIZE_LENGTH && /^\p{L}+$/u.test(w) ? pluralize.singular(w) : w;
  // The cache keeps the matcher at a Map lookup per word; the bound keeps a long-running server's memory flat.
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(word, key);
  return key;
}

/** Splits English text into words with their keys and offsets into the original text. */
export function englishTokens(text: string): EnglishToken[] {
  const tokens: EnglishToken[] = [];
  let previousEnd = -1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const raw = m[0];
    const rawEnd = start + raw.length;
    const end = POSSESSIVE.test(raw) && raw.length > 2 ? rawEnd - 2 : rawEnd;
    const joined = previousEnd >= 0 && JOINING_GAP.test(text.slice(previousEnd, start));
    tokens.push({ text: text.slice(start, end), key: englishKey(raw), start, end, joined });
    previousEnd = rawEnd;
  }
  return tokens;
}

/** The keys of a phrase's words joined by single spaces: equal for "countries of origin" and "Country of Origin". */
export function englishPhraseKey(phrase: string): string {
  return englishTokens(phrase)
    .map((t) => t.key)
    .join(" ");
}
