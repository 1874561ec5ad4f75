import path from "node:path";
import { toExtractJson, type CandidateContext, type ExtractJson } from "../extract/candidate.js";
import { loadCedict } from "../extract/dictionary.js";
import { indexTermbase, proposeEnglish } from "../extract/english.js";
import { findEvidence } from "../extract/evidence.js";
import { extractCandidates, type ExtractDocument } from "../extract/extract.js";
import {
  addToConcept,
  conceptFromApproval,
  nextConceptId,
  parseReviewTerm,
  reviewKey,
  type ReviewDecision,
  type ReviewListJson,
  type ReviewVerdict,
} from "../extract/review.js";
import { ConflictError, InputError, NotFoundError } from "../errors.js";
import { checkDocumentFromXliff } from "../qa/from-xliff.js";
import { RULES } from "../qa/registry.js";
import { runCheck, type CheckReport, type RuleSetting } from "../qa/runner.js";
import type { CheckDocument, RuleId } from "../qa/types.js";
import type { ImportResult, Store } from "../store/store.js";
import { buildLookupIndex, toLookupJson, type LookupIndex, type LookupJson } from "../termbase/lookup.js";
import { buildTermMatcher, type TermMatcher } from "../termbase/matcher.js";
import type { Concept, TermStatus } from "../termbase/model.js";
import { parseTbx, writeTbx, type TbxWriteOptions } from "../termbase/tbx.js";
import { toTmSearchJson, type TmSearchJson } from "../tm/fuzzy.js";
import { unitsFromXliff } from "../tm/from-xliff.js";
import { createTmIndex, type TmIndex } from "../tm/index.js";
import type { TranslationUnit } from "../tm/model.js";
import { parseTmx, writeTmx } from "../tm/tmx.js";
import { annotateStream, type SkippedSuggestion } from "../xliff/annotate.js";
import { decodeXmlBytes } from "../text/xml-bytes.js";
import { readXliff, type XliffDocument } from "../xliff/read.js";
import { suggesterFor } from "./parallel-suggest.js";

/** Indexes built from the termbase; rebuilt together whenever the termbase changes. */
interface TermbaseIndexes {
  readonly concepts: ReadonlyMap<string, Concept>;
  readonly matcher: TermMatcher;
  readonly lookup: LookupIndex;
}

/** A check's report with the document it was made from, for renderers that show source and target. */
export interface CheckResult {
  readonly report: CheckReport;
  readonly document: CheckDocument;
  readonly xliff: XliffDocument;
}

/** What a streamed annotate run did (the output went to the writer). */
export interface AnnotateSummary {
  readonly units: number;
  readonly annotatedUnits: number;
  readonly glossaryHits: number;
  readonly tmMatches: number;
  readonly skipped: readonly SkippedSuggestion[];
}

/** What an annotate run produced. */
export interface AnnotateResult extends AnnotateSummary {
  readonly output: Buffer;
}

/** Options of {@link Yizhi.annotate}. */
export interface AnnotateRunOptions {
  readonly minMatch?: number;
  readonly maxMatches?: number;
  readonly pretranslate?: boolean;
  /** How far through the document (UTF-16 units read of the total), after each unit. */
  readonly onProgress?: ProgressListener;
}

/** Progress of a long import, for a progress bar. */
export type ProgressListener = (done: number, total: number) => void;

