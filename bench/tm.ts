import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { distance } from "fastest-levenshtein";
import {
  compareMatches,
  finalScore,
  isInContext,
  keySimilarity,
  matchKey,
  penaltiesFor,
  textFacts,
  type TmMatch,
} from "../src/tm/fuzzy.js";
import { createTmIndex } from "../src/tm/index.js";
import type { TranslationUnit } from "../src/tm/model.js";
import { corpusUrl, median, percentile, printTable, seededRandom, type BenchRow } from "./table.js";

/**
 * TM fuzzy-lookup benchmark (shared/research/performance.md §2b, goals §3.3–3.6): synthetic memories of corpus
 * sentences with random character edits, the index against brute-force Levenshtein over every unit, in the same
 * run. `node --max-old-space-size=8192 --expose-gc --import tsx bench/tm.ts --1m` adds the 1M-unit case.
 */

const SOURCES = corpusUrl(import.meta.url);
const MIN = 0.7;
const LIMIT = 5;

/** Corpus sentences: each document's lines joined (PDF line breaks fall inside words), split after 。；！？, 8–120 chars. */
export function corpusSentences(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(SOURCES)
    .filter((n) => n.endsWith(".txt"))
    .sort()) {
    const joined = readFileSync(new URL(f, SOURCES), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .join("");
    for (const s of joined.split(/(?<=[。；！？])/)) {
      const t = s.trim();
      if (t.length >= 8 && t.length <= 120) out.push(t);
    }
  }
  return out;
}

/** Applies `rate` × length random single-character edits (substitute, insert, delete) drawn from `alphabet`. */
function edit(s: string, rate: number, alphabet: string, rnd: () => number): string {
  const chars = [...s];
  const n = Math.round(chars.length * rate);
  for (let e = 0; e < n; e++) {
    const pos = Math.floor(rnd() * chars.length);
    const ch = alphabet[Math.floor(rnd() * alphabet.length)] as string;
    const op = rnd();
    if (op < 0.5) chars[pos] = ch;
    else if (op < 0.75) chars.splice(pos, 0, ch);
    else if (chars.length > 2) chars.splice(pos, 1);
  }
  return chars.join("");
}

/** A synthetic memory: `size` sources, each a corpus sentence with 1–30 % random edits, and queries near them. */
export function syntheticMemory(
  size: number,
  queries: number,
  seed = 20261128,
): { sources: string[]; queries: string[] } {
  const rnd = seededRandom(seed);
  const base = corpusSentences();
  const alphabet = [...new Set(base.join(""))].join("");
  const sources: string[] = new Array<string>(size);
  for (let i = 0; i < size; i++) {
    const s = base[Math.floor(rnd() * base.length)] as string;
    // Array join makes a flat string (no rope), so the RSS of plain strings is measured fairly.
    sources[i] = [edit(s, 0.01 + rnd() * 0.29, alphabet, rnd)].join("");
  }
  const qs: string[] = [];
  for (let i = 0; i < queries; i++)
    qs.push(edit(sources[Math.floor(rnd() * size)] as string, rnd() * 0.1, alphabet, rnd));
  return { sources, queries: qs };
}

/** RSS and V8 heap + array buffers, in MB, after a full GC when `--expose-gc` is given. */
function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heap: (m.heapUsed + m.arrayBuffers) / 2 ** 20 };
}

/** Brute force: Levenshtein against every unit's key, then the same penalties and ordering as the index. */
function bruteForce(query: string, units: readonly TranslationUnit[], keys: readonly string[]): TmMatch[] {
  const q = textFacts(query);
  const found: TmMatch[] = [];
  for (let i = 0; i < units.length; i++) {
    const key = keys[i] as string;
    const base = keySimilarity(q.key, key, distance(q.key, key));
    if (base < MIN) continue;
    const unit = units[i] as TranslationUnit;
    const penalties = penaltiesFor(q, textFacts(unit.source, key));
    const score = finalScore(base, penalties, query === unit.source);
    if (score >= MIN)
      found.push({ unit, score, penalties, inContext: isInContext(undefined, unit), diff: [] });
  }
  return found.sort(compareMatches).slice(0, LIMIT);
}

