import type { Dictionary } from "./dictionary.js";
import { EVALUATIVE_TAGS, NON_NOMINAL_TAGS, hasGenericHead, isFunctionChar } from "./function-words.js";
import type { ReferenceLexicon } from "./lexicon.js";

// 到 inside a phrase is the resultative complement or "to" of a predicate (考虑到移徙, 回到原籍国).
const PREPOSITIONS: ReadonlySet<string> = new Set("以对在为将把被由于向从给到".split(""));
/** jieba tags of predicate words: verbs and adjectives (not vn, the verbal noun of 管理 or 合作), adverbs, idioms. */
const PREDICATE_TAGS: ReadonlySet<string> = new Set(["v", "vd", "vi", "a", "ad", "d", "i", "l"]);
/**
 * Frequency in jieba's general corpus from which a word counts as common vocabulary. Measured on the reference:
 * general verbs of UN prose lie above 1,000 (促进 6,674, 指出, 保护, 支持, 采取; 确保 1,965, 协助 1,873, 赞成 1,162),
 * verbs of the migration field below it (贩运 151, 团聚 185, 招募 352, 融入 484), so the line is drawn there.
 */
const COMMON_WORD_FREQUENCY = 1000;

/** English modal verbs: CC-CEDICT glosses modal Chinese verbs with them (能够 "to be able to; can"). A closed class. */
const ENGLISH_MODALS: ReadonlySet<string> = new Set(["can", "could", "may", "might", "must", "shall", "should", "will", "would"]);

/** Whether a CC-CEDICT gloss describes a verb: an English infinitive ("to point out"), a modal ("can") or a classifier note. */
function isVerbGloss(gloss: string): boolean {
  return gloss.startsWith("to ") || gloss.startsWith("CL:") || ENGLISH_MODALS.has(gloss);
}

/**
 * Whether a word is a verb: jieba tags it "v" (it gives one tag a word: 组织 "v") and the dictionary knows no nominal
 * reading of it either (组织 also glosses "organization"; 指出 only "to point out"). jieba's tags of frequent verbs
 * are often nominal (利用 "n", 产生 "n"), so a word every CC-CEDICT sense of which is verbal (利用 "to exploit; to
 * make use of; …", 产生 "to arise; …; to bring about") is a verb whatever its tag, unless jieba tags it a verbal
 * noun (vn: 管理, 合作), the one tag that records nominal use.
 */
export function isVerbal(word: string, reference: ReferenceLexicon, dictionary: Dictionary | null): boolean {
  // A verb with the resultative complement 到 (考虑到, 认识到, 注意到) is a verb, listed or not.
  if (word.length >= 3 && word.endsWith("到") && reference.tag(word.slice(0, -1)) === "v") return true;
  const tag = reference.tag(word);
  const glosses = dictionary?.lookup(word);
  if (tag !== "v") return tag !== undefined && tag !== "vn" && word.length > 1 && glosses !== undefined && glosses.every(isVerbGloss);
  if (word.length === 1) return true;
  return glosses === undefined || glosses.every(isVerbGloss);
}

/**
 * Whether a word is a verb used as a predicate: verbal as above, or tagged a plain verb (v, not the nominal vn of
 * 管理, 合作) with a verbal primary reading ("to protect" for 保护): CC-CEDICT lists the senses of a headword most
 * common first, and nearly every verb has some nominal sense further down.
 */
export function isPredicateVerb(word: string, reference: ReferenceLexicon, dictionary: Dictionary | null): boolean {
  if (isVerbal(word, reference, dictionary)) return true;
  const tag = reference.tag(word);
  const primary = dictionary?.lookup(word)?.[0];
  // jieba tags some transitive verbs as adjectives (尊重 "a": "to esteem; to respect"); the first sense decides.
  if (tag === "a") return word.length > 1 && primary !== undefined && primary.startsWith("to ");
  if (tag !== "v") return false;
  return primary === undefined || primary.startsWith("to ");
}

/** Whether a word's first CC-CEDICT sense is verbal ("to propose" for 建议), unless jieba tags it a verbal noun (vn). */
export function hasVerbFirstSense(word: string, reference: ReferenceLexicon, dictionary: Dictionary | null): boolean {
  if (word.length < 2 || reference.tag(word) === "vn") return false;
  const first = dictionary?.lookup(word)?.[0];
  return first !== undefined && isVerbGloss(first) && !first.startsWith("CL:");
}

/**
 * Whether a word is common in general language. Only a common verb makes a predicate (促进发展, 与会者指出,
 * 保护移徙者); a verb of the field, rare in general language (贩运 151, 团聚 185, 融入 484 in jieba's counts, against
 * 促进 6,674 and 指出 7,847), forms terms with its object or subject (贩运人口, 家庭团聚, 重新融入): Chinese names
 * processes with verb-object compounds.
 */
