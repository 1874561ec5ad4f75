/** Status of a term within its concept, as TBX-Basic's administrativeStatus says it. */
export type TermStatus = "preferred" | "admitted" | "deprecated";

export const TERM_STATUSES: readonly TermStatus[] = ["preferred", "admitted", "deprecated"];

/** One designation of a concept in one language. */
export interface Term {
  readonly term: string;
  readonly status: TermStatus;
  /** TBX-Basic partOfSpeech picklist: noun, verb, adjective, adverb, properNoun, other. */
  readonly partOfSpeech?: string;
  /** Free note on this term (usage, how the English was established). */
  readonly note?: string;
}

/** A sentence showing the concept in use, quoted from a source document. */
export interface Context {
  readonly text: string;
  /** Document symbol or file the sentence comes from, e.g. "A/C.2/61/7". */
  readonly source: string;
  /** Language of `text`: "zh" or "en". */
  readonly lang: "zh" | "en";
  /** The term the sentence illustrates (TBX puts a context inside that term's termSec). */
  readonly term?: string;
}

/** A concept: the unit of a termbase, with its designations per language. */
export interface Concept {
  readonly id: string;
  readonly subject?: string;
  readonly definition?: string;
  /** Where the definition comes from. */
  readonly definitionSource?: string;
  readonly terms: { readonly zh: readonly Term[]; readonly en: readonly Term[] };
  readonly contexts: readonly Context[];
  /** How the English equivalent was established, and other concept-level notes. */
  readonly note?: string;
  /** Ids of related concepts (broader/narrower/see also), as TBX crossReference. */
  readonly related?: readonly string[];
}
