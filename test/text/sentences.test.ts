import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDocument } from "../../src/text/normalize.js";
import { splitSentences } from "../../src/text/sentences.js";

const doc003 = normalizeDocument(
  readFileSync(new URL("../../glossary/sources/003_4ec4a3f0193b5aa8.txt", import.meta.url), "utf8"),
);
function paragraph003(line: number): string {
  const p = doc003.paragraphs.find((q) => q.line === line);
  if (p === undefined) throw new Error(`no paragraph on line ${line}`);
  return doc003.text.slice(p.start, p.end);
}

describe("splitSentences", () => {
  it("splits 003_4ec4a3f0193b5aa8.txt paragraph 1 (line 6) at 。 but not inside 2.14亿 nor after the enumerator 1.", () => {
    const text = paragraph003(6);
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "1. 面对世界各地大约2.14亿名国际移徙者，以及不断涌现出的新挑战，要为这些人争取人道和安全的环境，在他们的东道国和原籍国同时实现繁荣，全球移徙与发展论坛这样的国际交流平台对于建立信任、推动伙伴关系和强化国际政策协调至关重要。",
      "为此，瑞士在2011年欣然承担了这届全球论坛的领导任务，这是当今世界关于移徙与发展问题 重要的国际对话论坛。",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("keeps the closing ” after 。 with its sentence (003_4ec4a3f0193b5aa8.txt line 336)", () => {
    const sentences = splitSentences(paragraph003(336));
    expect(sentences).toHaveLength(2);
    expect(sentences[0]?.text.endsWith("确定各自的活动重点和活动方案。”")).toBe(true);
    expect(sentences[1]?.text.startsWith("为此，2011年论坛的民间社会议程包罗万象")).toBe(true);
    expect(sentences[1]?.start).toBe(sentences[0]?.end);
  });

  it("splits at ； and ？ and keeps ）after the stop (003_4ec4a3f0193b5aa8.txt line 1261, line 2549 shape)", () => {
    expect(
      splitSentences(
        "106. 这次会议围绕四个问题展开：（a）降低移徙成本的良好做法的共同因素；（b）私营部门",
      ).map((s) => s.text),
    ).toEqual(["106. 这次会议围绕四个问题展开：（a）降低移徙成本的良好做法的共同因素；", "（b）私营部门"]);
    expect(
      splitSentences(
        "现在难道不应该考虑制订一系列准则，为受困于冲突或自然灾害的移徙者提供保护和援助？（见附件。）论坛可以",
      ).map((s) => s.text),
    ).toEqual([
      "现在难道不应该考虑制订一系列准则，为受困于冲突或自然灾害的移徙者提供保护和援助？",
      "（见附件。）",
      "论坛可以",
    ]);
  });

  it("ends a sentence at every paragraph end and skips empty stretches", () => {
    const text = "专题辩论1：国际移徙对经济和社会发展的影响\n\n  辩论内容摘要如下。 \n";
    const sentences = splitSentences(text);
    expect(sentences).toEqual([
      { text: "专题辩论1：国际移徙对经济和社会发展的影响", start: 0, end: 21 },
      { text: "辩论内容摘要如下。", start: 25, end: 34 },
    ]);
  });

  it("splits at half-width ! and ? but not inside a URL (http://www.gfmd.org/?q=1)", () => {
    expect(splitSentences("是否可行?见 http://www.gfmd.org/?q=1 。好!").map((s) => s.text)).toEqual([
      "是否可行?",
      "见 http://www.gfmd.org/?q=1 。",
      "好!",
    ]);
  });

  it("ends an English sentence at a full stop before a capital, not at www.gfmd.org nor 2.14", () => {
    expect(
      splitSentences("Civil society met in Geneva. Over 2.14 million joined via www.gfmd.org today.").map(
        (s) => s.text,
      ),
    ).toEqual(["Civil society met in Geneva.", "Over 2.14 million joined via www.gfmd.org today."]);
  });

  it("covers the text: sentences are ordered, disjoint, trimmed, and their text is the slice", () => {
    const unit = fc.constantFrom(..."移徙与发展。！？；”）2.14 \nab!?");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
        let last = 0;
        for (const s of splitSentences(text)) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(s.text).not.toContain("\n");
          last = s.end;
        }
        // Every character but whitespace belongs to exactly one sentence.
        const covered = new Uint8Array(text.length);
        for (const s of splitSentences(text))
          for (let k = s.start; k < s.end; k++) covered[k] = (covered[k] ?? 0) + 1;
        const uncovered = [...text].filter((ch, k) => !/\s/.test(ch) && covered[k] !== 1);
        expect(uncovered).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
