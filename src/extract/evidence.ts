import type { CandidateContext } from "./candidate.js";
import { pickContexts } from "./contexts.js";
import { defaultPipeline } from "./default-pipeline.js";
import type { ExtractDocument } from "./extract.js";
import { prepareDocument, type TextPipeline } from "./prepare.js";
import { foldScript } from "../text/script.js";

/** How one term occurs in a set of documents: the evidence an approved concept keeps. */
export interface TermEvidence {
  readonly term: string;
  /** Occurrences in the normalized, script-folded text. */
  readonly frequency: number;
  readonly documents: number;
  readonly contexts: readonly CandidateContext[];
}

/**
 * Finds every occurrence of one term in documents (normalized and script-folded, like extraction, so a word
 * broken across PDF lines or written in traditional characters still counts) and quotes up to `max` context
 * sentences with file and line. Used when a candidate is approved from files that were not extracted in the
 * same process.
 */
export function findEvidence(
  term: string,
  documents: readonly ExtractDocument[],
  options: { readonly max?: number; readonly pipeline?: TextPipeline } = {},
): TermEvidence {
  const pipeline = options.pipeline ?? defaultPipeline();
  const folded = foldScript(term);
  // Whole-document word segmentation is not needed to find a string: a segmenter that cuts nothing is enough.
  const docs = documents.map((d) => prepareDocument(d.file, d.text, pipeline, () => []));
  const occurrences: number[] = [];
  let inDocs = 0;
  docs.forEach((doc, di) => {
    let seen = false;
    if (folded.length === 0) return;
    for (let i = doc.text.indexOf(folded); i >= 0; i = doc.text.indexOf(folded, i + folded.length)) {
      occurrences.push(di, i);
      seen = true;
    }
    if (seen) inDocs++;
  });
  return {
    term,
    frequency: occurrences.length / 2,
    documents: inDocs,
    contexts: pickContexts(occurrences, docs, options.max ?? 3),
  };
}
