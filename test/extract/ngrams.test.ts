import { describe, expect, it } from "vitest";
import { countNgrams, findClauses } from "../../src/extract/ngrams.js";

function boundariesOf(text: string, words: readonly string[]): Uint8Array {
  const b = new Uint8Array(text.length + 1);
  let pos = 0;
  b[0] = 1;
  for (const w of words) {
    pos = text.indexOf(w, pos) + w.length;
    b[pos] = 1;
  }
  return b;
}

describe("findClauses", () => {
  it("splits 000 line 100's date line at digits, spaces and punctuation", () => {
    const text = "2005 年 11 月 29 日-12 月 2 日 ";
    expect(findClauses(text).map((s) => text.slice(s.start, s.end))).toEqual(["年", "月", "日", "月", "日"]);
  });
  it("keeps a Han run whole and splits at a lost-character space (历史 高水平)", () => {
    const text = "达到历史 高水平，移徙";
    expect(findClauses(text)).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 8 },
      { start: 9, end: 11 },
    ]);
  });
});

describe("countNgrams", () => {
  const text = "国际移徙和国际移徙组织，2011 年论坛";
  const doc = { text, boundaries: boundariesOf(text, ["国际", "移徙", "和", "国际", "移徙", "组织", "，", "2011", " ", "年", "论坛"]) };
  const stats = countNgrams([doc], { minLength: 2, maxLength: 10, minFreq: 2 });

  it("keeps n-grams that occur at least minFreq times, inside clauses only", () => {
    expect([...stats.keys()].sort()).toEqual(["国际", "国际移", "国际移徙", "际移", "际移徙", "移徙"].sort());
  });
  it("records frequency, alignment with word boundaries and occurrences", () => {
    const s = stats.get("国际移徙");
    expect(s?.freq).toBe(2);
    expect(s?.aligned).toBe(2);
    expect(s?.occurrences).toEqual([0, 0, 0, 5]);
    expect(stats.get("际移徙")?.aligned).toBe(0);
  });
  it("records neighbours: a clause edge on the left, then 和; 和 and 组 on the right", () => {
    const s = stats.get("国际移徙");
    expect(s?.leftEdge).toBe(1);
    expect([...(s?.left ?? [])]).toEqual([["和", 1]]);
    expect([...(s?.right ?? [])]).toEqual([["和", 1], ["组", 1]]);
  });
  it("classes a number before a word as '#' (年 after 2011 is bound to it)", () => {
    const one = countNgrams([doc], { minLength: 2, maxLength: 3, minFreq: 1 }).get("年论坛");
    expect([...(one?.left ?? [])]).toEqual([["#", 1]]);
  });
});
