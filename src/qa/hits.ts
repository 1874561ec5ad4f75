import type { TermHit } from "../termbase/matcher.js";
import { stemmer } from "stemmer";
import { englishTokens, type EnglishToken } from "../termbase/english.js";
import type { Concept } from "../termbase/model.js";
import type { RuleContext, SegmentView, Span } from "./types.js";

/** Groups hits that cover the same span (one string can be a term of two concepts), in text order. */
export function groupBySpan(hits: readonly TermHit[]): TermHit[][] {
  const groups = new Map<string, TermHit[]>();
  for (const hit of hits) {
    const key = `${hit.start}:${hit.end}`;
    const group = groups.get(key);
    if (group) group.push(hit);
    else groups.set(key, [hit]);
  }
  return [...groups.values()];
}

/** The preferred term of a concept in a language (the first approved one when none is marked preferred). */
export function preferredTerm(concept: Concept | undefined, lang: "zh" | "en"): string | undefined {
  const terms = concept?.terms[lang] ?? [];
  return (terms.find((t) => t.status === "preferred") ?? terms.find((t) => t.status === "admitted"))?.term;
}

/** The approved (preferred, then admitted) terms of a concept in a language. */
export function approvedTerms(concept: Concept | undefined, lang: "zh" | "en"): string[] {
  const terms = concept?.terms[lang] ?? [];
  return [
    ...terms.filter((t) => t.status === "preferred").map((t) => t.term),
    ...terms.filter((t) => t.status === "admitted").map((t) => t.term),
  ];
}

/**
 * The word-key sequences an English term may take in running text: its own, and for "A of B" terms the
 * pre-modified order "B A" ("rights of migrants" → "migrants' rights"), which UN English uses as freely.
 */
function phraseVariants(phrase: string): string[][] {
  const keys = englishTokens(phrase).map((t) => t.key);
  const variants = [keys];
  const of = keys.indexOf("of");
  if (of > 0 && of < keys.length - 1 && keys.indexOf("of", of + 1) === -1) {
    variants.push([...keys.slice(of + 1).filter((k) => k !== "the"), ...keys.slice(0, of)]);
  }
  return variants;
}

// Words a translator may put between the words of a term without changing what it names: determiners ("the
// rights of these migrants") and, opening a coordination that shares the term's head or complement, and/or
// ("sexual and labour exploitation", "the families and communities of migrants").
const DETERMINERS: ReadonlySet<string> = new Set(["the", "these", "those", "this", "that", "such", "their", "its", "his", "her", "our"]);
const COORDINATORS: ReadonlySet<string> = new Set(["and", "or"]);
// A coordinated conjunct inside a term is short: "and labour", "and employers'", "or other forms of".
const MAX_CONJUNCT_WORDS = 3;

/**
 * Where a phrase continues at token `at` with the stemmed key `key`, allowing one determiner or one coordination
 * before it; the index of the matching token, or -1.
 */
function nextWord(tokens: readonly EnglishToken[], at: number, key: string): number {
  const token = tokens[at];
  if (token === undefined || !token.joined) return -1;
  if (stemmer(token.key) === key) return at;
  if (DETERMINERS.has(token.key)) {
    const after = tokens[at + 1];
    return after !== undefined && after.joined && stemmer(after.key) === key ? at + 1 : -1;
  }
  if (!COORDINATORS.has(token.key)) return -1;
  for (let w = 1; w <= MAX_CONJUNCT_WORDS; w++) {
    const conjunct = tokens[at + w];
    if (conjunct === undefined || !conjunct.joined || COORDINATORS.has(conjunct.key)) return -1;
    const after = tokens[at + w + 1];
    if (after !== undefined && after.joined && stemmer(after.key) === key) return at + w + 1;
  }
  return -1;
}

/**
 * Finds an English phrase in tokenized text as a run of joined words. Keys fold plural, possessive and case
 * (see englishKey) and words meet on their Porter stem, so a translator's change of word class ("skills" →
 * "highly skilled", "migration" → "migrate") is not reported as a missing term; a determiner or a coordination
 * may stand between two of its words.
 */
export function findEnglishPhrase(tokens: readonly EnglishToken[], phrase: string): Span | undefined {
  for (const variant of phraseVariants(phrase)) {
    const keys = variant.map(stemmer);
    if (keys.length === 0) continue;
    for (let i = 0; i < tokens.length; i++) {
      if (stemmer((tokens[i] as EnglishToken).key) !== keys[0]) continue;
      let last = i;
      for (let k = 1; k < keys.length && last >= 0; k++) last = nextWord(tokens, last + 1, keys[k] as string);
      if (last >= 0) return { start: (tokens[i] as EnglishToken).start, end: (tokens[last] as EnglishToken).end };
    }
  }
  return undefined;
}

/**
 * Reports each source term of the segment whose every reading has `status` (a string approved in any
 * concept, or of another status there, is not this finding) with its concept's preferred Chinese term as the
 * suggestion: what deprecated-source-term and variant-source-term share. `expectsPreferred` skips a hit when
 * the concept has no preferred term other than the hit itself.
 */
export function reportSourceTermsWithStatus(
  context: RuleContext,
  view: SegmentView,
  status: TermHit["status"],
  expectsPreferred: boolean,
): void {
  for (const group of groupBySpan(view.sourceHits)) {
    if (group.some((h) => h.status !== status)) continue;
    const hit = group[0];
    if (!hit) continue;
    const preferred = preferredTerm(context.concept(hit.conceptId), "zh");
    if (expectsPreferred && (!preferred || preferred === hit.term)) continue;
    context.report({
      unit: view.unit.id,
      segment: view.segment.id,
      segmentIndex: view.index,
      term: hit.text,
      conceptId: hit.conceptId,
      found: hit.text,
      expected: preferred ? [preferred] : [],
      suggestion: preferred,
      sourceSpan: { start: hit.start, end: hit.end },
    });
  }
}