/** Options of {@link Yizhi.extract}. */
export interface ServiceExtractOptions {
  readonly top?: number;
  readonly minFreq?: number;
  /** Include candidates the terminologist rejected. */
  readonly all?: boolean;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

/** An approval of a candidate term, as the CLI and the HTTP API pass it. */
export interface ApproveRequest {
  readonly term: string;
  /** English equivalents, best first; when empty, the first proposal (termbase composition or dictionary) is used. */
  readonly english?: readonly string[];
  readonly definition?: string;
  readonly subject?: string;
  readonly note?: string;
  /** Source name for the contexts (e.g. a document symbol); default "file, line N". */
  readonly source?: string;
  /** Add the term to this existing concept (as a synonym) instead of creating a new one. */
  readonly concept?: string;
  /** Status of the Chinese term when added to an existing concept (default admitted). */
  readonly status?: TermStatus;
  /** Documents to take the candidate's contexts from. */
  readonly documents?: readonly ExtractDocument[];
  /** Contexts given directly (e.g. as `POST /api/extract` returned them); win over `documents`. */
  readonly contexts?: readonly CandidateContext[];
}

/** What an approval wrote. */
export interface ApproveResult {
  readonly concept: Concept;
  readonly created: boolean;
  readonly decision: ReviewDecision;
}

/** The version written into exported files' headers. */
export const YIZHI_VERSION = "0.1.0";

/**
 * What the CLI and the server share: a store plus the in-memory indexes built from it, so that both give the
 * same answers. The term indexes are rebuilt after a termbase write; the TM index is built on first use and
 * then updated incrementally on import.
 */
export class Yizhi {
  private termbase: TermbaseIndexes | undefined;
  private tmIndex: TmIndex | undefined;

