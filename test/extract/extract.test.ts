import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Candidate } from "../../src/extract/candidate.js";
import { toExtractJson } from "../../src/extract/candidate.js";
import { defaultPipeline } from "../../src/extract/default-pipeline.js";
import { extractCandidates } from "../../src/extract/extract.js";
import type { Concept } from "../../src/termbase/model.js";
import { foldScript } from "../../src/text/script.js";

const dir = join(import.meta.dirname, "..", "..", "glossary", "sources");
const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
const docs = files.map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));

/** Occurrences of a term per document in the normalized, folded text, counted by plain string search. */
function countPerDocument(term: string): number[] {
  const pipeline = defaultPipeline();
  return docs.map((d) => {
    const text = foldScript(pipeline.normalize(d.text).text);
    let n = 0;
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) n++;
    return n;
  });
}
const countInNormalized = (term: string) => countPerDocument(term).reduce((a, b) => a + b, 0);
const documentsWith = (term: string) => countPerDocument(term).filter((n) => n > 0).length;

function concept(id: string, zh: string, en: string): Concept {
  return {
    id,
    terms: { zh: [{ term: zh, status: "preferred" }], en: [{ term: en, status: "preferred" }] },
    contexts: [],
  };
}

describe("extractCandidates on the five corpus documents", () => {
  let all: Candidate[];
  const phases: [string, number, number][] = [];
  beforeAll(() => {
    all = extractCandidates(docs, { top: 5000, onProgress: (p, d, t) => phases.push([p, d, t]) });
  });
  const find = (term: string) => all.find((c) => c.term === term);

  it("finds 循环移徙 (003 line 431) with its real frequency and document count", () => {
    const c = find("循环移徙");
    expect(c).toBeDefined();
    expect(c?.frequency).toBe(countInNormalized("循环移徙"));
    expect(c?.documents).toBe(documentsWith("循环移徙"));
  });

  it("finds 汇款 (000 line 219) in all five documents with its real frequency", () => {
    const c = find("汇款");
    expect(c?.frequency).toBe(countInNormalized("汇款"));
    expect(c?.documents).toBe(documentsWith("汇款"));
    expect(c?.documents).toBe(5);
  });

  it("ranks 国际移徙 above the generic word 会议", () => {
    const rank = (t: string) => all.findIndex((c) => c.term === t);
    expect(rank("国际移徙")).toBeGreaterThanOrEqual(0);
    expect(rank("国际移徙")).toBeLessThan(rank("会议") < 0 ? Infinity : rank("会议"));
  });

  it("drops fragments: 移徙者的 (term + particle) and 移徙与发 (cut inside 发展)", () => {
    expect(countInNormalized("移徙者的")).toBeGreaterThan(10);
    expect(find("移徙者的")).toBeUndefined();
    expect(find("移徙与发")).toBeUndefined();
  });

  it("drops a substring that never occurs on its own: 巴亚尔塔 only inside 巴亚尔塔港", () => {
    expect(countInNormalized("巴亚尔塔")).toBe(countInNormalized("巴亚尔塔港"));
    expect(find("巴亚尔塔")).toBeUndefined();
  });

  it("quotes contexts whose original line (joined with the next non-blank one, for a broken word) holds the term", () => {
    for (const term of ["汇款", "循环移徙", "人才外流"]) {
      const c = find(term);
      expect(c?.contexts.length).toBeGreaterThan(0);
      for (const ctx of c?.contexts ?? []) {
        const lines = (docs.find((d) => d.file === ctx.file)?.text ?? "").split("\n");
        // File 000 has a blank line between physical lines: join with the next non-blank one.
        const next = lines.slice(ctx.line).find((l) => l.trim() !== "") ?? "";
        const joined = ((lines[ctx.line - 1] ?? "") + next).replace(/\s+/g, "");
        expect(joined).toContain(term);
        expect(ctx.text.replace(/\s+/g, "")).toContain(term);
      }
    }
  });

  it("gives 循环移徙's first context as 003 line 431", () => {
    const ctx = find("循环移徙")?.contexts[0];
    expect(ctx?.file).toBe("003_4ec4a3f0193b5aa8.txt");
    expect(ctx?.line).toBe(431);
  });

  it("scores in 0..1 with the best candidate at 1, sorted", () => {
    expect(all[0]?.score).toBe(1);
    for (let i = 1; i < all.length; i++) expect((all[i] as Candidate).score).toBeLessThanOrEqual((all[i - 1] as Candidate).score);
    expect(all.every((c) => c.score >= 0 && c.score <= 1)).toBe(true);
  });

  it("proposes the CC-CEDICT gloss for 人才外流", () => {
    expect(find("人才外流")?.english[0]).toEqual({ term: "brain drain", origin: "dictionary" });
  });

  it("lowers a phrase on a generic head noun: 移徙问题 (177 times) ranks below 移徙政策 (51 times)", () => {
    const rank = (t: string) => all.findIndex((c) => c.term === t);
    expect(find("移徙问题")?.frequency).toBe(countInNormalized("移徙问题"));
    expect(countInNormalized("移徙问题")).toBeGreaterThan(3 * countInNormalized("移徙政策"));
    expect(rank("移徙政策")).toBeGreaterThanOrEqual(0);
    expect(rank("移徙政策")).toBeLessThan(rank("移徙问题"));
  });

  it("drops phrases opened by a determiner (所有移徙者, 很多国家) and grammar pairs (另一, 面的 in 方面的)", () => {
    for (const t of ["所有移徙者", "很多国家", "另一", "面的"]) {
      expect(countInNormalized(t)).toBeGreaterThanOrEqual(2);
      expect(find(t)).toBeUndefined();
    }
  });

  it("drops 者能够 (the suffix of 移徙者 + the verb 能够): no word starts with a bound suffix", () => {
    expect(countInNormalized("者能够")).toBeGreaterThanOrEqual(2);
    expect(find("者能够")).toBeUndefined();
  });

  it("keeps 回返移徙 (002 line 77) though the documents write it only inside the agent noun 回返移徙者", () => {
    expect(countInNormalized("回返移徙")).toBe(countInNormalized("回返移徙者"));
    const c = find("回返移徙");
    expect(c?.frequency).toBe(5);
    expect(c?.contexts[0]).toMatchObject({ file: "002_f1fd56940989419e.txt", line: 77 });
  });

  it("keeps a verb of the field with its object (家庭团聚) above a common verb's phrase (促进移徙者)", () => {
    const rank = (t: string) => all.findIndex((c) => c.term === t);
    expect(rank("家庭团聚")).toBeGreaterThanOrEqual(0);
    expect(rank("家庭团聚")).toBeLessThan(rank("促进移徙者"));
  });

  it("keeps 移徙成本 (003 line 1244), always after the verb 降低: a common verb's object is bounded by the verb", () => {
    const n = countInNormalized("移徙成本");
    expect(n).toBeGreaterThanOrEqual(5);
    expect(countInNormalized("降低移徙成本")).toBe(n);
    expect(find("移徙成本")?.frequency).toBe(n);
  });

  it("drops 社会理事会, only ever the tail of 经济及社会理事会 (001 line 46): 及 joins parts of one name", () => {
    expect(countInNormalized("社会理事会")).toBe(countInNormalized("经济及社会理事会"));
    expect(countInNormalized("社会理事会")).toBeGreaterThanOrEqual(5);
    expect(find("社会理事会")).toBeUndefined();
    expect(find("经济及社会理事会")?.frequency).toBe(countInNormalized("经济及社会理事会"));
  });

  it("drops the determiner 大多数 (001 line 198) and the numeral-classifier word 这方面", () => {
    for (const t of ["大多数", "这方面"]) {
      expect(countInNormalized(t)).toBeGreaterThanOrEqual(5);
      expect(find(t)).toBeUndefined();
    }
  });

  it("judges a fixed expression jieba lists whole by its words: 强调指出 (000 line 442) ranks below 人才外流", () => {
    const rank = (t: string) => all.findIndex((c) => c.term === t);
    expect(countInNormalized("强调指出")).toBeGreaterThan(countInNormalized("人才外流"));
    expect(rank("人才外流")).toBeGreaterThanOrEqual(0);
    expect(rank("人才外流")).toBeLessThan(rank("强调指出"));
  });

  it("lowers a phrase opened by a common verb: 保护移徙者 ranks below 移徙者组织, met half as often", () => {
    const rank = (t: string) => all.findIndex((c) => c.term === t);
    expect(countInNormalized("保护移徙者")).toBeGreaterThanOrEqual(2 * countInNormalized("移徙者组织"));
    expect(rank("移徙者组织")).toBeGreaterThanOrEqual(0);
    expect(rank("移徙者组织")).toBeLessThan(rank("保护移徙者"));
  });

  it("ranks 非法移徙 (001 line 164) above 非法移徙者, the agent noun derived from it that holds most of its uses", () => {
    expect(countInNormalized("非法移徙者")).toBeGreaterThan(countInNormalized("非法移徙") / 2);
    expect(find("非法移徙")?.frequency).toBe(countInNormalized("非法移徙"));
    // Word formation is not nesting: the activity is not discounted by its agent noun, so it ranks above it.
    const rank = (t: string) => all.findIndex((c) => c.term === t);
    expect(rank("非法移徙")).toBeGreaterThanOrEqual(0);
    expect(rank("非法移徙")).toBeLessThan(rank("非法移徙者"));
  });

  it("drops counting numerals: 一系列 (001 line 760), 一部分 (001 line 221)", () => {
    for (const t of ["一系列", "一部分"]) {
      expect(countInNormalized(t)).toBeGreaterThanOrEqual(5);
      expect(find(t)).toBeUndefined();
    }
  });

  it("counts names up to 16 characters: 国际移徙问题全球委员会 (11, 000 line 152), not its tail 移徙问题全球委员会", () => {
    expect(find("国际移徙问题全球委员会")?.frequency).toBe(countInNormalized("国际移徙问题全球委员会"));
    expect(countInNormalized("移徙问题全球委员会")).toBe(countInNormalized("国际移徙问题全球委员会"));
    expect(find("移徙问题全球委员会")).toBeUndefined();
  });

  it("discounts a modifier by its dominant container: 高级别 (52 times, 51 in 高级别对话) ranks far below it", () => {
    const rank = (t: string) => all.findIndex((c) => c.term === t);
    expect(countInNormalized("高级别")).toBe(countInNormalized("高级别对话") + 1);
    expect(rank("高级别对话")).toBeGreaterThanOrEqual(0);
    expect(rank("高级别")).toBeGreaterThan(rank("高级别对话") + 300);
  });

  it("leaves out excluded (rejected) terms before taking the top N", () => {
    const top = extractCandidates(docs, { top: 5, exclude: new Set(["与会者"]) });
    expect(top.map((c) => c.term)).toEqual(all.filter((c) => c.term !== "与会者").slice(0, 5).map((c) => c.term));
    expect(all.slice(0, 5).map((c) => c.term)).toContain("与会者");
  });

  it("reports progress at the start and end of each phase", () => {
    const names = [...new Set(phases.map(([p]) => p))];
    expect(names).toEqual(["prepare", "count", "score", "propose"]);
    for (const name of names) {
      const mine = phases.filter(([p]) => p === name);
      expect(mine[0]?.[1]).toBe(0);
      const last = mine[mine.length - 1];
      expect(last?.[1]).toBe(last?.[2]);
    }
    expect(phases.filter(([p]) => p === "prepare").length).toBe(docs.length + 1);
  });
});

