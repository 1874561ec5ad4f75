import { describe, expect, it } from "vitest";
import { loadCedict } from "../../src/extract/dictionary.js";
import { loadReferenceLexicon } from "../../src/extract/lexicon.js";
import { hasVerbFirstSense, isNonHead, isVerbal, linguisticWeight } from "../../src/extract/linguistic.js";

// The real resources: jieba's word list (tags, general frequencies) and CC-CEDICT, as extraction uses them.
const reference = loadReferenceLexicon();
const dictionary = loadCedict();
const weight = (term: string, words: readonly string[], subjects: readonly string[] = []) =>
  linguisticWeight(term, words, reference, dictionary, new Set(subjects));

describe("head-final noun phrases: the last word must be able to head one", () => {
  it("knows the non-heads: adverb 一致, locative 中, distinguishing 主导, copula 是; not the counted nouns 日, 股", () => {
    for (const w of ["一致", "中", "主导", "是", "持续"]) expect(isNonHead(w, reference)).toBe(true);
    for (const w of ["日", "股", "国", "组织"]) expect(isNonHead(w, reference)).toBe(false);
  });
  it("lowers 与会者一致 (001 line 588) and 国家主导 (003 line 101): subject + adverb, noun + modifier", () => {
    expect(weight("与会者一致", ["与会者", "一致"])).toBe(0.4);
    expect(weight("国家主导", ["国家", "主导"])).toBe(0.4);
  });
  it("does not take a CC-CEDICT headword for a noun when it ends in a non-head: 发展中 (000 line 330), 至关重要 (000 line 203)", () => {
    // 发展中 "developing", 至关重要 "extremely important": glossed, but adjectives.
    expect(weight("发展中", ["发展", "中"])).toBe(0.4);
    expect(weight("至关重要", ["至关重要"])).toBe(0.4);
    expect(weight("可持续", ["可", "持续"])).toBeCloseTo(0.16, 10);
  });
  it("splits a string the segmenter left whole though jieba does not list it: 发展中, 尤其是 (001 line 488), 更多地 (003 line 1074)", () => {
    expect(weight("发展中", ["发展中"])).toBe(0.4);
    expect(weight("更多地", ["更多地"])).toBe(0.4);
    expect(weight("尤其是", ["尤其是"])).toBeLessThan(0.1);
  });
  it("keeps nouns on a counted noun and nominal headwords: 民间社会日 (003 line 78), 论坛支助股 (003 line 88), 可持续发展 (001 line 5)", () => {
    expect(weight("民间社会日", ["民间", "社会", "日"])).toBe(1);
    expect(weight("论坛支助股", ["论坛", "支助", "股"])).toBe(1);
    expect(weight("可持续发展", ["可", "持续", "发展"])).toBe(1);
    expect(weight("发展中国家", ["发展中国家"])).toBe(1);
  });
});

describe("verbs that jieba tags as nouns", () => {
  it("takes a word every CC-CEDICT sense of which is verbal for a verb (利用 'n'), and a modal one (能够 'can')", () => {
    expect(reference.tag("利用")).toBe("n");
    expect(isVerbal("利用", reference, dictionary)).toBe(true);
    expect(isVerbal("能够", reference, dictionary)).toBe(true);
    // 管理 is a verbal noun (vn) and 建议 also glosses "proposal".
    expect(isVerbal("管理", reference, dictionary)).toBe(false);
    expect(isVerbal("建议", reference, dictionary)).toBe(false);
  });
  it("lowers 利用移徙 (002 line 77) and 移徙能够 (000 line 350), leaves 管理移徙 (000 line 209) and 政策协调 (001 line 841)", () => {
    expect(weight("利用移徙", ["利用", "移徙"])).toBe(0.4);
    expect(weight("移徙能够", ["移徙", "能够"])).toBe(0.4);
    expect(weight("管理移徙", ["管理", "移徙"])).toBe(1);
    expect(weight("政策协调", ["政策", "协调"])).toBe(1);
  });
  it("takes the adjective-tagged 尊重 ('to esteem; to respect') for the verb it is: 尊重移徙 (001 line 637)", () => {
    expect(reference.tag("尊重")).toBe("a");
    expect(weight("尊重移徙", ["尊重", "移徙"])).toBe(0.4);
    // 重新 (jieba "a") glosses "again": 重新融入 (001 line 180) stays.
    expect(weight("重新融入", ["重新", "融入"])).toBe(1);
  });
});

describe("clauses", () => {
  it("lowers a subject noun of the documents before a word whose first sense is a verb: 与会者建议 (000 line 521), 代表重申 (003 line 1862)", () => {
    expect(hasVerbFirstSense("建议", reference, dictionary)).toBe(true);
    expect(weight("与会者建议", ["与会者", "建议"], ["与会者"])).toBe(0.4);
    expect(weight("代表重申", ["代表", "重申"], ["代表"])).toBe(0.4);
    // Without the distributional evidence 建议 ("n"; also "proposal") reads as a noun.
    expect(weight("与会者建议", ["与会者", "建议"])).toBe(1);
  });
  it("lowers a phrase with a common verb inside: 移徙纳入发展规划 (003 line 1975), 发展做出贡献 (000 line 430)", () => {
    expect(weight("移徙纳入发展规划", ["移徙", "纳入", "发展", "规划"])).toBe(0.4);
    expect(weight("发展做出贡献", ["发展", "做出", "贡献"])).toBe(0.4);
    // 协调 also glosses "harmonious": a modifier in the name 行政协调委员会 (001 line 349).
    expect(weight("行政协调委员会", ["行政", "协调", "委员会"])).toBe(1);
  });
});

describe("coordination, ordinals, shell nouns", () => {
  it("gives two terms joined by 和 0.2: 原籍国和目的地国 (000 line 490)", () => {
    expect(weight("原籍国和目的地国", ["原籍", "国", "和", "目的地", "国"])).toBe(0.2);
  });
  it("leaves the formal 及 of a name alone: 经济及社会理事会 (001 line 46)", () => {
    expect(weight("经济及社会理事会", ["经济", "及", "社会", "理事会"])).toBe(1);
  });
  it("gives a numbered instance 0.2: 第一阶段 (003 line 34), 理事会第九十届会议 (000 line 40)", () => {
    expect(weight("第一阶段", ["第一阶段"])).toBe(0.2);
    expect(weight("理事会第九十届会议", ["理事会", "第九", "十届", "会议"])).toBe(0.2);
  });
  it("lowers a compound jieba lists whole when it ends in a shell noun: 解决办法 (001 line 528)", () => {
    expect(reference.tag("解决办法")).toBe("n");
    expect(weight("解决办法", ["解决办法"])).toBe(0.3);
  });
});
