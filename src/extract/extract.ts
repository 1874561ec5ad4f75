import type { Concept } from "../termbase/model.js";
import type { Candidate } from "./candidate.js";
import { pickContexts } from "./contexts.js";
import { defaultPipeline } from "./default-pipeline.js";
import { loadCedict, type Dictionary } from "./dictionary.js";
import { indexTermbase, proposeEnglish, type TermbaseIndex } from "./english.js";
import { COUNTING_CHARS, DETERMINERS, FUNCTION_TAGS, isFunctionChar } from "./function-words.js";
import { loadReferenceLexicon, type ReferenceLexicon } from "./lexicon.js";
import { isCommon, isPredicateVerb, linguisticWeight } from "./linguistic.js";
import { countNgrams, type NgramStat } from "./ngrams.js";
import { prepareDocument, type PreparedDocument, type TextPipeline } from "./prepare.js";
import { findSubjects } from "./subjects.js";
import { branchingEntropy, cValues, weirdness } from "./termhood.js";

/** A document to extract from: its file name (for contexts) and its raw text. */
export interface ExtractDocument {
  readonly file: string;
  /** Raw file text, PDF damage included. */
  readonly text: string;
}

/** Options of {@link extractCandidates}. */
export interface ExtractOptions {
  /** How many candidates to return, best first (default 100). */
  readonly top?: number;
  /** Minimum frequency over all documents (default 2). */
  readonly minFreq?: number;
  /** Concepts whose Chinese terms are marked known and give English for compositions. */
  readonly termbase?: readonly Concept[];
  /** Called at the start and end of each phase, and per document or per candidate inside it. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Chinese–English dictionary; default CC-CEDICT (loaded once); null for none. */
  readonly dictionary?: Dictionary | null;
  /** General-language reference word list; default jieba's dictionary (loaded once); null for none. */
  readonly reference?: ReferenceLexicon | null;
  /** Text layer; default yizhi's normalizer, sentence splitter and jieba tokenizer. */
  readonly pipeline?: TextPipeline;
  /** Script-folded terms to leave out (a terminologist's rejections), before the top N is taken. */
  readonly exclude?: ReadonlySet<string>;
}

/** Bound suffixes (agentive 者, nominal 性): they end words and never begin one. */
const BOUND_SUFFIXES: ReadonlySet<string> = new Set(["者", "性"]);
/** Function characters that are words on their own and never end or begin a term (的, 是, 在 …). */
const EDGE_PARTICLES: ReadonlySet<string> = new Set("的是在了和及或对将把被于之".split(""));
/**
 * A neighbour character that ends a phrase by itself, for branching entropy: a function character, except the
 * formal coordinators 与 and 及, which also join the parts of one name (经济及社会理事会, 移徙与发展问题高级别对话),
 * so a string always preceded by one is a conjunct of something longer (社会理事会), not a unit. The 和 of running
 * text joins phrases (种族主义和仇外心理) and stays a free boundary.
 */
const freeNeighbour = (ch: string) => isFunctionChar(ch) && ch !== "与" && ch !== "及";

/**
 * Whether `longer` is a word derived from the candidate `shorter` by a bound suffix: the agentive 者 derives the agent
 * from the activity (回返移徙 → 回返移徙者, 非法移徙 → 非法移徙者), so an activity term the documents mostly use inside
 * its agent noun is still a term. Word formation, not the phrase nesting C-value discounts. Two-character stems
 * are left out: 与会 of 与会者 is a bound verb, not a term.
 */
function isDerivation(shorter: string, longer: string): boolean {
  return shorter.length >= 3 && longer.length === shorter.length + 1 && longer.startsWith(shorter) && BOUND_SUFFIXES.has(longer[shorter.length] as string);
}

const MIN_LENGTH = 2;
/**
 * Longest candidate, in characters. UN names run long (国际移徙问题全球委员会 11, 国际移徙与发展问题高级别对话 14,
 * 社会发展问题世界首脑会议 12); with a shorter limit the name itself is never counted and its truncations
 * (发展问题高级别对话, 家庭成员权利国际公约) pass for terms, while with the whole name counted the nesting
 * statistics see them as parts of it. Counting cost grows with the limit (bench/extract.ts, five documents, top
 * 300: 0.88 s at 16 against 0.81 s at 10).
 */
const MAX_LENGTH = 16;
const MAX_CONTEXTS = 3;

