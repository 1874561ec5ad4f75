import type { TmIndex } from "../tm/index.js";
import type { TermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";
import type { GlossarySuggestion, MatchSuggestion, UnitSuggestions } from "../xliff/annotate.js";
import type { XliffDocument } from "../xliff/read.js";
import { approvedTerms } from "../qa/hits.js";

/** What to suggest: how good a TM match must be and how many per segment. */
export interface SuggestOptions {
  readonly minMatch: number;
  readonly maxMatches: number;
}

/**
 * Glossary hits and TM matches for every translatable unit of a document. Pure: the indexes come in, the
 * suggestions go out; the XLIFF layer decides how to write them.
 */
export function suggestForDocument(
  doc: XliffDocument,
  concepts: ReadonlyMap<string, Concept>,
  matcher: TermMatcher,
  tm: TmIndex,
  options: SuggestOptions,
): Map<string, UnitSuggestions> {
  const suggestions = new Map<string, UnitSuggestions>();
  let previousSource: string | undefined;
  for (const unit of doc.units) {
    if (!unit.translate) continue;
    const glossary: GlossarySuggestion[] = [];
    const matches: MatchSuggestion[] = [];
    for (const segment of unit.segments) {
      const source = segment.source.text;
      const seen = new Set<string>();
      for (const hit of matcher.matchChinese(source)) {
        const key = `${hit.conceptId}`;
        if (seen.has(key)) continue;
        seen.add(key);
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
        for (const m of tm.search(source, { min: options.minMatch, limit: options.maxMatches, previousSource })) {
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
    if (glossary.length > 0 || matches.length > 0) suggestions.set(unit.id, { glossary, matches });
  }
  return suggestions;
}
