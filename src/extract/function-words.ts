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
 * p preposition, c conjunction, u* particles, r pronoun, m numeral, q classifier, f locative, d adverb,
 * y modal particle, e interjection, o onomatopoeia. Adverbs (d) are left out for multi-character words: jieba
 * tags 共同 and 特别 as adverbs, yet 共同空间 and 特别代表 are names.
 */
export const FUNCTION_TAGS: ReadonlySet<string> = new Set([
  "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "rr", "rz", "q", "f", "y", "e", "o",
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