/** Statistics of one candidate that survived the filters, before ranking. */
interface Scored {
  readonly stat: NgramStat;
  readonly known: boolean;
  /** The segmenter's words of one representative occurrence (an aligned one when there is one). */
  readonly words: readonly string[];
  linguistic: number;
  score: number;
}

/** The segmenter's words covering one occurrence, clipped to it. */
function wordsAt(doc: PreparedDocument, start: number, n: number): string[] {
  const out: string[] = [];
  let a = start;
  for (let i = start + 1; i <= start + n; i++) {
    if (i === start + n || doc.boundaries[i] === 1) {
      out.push(doc.text.slice(a, i));
      a = i;
    }
  }
  return out;
}


/** The tokens at the two edges of one occurrence, as the segmenter cut them (clipped to the occurrence). */
function edgeTokens(doc: PreparedDocument, start: number, n: number): [string, string] {
  const end = start + n;
  let b = start + 1;
  while (b < end && doc.boundaries[b] !== 1) b++;
  let a = end - 1;
  while (a > start && doc.boundaries[a] !== 1) a--;
  return [doc.text.slice(start, b), doc.text.slice(a, end)];
}

/**
 * Left and right branching entropy of a candidate. A neighbour counts as a free boundary where it is a function
 * character (see {@link freeNeighbour}) or where the segmenter's word next to the occurrence is a common verb
 * (降低 in 降低移徙成本, 指出 after 与会者): verb + object and subject + verb are clauses, not longer terms, so a
 * string that always follows the same verb is still bounded there. Frantzi et al. nest terms only in candidates
 * that pass the noun-phrase filter; this is the same principle applied to the boundary statistic.
 */
function boundaryEntropies(s: NgramStat, docs: readonly PreparedDocument[], predicate: (token: string) => boolean): [number, number] {
  let left: Map<string, number> = s.left;
  let right: Map<string, number> = s.right;
  let leftEdge = s.leftEdge;
  let rightEdge = s.rightEdge;
  const occ = s.occurrences;
  for (let k = 0; k < occ.length; k += 2) {
    const d = docs[occ[k] as number] as PreparedDocument;
    const start = occ[k + 1] as number;
    const end = start + s.term.length;
    if (d.boundaries[start] === 1) {
      let a = start - 1;
      while (a > 0 && d.boundaries[a] !== 1) a--;
      const ch = d.text[start - 1] as string;
      if (a >= 0 && start - a >= 2 && (left.get(ch) ?? 0) > 0 && predicate(d.text.slice(a, start))) {
        if (left === s.left) left = new Map(left);
        const n = (left.get(ch) as number) - 1;
        if (n > 0) left.set(ch, n);
        else left.delete(ch);
        leftEdge++;
      }
    }
    if (d.boundaries[end] === 1) {
      let b = end + 1;
      while (b < d.text.length && d.boundaries[b] !== 1) b++;
      const ch = d.text[end] as string;
      if (b - end >= 2 && (right.get(ch) ?? 0) > 0 && predicate(d.text.slice(end, b))) {
        if (right === s.right) right = new Map(right);
        const n = (right.get(ch) as number) - 1;
        if (n > 0) right.set(ch, n);
        else right.delete(ch);
        rightEdge++;
      }
    }
  }
  const suffixFree = (ch: string) => freeNeighbour(ch) || (s.term.length >= 3 && BOUND_SUFFIXES.has(ch));
  return [branchingEntropy(left, leftEdge, freeNeighbour), branchingEntropy(right, rightEdge, suffixFree)];
}

function isFunctionToken(token: string, reference: ReferenceLexicon | null): boolean {
  if (token.length === 1) return isFunctionChar(token);
  if (DETERMINERS.has(token)) return true;
  const tag = reference?.tag(token);
  if (tag === "m") return COUNTING_CHARS.has(token[0] as string);
  return tag !== undefined && FUNCTION_TAGS.has(tag);
}

function countTokens(doc: PreparedDocument): number {
  let n = 0;
  for (let i = 0; i < doc.text.length; i++) if (doc.boundaries[i] === 1 && doc.text.charCodeAt(i) >= 0x3400) n++;
  return n;
}