describe("known terms and English proposals", () => {
  const termbase = [concept("c012", "汇款", "remittances"), concept("t1", "循环", "circular"), concept("t2", "移徙", "migration")];
  let out: Candidate[];
  beforeAll(() => {
    out = extractCandidates(docs, { top: 5000, termbase });
  });

  it("marks 汇款 known with its concept id and the termbase English first", () => {
    const c = out.find((x) => x.term === "汇款");
    expect(c?.known).toBe(true);
    expect(c?.concept).toBe("c012");
    expect(c?.english).toEqual([{ term: "remittances", origin: "termbase" }]);
  });

  it("leaves 循环移徙 new and composes its English from the termbase parts 循环 + 移徙", () => {
    const c = out.find((x) => x.term === "循环移徙");
    expect(c?.known).toBe(false);
    expect(c?.concept).toBeUndefined();
    expect(c?.english).toContainEqual({ term: "circular migration", origin: "composed" });
  });

  it("prints DESIGN.md's extract JSON shape", () => {
    const json = toExtractJson(out.slice(0, 1).filter((c) => c.term === "移徙"));
    expect(Object.keys(json)).toEqual(["candidates"]);
    expect(Object.keys(json.candidates[0] ?? {})).toEqual([
      "term", "frequency", "documents", "score", "known", "concept", "english", "contexts",
    ]);
  });
});
