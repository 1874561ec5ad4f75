import type { TmIndex } from "../tm/index.js";
import type { TermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";
import type { GlossarySuggestion, MatchSuggestion, UnitSuggestions } from "../xliff/annotate.js";
import type { XliffSegment, XliffUnit } from "../xliff/read.js";
import { approvedTerms } from "../qa/hits.js";

/** What to suggest: how good a TM match must be and how many per segment. */
export interface SuggestOptions {
  readonly minMatch: number;
  readonly maxMatches: number;
}

/** A termbase concept found in a source text, as found (a worker thread can send it back). */
export interface GlossaryHit {
  readonly conceptId: string;
  readonly term: string;
  readonly status?: string;
}

/** A TM unit matching a source text, by id, with its score. */
export interface TmHit {
  readonly id: string;
  readonly score: number;
}

/** What one source text gets, apart from any unit: one hit per concept, and the best TM matches. */
export interface SourceSuggestions {
  readonly glossary: readonly GlossaryHit[];
  readonly matches: readonly TmHit[];
}

/** Glossary hits and TM matches of one source text (`previousSource` for in-context matches). */
export function suggestForSource(
  matcher: TermMatcher,
  tm: TmIndex,
  options: SuggestOptions,
  source: string,
  previousSource: string | undefined,
): SourceSuggestions {
  const glossary: GlossaryHit[] = [];
  const seen = new Set<string>();
  for (const hit of matcher.matchChinese(source)) {
    if (seen.has(hit.conceptId)) continue;
    seen.add(hit.conceptId);
    glossary.push({
      conceptId: hit.conceptId,
      term: hit.text,
      ...(hit.status !== undefined ? { status: hit.status } : {}),
    });
  }
  const matches =
    source.trim() === ""
      ? []
      : tm
          .search(source, { min: options.minMatch, limit: options.maxMatches, previousSource, diff: false })
          .map((m) => ({ id: m.unit.id, score: m.score }));
  return { glossary, matches };
}

type GlossaryBase = Omit<GlossarySuggestion, "segmentId">;
type MatchBase = Omit<MatchSuggestion, "segmentId">;

/** A source text's suggestions as the XLIFF layer writes them (concepts without English are left out). */
interface SuggestionBases {
  readonly glossary: readonly GlossaryBase[];
  readonly matches: readonly MatchBase[];
}

function toBases(
  concepts: ReadonlyMap<string, Concept>,
  tm: TmIndex,
  found: SourceSuggestions,
): SuggestionBases {
  const glossary: GlossaryBase[] = [];
  for (const hit of found.glossary) {
    const concept = concepts.get(hit.conceptId);
    const translations = approvedTerms(concept, "en");
    if (!concept || translations.length === 0) continue;
    glossary.push({
      conceptId: concept.id,
      term: hit.term,
      translations,
      definition: concept.definition,
      status: hit.status,
    });
  }
  const matches: MatchBase[] = [];
  for (const hit of found.matches) {
    const unit = tm.unit(hit.id);
    if (unit === undefined) continue;
    matches.push({
      similarity: hit.score,
      source: unit.source,
      target: unit.target,
      origin: unit.origin?.file ? `yizhi-tm:${unit.origin.file}` : "yizhi-tm",
      id: unit.id,
    });
  }
  return { glossary, matches };
}

// Distinct segment texts whose suggestions one suggester remembers; past this many the caches stop growing, so
// memory stays bounded on a file of unique segments.
export const REPETITION_CACHE = 20_000;

/** The key a segment's suggestions are remembered by: its text, and the previous one when the TM has contexts. */
export function repetitionKey(tm: TmIndex, source: string, previousSource: string | undefined): string {
  return tm.withContext === 0 ? source : `${source}\u0000${previousSource ?? ""}`;
}

/**
 * A unit's suggestions from its segments' bases, each entry naming its segment. Bases remembered for
 * repetitions (`shared`) mark a single-segment unit's suggestions as repeats of every other unit with them.
 */
export function unitSuggestions(
  unit: XliffUnit,
  bases: readonly SuggestionBases[],
  shared?: (b: SuggestionBases) => boolean,
): UnitSuggestions | undefined {
  const glossary: GlossarySuggestion[] = [];
  const matches: MatchSuggestion[] = [];
  unit.segments.forEach((segment, i) => {
    const b = bases[i] as SuggestionBases;
    const segmentId = segment.id;
    // Fields named, not spread: this runs for every unit, repetitions included, and spreading cost 2 % of an annotate.
    for (const g of b.glossary)
      glossary.push({
        segmentId,
        conceptId: g.conceptId,
        term: g.term,
        translations: g.translations,
        definition: g.definition,
        status: g.status,
      });
    for (const m of b.matches)
      matches.push({
        segmentId,
        similarity: m.similarity,
        source: m.source,
        target: m.target,
        origin: m.origin,
        id: m.id,
      });
  });
  if (glossary.length === 0 && matches.length === 0) return undefined;
  const only = bases.length === 1 ? (bases[0] as SuggestionBases) : undefined;
  return only !== undefined && shared?.(only) === true
    ? { glossary, matches, repeats: only }
    : { glossary, matches };
}

/** Turns what a source text got into bases, remembering them for its repetitions. */
export function basesCache(
  concepts: ReadonlyMap<string, Concept>,
  tm: TmIndex,
): {
  get(key: string): SuggestionBases | undefined;
  make(key: string, found: SourceSuggestions): SuggestionBases;
  /** Whether these bases are the remembered ones (every repetition of their text gets this same object). */
  shared(bases: SuggestionBases): boolean;
} {
  const cache = new Map<string, SuggestionBases>();
  const remembered = new WeakSet<SuggestionBases>();
  return {
    get: (key) => cache.get(key),
    make(key, found) {
      const bases = toBases(concepts, tm, found);
      if (cache.size < REPETITION_CACHE) {
        cache.set(key, bases);
        remembered.add(bases);
      }
      return bases;
    },
    shared: (bases) => remembered.has(bases),
  };
}

/**
 * A unit's segments' bases: each remembered one from the cache, the others looked up (`lookedUp` is told) and
 * remembered. `previous` is the source before the unit in the document.
 */
export function basesFor(
  cache: ReturnType<typeof basesCache>,
  matcher: TermMatcher,
  tm: TmIndex,
  options: SuggestOptions,
  unit: XliffUnit,
  previous: string | undefined,
  lookedUp?: () => void,
): SuggestionBases[] {
  return unit.segments.map((segment) => {
    const source = segment.source.text;
    const key = repetitionKey(tm, source, previous);
    let b = cache.get(key);
    if (b === undefined) {
      lookedUp?.();
      b = cache.make(key, suggestForSource(matcher, tm, options, source, previous));
    }
    previous = source;
    return b;
  });
}

/** The source before the next unit: this unit's last segment's, or `previous` when it has none. */
export function lastSource(unit: XliffUnit, previous: string | undefined): string | undefined {
  const segments = unit.segments;
  return segments.length > 0 ? (segments[segments.length - 1] as XliffSegment).source.text : previous;
}

/**
 * Glossary hits and TM matches for one unit after another, in document order (the previous segment is the
 * context of an in-context match). Pure: the indexes come in, the suggestions go out; the XLIFF layer decides
 * how to write them. Returns undefined for a unit with nothing to suggest.
 *
 * A repeated segment (a heading, a standard UN clause) is looked up once, as a CAT tool's "repetitions" are:
 * its glossary hits and TM matches both. The TM part also depends on the previous segment, but only when some
 * unit of the memory records one.
 */
export function createSuggester(
  concepts: ReadonlyMap<string, Concept>,
  matcher: TermMatcher,
  tm: TmIndex,
  options: SuggestOptions,
): (unit: XliffUnit) => UnitSuggestions | undefined {
  let previousSource: string | undefined;
  const cache = basesCache(concepts, tm);
  return (unit) => {
    if (!unit.translate) return undefined;
    const bases = basesFor(cache, matcher, tm, options, unit, previousSource);
    previousSource = lastSource(unit, previousSource);
    return unitSuggestions(unit, bases, cache.shared);
  };
}
