import { describe, expect, it } from "vitest";
import { branchingEntropy, cValues, weirdness } from "../../src/extract/termhood.js";

describe("branchingEntropy", () => {
  it("is 0 bits when one character always follows (移徙与发 → 展)", () => {
    expect(branchingEntropy(new Map([["展", 12]]), 0)).toBe(0);
  });
  it("is 1 bit for two equally frequent neighbours", () => {
    expect(branchingEntropy(new Map([["的", 3], ["和", 3]]), 0)).toBe(1);
  });
  it("counts each clause edge as its own symbol: 4 edges → 2 bits", () => {
    expect(branchingEntropy(new Map(), 4)).toBe(2);
  });
  it("treats neighbours the predicate frees as edges: 的 ×2 + 国 ×2 → 1.5 bits", () => {
    expect(branchingEntropy(new Map([["的", 2], ["国", 2]]), 0, (c) => c === "的")).toBe(1.5);
  });
});

describe("branchingEntropy with emptied neighbours", () => {
  it("ignores a neighbour counted 0 times: 的 ×0 + 国 ×2 + 民 ×2 → 1 bit, not NaN", () => {
    expect(branchingEntropy(new Map([["的", 0], ["国", 2], ["民", 2]]), 0)).toBe(1);
  });
});

describe("cValues (Frantzi, Ananiadou & Mima 2000)", () => {
  it("gives a non-nested string log2|a|·f(a) and subtracts the frequency of its most frequent container", () => {
    const out = cValues(
      [
        { term: "国际移徙", freq: 20 },
        { term: "国际移徙组织", freq: 6 },
        { term: "国际移徙政策", freq: 2 },
      ],
      10,
    );
    expect(out.get("国际移徙组织")).toEqual({ cValue: Math.log2(6) * 6, maxContainer: 0 });
    // Frantzi's mean of the containers would subtract (6 + 2) / 2 = 4.
    expect(out.get("国际移徙")).toEqual({ cValue: 2 * (20 - 6), maxContainer: 6 });
  });
  it("keeps most of the frequency of a string spread over several containers (高技能)", () => {
    const out = cValues(
      [
        { term: "高技能", freq: 19 },
        { term: "高技能人员", freq: 6 },
        { term: "高技能工人", freq: 6 },
        { term: "高技能移徙者", freq: 3 },
      ],
      10,
    );
    expect(out.get("高技能")).toEqual({ cValue: Math.log2(3) * (19 - 6), maxContainer: 6 });
  });
  it("does not count a chain of extensions of the dominant container as independent uses (高级别 in 高级别对话)", () => {
    const out = cValues(
      [
        { term: "高级别", freq: 52 },
        { term: "高级别对话", freq: 51 },
        { term: "发展问题高级别对话", freq: 8 },
        { term: "联合国高级别对话", freq: 4 },
      ],
      10,
    );
    // mean (51 + 8 + 4) / 3 = 21 would leave 31 "independent" uses; the dominant container leaves 1.
    expect(out.get("高级别")).toEqual({ cValue: Math.log2(3) * (52 - 51), maxContainer: 51 });
  });
  it("gives 0 to a string that only occurs inside one longer candidate (巴亚尔塔 in 巴亚尔塔港)", () => {
    const out = cValues([{ term: "巴亚尔塔", freq: 14 }, { term: "巴亚尔塔港", freq: 14 }], 10);
    expect(out.get("巴亚尔塔")).toEqual({ cValue: 0, maxContainer: 14 });
  });
  it("ignores containers marked container: false (降低移徙成本 does not nest 移徙成本)", () => {
    const out = cValues([{ term: "移徙成本", freq: 6 }, { term: "降低移徙成本", freq: 6, container: false }], 10);
    expect(out.get("移徙成本")).toEqual({ cValue: 12, maxContainer: 0 });
  });
  it("leaves a derived word out of the nesting when told (非法移徙者 is 非法移徙 + the agentive suffix)", () => {
    const candidates = [
      { term: "非法移徙", freq: 4 },
      { term: "非法移徙者", freq: 3 },
    ];
    expect(cValues(candidates, 10).get("非法移徙")).toEqual({ cValue: 2 * (4 - 3), maxContainer: 3 });
    const derived = (a: string, b: string) => b === `${a}者`;
    expect(cValues(candidates, 10, derived).get("非法移徙")).toEqual({ cValue: 2 * 4, maxContainer: 0 });
    expect(cValues(candidates, 10, derived).get("非法移徙者")).toEqual({ cValue: Math.log2(5) * 3, maxContainer: 0 });
  });
});

describe("weirdness (Ahmad et al. 1999)", () => {
  it("is log10 of the ratio of relative frequencies", () => {
    expect(weirdness(10, 1000, 100, 1_000_000)).toBeCloseTo(2, 10);
  });
  it("smooths an unlisted string to half a count", () => {
    expect(weirdness(1, 1000, 0, 500_000)).toBeCloseTo(3, 10);
  });
});