export function isCommon(word: string, reference: ReferenceLexicon): boolean {
  return reference.frequency(word.length >= 3 && word.endsWith("到") ? word.slice(0, -1) : word) >= COMMON_WORD_FREQUENCY;
}

/**
 * Linguistic weight of a candidate from its words' part-of-speech tags (C-value's noun-phrase filter, softened
 * because Chinese verbs nominalize freely: 能力建设, 影响评估): a single word must be nominal (not 提供, 重要,
 * 非正常) and not a place or person name; a phrase should not end in a verb (与会者指出, 认识到) nor start with
 * one (促进发展), nor have a common verb inside (移徙纳入发展规划), nor end in a word that cannot head a noun phrase
 * (与会者一致, 发展中), nor contain the attributive particle 的 (移徙者的权利: terms compress it away), nor
 * coordinate two phrases with 和 or 或; an ordinal (第一阶段) marks a numbered instance. `subjects` are nouns the
 * documents use as clause subjects (findSubjects in subjects.ts): such a noun before a verb is a clause (与会者建议).
 */
export function linguisticWeight(
  term: string,
  segmented: readonly string[],
  reference: ReferenceLexicon | null,
  dictionary: Dictionary | null,
  subjects: ReadonlySet<string> = new Set(),
): number {
  if (reference === null) return 1;
  // An ordinal (第一阶段, 理事会第九十届会议, 论坛第四次会议) picks out one member of a numbered series — a phase, a
  // session — of these documents: an individual concept, which ISO 704 (Terminology work — Principles and methods)
  // leaves to appellations, where terms designate general concepts. The numbering is document furniture.
  const ordinal = ORDINAL.test(term) ? 0.2 : 1;
  return ordinal * phraseWeight(term, segmented, reference, dictionary, subjects);
}

/** 第 followed by a numeral: the Chinese ordinal prefix. */
const ORDINAL = /第[一二三四五六七八九十百千零两〇\d]/;

