import { InputError } from "../errors.js";
import type { Concept, Context, Term, TermStatus } from "../termbase/model.js";
import { foldScript } from "../text/script.js";
import type { CandidateContext } from "./candidate.js";

/** What a terminologist decided about a candidate term. */
export type ReviewVerdict = "approved" | "rejected";

/**
 * One review decision, remembered so that a rejected candidate is not proposed again. One record per term: `id` is
 * the script-folded term (a rejection of 移徙數據 also covers 移徙数据), so a later decision replaces an earlier one.
 */
export interface ReviewDecision {
  readonly id: string;
  /** The term as the reviewer gave it. */
  readonly term: string;
  readonly decision: ReviewVerdict;
  /** Why it was rejected (or a note on the approval). */
  readonly reason?: string;
  /** The concept the approved term went into. */
  readonly concept?: string;
  /** The English equivalents the approval wrote. */
  readonly english?: readonly string[];
  /** ISO 8601 timestamp of the decision. */
  readonly decidedAt: string;
}

/** The JSON shape of `yizhi termbase review list --format json` and `GET /api/review`. */
export interface ReviewListJson {
  readonly decisions: readonly ReviewDecision[];
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** Longest candidate extraction produces; a longer "term" is a sentence pasted by mistake. */
export const MAX_REVIEW_TERM_LENGTH = 40;

/** Checks and trims a Chinese term given for review: one line of Chinese, no spaces, at most 40 characters. */
export function parseReviewTerm(raw: string): string {
  const term = raw.normalize("NFC").trim();
  if (term.length === 0) throw new InputError("the term is empty", {}, { code: "bad-term", status: 422 });
  if (/\s/.test(term))
    throw new InputError(`the term "${term}" contains white space`, {}, { code: "bad-term", status: 422 });
  if (term.length > MAX_REVIEW_TERM_LENGTH) {
    throw new InputError(
      `the term is longer than ${MAX_REVIEW_TERM_LENGTH} characters`,
      {},
      { code: "bad-term", status: 422 },
    );
  }
  if (!HAN.test(term))
    throw new InputError(
      `the term "${term}" has no Chinese character`,
      {},
      { code: "bad-term", status: 422 },
    );
  return term;
}

/** The key a decision is stored under: the simplified (script-folded) term. */
export function reviewKey(term: string): string {
  return foldScript(term);
}

/** The id after the highest `cNNN` id in use (c395 → c396), at least three digits; other id shapes are ignored. */
export function nextConceptId(ids: Iterable<string>): string {
  let max = 0;
  for (const id of ids) {
    const m = /^c(\d+)$/.exec(id);
    if (m !== null) max = Math.max(max, Number(m[1]));
  }
  return `c${String(max + 1).padStart(3, "0")}`;
}

/** What an approval says about the new concept. */
export interface ApprovalInput {
  readonly term: string;
  /** English equivalents, best first: the first becomes preferred, the others admitted. */
  readonly english: readonly string[];
  readonly definition?: string;
  readonly subject?: string;
  readonly note?: string;
  /** Contexts of the candidate (from extraction or from the files named at approval). */
  readonly contexts: readonly CandidateContext[];
  /** The source name written for every context (a document symbol such as A/C.2/61/7); default "file, line N". */
  readonly source?: string;
}

function toContext(term: string, c: CandidateContext, source: string | undefined): Context {
  return { text: c.text, source: source ?? `${c.file}, line ${c.line}`, lang: "zh", term };
}

/** Builds the concept an approved candidate becomes: the Chinese term preferred, its English, its contexts. */
export function conceptFromApproval(id: string, input: ApprovalInput, date: string): Concept {
  const en: Term[] = input.english.map((term, i) => ({ term, status: i === 0 ? "preferred" : "admitted" }));
  return {
    id,
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.definition !== undefined ? { definition: input.definition } : {}),
    terms: { zh: [{ term: input.term, status: "preferred" }], en },
    contexts: input.contexts.map((c) => toContext(input.term, c, input.source)),
    note: input.note ?? `Approved from extraction candidates on ${date.slice(0, 10)}.`,
  };
}

/**
 * Adds an approved candidate to an existing concept as a further Chinese term (a synonym such as 人才流失 beside
 * 人才外流), with its English equivalents that the concept lacks and its contexts.
 */
export function addToConcept(concept: Concept, input: ApprovalInput, status: TermStatus): Concept {
  const enKnown = new Set(concept.terms.en.map((t) => t.term.toLowerCase()));
  const en = [...concept.terms.en];
  for (const term of input.english) {
    if (enKnown.has(term.toLowerCase())) continue;
    enKnown.add(term.toLowerCase());
    en.push({ term, status: "admitted" });
  }
  return {
    ...concept,
    ...(concept.definition === undefined && input.definition !== undefined
      ? { definition: input.definition }
      : {}),
    ...(concept.subject === undefined && input.subject !== undefined ? { subject: input.subject } : {}),
    terms: { zh: [...concept.terms.zh, { term: input.term, status }], en },
    contexts: [...concept.contexts, ...input.contexts.map((c) => toContext(input.term, c, input.source))],
  };
}
