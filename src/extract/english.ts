import type { Concept } from "../termbase/model.js";
import { foldScript } from "../text/script.js";
import type { EnglishProposal } from "./candidate.js";
import { cleanGlosses, type Dictionary } from "./dictionary.js";

/** A termbase entry as extraction needs it: the concept id and its English terms, best first. */
export interface TermbaseEntry {
  readonly concept: string;
  readonly english: readonly string[];
}

/** Chinese terms of a termbase (script-folded) → concept and English equivalents. */
export type TermbaseIndex = ReadonlyMap<string, TermbaseEntry>;

const STATUS_RANK = { preferred: 0, admitted: 1, deprecated: 2 } as const;

/** Indexes the Chinese terms of concepts (folded to simplified) with their non-deprecated English terms. */
export function indexTermbase(concepts: readonly Concept[]): TermbaseIndex {
  const index = new Map<string, TermbaseEntry>();
  for (const c of concepts) {
    const english = [...c.terms.en]
      .filter((t) => t.status !== "deprecated")
      .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status])
      .map((t) => t.term);
    for (const zh of c.terms.zh) {
      const key = foldScript(zh.term);
      if (!index.has(key)) index.set(key, { concept: c.id, english });
    }
  }
  return index;
}

interface Part {
  readonly zh: string;
  readonly en: string;
  readonly cost: number;
  /** True when the English comes from the termbase. */
  readonly termbase: boolean;
}

const LINKS: ReadonlySet<string> = new Set(["的", "与", "和", "及"]);

/**
 * Splits a Chinese term into termbase terms and dictionary words, fewest parts first (a termbase part is
 * slightly cheaper; one-character parts only for the links 的 与 和 及), and returns the parts with their English, or undefined when some stretch has no translation.
 */
export function splitIntoKnownParts(term: string, termbase: TermbaseIndex, dictionary?: Dictionary): Part[] | undefined {
  const n = term.length;
  const best: { cost: number; parts: Part[] }[] = [{ cost: 0, parts: [] }];
  for (let end = 1; end <= n; end++) {
    let bestHere: { cost: number; parts: Part[] } | undefined;
    for (let start = 0; start < end; start++) {
      if (start === 0 && end === n) continue; // the whole term is not a "part"
      const prev = best[start];
      if (prev === undefined) continue;
      const zh = term.slice(start, end);
      const part = translatePart(zh, termbase, dictionary);
      if (part === undefined) continue;
      const cost = prev.cost + part.cost;
      if (bestHere === undefined || cost < bestHere.cost) bestHere = { cost, parts: [...prev.parts, part] };
    }
    if (bestHere !== undefined) best[end] = bestHere;
  }
  return best[n]?.parts;
}

function translatePart(zh: string, termbase: TermbaseIndex, dictionary?: Dictionary): Part | undefined {
  const entry = termbase.get(zh);
  const en = entry?.english[0];
  if (en !== undefined) return { zh, en, cost: 0.9, termbase: true };
  // One-character parts only as grammatical links (的 → of, 与 → and): character-by-character glosses of a word
  // the dictionary lacks (移 + 徙 → "move change one's residence") are noise, not a proposal.
  if (zh.length === 1 && !LINKS.has(zh)) return undefined;
  const glosses = dictionary?.lookup(zh);
  if (glosses === undefined) return undefined;
  // The shortest of the first three readings: a compound wants a modifier word, not a definition.
  const first = cleanGlosses(glosses)
    .slice(0, 3)
    .sort((a, b) => a.split(" ").length - b.split(" ").length)[0];
  if (first === undefined) return undefined;
  return { zh, en: first, cost: zh.length === 1 ? 1.5 : 1, termbase: false };
}

/**
 * Composes English from parts in the Chinese order: a Chinese noun phrase is head-final like an English
 * compound, so the modifier stays before its head (移徙 数据 → "migration data", 循环 移徙 → "circular
 * migration"). The one reordering is the attributive particle: A 的 B → "B of A".
 */
export function composeEnglish(parts: readonly Part[]): string {
  const de = parts.findIndex((p) => p.zh === "的");
  if (de > 0 && de < parts.length - 1) {
    const head = parts.slice(de + 1).map((p) => p.en);
    const modifier = parts.slice(0, de).map((p) => p.en);
    return `${head.join(" ")} of ${modifier.join(" ")}`;
  }
  return parts.map((p) => p.en).join(" ");
}

/**
 * Proposes English equivalents for a candidate: only the termbase's own English when the candidate is a termbase
 * term with English; otherwise up to two glosses of the dictionary entry for the whole string, and a composition from its known parts
 * when at least one of them is a termbase term.
 */
export function proposeEnglish(term: string, termbase: TermbaseIndex, dictionary?: Dictionary): EnglishProposal[] {
  const out: EnglishProposal[] = [];
  const add = (en: string, origin: EnglishProposal["origin"]) => {
    if (!out.some((p) => p.term.toLowerCase() === en.toLowerCase())) out.push({ term: en, origin });
  };
  const entry = termbase.get(term);
  // A known term has its approved English; guesses beside it ("abnormal migration" next to "irregular
  // migration") would only invite the inconsistency the termbase exists to prevent.
  if (entry !== undefined && entry.english.length > 0) {
    for (const en of entry.english) add(en, "termbase");
    return out;
  }
  const glosses = dictionary?.lookup(term);
  if (glosses !== undefined) for (const g of cleanGlosses(glosses).slice(0, 2)) add(g, "dictionary");
  const parts = splitIntoKnownParts(term, termbase, dictionary);
  // A composition needs a termbase part to anchor it: dictionary glosses alone compose loose paraphrases
  // (民间 + 社会 → "folk society") that would mislead more than help.
  if (parts !== undefined && parts.length >= 2 && parts.some((p) => p.termbase)) {
    add(composeEnglish(parts), "composed");
  }
  return out;
}
