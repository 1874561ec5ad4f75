import { readFileSync } from "node:fs";
import { distance } from "fastest-levenshtein";
import { describe, expect, it } from "vitest";
import {
  compareMatches,
  finalScore,
  keySimilarity,
  penaltiesFor,
  textFacts,
  type TmMatch,
} from "../../src/tm/fuzzy.js";
import { createTmIndex } from "../../src/tm/index.js";
import type { TranslationUnit } from "../../src/tm/model.js";
import { parseTmx } from "../../src/tm/tmx.js";

// The shipped memory: corpus sentences with their file and line (x-origin-file, x-origin-line).
const shipped = parseTmx(
  readFileSync(new URL("../../tm/un-migration.tmx", import.meta.url), "utf8"),
  "un-migration.tmx",
);
const byId = (id: string): TranslationUnit => shipped.find((u) => u.id === id) as TranslationUnit;
const memory = () => {
  const index = createTmIndex();
  index.add(shipped);
  return index;
};
const summary = (ms: readonly TmMatch[]) =>
  ms.map((m) => ({ id: m.unit.id, score: m.score, penalties: m.penalties, inContext: m.inContext }));

describe("TM search on the shipped memory", () => {
  const index = memory();

  it("000_9269ffeef60731b4.txt:38 — an identical source is an exact match, 1.0, no penalty", () => {
    expect(byId("000-0004").origin?.line).toBe(38);
    const [m] = index.search("联大第60/227号决议请移徙组织为高级别对话作出贡献。");
    expect(m && summary([m])).toEqual([{ id: "000-0004", score: 1, penalties: [], inContext: false }]);
    expect(m?.diff).toEqual([{ op: "equal", text: "联大第60/227号决议请移徙组织为高级别对话作出贡献。" }]);
  });

  it("002_f1fd56940989419e.txt:51 — one edited character (开幕 → 闭幕) scores 1 − 1/14 with a diff", () => {
    const ms = index.search("听询会由大会代理主席宣布闭幕。");
    expect(summary(ms)).toEqual([{ id: "002-0012", score: 0.9286, penalties: [], inContext: false }]);
    expect(ms[0]?.diff).toEqual([
      { op: "equal", text: "听询会由大会代理主席宣布" },
      { op: "delete", text: "闭" },
      { op: "insert", text: "开" },
      { op: "equal", text: "幕。" },
    ]);
  });

  it("000_9269ffeef60731b4.txt:38 — a number-only difference (60/227 → 60/228) costs the number penalty and is never exact", () => {
    const ms = index.search("联大第60/228号决议请移徙组织为高级别对话作出贡献。");
    // 26 key characters, one substituted: 1 − 1/26 = 0.9615, minus 0.05.
    expect(summary(ms)).toEqual([
      { id: "000-0004", score: 0.9115, penalties: [{ kind: "number", amount: 0.05 }], inContext: false },
    ]);
  });

  it("004_c6292b922524f64f.txt:168 — a traditional-script query finds the simplified unit at 0.99", () => {
    expect(summary(index.search("還強調民間社會在此方面的重要作用。"))).toEqual([
      { id: "004-0042", score: 0.99, penalties: [{ kind: "script", amount: 0.01 }], inContext: false },
    ]);
  });

  it("000_9269ffeef60731b4.txt:52 — the enumeration comma 、 lost in PDF extraction costs only the punctuation penalty", () => {
    const ms = index.search(
      "对话旨在促进人们进一步认识现代移徙的发展促进国家间关于移徙的合作，并促进移徙与有关政策领域的连贯一致性。",
    );
    expect(summary(ms)).toEqual([
      { id: "000-0009", score: 0.99, penalties: [{ kind: "punctuation", amount: 0.01 }], inContext: false },
    ]);
    expect(ms[0]?.diff[1]).toEqual({ op: "insert", text: "、" });
  });

  it("000_9269ffeef60731b4.txt:38 — the PDF's spaces around numbers cost only the whitespace penalty", () => {
    expect(summary(index.search("联大第 60/227 号决议请移徙组织为高级别对话作出贡献。"))).toEqual([
      { id: "000-0004", score: 0.995, penalties: [{ kind: "whitespace", amount: 0.005 }], inContext: false },
    ]);
  });

  it("returns nothing under min, and min 0.5 reaches further", () => {
    const q = "听询会由大会宣布。"; // 002-0012 without 代理, 主席 and 开幕: 6 of 14 key characters gone
    expect(index.search(q)).toEqual([]);
    expect(summary(index.search(q, { min: 0.5 }))).toEqual([
      { id: "002-0012", score: 0.5714, penalties: [], inContext: false },
    ]);
  });

  it("diff parts rebuild the original query (equal + delete) and the unit's source (equal + insert)", () => {
    const q = "與會者強調說，匯款是私人的錢財，不應認為它可取代官方發展援助。"; // 002_f1fd56940989419e.txt:67, traditional
    const [m] = index.search(q);
    expect(m?.unit.id).toBe("002-0036");
    expect(
      m?.diff
        .filter((d) => d.op !== "insert")
        .map((d) => d.text)
        .join(""),
    ).toBe(q);
    expect(
      m?.diff
        .filter((d) => d.op !== "delete")
        .map((d) => d.text)
        .join(""),
    ).toBe(byId("002-0036").source);
  });

  it("leaves the diffs out when asked (diff: false), with the same matches and scores", () => {
    const q = "與會者強調說，匯款是私人的錢財，不應認為它可取代官方發展援助。"; // 002_f1fd56940989419e.txt:67, traditional
    const withDiff = index.search(q);
    const without = index.search(q, { diff: false });
    expect(without.map((m) => [m.unit.id, m.score])).toEqual(withDiff.map((m) => [m.unit.id, m.score]));
    expect(withDiff[0]?.diff.length).toBeGreaterThan(0);
    expect(without.every((m) => m.diff.length === 0)).toBe(true);
  });
});

