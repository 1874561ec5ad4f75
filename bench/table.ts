import { existsSync } from "node:fs";
import os from "node:os";

/** One row of a benchmark table: our figure, the baseline measured in the same run, and their ratio. */
export interface BenchRow {
  readonly operation: string;
  readonly input: string;
  readonly ours: string;
  readonly baseline: string;
  readonly ratio: string;
}

/** Prints rows as an aligned text table, with the machine facts that make the figures comparable. */
export function printTable(rows: readonly BenchRow[]): void {
  const header: BenchRow = { operation: "operation", input: "input", ours: "yizhi", baseline: "baseline", ratio: "ratio" };
  const all = [header, ...rows];
  const keys = ["operation", "input", "ours", "baseline", "ratio"] as const;
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: BenchRow) => keys.map((k, i) => r[k].padEnd(widths[i] ?? 0)).join(" | ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of rows) console.log(line(r));
  console.log(`\nnode ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
}

/** A seeded PRNG (mulberry32): integer arithmetic with Math.imul, so it never collapses into a short cycle. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * The corpus folder glossary/sources/ as a URL ending in "/", found upwards from `from` (a module's
 * import.meta.url), so that a bench finds it both as bench/x.ts (tsx) and compiled as dist/bench/x.js.
 */
export function corpusUrl(from: string): URL {
  for (let dir = new URL("./", from); ; dir = new URL("../", dir)) {
    const sources = new URL("glossary/sources/", dir);
    if (existsSync(sources)) return sources;
    if (new URL("../", dir).href === dir.href) throw new Error(`glossary/sources/ not found above ${from}`);
  }
}