function phraseWeight(
  term: string,
  segmented: readonly string[],
  reference: ReferenceLexicon,
  dictionary: Dictionary | null,
  subjects: ReadonlySet<string>,
): number {
  let words = segmented;
  // A name of a place or person (瑞士, 墨西哥) is no term; a name of an organization (国际劳工组织, jieba tag nt)
  // is one of the designations a UN termbase exists for.
  const name = (word: string) => dictionary?.isName?.(word) === true && reference.tag(word) !== "nt";
  if (words.length <= 1 && name(term)) return 0.4;
  const verbal = (word: string) => isVerbal(word, reference, dictionary);
  // jieba tags set phrases as idioms (i: 取得成功, 人才外流) or habitual expressions (l: 强调指出, 发展中国家): the
  // tag says the string is a fixed expression, not whether it is nominal, so such a phrase is judged by its words.
  // So is a long entry listed at jieba's floor count (3, given to some 160,000 entries taken from other word lists,
  // 特别强调 "n", 交流信息 "n"): its tag was never observed in running text.
  const listed = reference.tag(term);
  const fixed = listed === "i" || listed === "l" || (term.length >= 4 && reference.frequency(term) <= 3);
  const whole = fixed ? undefined : listed;
  if (fixed && words.length <= 1) words = splitByLexicon(term, reference);
  // A string of three or more characters the segmenter left whole although jieba does not list it (尤其是, 发展中,
  // 更多地: its HMM joins unknown runs) is judged by its lexicon words as well (尤其 | 是, 发展 | 中, 更多 | 地).
  else if (words.length <= 1 && listed === undefined && term.length >= 3) words = splitByLexicon(term, reference);
  const last = words[words.length - 1] as string;
  // Chinese noun phrases are head-final (Chao 1968, A Grammar of Spoken Chinese; Li & Thompson 1981, Mandarin
  // Chinese: A Functional Reference Grammar): the last word is the head,
  // so a string ending in an adjective, adverb, locative, distinguishing word or closed-class word (至关重要,
  // 与会者一致, 发展中, 可持续, 国家主导, 尤其是) is a predicate or a modifier cut from its noun, not a name.
  const headless = words.length > 1 && isNonHead(last, reference);
  // A CC-CEDICT headword with a nominal reading (可持续发展 "sustainable development") is one lexical unit even
  // where the segmenter cut it (可 | 持续 | 发展); its parts' tags say nothing about it.
  const glosses = dictionary?.lookup(term);
  // CC-CEDICT glosses adjectives and adverbs as well (尤其是 "especially", 至关重要 "extremely important"), so the
  // headword counts as nominal only when its last part can head a noun phrase.
  if (whole === undefined && words.length > 1 && !headless && glosses !== undefined && !glosses.every(isVerbGloss)) {
    return name(term) ? 0.4 : 1;
  }
  if (words.length <= 1 || whole !== undefined) {
    if (whole === undefined) return 1;
    if (NON_NOMINAL_TAGS.has(whole)) return 0.4;
    // jieba's tags of multi-character entries are noisy (采取措施 "nr"); where CC-CEDICT glosses the word only as a
    // verb ("to adopt measures", "to take steps"), it is a predicate whatever its tag.
    if (term.length > 2 && glosses !== undefined && glosses.every(isVerbGloss)) return 0.4;
    if (name(term)) return 0.4;
    // A shell noun heads a listed compound as much as a free phrase (解决办法, 实际情况: jieba lists both).
    if (hasGenericHead(term)) return 0.3;
    return 1;
  }
  const common = (word: string) => isCommon(word, reference);
  const first = words[0] as string;
  let w = 1;
  if (headless) w *= 0.4;
  if (verbal(last) && common(last)) w *= 0.4;
  // A noun the documents use as a subject, followed by a word whose first sense is a verb (与会者 | 建议 "to
  // propose", 代表 | 重申): subject and predicate. jieba tags 建议 "n" and CC-CEDICT also glosses it "proposal",
  // so the verb tests above miss it; the subject's distribution decides the reading.
  else if (subjects.has(words[words.length - 2] as string) && hasVerbFirstSense(last, reference, dictionary)) w *= 0.4;
  // Chinese noun phrases are head-final, so a verb opening a phrase governs what follows (保护移徙者, 采取措施,
  // 开展合作) unless it is a modifier.
  if (isPredicateVerb(first, reference, dictionary) && common(first)) w *= 0.4;
  const firstTag = reference.tag(first);
  // 重要作用, 积极参与: an evaluative modifier on a common word; 重新融入 (重新 is tagged "a") keeps its weight.
  if (firstTag !== undefined && EVALUATIVE_TAGS.has(firstTag) && common(last)) w *= 0.5;
  // An adverb modifies a predicate, so adverb + verb or adjective (更加有效, 特别强调, 切实有效) is a verb or adjective
  // phrase, not a name; adverb + noun (共同空间, 特别代表: jieba tags 共同 and 特别 "d") is left alone.
  const lastTag = reference.tag(last);
  if ((firstTag === "d" || firstTag === "ad") && lastTag !== undefined && PREDICATE_TAGS.has(lastTag)) w *= 0.4;
  if (hasGenericHead(term)) w *= 0.3;
  const inner = words.slice(1, -1);
  if (inner.includes("的")) w *= 0.4;
  // Running-text coordination (原籍国和目的地国, 政策或方案) joins two terms, and two terms are not one: the string
  // is no candidate for the termbase whatever its statistics. Names of fields and bodies use the formal 与 and 及
  // (移徙与发展, 人口与发展委员会, 经济及社会理事会), which are left alone, as in the branching entropy.
  if (inner.some((x) => x === "和" || x === "或" || x === "以及")) w *= 0.2;
  // A preposition inside (权能以促进发展: empowerment in order to promote development) makes a predicate, not a name.
  if (inner.some((x) => x.length === 1 && PREPOSITIONS.has(x))) w *= 0.5;
  // So does a common verb inside, one with no nominal sense (纳入, 提出, 做出: 移徙纳入发展规划, 发展做出贡献,
  // 工作会议提出如下成果与建议): subject, predicate and object, a clause. The head-final noun phrase has its verbs
  // only as nominal modifiers (行政协调委员会: 协调 also glosses "harmonious"; 移徙组织理事会).
  if (inner.some((x) => x.length > 1 && verbal(x) && common(x))) w *= 0.4;
  return w;
}

/**
 * jieba tags of words that cannot head a noun phrase: adjectives (a, ad), adverbs (d, vd), locatives (f), state
 * words (z), distinguishing words (b: 主导, 非正常 modify a noun and never stand for one) and the closed classes
 * (pronouns, prepositions, conjunctions, particles). Numerals and classifiers (m, q) are left out: 民间社会日 and
 * 论坛支助股 end in a counted noun (日, 股).
 */
const NON_HEAD_TAGS: ReadonlySet<string> = new Set(["a", "ad", "d", "vd", "f", "z", "b", "r", "rr", "rz", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "y", "e", "o"]);

/** Whether a word cannot be the head (last word) of a noun phrase: see {@link NON_HEAD_TAGS}; one character: a function character. */
export function isNonHead(word: string, reference: ReferenceLexicon): boolean {
  if (word.length === 1 && isFunctionChar(word)) return true;
  const tag = reference.tag(word);
  return tag !== undefined && NON_HEAD_TAGS.has(tag);
}

/**
 * Splits a string into words of the reference lexicon by forward maximum matching (the classic dictionary
 * segmentation of Chinese; Liu & Liang 1986), never taking the whole string as one word: the parts of a fixed
 * expression (强调 | 指出, 取得 | 成功) that jieba lists and so keeps whole.
 */
export function splitByLexicon(term: string, reference: ReferenceLexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; ) {
    let n = Math.min(term.length - i, term.length - 1);
    while (n > 1 && reference.tag(term.slice(i, i + n)) === undefined) n--;
    out.push(term.slice(i, i + n));
    i += n;
  }
  return out;
}