/** Top-5 recall: brute force's scores (≥ min) found among ours, as multisets, so ties between equal scores do not count as misses. */
function recallCounts(ours: readonly TmMatch[], brute: readonly TmMatch[]): [number, number] {
  const have = ours.map((m) => m.score);
  let hit = 0;
  for (const b of brute) {
    const i = have.indexOf(b.score);
    if (i >= 0) {
      hit++;
      have.splice(i, 1);
    }
  }
  return [hit, brute.length];
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + " ms";

async function benchSize(size: number, queryCount: number, bruteQueries: number): Promise<BenchRow[]> {
  const label = `${size.toLocaleString("en")} units`;
  // Warm the script fold (opencc-js tables) and the character classes before measuring memory.
  matchKey("國際移徙組織");
  const mem0 = memory();
  const { sources, queries } = syntheticMemory(size, queryCount);
  const mem1 = memory();
  const units: TranslationUnit[] = sources.map((source, i) => ({
    id: `u${i}`,
    source,
    // Distinct targets: the index offers a repeated source/target pair once, which brute force does not model.
    target: `T${i}`,
    sourceLang: "zh-CN",
    targetLang: "en",
  }));
  const avg = sources.reduce((a, s) => a + s.length, 0) / size;

  const mem2 = memory();
  const t0 = performance.now();
  const index = createTmIndex();
  index.add(units);
  const build = performance.now() - t0;
  const mem3 = memory();
  const stringsHeap = mem1.heap - mem0.heap;
  const indexHeap = mem3.heap - mem2.heap;
  const stats = index.stats();

  // Warm-up, then every query timed once.
  for (const q of queries.slice(0, 20)) index.search(q, { min: MIN, limit: LIMIT });
  const times: number[] = [];
  const results: TmMatch[][] = [];
  for (const q of queries) {
    const s = performance.now();
    results.push(index.search(q, { min: MIN, limit: LIMIT }));
    times.push(performance.now() - s);
  }

  // Baselines in the same run: a linear pass over the keys' lengths (the floor of any scan), and brute force.
  const keys = units.map((u) => matchKey(u.source));
  const lengthPass: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    const m = matchKey(q).length;
    let n = 0;
    for (const k of keys) if (k.length >= m * MIN && k.length * MIN <= m) n++;
    lengthPass.push(performance.now() - s);
    if (n < 0) throw new Error("unreachable");
  }
  const bruteTimes: number[] = [];
  let hits = 0;
  let wanted = 0;
  for (let i = 0; i < bruteQueries; i++) {
    const q = queries[i] as string;
    const s = performance.now();
    const brute = bruteForce(q, units, keys);
    bruteTimes.push(performance.now() - s);
    const [h, w] = recallCounts(results[i] as TmMatch[], brute);
    hits += h;
    wanted += w;
  }
  const p50 = median(times);
  const p95 = percentile(times, 95);
  const b50 = median(bruteTimes);
  const b95 = percentile(bruteTimes, 95);
  return [
    {
      operation: "TM index build: memory (heap + buffers) vs the sources as plain strings",
      input: `${label}, avg ${avg.toFixed(1)} chars`,
      ours: `${(build / 1000).toFixed(1)} s, ${indexHeap.toFixed(0)} MB (RSS +${(mem3.rss - mem2.rss).toFixed(0)} MB)`,
      baseline: `${stringsHeap.toFixed(0)} MB (RSS +${(mem1.rss - mem0.rss).toFixed(0)} MB)`,
      ratio: `${(indexHeap / stringsHeap).toFixed(2)}× memory`,
    },
    {
      operation: "TM index postings: arena bytes (int32 slices and their links) vs the postings alone",
      input: `${label}, ${stats.bigrams.toLocaleString("en")} bigrams`,
      ours: `${(stats.arenaBytes / 2 ** 20).toFixed(0)} MB for ${(stats.postings / 1e6).toFixed(1)} M postings`,
      baseline: `${((stats.postings * 4) / 2 ** 20).toFixed(0)} MB`,
      ratio: `${(stats.arenaBytes / (stats.postings * 4)).toFixed(2)}× bytes`,
    },
    {
      operation: `TM search p50 vs linear length pass (${queryCount} queries)`,
      input: label,
      ours: ms(p50),
      baseline: ms(median(lengthPass)),
      ratio: `${(p50 / median(lengthPass)).toFixed(1)}× time`,
    },
    {
      operation: `TM search p50 vs brute-force Levenshtein (${bruteQueries} queries)`,
      input: label,
      ours: ms(p50),
      baseline: ms(b50),
      ratio: `${(b50 / p50).toFixed(0)}× faster`,
    },
    {
      operation: "TM search p95 vs brute-force Levenshtein",
      input: label,
      ours: ms(p95),
      baseline: ms(b95),
      ratio: `${(b95 / p95).toFixed(0)}× faster`,
    },
    {
      operation: `top-${LIMIT} recall, scores ≥ ${MIN}, vs brute force`,
      input: `${label}, ${bruteQueries} queries`,
      ours: `${hits}/${wanted}`,
      baseline: `${wanted}/${wanted}`,
      ratio: wanted === 0 ? "n/a" : (hits / wanted).toFixed(4),
    },
  ];
}

/** Runs the TM benchmark at 100k units (and 1M when asked: `sizes: [100_000, 1_000_000]`). */
export async function benchTm(options: { sizes?: number[] } = {}): Promise<BenchRow[]> {
  const sizes = options.sizes ?? [100_000];
  const rows: BenchRow[] = [];
  for (const size of sizes) rows.push(...(await benchSize(size, 200, size >= 1_000_000 ? 15 : 50)));
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const big = process.argv.includes("--1m") || process.env.YIZHI_BENCH_1M === "1";
  printTable(await benchTm({ sizes: big ? [100_000, 1_000_000] : [100_000] }));
}
