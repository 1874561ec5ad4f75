import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { loadCedict } from "../src/extract/dictionary.js";
import { extractCandidates } from "../src/extract/extract.js";
import { loadReferenceLexicon } from "../src/extract/lexicon.js";
import { corpusUrl, median, printTable, type BenchRow } from "./table.js";

/**
 * Term-extraction benchmark: `extractCandidates` over the five corpus documents (median of 3, after one warm-up
 * run that also loads the dictionaries once), against a baseline measured in the same run: a plain count of
 * Han character bigrams over the same raw text (the cheapest n-gram statistic there is).
 *   npx tsx bench/extract.ts
 */

const SOURCES = corpusUrl(import.meta.url);

function corpus(): { file: string; text: string }[] {
  return readdirSync(SOURCES)
    .filter((n) => n.endsWith(".txt"))
    .sort()
    .map((file) => ({ file, text: readFileSync(new URL(file, SOURCES), "utf8") }));
}

function bigramCount(texts: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of texts) {
    for (let i = 0; i + 1 < t.length; i++) {
      const a = t.charCodeAt(i);
      const b = t.charCodeAt(i + 1);
      if (a < 0x3400 || b < 0x3400) continue;
      const k = t.substring(i, i + 2);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts.size;
}

function time(runs: number, fn: () => void): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Times extraction over the corpus and the bigram-count baseline; one row per measurement. */
export async function benchExtract(): Promise<BenchRow[]> {
  const docs = corpus();
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const input = `${docs.length} docs, ${(chars / 1000).toFixed(0)}k chars`;
  const t0 = performance.now();
  loadCedict();
  loadReferenceLexicon();
  const loadMs = performance.now() - t0;
  extractCandidates(docs, { top: 100 }); // warm-up: JIT, jieba instance
  const baseline = time(3, () => bigramCount(docs.map((d) => d.text)));
  const ours = time(3, () => extractCandidates(docs, { top: 100 }));
  const ours300 = time(3, () => extractCandidates(docs, { top: 300 }));
  return [
    { operation: "extract: load CC-CEDICT + jieba word list (once)", input: "2 files", ours: `${loadMs.toFixed(0)} ms`, baseline: "–", ratio: "–" },
    { operation: "extract top 100 (median of 3)", input, ours: `${ours.toFixed(0)} ms`, baseline: `${baseline.toFixed(1)} ms bigram count`, ratio: `${(ours / baseline).toFixed(0)}×` },
    { operation: "extract top 300 (median of 3)", input, ours: `${ours300.toFixed(0)} ms`, baseline: `${baseline.toFixed(1)} ms bigram count`, ratio: `${(ours300 / baseline).toFixed(0)}×` },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchExtract());
}
