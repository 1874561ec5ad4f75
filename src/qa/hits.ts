import type { TermHit } from "../termbase/matcher.js";
import { stemmer } from "stemmer";
import { englishTokens, type EnglishToken } from "../termbase/english.js";
import type { Concept } from "../termbase/model.js";
import type { Span } from "./types.js";

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

/** How loosely an English equivalent may be matched in a target. */
export type EnglishMatchLevel = "inflection" | "stem";

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

/**
 * Finds an English phrase in tokenized text as a run of joined words with the same keys. At the "inflection"
 * level keys fold plural, possessive and case (see englishKey); at the "stem" level words also meet on their
 * Porter stem, so a translator's change of word class ("skills" → "highly skilled", "migration" → "migrate")
 * is not reported as a missing term.
 */
export function findEnglishPhrase(
  tokens: readonly EnglishToken[],
  phrase: string,
  level: EnglishMatchLevel = "inflection",
): Span | undefined {
  const norm = level === "stem" ? stemmer : (k: string) => k;
  for (const variant of phraseVariants(phrase)) {
    const keys = variant.map(norm);
    if (keys.length === 0) continue;
    outer: for (let i = 0; i + keys.length <= tokens.length; i++) {
      for (let k = 0; k < keys.length; k++) {
        const token = tokens[i + k] as EnglishToken;
        if (norm(token.key) !== keys[k] || (k > 0 && !token.joined)) continue outer;
      }
      return { start: (tokens[i] as EnglishToken).start, end: (tokens[i + keys.length - 1] as EnglishToken).end };
    }
  }
  return undefined;
}
