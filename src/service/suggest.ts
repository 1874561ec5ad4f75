import type { TmIndex } from "../tm/index.js";
import type { TermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";
import type { GlossarySuggestion, MatchSuggestion, UnitSuggestions } from "../xliff/annotate.js";
import type { XliffUnit } from "../xliff/read.js";
import { approvedTerms } from "../qa/hits.js";

/** What to suggest: how good a TM match must be and how many per segment. */
export interface SuggestOptions {
  readonly minMatch: number;
  readonly maxMatches: number;
}

// Distinct segment texts whose suggestions one suggester remembers; past this many the caches stop growing, so
// memory stays bounded on a file of unique segments.
const REPETITION_CACHE = 20_000;

/**
 * Glossary hits and TM matches for one unit after another, in document order (the previous segment is the
 * context of an in-context match). Pure: the indexes come in, the suggestions go out; the XLIFF layer decides
 * how to write them. Returns undefined for a unit with nothing to suggest.
 */
export function createSuggester(
  concepts: ReadonlyMap<string, Concept>,
  matcher: TermMatcher,
  tm: TmIndex,
  options: SuggestOptions,
): (unit: XliffUnit) => UnitSuggestions | undefined {
  let previousSource: string | undefined;

  type GlossaryBase = Omit<GlossarySuggestion, "segmentId">;
  type MatchBase = Omit<MatchSuggestion, "segmentId">;

  const glossaryFor = (source: string): GlossaryBase[] => {
    const out: GlossaryBase[] = [];
    const seen = new Set<string>();
    for (const hit of matcher.matchChinese(source)) {
      if (seen.has(hit.conceptId)) continue;
      seen.add(hit.conceptId);
      const concept = concepts.get(hit.conceptId);
      const translations = approvedTerms(concept, "en");
      if (!concept || translations.length === 0) continue;
      out.push({
        conceptId: concept.id,
        term: hit.text,
        translations,
        definition: concept.definition,
        status: hit.status,
      });
    }
    return out;
  };

  const matchesFor = (source: string): MatchBase[] => {
    if (source.trim() === "") return [];
    return tm
      .search(source, { min: options.minMatch, limit: options.maxMatches, previousSource })
      .map((m) => ({
        similarity: m.score,
        source: m.unit.source,
        target: m.unit.target,
        origin: m.unit.origin?.file ? `yizhi-tm:${m.unit.origin.file}` : "yizhi-tm",
        id: m.unit.id,
      }));
  };

  // A repeated segment (a heading, a standard UN clause) is looked up once, as a CAT tool's "repetitions" are:
  // its glossary hits and TM matches both. The TM part also depends on the previous segment, but only when
  // some unit of the memory records one.
  const glossaryCache = new Map<string, GlossaryBase[]>();
  const matchCache = new Map<string, MatchBase[]>();
  const cached = <T>(cache: Map<string, T>, key: string, compute: () => T): T => {
    const known = cache.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (cache.size < REPETITION_CACHE) cache.set(key, value);
    return value;
  };

  return (unit) => {
    if (!unit.translate) return undefined;
    const glossary: GlossarySuggestion[] = [];
    const matches: MatchSuggestion[] = [];
    for (const segment of unit.segments) {
      const source = segment.source.text;
      const segmentId = segment.id;
      for (const g of cached(glossaryCache, source, () => glossaryFor(source)))
        glossary.push({ segmentId, ...g });
      const tmKey = tm.withContext === 0 ? source : `${source}\u0000${previousSource ?? ""}`;
      for (const m of cached(matchCache, tmKey, () => matchesFor(source))) matches.push({ segmentId, ...m });
      previousSource = source;
    }
    return glossary.length > 0 || matches.length > 0 ? { glossary, matches } : undefined;
  };
}