/**
 * Extracts candidate terms from documents, best first, with evidence (frequency, spread, contexts) and proposed
 * English. Method: character n-grams (2–16) inside clauses of the normalized, script-folded text; linguistic
 * filters (no function word at either edge, ends on segmenter word boundaries unless a known word or termbase
 * term, not a substring that never occurs on its own, not a determiner or counting numeral); ranking by C-value
 * (Frantzi, Ananiadou & Mima 2000; the nested part is the dominant container's frequency; a word derived by a
 * suffix does not nest its stem) × boundary strength (branching entropy, Jin & Tanaka-Ishii 2006; a function
 * character or a common verb next to the string is a free boundary, the formal 与 and 及 are not) × domain
 * specificity against a general-language word list (weirdness, Ahmad et al. 1999) × document spread × a
 * linguistic weight standing in for C-value's noun-phrase filter (linguistic.ts: head-final noun phrases, no
 * clause — verb first, verb inside, subject + verb with subjects found by their distribution, subjects.ts —, no
 * running-text coordination, no ordinal, fixed expressions judged by their words).
 */
export function extractCandidates(documents: readonly ExtractDocument[], options: ExtractOptions = {}): Candidate[] {
  const top = options.top ?? 100;
  const minFreq = Math.max(2, options.minFreq ?? 2);
  const progress = options.onProgress ?? (() => undefined);
  const pipeline = options.pipeline ?? defaultPipeline();
  const termbase: TermbaseIndex = indexTermbase(options.termbase ?? []);
  const dictionary = options.dictionary === undefined ? loadCedict() : options.dictionary;
  const reference = options.reference === undefined ? loadReferenceLexicon() : options.reference;

  progress("prepare", 0, documents.length);
  const segment = pipeline.createSegmenter([...termbase.keys()]);
  const docs: PreparedDocument[] = [];
  for (const d of documents) {
    docs.push(prepareDocument(d.file, d.text, pipeline, segment));
    progress("prepare", docs.length, documents.length);
  }

  progress("count", 0, 1);
  const stats = countNgrams(docs, { minLength: MIN_LENGTH, maxLength: MAX_LENGTH, minFreq });
  progress("count", 1, 1);

  progress("score", 0, 1);
  const subjects = reference === null ? new Set<string>() : findSubjects(docs, reference, dictionary);
  const survivors: Scored[] = [];
  for (const s of stats.values()) {
    const known = termbase.has(s.term);
    // "Known word": a CC-CEDICT headword. jieba's own list is not used here: it holds place names such as
    // 和政 that would let fragments (和 + 政府) through.
    const word = known || dictionary?.lookup(s.term) !== undefined;
    const wholeTag = reference?.tag(s.term);
    // A candidate that is itself a function word (为此, 并不, 进一步) is grammar, not a term.
    if (!known && wholeTag !== undefined && (FUNCTION_TAGS.has(wholeTag) || wholeTag === "d")) continue;
    // So is a determiner (大多数, 所有) or a counting numeral (一系列, 一部分: jieba "m", starting with a counting
    // character): closed classes that quantify a noun phrase and never name a concept.
    if (!known && (DETERMINERS.has(s.term) || (wholeTag === "m" && COUNTING_CHARS.has(s.term[0] as string)))) continue;
    // Boundary filter: most occurrences must start and end where the segmenter put a word boundary.
    if (!word && s.aligned * 2 < s.freq) continue;
    // A two-character dictionary headword the segmenter almost never cuts out is a chance pairing across words
    // here (面的 in 方面的, 和政 in 和政府, 中的): CC-CEDICT lists them for other readings.
    if (!known && word && s.term.length === 2 && s.aligned * 4 < s.freq) continue;
    // A two-character string with a function character at an edge (另一, 并不, 这是, 年来) is grammar unless the
    // termbase or the reference lists it as a noun (外债, 内需: locatives are also noun prefixes).
    if (!known && s.term.length === 2 && !wholeTag?.startsWith("n") && (isFunctionChar(s.term[0] as string) || isFunctionChar(s.term[1] as string))) continue;
    // Particles, the copula and prepositions at an edge (特别是在, 尤其是, 的移徙) leave a phrase, not a word, even
    // where the segmenter glued them to their neighbour; a listed word (关于, 在于) is judged by its tag above.
    const e0 = s.term[0] as string;
    const e1 = s.term[s.term.length - 1] as string;
    if (!known && !word && wholeTag === undefined && (EDGE_PARTICLES.has(e0) || EDGE_PARTICLES.has(e1))) continue;
    // No word starts with a bound suffix (者能够 is the tail of 移徙者 and the verb 能够).
    if (!known && BOUND_SUFFIXES.has(s.term[0] as string)) continue;
    // A dictionary headword (可持续发展) is a lexical unit even where the segmenter cut a character off it.
    if (!word) {
      let functional = 0;
      const occ = s.occurrences;
      for (let k = 0; k < occ.length; k += 2) {
        const [first, last] = edgeTokens(docs[occ[k] as number] as PreparedDocument, occ[k + 1] as number, s.term.length);
        if (isFunctionToken(first, reference) || isFunctionToken(last, reference)) functional++;
      }
      if (functional * 2 >= s.freq) continue;
    }
    const occ = s.occurrences;
    let rep = 0;
    for (let k = 0; k < occ.length; k += 2) {
      const d = docs[occ[k] as number] as PreparedDocument;
      const i = occ[k + 1] as number;
      if (d.boundaries[i] === 1 && d.boundaries[i + s.term.length] === 1) {
        rep = k;
        break;
      }
    }
    const words = wordsAt(docs[occ[rep] as number] as PreparedDocument, occ[rep + 1] as number, s.term.length);
    survivors.push({ stat: s, known, words, linguistic: linguisticWeight(s.term, words, reference, dictionary, subjects), score: 0 });
  }

  const nested = cValues(
    survivors.map((c) => ({ term: c.stat.term, freq: c.stat.freq, container: c.linguistic === 1 })),
    MAX_LENGTH,
    isDerivation,
  );
  const domainSize = docs.reduce((n, d) => n + countTokens(d), 0);
  const generalSize = reference?.total ?? 1;
  const nDocs = Math.max(1, docs.length);
  const verdicts = new Map<string, boolean>();
  const predicate = (token: string): boolean => {
    if (reference === null || token.length < 2) return false;
    let v = verdicts.get(token);
    if (v === undefined) {
      v = isPredicateVerb(token, reference, dictionary) && isCommon(token, reference);
      verdicts.set(token, v);
    }
    return v;
  };
  for (const c of survivors) {
    const s = c.stat;
    const ns = nested.get(s.term);
    if (ns === undefined) continue;
    // A substring that never occurs on its own (as often as one longer candidate containing it) is no term.
    if (!c.known && ns.maxContainer >= s.freq) continue;
    const base = Math.log2(1 + ns.cValue);
    const [left, right] = boundaryEntropies(s, docs, predicate);
    const h = Math.min(left, right);
    const unithood = 1 - Math.exp(-h);
    const generalFreq = reference?.frequency(s.term) ?? 0;
    const w = reference === null ? 3 : weirdness(s.freq, domainSize, generalFreq, generalSize);
    // Familiar words of the general language (会议, 论坛, 政府: thousands of occurrences in the reference) are
    // vocabulary rather than terminology even where the documents use them often.
    const familiarity = generalFreq > 300 ? Math.max(0.3, 1 - 0.25 * Math.log10(generalFreq / 300)) : 1;
    // A word listed whole in the reference but three or more characters long (发展中国家, 人道主义, 社会保障) is
    // a lexicalized compound, and such compounds are mostly terms even in general language.
    const floor = Math.min(1, 0.3 * (s.term.length - 1));
    const specificity = Math.max(s.term.length >= 3 ? floor : 0, Math.min(1, Math.max(0.05, (w - 0.75) / 2)) * familiarity);
    const spread = nDocs > 1 ? 0.7 + (0.3 * (s.docs - 1)) / (nDocs - 1) : 1;
    c.score = base * unithood * specificity * spread * c.linguistic;
  }
  const exclude = options.exclude ?? new Set<string>();
  const ranked = survivors.filter((c) => c.score > 0 && !exclude.has(c.stat.term)).sort((a, b) => b.score - a.score || b.stat.freq - a.stat.freq || (a.stat.term < b.stat.term ? -1 : 1));
  const max = ranked[0]?.score ?? 1;
  progress("score", 1, 1);

  const chosen = ranked.slice(0, top);
  progress("propose", 0, chosen.length);
  const out: Candidate[] = [];
  for (const c of chosen) {
    const entry = termbase.get(c.stat.term);
    out.push({
      term: c.stat.term,
      frequency: c.stat.freq,
      documents: c.stat.docs,
      score: Math.round((c.score / max) * 1000) / 1000,
      known: c.known,
      ...(entry !== undefined ? { concept: entry.concept } : {}),
      english: proposeEnglish(c.stat.term, termbase, dictionary ?? undefined),
      contexts: pickContexts(c.stat.occurrences, docs, MAX_CONTEXTS),
    });
    if (out.length % 50 === 0 || out.length === chosen.length) progress("propose", out.length, chosen.length);
  }
  return out;
}
