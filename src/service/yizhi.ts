import path from "node:path";
import { InputError, NotFoundError } from "../errors.js";
import { checkDocumentFromXliff } from "../qa/from-xliff.js";
import { RULES } from "../qa/registry.js";
import { runCheck, type CheckReport, type RuleSetting } from "../qa/runner.js";
import type { CheckDocument, RuleId } from "../qa/types.js";
import type { ImportResult, Store } from "../store/store.js";
import { buildLookupIndex, toLookupJson, type LookupIndex, type LookupJson } from "../termbase/lookup.js";
import { buildTermMatcher, type TermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";
import { parseTbx, writeTbx } from "../termbase/tbx.js";
import { toTmSearchJson, type TmSearchJson } from "../tm/fuzzy.js";
import { unitsFromXliff } from "../tm/from-xliff.js";
import { createTmIndex, type TmIndex } from "../tm/index.js";
import type { TranslationUnit } from "../tm/model.js";
import { parseTmx, writeTmx } from "../tm/tmx.js";
import { planAnnotations, type SkippedSuggestion } from "../xliff/annotate.js";
import { readXliff, type XliffDocument } from "../xliff/read.js";
import { spliceXliff } from "../xliff/splice.js";
import { suggestForDocument } from "./suggest.js";

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

/** What an annotate run produced. */
export interface AnnotateResult {
  readonly output: Buffer;
  readonly units: number;
  readonly annotatedUnits: number;
  readonly glossaryHits: number;
  readonly tmMatches: number;
  readonly skipped: readonly SkippedSuggestion[];
}

/** Progress of a long import, for a progress bar. */
export type ProgressListener = (done: number, total: number) => void;

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
  async annotate(
    input: Buffer | string,
    file: string,
    options: { minMatch?: number; maxMatches?: number; pretranslate?: boolean } = {},
  ): Promise<AnnotateResult> {
    const indexes = await this.termbaseIndexes();
    const tm = await this.tm();
    const doc = readXliff(input, file);
    const suggestions = suggestForDocument(doc, indexes.concepts, indexes.matcher, tm, {
      minMatch: options.minMatch ?? 0.7,
      maxMatches: options.maxMatches ?? 3,
    });
    const plan = planAnnotations(doc, suggestions, { pretranslate: options.pretranslate ?? false });
    let glossaryHits = 0;
    let tmMatches = 0;
    for (const s of suggestions.values()) {
      glossaryHits += s.glossary.length;
      tmMatches += s.matches.length;
    }
    return {
      output: spliceXliff(doc, plan.insertions),
      units: doc.units.length,
      annotatedUnits: suggestions.size,
      glossaryHits,
      tmMatches,
      skipped: plan.skipped,
    };
  }

  /** Imports a TBX file into the termbase in one transaction. */
  async importTbx(xml: string, file: string): Promise<ImportResult> {
    const concepts = parseTbx(xml, file);
    const result = await this.store.concepts.importMany(concepts);
    this.termbase = undefined;
    return result;
  }

  /** The whole termbase as TBX-Basic. */
  async exportTbx(): Promise<string> {
    return writeTbx(await this.store.concepts.list());
  }

  /** Fuzzy TM search, as DESIGN.md's tm search JSON. */
  async searchTm(query: string, options: { min?: number; limit?: number; previousSource?: string } = {}): Promise<TmSearchJson> {
    const tm = await this.tm();
    return toTmSearchJson(query, tm.search(query, { min: options.min ?? 0.7, limit: options.limit ?? 5, previousSource: options.previousSource }));
  }

  /** Parses a TMX or translated XLIFF file into translation units, without storing them. */
  parseTmInput(input: Buffer, file: string, onProgress?: ProgressListener): TranslationUnit[] {
    const head = input.subarray(0, 4096).toString("utf8");
    if (/<tmx[\s>]/.test(head)) return parseTmx(input.toString("utf8"), file, { onProgress });
    if (/<xliff[\s>]/.test(head) || input[0] === 0xff || input[0] === 0xfe) {
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
}
