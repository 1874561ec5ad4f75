/**
 * How often each concept's Chinese terms occur in the corpus documents, for the web page's chart: a
 * terminologist sees at a glance where a term and its variants are used. Pure: the documents come in as
 * normalized text, the termbase as a matcher.
 */
import type { TermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";

/** What the corpus README (glossary/sources/README.md) says about one source file. */
export interface SourceInfo {
  /** The string termbase contexts use as their source (README's "context source" column). */
  readonly source: string;
  /** A short name for a chart axis. */
  readonly label: string;
}

/**
 * The five corpus files, from glossary/sources/README.md's table. Only 000 prints its symbol; the others'
 * labels are the short descriptions the README gives, because a guessed symbol would mislead a reader.
 */
export const CORPUS_SOURCES: Readonly<Record<string, SourceInfo>> = {
  "000_9269ffeef60731b4.txt": { source: "A/C.2/61/7", label: "A/C.2/61/7" },
  "001_294214e2a33dbe81.txt": { source: "UN SG report, 52nd session (1997)", label: "SG report 1997" },
  "002_f1fd56940989419e.txt": {
    source: "GA informal interactive hearings summary, 61st session (2006)",
    label: "GA hearings 2006",
  },
  "003_4ec4a3f0193b5aa8.txt": { source: "GFMD 2011 final debate report (Switzerland)", label: "GFMD 2011" },
  "004_c6292b922524f64f.txt": {
    source: "Letter from Mexico, Helsinki Process conference report (2006)",
    label: "Helsinki 2006",
  },
};

/** A corpus document after `normalizeDocument`, with its README description. */
export interface SourceDocument {
  readonly file: string;
  readonly source: string;
  readonly label: string;
  /** Normalized text (broken lines joined, page furniture dropped), where the matcher looks for terms. */
  readonly text: string;
}

/** The JSON of `GET /api/terms/:id/occurrences`. */
export interface OccurrencesJson {
  readonly id: string;
  readonly documents: readonly {
    readonly file: string;
    readonly source: string;
    readonly label: string;
    /** Hits per Chinese term of the concept, in the concept's term order; 0 where a term does not occur. */
    readonly counts: Readonly<Record<string, number>>;
  }[];
}

/** Hits per concept and termbase term, one count per document (in document order). */
export interface OccurrenceCounts {
  readonly documents: readonly SourceDocument[];
  /** `conceptId` → termbase term → counts per document. */
  readonly byConcept: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
}

/** Describes a corpus file by its README entry; unknown files are labelled by their name. */
export function describeSource(file: string): SourceInfo {
  return CORPUS_SOURCES[file] ?? { source: file, label: file.replace(/\.txt$/, "") };
}

/**
 * Counts the matcher's Chinese hits in every document. The matcher is leftmost-longest, so 国际移徙 inside
 * 国际移徙组织 counts for the organization, not for the phenomenon: the counts are of terms as a reader meets
 * them. Hits are script-insensitive and reported under the termbase's spelling of the term.
 */
export function countOccurrences(
  documents: readonly SourceDocument[],
  matcher: TermMatcher,
): OccurrenceCounts {
  const byConcept = new Map<string, Map<string, number[]>>();
  documents.forEach((doc, d) => {
    for (const hit of matcher.matchChinese(doc.text)) {
      let terms = byConcept.get(hit.conceptId);
      if (terms === undefined) byConcept.set(hit.conceptId, (terms = new Map()));
      let counts = terms.get(hit.term);
      if (counts === undefined) terms.set(hit.term, (counts = documents.map(() => 0)));
      counts[d] = (counts[d] as number) + 1;
    }
  });
  return { documents, byConcept };
}

/** The occurrences JSON of one concept: every document, every Chinese term of the concept (zeros included). */
export function occurrencesOf(concept: Concept, counts: OccurrenceCounts): OccurrencesJson {
  const terms = counts.byConcept.get(concept.id);
  return {
    id: concept.id,
    documents: counts.documents.map((doc, d) => {
      const row: Record<string, number> = {};
      for (const t of concept.terms.zh) row[t.term] = terms?.get(t.term)?.[d] ?? 0;
      return { file: doc.file, source: doc.source, label: doc.label, counts: row };
    }),
  };
}
