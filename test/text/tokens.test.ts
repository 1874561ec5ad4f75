import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeDocument } from "../../src/text/normalize.js";
import { createTokenizer } from "../../src/text/tokens.js";

const doc003 = normalizeDocument(
  readFileSync(new URL("../../glossary/sources/003_4ec4a3f0193b5aa8.txt", import.meta.url), "utf8"),
);
function paragraph003(line: number): string {
  const p = doc003.paragraphs.find((q) => q.line === line);
  if (p === undefined) throw new Error(`no paragraph on line ${line}`);
  return doc003.text.slice(p.start, p.end);
}

const TERMS = ["移徙概况报告", "循环移徙", "非正常移徙者"];
// One tokenizer per dictionary for the whole file: loading jieba's dictionary takes ~0.2 s.
const withTerms = createTokenizer(TERMS);
const plain = createTokenizer();

describe("createTokenizer", () => {
  it("keeps 移徙概况报告 whole with the user dictionary (003_4ec4a3f0193b5aa8.txt line 2029), jieba alone splits it", () => {
    const text = paragraph003(2029);
    const words = withTerms.tokenize(text).map((t) => t.text);
    expect(words.filter((w) => w === "移徙概况报告")).toHaveLength(2);
    const k = words.indexOf("移徙概况报告");
    expect(words.slice(k - 2, k + 3)).toEqual(["到", "《", "移徙概况报告", "》", "和"]);
    const plainWords = plain.tokenize(text).map((t) => t.text);
    expect(plainWords).not.toContain("移徙概况报告");
    const g = plainWords.indexOf("概况");
    expect(plainWords.slice(g - 2, g + 2)).toEqual(["《", "移徙", "概况", "报告"]);
  });

  it("keeps 循环移徙 whole in 003_4ec4a3f0193b5aa8.txt line 868, with offsets into the paragraph", () => {
    const text = paragraph003(868);
    const tokens = withTerms.tokenize(text);
    const t = tokens.find((x) => x.text === "循环移徙");
    expect(t).toEqual({
      text: "循环移徙",
      start: text.indexOf("循环移徙"),
      end: text.indexOf("循环移徙") + 4,
    });
    expect(tokens.slice(0, 9).map((x) => x.text)).toEqual([
      "77",
      ".",
      "就",
      "流动",
      "问题",
      "建立",
      "公平",
      "的",
      "伙伴关系",
    ]);
  });

  it("keeps 非正常移徙者 whole in 003_4ec4a3f0193b5aa8.txt line 977 (巴西希望将非正常移徙者正常化)", () => {
    const sentence = "巴西希望将非正常移徙者正常化，而不是将他们定罪。";
    expect(doc003.text).toContain(sentence);
    expect(withTerms.tokenize(sentence).map((t) => t.text)).toEqual([
      "巴西",
      "希望",
      "将",
      "非正常移徙者",
      "正常化",
      "，",
      "而",
      "不是",
      "将",
      "他们",
      "定罪",
      "。",
    ]);
    expect(plain.tokenize(sentence).map((t) => t.text)).not.toContain("非正常移徙者");
  });

  it("segments traditional text like simplified and returns the original characters (循環移徙)", () => {
    const tokens = withTerms.tokenize("支持循環移徙。");
    expect(tokens).toEqual([
      { text: "支持", start: 0, end: 2 },
      { text: "循環移徙", start: 2, end: 6 },
      { text: "。", start: 6, end: 7 },
    ]);
  });

  it("returns no whitespace tokens, and every token is the slice at its offsets (000 line 116 with its gap)", () => {
    const text =
      "1. 对移徙问题的关注程度处于历史 高水平。\n国际社会越来越认识到移徙为增长、发展和稳定带来的机遇。";
    const tokens = withTerms.tokenize(text);
    let last = 0;
    for (const t of tokens) {
      expect(text.slice(t.start, t.end)).toBe(t.text);
      expect(t.text.trim()).toBe(t.text);
      expect(t.start).toBeGreaterThanOrEqual(last);
      last = t.end;
    }
    expect(tokens.map((t) => t.text).join("")).toBe(text.replace(/\s/g, ""));
    expect(tokens.map((t) => t.text)).toContain("历史");
  });

  it("ignores user words it cannot load (empty, with spaces) and tokenizes the empty string to nothing", () => {
    const tk = createTokenizer(["", "  ", "循环 移徙"]);
    expect(tk.tokenize("")).toEqual([]);
    expect(tk.tokenize("支持循环移徙").map((t) => t.text)).toEqual(["支持", "循环", "移徙"]);
  });
});