describe("in-context exact matches", () => {
  it("000_9269ffeef60731b4.txt:56 — of two identical sources, the one after the same previous sentence sorts first", () => {
    const plain = byId("000-0010");
    expect(plain.origin?.line).toBe(56);
    expect(plain.previousSource).toBe(byId("000-0009").source);
    const other: TranslationUnit = {
      ...plain,
      id: "other-context",
      previousSource: "移徙组织理事会第九十届会议讨论了移徙问题。",
      target: "(other context)",
    };
    const index = createTmIndex();
    index.add([other, plain]);
    const ms = index.search(plain.source, { previousSource: plain.previousSource as string });
    expect(summary(ms)).toEqual([
      { id: "000-0010", score: 1, penalties: [], inContext: true },
      { id: "other-context", score: 1, penalties: [], inContext: false },
    ]);
  });
});

describe("incremental index", () => {
  it("adds, replaces by id and removes without a rebuild", () => {
    const index = createTmIndex();
    const u = byId("002-0012");
    index.add([u]);
    expect(index.size).toBe(1);
    index.add([{ ...u, target: "The hearings were opened by the Acting President." }]);
    expect(index.size).toBe(1);
    expect(index.search(u.source).map((m) => m.unit.target)).toEqual([
      "The hearings were opened by the Acting President.",
    ]);
    expect(index.remove(u.id)).toBe(true);
    expect(index.remove(u.id)).toBe(false);
    expect(index.size).toBe(0);
    expect(index.search(u.source)).toEqual([]);
  });

  it("finds one-character sources, which have no bigram", () => {
    const index = createTmIndex();
    index.add([{ id: "a", source: "移", target: "move", sourceLang: "zh-CN", targetLang: "en" }]);
    expect(summary(index.search("移"))).toEqual([{ id: "a", score: 1, penalties: [], inContext: false }]);
  });
});

