/** Where a proposed English equivalent comes from. */
export type EnglishOrigin = "termbase" | "dictionary" | "composed";

/** A proposed English equivalent for a candidate term. */
export interface EnglishProposal {
  readonly term: string;
  readonly origin: EnglishOrigin;
}

/** A sentence showing a candidate in use, with its place in the file the user gave. */
export interface CandidateContext {
  readonly file: string;
  /** 1-based line in the original file where the occurrence starts. */
  readonly line: number;
  /** The sentence, from the repaired text (a word broken across lines is joined). */
  readonly text: string;
}

/** One extracted candidate term with the evidence a terminologist needs to accept or reject it. */
export interface Candidate {
  readonly term: string;
  /** Occurrences in the normalized, script-folded text of all documents. */
  readonly frequency: number;
  /** Number of documents it occurs in. */
  readonly documents: number;
  /** Termhood score, 0..1, normalized so that the best candidate of the run scores 1. */
  readonly score: number;
  /** True when the candidate is a Chinese term of a termbase concept. */
  readonly known: boolean;
  /** The concept id when known. */
  readonly concept?: string;
  readonly english: readonly EnglishProposal[];
  /** Up to 3 context sentences, from different documents first. */
  readonly contexts: readonly CandidateContext[];
}

/** The JSON shape `yizhi extract --format json` and `POST /api/extract` print (DESIGN.md "extract"). */
export interface ExtractJson {
  readonly candidates: readonly Candidate[];
}

/** Wraps candidates in DESIGN.md's `{"candidates": [...]}` shape, with fields in the documented order. */
export function toExtractJson(candidates: readonly Candidate[]): ExtractJson {
  return {
    candidates: candidates.map((c) => ({
      term: c.term,
      frequency: c.frequency,
      documents: c.documents,
      score: c.score,
      known: c.known,
      ...(c.concept !== undefined ? { concept: c.concept } : {}),
      english: c.english.map((e) => ({ term: e.term, origin: e.origin })),
      contexts: c.contexts.map((x) => ({ file: x.file, line: x.line, text: x.text })),
    })),
  };
}
