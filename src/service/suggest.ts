import type { TmIndex } from "../tm/index.js";
import type { TmMatch } from "../tm/fuzzy.js";
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

// Distinct segment texts whose TM matches one suggester remembers. A repeated segment (a heading, a standard
// UN clause) is looked up once, as a CAT tool's "repetitions" are; past this many the cache stops growing, so
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
  const repeated = new Map<string, TmMatch[]>();
  let previousSource: string | undefined;

  const search = (source: string): TmMatch[] => {
    // The previous segment only changes the result when some unit of the memory records one.
    const key = tm.withContext === 0 ? source : `${source}\u0000${previousSource ?? ""}`;
    const known = repeated.get(key);
    if (known !== undefined) return known;
    const found = tm.search(source, { min: options.minMatch, limit: options.maxMatches, previousSource });
    if (repeated.size < REPETITION_CACHE) repeated.set(key, found);
    return found;
  };

  return (unit) => {
    if (!unit.translate) return undefined;
    const glossary: GlossarySuggestion[] = [];
    const matches: MatchSuggestion[] = [];
    for (const segment of unit.segments) {
      const source = segment.source.text;
      const seen = new Set<string>();
      for (const hit of matcher.matchChinese(source)) {
        if (seen.has(hit.conceptId)) continue;
        seen.add(hit.conceptId);
        const concept = concepts.get(hit.conceptId);
        const translations = approvedTerms(concept, "en");
        if (!concept || translations.length === 0) continue;
        glossary.push({
          segmentId: segment.id,
          conceptId: concept.id,
          term: hit.text,
          translations,
          definition: concept.definition,
          status: hit.status,
        });
      }
      if (source.trim() !== "") {
        for (const m of search(source)) {
          matches.push({
            segmentId: segment.id,
            similarity: m.score,
            source: m.unit.source,
            target: m.unit.target,
            origin: m.unit.origin?.file ? `yizhi-tm:${m.unit.origin.file}` : "yizhi-tm",
            id: m.unit.id,
          });
        }
      }
      previousSource = source;
    }
    return glossary.length > 0 || matches.length > 0 ? { glossary, matches } : undefined;
  };
}