  constructor(
    readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async termbaseIndexes(): Promise<TermbaseIndexes> {
    if (!this.termbase) {
      const list = await this.store.concepts.list();
      this.termbase = {
        concepts: new Map(list.map((c) => [c.id, c])),
        matcher: buildTermMatcher(list),
        lookup: buildLookupIndex(list),
      };
    }
    return this.termbase;
  }

  private async tm(): Promise<TmIndex> {
    if (!this.tmIndex) {
      const index = createTmIndex();
      index.add(await this.store.tm.list());
      this.tmIndex = index;
    }
    return this.tmIndex;
  }

  /** Termbase search: exact, prefix, fragment, English, traditional and pinyin, as DESIGN.md's lookup JSON. */
  async lookup(query: string, limit = 20): Promise<LookupJson> {
    const { lookup } = await this.termbaseIndexes();
    return toLookupJson(query, lookup.lookup(query, { limit }));
  }

  /** One concept by id; NotFoundError when there is none. */
  async concept(id: string): Promise<Concept> {
    const concept = (await this.termbaseIndexes()).concepts.get(id);
    if (!concept) throw new NotFoundError(`no concept with id "${id}"`);
    return concept;
  }

  /** Checks a translated XLIFF file for terminology consistency. */
  async check(
    input: Buffer | string,
    file: string,
    settings: Partial<Record<RuleId, RuleSetting>> = {},
  ): Promise<CheckResult> {
    const indexes = await this.termbaseIndexes();
    const xliff = readXliff(input, file);
    const document = checkDocumentFromXliff(xliff, file);
    const report = runCheck(document, { rules: RULES, concepts: indexes.concepts, matcher: indexes.matcher, settings });
    return { report, document, xliff };
  }

  /** Adds glossary hits and TM matches to an XLIFF file, losslessly; optionally fills empty targets from exact matches. */
  async annotate(input: Buffer | string, file: string, options: AnnotateRunOptions = {}): Promise<AnnotateResult> {
    const chunks: Buffer[] = [];
    const summary = await this.annotateTo(input, file, options, (chunk) => chunks.push(chunk));
    return { ...summary, output: Buffer.concat(chunks) };
  }

  /**
   * annotate, writing the output in pieces as it is made (encoded like the input) instead of holding it: a
   * large file costs its own size in memory, not several times that. On an error part of the output may have
   * been written already; the caller discards it.
   */
  async annotateTo(
    input: Buffer | string,
    file: string,
    options: AnnotateRunOptions,
    write: (chunk: Buffer) => void,
  ): Promise<AnnotateSummary> {
    const indexes = await this.termbaseIndexes();
    const tm = await this.tm();
    const suggestOptions = { minMatch: options.minMatch ?? 0.7, maxMatches: options.maxMatches ?? 3 };
    const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
    const suggester = suggesterFor(indexes.concepts, indexes.matcher, tm, suggestOptions, size);
    try {
      const result = annotateStream(input, file, suggester.suggest, write, {
        pretranslate: options.pretranslate ?? false,
        ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      });
      const { units, annotatedUnits, glossaryHits, tmMatches, skipped } = result;
      return { units, annotatedUnits, glossaryHits, tmMatches, skipped };
    } finally {
      suggester.close();
    }
  }

  /** Imports a TBX file (its bytes, decoded strictly, or its text) into the termbase in one transaction. */
  async importTbx(input: Buffer | string, file: string): Promise<ImportResult> {
    const xml = decodeXmlBytes(input, file).text;
    const concepts = parseTbx(xml, file);
    const result = await this.store.concepts.importMany(concepts);
    this.termbase = undefined;
    return result;
  }

  /** The whole termbase as TBX-Basic (TBX v3, ISO 30042:2019; `{ version: 2 }` for the 2008 `<martif>` form). */
  async exportTbx(options: TbxWriteOptions = {}): Promise<string> {
    return writeTbx(await this.store.concepts.list(), {}, options);
  }

  /** Fuzzy TM search, as DESIGN.md's tm search JSON. */
  async searchTm(query: string, options: { min?: number; limit?: number; previousSource?: string } = {}): Promise<TmSearchJson> {
    const tm = await this.tm();
    return toTmSearchJson(query, tm.search(query, { min: options.min ?? 0.7, limit: options.limit ?? 5, previousSource: options.previousSource }));
  }

  /** Parses a TMX or translated XLIFF file into translation units, without storing them. */
  parseTmInput(input: Buffer, file: string, onProgress?: ProgressListener): TranslationUnit[] {
    if (input.length === 0) throw new InputError("the file is empty", { file, line: 1, column: 1 }, { code: "empty-file" });
    // Strict decoding (invalid UTF-8 refused with its line and column, UTF-16 with a BOM read) before looking
    // for the root element, so that a UTF-16 TMX is recognised and no U+FFFD reaches the memory.
    const { text } = decodeXmlBytes(input, file);
    const head = text.slice(0, 4096);
    // yizhi's memory is Chinese→English: a Chinese variant is the source even under a wrong header srclang.
    if (/<tmx[\s>]/.test(head)) return parseTmx(text, file, { onProgress, preferSourceLang: "zh" });
    if (/<xliff[\s>]/.test(head)) {
      // The XLIFF reader decodes the bytes itself (it keeps the encoding for splicing).
      return unitsFromXliff(readXliff(input, file), path.basename(file), this.clock().toISOString());
    }
    throw new InputError("not a TMX or XLIFF file (no <tmx> or <xliff> root element)", { file }, { code: "unsupported-format", status: 415 });
  }

  /** Imports translation units in one transaction and adds them to the live index without a rebuild. */
  async importTm(units: readonly TranslationUnit[]): Promise<ImportResult> {
    const result = await this.store.tm.importMany(units);
    this.tmIndex?.add(units);
    return result;
  }

  /** The whole translation memory as TMX 1.4b. */
  async exportTmx(): Promise<string> {
    const units = await this.store.tm.list();
    return writeTmx(units, {
      srcLang: units[0]?.sourceLang ?? "zh-CN",
      creationTool: "yizhi",
      creationToolVersion: YIZHI_VERSION,
    });
  }

  /** Extracts candidate terms from documents, marking termbase terms known and leaving out rejected ones. */
  async extract(documents: readonly ExtractDocument[], options: ServiceExtractOptions = {}): Promise<ExtractJson> {
    const concepts = [...(await this.termbaseIndexes()).concepts.values()];
    const rejected = options.all
      ? new Set<string>()
      : new Set((await this.store.reviews.list()).filter((d) => d.decision === "rejected").map((d) => d.id));
    const candidates = extractCandidates(documents, {
      termbase: concepts,
      exclude: rejected,
      ...(options.top !== undefined ? { top: options.top } : {}),
      ...(options.minFreq !== undefined ? { minFreq: options.minFreq } : {}),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    });
    return toExtractJson(candidates);
  }

  private async termbaseConceptOf(term: string): Promise<string | undefined> {
    const key = reviewKey(term);
    for (const c of (await this.termbaseIndexes()).concepts.values()) {
      if (c.terms.zh.some((t) => reviewKey(t.term) === key)) return c.id;
    }
    return undefined;
  }

  /**
   * Approves a candidate into the termbase: a new concept (id after the highest cNNN) or a further term of an
   * existing one, with the candidate's contexts; remembers the decision. ConflictError when the term is already
   * in the termbase.
   */
  async approveCandidate(request: ApproveRequest): Promise<ApproveResult> {
    const term = parseReviewTerm(request.term);
    const existing = await this.termbaseConceptOf(term);
    if (existing !== undefined) throw new ConflictError(`"${term}" is already a term of concept ${existing}`);
    const { concepts } = await this.termbaseIndexes();
    let contexts = request.contexts ?? [];
    if (request.contexts === undefined && request.documents !== undefined && request.documents.length > 0) {
      const evidence = findEvidence(term, request.documents);
      if (evidence.frequency === 0) {
        const files = request.documents.map((d) => d.file).join(", ");
        throw new InputError(`"${term}" does not occur in ${files}`, {}, { code: "term-not-in-documents", status: 422 });
      }
      contexts = evidence.contexts;
    }
    let english = (request.english ?? []).map((e) => e.trim()).filter((e) => e.length > 0);
    if (english.length === 0) {
      const proposal = proposeEnglish(term, indexTermbase([...concepts.values()]), loadCedict())[0];
      if (proposal === undefined) {
        throw new InputError(`no English given for "${term}" and none can be proposed; give one`, {}, { code: "english-required", status: 422 });
      }
      english = [proposal.term];
    }
    const date = this.clock().toISOString();
    const input = {
      term,
      english,
      contexts,
      ...(request.definition !== undefined ? { definition: request.definition } : {}),
      ...(request.subject !== undefined ? { subject: request.subject } : {}),
      ...(request.note !== undefined ? { note: request.note } : {}),
      ...(request.source !== undefined ? { source: request.source } : {}),
    };
    let concept: Concept;
    if (request.concept !== undefined) {
      const target = concepts.get(request.concept);
      if (target === undefined) throw new NotFoundError(`no concept with id "${request.concept}"`);
      concept = addToConcept(target, input, request.status ?? "admitted");
    } else {
      concept = conceptFromApproval(nextConceptId(concepts.keys()), input, date);
    }
    await this.store.concepts.upsert(concept);
    this.termbase = undefined;
    const decision: ReviewDecision = { id: reviewKey(term), term, decision: "approved", concept: concept.id, english, decidedAt: date };
    await this.store.reviews.upsert(decision);
    return { concept, created: request.concept === undefined, decision };
  }

  /** Rejects a candidate: later extractions leave it out. ConflictError when the term is in the termbase. */
  async rejectCandidate(rawTerm: string, reason?: string): Promise<ReviewDecision> {
    const term = parseReviewTerm(rawTerm);
    const existing = await this.termbaseConceptOf(term);
    if (existing !== undefined) {
      throw new ConflictError(`"${term}" is a term of concept ${existing}; change the termbase rather than rejecting it`);
    }
    const decision: ReviewDecision = {
      id: reviewKey(term),
      term,
      decision: "rejected",
      ...(reason !== undefined && reason.trim() !== "" ? { reason: reason.trim() } : {}),
      decidedAt: this.clock().toISOString(),
    };
    await this.store.reviews.upsert(decision);
    return decision;
  }

  /** Withdraws a rejection, so that the term is proposed again; NotFoundError when it was not rejected. */
  async undoRejection(rawTerm: string): Promise<ReviewDecision> {
    const term = parseReviewTerm(rawTerm);
    const decision = await this.store.reviews.get(reviewKey(term));
    if (decision === undefined) throw new NotFoundError(`no review decision on "${term}"`);
    if (decision.decision !== "rejected") {
      throw new ConflictError(`"${term}" was approved into concept ${decision.concept ?? "?"}; change the termbase instead`);
    }
    await this.store.reviews.remove(decision.id);
    return decision;
  }

  /** Review decisions, oldest first, optionally only approvals or only rejections. */
  async listReviews(verdict?: ReviewVerdict): Promise<ReviewListJson> {
    const all = await this.store.reviews.list();
    const decisions = all
      .filter((d) => verdict === undefined || d.decision === verdict)
      .sort((a, b) => (a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : a.id < b.id ? -1 : 1));
    return { decisions };
  }
}
