import { readFileSync } from "node:fs";
import { distance } from "fastest-levenshtein";
import { describe, expect, it } from "vitest";
import { QueryDistance } from "../../src/tm/query-distance.js";
import { parseTmx } from "../../src/tm/tmx.js";

// Corpus sentences: the sources of the shipped memory.
const sentences = parseTmx(
  readFileSync(new URL("../../tm/un-migration.tmx", import.meta.url), "utf8"),
  "un-migration.tmx",
).map((u) => u.source);

/** Seeded xorshift: the same strings in every run. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

describe("QueryDistance", () => {
  it("gives fastest-levenshtein's distance for queries of 0 to 300 code units, on either side of each block edge", () => {
    const next = random(20261128);
    // A small alphabet makes distances of every size; 𠀀 is a surrogate pair, two code units.
    const alphabet = ["移", "徙", "者", "汇", "款", "a", "b", "𠀀"];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[next(alphabet.length)]).join("");
    const lengths = [0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 255, 256, 257, 300];
    let compared = 0;
    for (const qLen of lengths) {
      for (let round = 0; round < 12; round++) {
        const query = text(qLen).slice(0, qLen);
        const d = new QueryDistance(query);
        for (const kLen of [0, 1, Math.max(0, qLen - 3), qLen, qLen + 5, next(320)]) {
          const key = text(kLen).slice(0, kLen);
          expect(d.to(key, Infinity), `${query} / ${key}`).toBe(distance(query, key));
          compared++;
        }
      }
    }
    expect(compared).toBe(lengths.length * 12 * 6);
  });

  it("stops above the bound it is given, and is exact at or below it", () => {
    const lines = sentences.filter((l) => l.length >= 20 && l.length <= 120);
    expect(lines.length).toBeGreaterThan(200);
    let above = 0;
    let within = 0;
    for (let i = 0; i + 1 < lines.length; i++) {
      const query = lines[i] as string;
      const d = new QueryDistance(query);
      for (const key of [lines[i + 1] as string, query.slice(3) + "。", query.replace(/的/g, "之")]) {
        const exact = distance(query, key);
        const max = Math.floor(0.3 * Math.max(query.length, key.length));
        const got = d.to(key, max);
        if (exact <= max) {
          expect(got).toBe(exact);
          within++;
        } else {
          expect(got).toBeGreaterThan(max);
          above++;
        }
      }
    }
    expect(within).toBeGreaterThan(100);
    expect(above).toBeGreaterThan(100);
  });

  it("refuses to answer for a query once another query's masks replaced it", () => {
    const first = new QueryDistance("移徙者汇款");
    expect(first.to("移徙汇款", 9)).toBe(1);
    const second = new QueryDistance("循环移徙");
    expect(second.to("循环移民", 9)).toBe(1);
    expect(() => first.to("移徙汇款", 9)).toThrow(/another query/);
  });
});
