import type { TermHit } from "../termbase/matcher.js";
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

/** Finds an English phrase in tokenized text as a run of joined words with the same keys (inflection-aware). */
export function findEnglishPhrase(tokens: readonly EnglishToken[], phrase: string): Span | undefined {
  const keys = englishTokens(phrase).map((t) => t.key);
  if (keys.length === 0) return undefined;
  outer: for (let i = 0; i + keys.length <= tokens.length; i++) {
    for (let k = 0; k < keys.length; k++) {
      const token = tokens[i + k] as EnglishToken;
      if (token.key !== keys[k] || (k > 0 && !token.joined)) continue outer;
    }
    return { start: (tokens[i] as EnglishToken).start, end: (tokens[i + keys.length - 1] as EnglishToken).end };
  }
  return undefined;
}