/** Seeded PRNG (mulberry32, Math.imul: a float LCG collapses into a short cycle). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("recall against brute force", () => {
  /** A unit whose target is its id. */
  const unit = (id: string, source: string): TranslationUnit => ({
    id,
    source,
    target: id,
    sourceLang: "zh-CN",
    targetLang: "en",
  });
  // 3,000 units: shipped sentences with 0–30 % random character edits, queries with 0–10 % more.
  const rnd = rng(42);
  const alphabet = [...new Set(shipped.map((u) => u.source).join(""))];
  const mutate = (s: string, rate: number): string => {
    const cs = [...s];
    for (let e = Math.round(cs.length * rate); e > 0; e--) {
      const p = Math.floor(rnd() * cs.length);
      const ch = alphabet[Math.floor(rnd() * alphabet.length)] as string;
      const op = rnd();
      if (op < 0.5) cs[p] = ch;
      else if (op < 0.75) cs.splice(p, 0, ch);
      else cs.splice(p, 1);
    }
    return cs.join("");
  };
  const units: TranslationUnit[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `s${i}`,
    source: mutate((shipped[Math.floor(rnd() * shipped.length)] as TranslationUnit).source, rnd() * 0.3),
    // Distinct targets: a pair remembered twice is one suggestion (tested on its own below).
    target: `T${i}`,
    sourceLang: "zh-CN",
    targetLang: "en",
  }));
  const queries = Array.from({ length: 60 }, () =>
    mutate((units[Math.floor(rnd() * units.length)] as TranslationUnit).source, rnd() * 0.1),
  );
  const index = createTmIndex();
  index.add(units);

  /** Units with their text facts, computed once per memory. */
  const withFacts = (over: readonly TranslationUnit[]) =>
    over.map((unit) => ({ unit, facts: textFacts(unit.source) }));
  const unitFacts = withFacts(units);
  /** Brute force: every unit scored, the best `limit` at or above `min`. */
  const brute = (
    q: string,
    min: number,
    limit: number,
    over: ReturnType<typeof withFacts> = unitFacts,
  ): TmMatch[] => {
    const qf = textFacts(q);
    const out: TmMatch[] = [];
    for (const { unit, facts: sf } of over) {
      const penalties = penaltiesFor(qf, sf);
      const score = finalScore(
        keySimilarity(qf.key, sf.key, distance(qf.key, sf.key)),
        penalties,
        q === unit.source,
      );
      if (score >= min) out.push({ unit, score, penalties, inContext: false, diff: [] });
    }
    return out.sort(compareMatches).slice(0, limit);
  };

  for (const min of [0.5, 0.7, 0.9]) {
    it(`returns exactly brute force's top-5 units and scores at min ${min}`, () => {
      let compared = 0;
      for (const q of queries) {
        const expected = brute(q, min, 5).map((m) => [m.unit.id, m.score]);
        expect(index.search(q, { min, limit: 5 }).map((m) => [m.unit.id, m.score])).toEqual(expected);
        compared += expected.length;
      }
      expect(compared).toBeGreaterThan(60);
    });
  }

  it("searches a snapshot's view (another thread's) with the same results, on the same memory, read-only", () => {
    const snapshot = index.snapshot();
    // Shared memory, not copies: what a worker thread receives is the index itself.
    expect(snapshot.arena.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(snapshot.head.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Structured cloning (what postMessage does) keeps it usable.
    const view = createTmIndex(structuredClone(snapshot));
    expect(view.size).toBe(index.size);
    for (const q of queries) {
      const ours = index.search(q, { min: 0.7, limit: 5 });
      const theirs = view.search(q, { min: 0.7, limit: 5 });
      expect(theirs.map((m) => [m.unit.id, m.unit.source, m.unit.target, m.score])).toEqual(
        ours.map((m) => [m.unit.id, m.unit.source, m.unit.target, m.score]),
      );
    }
    expect(view.unit("s7")?.source).toBe(index.unit("s7")?.source);
    expect(() => view.add([units[0] as TranslationUnit])).toThrow(/read-only/);
    expect(() => view.remove("s7")).toThrow(/read-only/);
  });

  it("gives the same matches when the memory was added in batches (the common lists' bitmaps grow with it)", () => {
    // The commonest bigrams' lists get bitmaps over slots, which must grow as later batches add slots; a list
    // can also become common only in a later batch.
    const batched = createTmIndex();
    for (let i = 0; i < units.length; i += 250) batched.add(units.slice(i, i + 250));
    expect(index.stats().bitmapBytes).toBeGreaterThan(0);
    expect(batched.stats().bitmapBytes).toBeGreaterThan(0);
    for (const q of queries) {
      const expected = brute(q, 0.7, 5).map((m) => [m.unit.id, m.score]);
      expect(batched.search(q, { min: 0.7, limit: 5 }).map((m) => [m.unit.id, m.score])).toEqual(expected);
    }
  });

  it("gives the same matches when large batches (indexed by key length) and small additions mix, ids replaced", () => {
    // Slots come in runs: a large batch is indexed sorted by key length, small additions are not; a search skips
    // the parts of sorted runs outside its length window. Here: an unsorted run, a sorted one, an unsorted one,
    // then a sorted batch that replaces 100 earlier ids and holds each of them twice (the later copy wins).
    const mixed = createTmIndex();
    for (let i = 0; i < 500; i += 50) mixed.add(units.slice(i, i + 50));
    mixed.add(units.slice(500, 2000));
    for (let i = 2000; i < 2010; i++) mixed.add([units[i] as TranslationUnit]);
    const replaced = units
      .slice(0, 100)
      .map((u, i) => ({ ...u, source: (units[2999 - i] as TranslationUnit).source }));
    // Longer than the later copies, so a sort by key length alone would put them last and let them win.
    const bogus = replaced.map((u) => ({
      ...u,
      source: `${u.source}，以及秘书长关于国际移徙与发展的补充报告`,
    }));
    mixed.add([...bogus, ...units.slice(2010), ...replaced]);
    expect(mixed.size).toBe(units.length);
    const final = withFacts([...replaced, ...units.slice(100)]);
    const view = createTmIndex(mixed.snapshot());
    for (const u of replaced) {
      expect(mixed.unit(u.id)?.source).toBe(u.source);
      expect(mixed.search(u.source, { min: 1, limit: 100 }).map((m) => m.unit.id)).toContain(u.id);
    }
    for (const q of queries) {
      const expected = brute(q, 0.7, 5, final).map((m) => [m.unit.id, m.score]);
      expect(mixed.search(q, { min: 0.7, limit: 5 }).map((m) => [m.unit.id, m.score])).toEqual(expected);
      expect(view.search(q, { min: 0.7, limit: 5 }).map((m) => [m.unit.id, m.score])).toEqual(expected);
    }
  });

  // The shipped sentences themselves, each with about 14 edited variants in the memory: the probe finds `limit`
  // good matches first and raises the floor, which must not lose a unit brute force ranks higher (ties included).
  for (const limit of [1, 3]) {
    for (const min of [0.5, 0.7]) {
      it(`returns brute force's top ${limit} for unedited sentences at min ${min}, the floor raised by the probe`, () => {
        const sentences = shipped.slice(0, 40).map((u) => u.source);
        let full = 0;
        for (const q of sentences) {
          const expected = brute(q, min, limit).map((m) => [m.unit.id, m.score]);
          expect(index.search(q, { min, limit }).map((m) => [m.unit.id, m.score])).toEqual(expected);
          if (expected.length === limit) full++;
        }
        // Most sentences have `limit` variants above the floor: the raised-floor path is what is compared.
        expect(full).toBeGreaterThan(30);
      });
    }
  }
  it("finds the best unit when the units sharing the query's rarest bigrams are only fair matches", () => {
    // 000_9269ffeef60731b4.txt:38 (shipped unit 000-0004) behind a prefix 甲乙丁戊己庚 found nowhere else. Ten
    // fair variants keep the prefix (the rarest lists, walked first) with 20 % edits after it; 600 heavy edits
    // (50 %, all below 0.7) make every other list of the sentence long; the best unit replaces the prefix, so it
    // lacks the rare bigrams, and is added last. Scoring the fair variants first raises the floor; the filter
    // must still find the best unit.
    const prefix = "甲乙丁戊己庚";
    const sentence = `${prefix}${byId("000-0004").source}`;
    const local = rng(7);
    const edit = (text: string, rate: number): string => {
      const cs = [...text];
      for (let e = Math.round(cs.length * rate); e > 0; e--) {
        const p = prefix.length + Math.floor(local() * (cs.length - prefix.length));
        cs[p] = alphabet[Math.floor(local() * alphabet.length)] as string;
      }
      return cs.join("");
    };
    const crowd = [
      ...Array.from({ length: 10 }, (_, i) => unit(`fair${i}`, edit(sentence, 0.2))),
      ...Array.from({ length: 600 }, (_, i) => unit(`far${i}`, edit(sentence, 0.5))),
      unit("best", `子丑寅卯辰巳${sentence.slice(prefix.length)}`),
    ];
    const index = createTmIndex();
    index.add(crowd);
    const found = index.search(sentence, { min: 0.7, limit: 3 });
    expect(found.map((m) => m.unit.id)).toEqual(
      brute(sentence, 0.7, 3, withFacts(crowd)).map((m) => m.unit.id),
    );
    expect(found[0]?.unit.id).toBe("best");
    expect(found.slice(1).every((m) => m.unit.id.startsWith("fair"))).toBe(true);
  });

  it("finds a unit lacking the query's rarest bigrams when one substitution destroyed each adjacent pair of them", () => {
    // The query is shipped unit 000-0015 with a quarter of its characters, three apart, replaced by characters
    // found nowhere else in the corpus; the best unit is the sentence itself (score 0.75). Each replaced
    // character makes two adjacent bigrams, both missing from the best unit at the cost of one substitution. Short
    // decoys (outside the length window) make those the rarest lists and use up the probe's walk; 150 heavy edits
    // of the sentence make its own lists common. Counting each destroyed bigram as a separate edit (0.7 each
    // instead of 1 a pair) ends the prefix inside the rare lists and loses the best unit.
    const sentence = byId("000-0015").source;
    const chars = [...sentence];
    // The matching key leaves out the final 。.
    const keyLength = chars.length - 1;
    const rare = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x9f00 + i)).filter(
      (c) => !alphabet.includes(c),
    );
    const replaced = Math.round(keyLength * 0.25);
    const query = [...chars];
    for (let i = 0; i < replaced; i++) query[1 + 3 * i] = rare[i] as string;
    const q = query.join("");
    const local = rng(11);
    const decoys = Array.from({ length: replaced }, (_, i) => q.slice(3 * i, 3 * i + 3)).flatMap((triple, i) =>
      Array.from({ length: 40 }, (_, j) => unit(`decoy${i}-${j}`, triple)),
    );
    const heavy = Array.from({ length: 150 }, (_, i) => {
      const cs = [...sentence];
      for (let e = Math.round(cs.length * 0.5); e > 0; e--)
        cs[Math.floor(local() * cs.length)] = alphabet[Math.floor(local() * alphabet.length)] as string;
      return unit(`heavy${i}`, cs.join(""));
    });
    const memory = [...decoys, ...heavy, unit("best", sentence)];
    const index = createTmIndex();
    index.add(memory);
    const found = index.search(q, { min: 0.7, limit: 3 });
    expect(found.map((m) => [m.unit.id, m.score])).toEqual(
      brute(q, 0.7, 3, withFacts(memory)).map((m) => [m.unit.id, m.score]),
    );
    expect(found[0]?.unit.id).toBe("best");
    // 1 − 10/38 before penalties: close to the floor, as the case needs.
    expect(found[0]?.score).toBeLessThan(1 - replaced / keyLength + 1e-9);
  });
});

describe("one suggestion per sentence pair", () => {
  it("returns a pair remembered under two ids once (the more recent copy), and other translations beside it", () => {
    const base = shipped[0] as TranslationUnit;
    const index = createTmIndex();
    index.add([
      { ...base, id: "first-import", changedAt: "2026-01-01T00:00:00Z" },
      { ...base, id: "round-trip", changedAt: "2026-11-28T00:00:00Z" },
      { ...base, id: "other-wording", target: `${base.target} (revised)`, changedAt: "2026-06-01T00:00:00Z" },
    ]);
    expect(index.search(base.source, { limit: 5 }).map((m) => [m.unit.id, m.score])).toEqual([
      ["round-trip", 1],
      ["other-wording", 1],
    ]);
  });
});
