import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SaxesParser } from "saxes";
import { foldScript } from "../src/text/script.js";
import { buildLookupIndex } from "../src/termbase/lookup.js";
import { buildTermMatcher } from "../src/termbase/matcher.js";
import type { Concept } from "../src/termbase/model.js";
import { parseTbx, writeTbx } from "../src/termbase/tbx.js";
import { median, percentile, printTable, seededRandom, type BenchRow } from "./table.js";

/**
 * Termbase benchmark (shared/research/performance.md §2a and goals §3.1–3.2): Chinese term marking over
 * ≥ 10 MB of corpus sentences with 10,000 patterns, against a charCodeAt scan and a naive indexOf loop in the
 * same run; the linearity check; lookup latency against a linear scan; and TBX import (linearity, and MB/s
 * against a bare saxes parse of the same file).
 * Run alone: `npx tsx bench/termbase.ts`.
 */

const TARGET_BYTES = 10 * 1024 * 1024;
const PATTERNS = 10_000;
const RUNS = 3;
const QUERIES = 200;

/** Real terms of the UN migration corpus (the brief's examples). */
const REAL_TERMS = [
  "移徙者",
  "汇款",
  "循环移徙",
  "移徙概况报告",
  "非正常移徙者",
  "非正常移徙",
  "原籍国",
  "来源国",
  "侨民",
  "目的地国",
  "劳工移徙",
  "国际移徙",
];

/** The project root: the nearest folder upwards holding glossary/sources (works from bench/ and dist/bench/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "glossary/sources"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("glossary/sources not found above bench/");
    dir = parent;
  }
  return dir;
}

/** Corpus sentences: each document's lines joined (PDF line breaks fall inside words), split after 。；！？. */
function sentences(): string[] {
  const dir = path.join(projectRoot(), "glossary/sources");
  const out: string[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".txt"))
    .sort()) {
    const joined = readFileSync(path.join(dir, f), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .join("");
    for (const s of joined.split(/(?<=[。；！？])/)) if (s.trim().length >= 8) out.push(s.trim());
  }
  return out;
}

/** Sentences drawn with a seeded PRNG until their UTF-8 size reaches `bytes`. */
function sampleText(all: readonly string[], bytes: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const s = all[Math.floor(rnd() * all.length)] as string;
    out.push(s);
    size += Buffer.byteLength(s) + 1;
  }
  return out;
}

/** Real terms plus corpus Han n-grams (2–8 characters), drawn with a seeded PRNG, all distinct. */
function samplePatterns(all: readonly string[], count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const set = new Set(REAL_TERMS);
  const han = all.join("").match(/\p{Script=Han}+/gu) ?? [];
  while (set.size < count) {
    const run = han[Math.floor(rnd() * han.length)] as string;
    const len = 2 + Math.floor(rnd() * 7);
    if (run.length < len) continue;
    const at = Math.floor(rnd() * (run.length - len + 1));
    set.add(run.slice(at, at + len));
  }
  return [...set];
}

function time(fn: () => void, runs = RUNS): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const ms = (v: number) =>
  v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(1)} ms` : `${(v * 1000).toFixed(0)} µs`;
const mbs = (bytes: number, msValue: number) => `${(bytes / 1024 / 1024 / (msValue / 1000)).toFixed(1)} MB/s`;

/** Leftmost-longest oracle over a Set of folded patterns, for checking the matcher's hits. */
function oracle(text: string, patterns: ReadonlySet<string>, maxLength: number): [number, number][] {
  const folded = foldScript(text);
  const out: [number, number][] = [];
  for (let i = 0; i < folded.length;) {
    let end = -1;
    for (let len = Math.min(maxLength, folded.length - i); len >= 1; len--) {
      if (patterns.has(folded.slice(i, i + len))) {
        end = i + len;
        break;
      }
    }
    if (end < 0) i++;
    else {
      out.push([i, end]);
      i = end;
    }
  }
  return out;
}

function benchMatcher(all: readonly string[]): BenchRow[] {
  const rows: BenchRow[] = [];
  const segments = sampleText(all, TARGET_BYTES, 1);
  const text = segments.join("\n");
  const bytes = Buffer.byteLength(text);
  const patterns = samplePatterns(all, PATTERNS, 2);
  const concepts: Concept[] = patterns.map((p, i) => ({
    id: `p${i}`,
    terms: { zh: [{ term: p, status: "preferred" }], en: [] },
    contexts: [],
  }));
  const input = `${(bytes / 1024 / 1024).toFixed(2)} MB, ${segments.length} segments, ${patterns.length} patterns`;

  const buildMs = time(() => void buildTermMatcher(concepts));
  const matcher = buildTermMatcher(concepts);
  let checksum = 0;
  const scanMs = time(() => {
    let s = 0;
    for (let i = 0; i < text.length; i++) s += text.charCodeAt(i);
    checksum = s;
  });
  let hits = 0;
  const oursMs = time(() => {
    hits = 0;
    for (const segment of segments) hits += matcher.matchChinese(segment).length;
  });
  rows.push({
    operation: "term matcher build",
    input: `${patterns.length} patterns`,
    ours: ms(buildMs),
    baseline: "-",
    ratio: "-",
  });
  rows.push({
    operation: "term marking per segment vs charCodeAt scan",
    input,
    ours: `${ms(oursMs)} (${mbs(bytes, oursMs)}, ${hits} hits)`,
    baseline: `${ms(scanMs)} (${mbs(bytes, scanMs)}; checksum ${checksum % 1000})`,
    ratio: `${(oursMs / scanMs).toFixed(0)}× baseline time`,
  });

  // Naive baseline: indexOf for every pattern over a 1/50 slice (all occurrences), scaled to the whole text.
  const slice = segments.slice(0, Math.ceil(segments.length / 50)).join("\n");
  const sliceBytes = Buffer.byteLength(slice);
  let naiveCount = 0;
  const naiveSliceMs = time(() => {
    naiveCount = 0;
    for (const p of patterns)
      for (let at = slice.indexOf(p); at >= 0; at = slice.indexOf(p, at + 1)) naiveCount++;
  }, 1);
  const naiveMs = naiveSliceMs * (bytes / sliceBytes);
  rows.push({
    operation: "term marking vs naive indexOf loop",
    input: `naive timed on ${(sliceBytes / 1024).toFixed(0)} KB slice (${naiveCount} occurrences), ×${(bytes / sliceBytes).toFixed(1)}`,
    ours: `${ms(oursMs)} (${mbs(bytes, oursMs)})`,
    baseline: `≈ ${ms(naiveMs)} (${mbs(bytes, naiveMs)})`,
    ratio: `${(naiveMs / oursMs).toFixed(0)}× faster`,
  });

  // Linearity: one call on one long string, 1× versus 4× (performance.md §2a: modern-ahocorasick was ~90× on 4×).
  const quarter = text.slice(0, Math.floor(text.length / 4));
  const oneMs = time(() => void matcher.matchChinese(quarter));
  const fourMs = time(() => void matcher.matchChinese(text));
  rows.push({
    operation: "linearity: one call, 4× text / 1× text",
    input: `${quarter.length} vs ${text.length} UTF-16 units (${(bytes / 1024 / 1024).toFixed(2)} MB)`,
    ours: `${ms(fourMs)} / ${ms(oneMs)}`,
    baseline: "goal ≤ 5",
    ratio: `${(fourMs / oneMs).toFixed(2)}`,
  });

  // Hits equal the oracle on a sample of segments.
  const set = new Set(patterns.map(foldScript));
  const rnd = seededRandom(3);
  let agree = 0;
  const sample = 300;
  for (let k = 0; k < sample; k++) {
    const segment = segments[Math.floor(rnd() * segments.length)] as string;
    const got = [
      ...new Map(
        matcher.matchChinese(segment).map((h) => [`${h.start}:${h.end}`, [h.start, h.end]]),
      ).values(),
    ];
    if (JSON.stringify(got) === JSON.stringify(oracle(segment, set, 8))) agree++;
  }
  rows.push({
    operation: "hits equal leftmost-longest oracle",
    input: `${sample} random segments`,
    ours: `${agree}/${sample}`,
    baseline: "-",
    ratio: "-",
  });
  return rows;
}

/** A termbase of `size` concepts: the real terms plus corpus n-grams, each with an English term. */
function termbase(all: readonly string[], size: number): Concept[] {
  const words = [
    "labour",
    "migration",
    "return",
    "policy",
    "integration",
    "development",
    "rights",
    "mobility",
    "skills",
    "family",
    "remittance",
    "diaspora",
  ];
  const rnd = seededRandom(4);
  return samplePatterns(all, size, 5).map((term, i) => ({
    id: `c${i}`,
    terms: {
      zh: [{ term, status: "preferred" }],
      en: [
        {
          term: `${words[Math.floor(rnd() * words.length)]} ${words[Math.floor(rnd() * words.length)]} ${i}`,
          status: "preferred",
        },
      ],
    },
    contexts: [],
  }));
}

/** What a translator types: whole terms, traditional forms, fragments, English words and pinyin. */
function queries(concepts: readonly Concept[]): string[] {
  const rnd = seededRandom(6);
  const out = [
    "汇款",
    "匯款",
    "移徙",
    "僑民",
    "huikuan",
    "yi xi zhe",
    "Migrants'",
    "countries of origin",
    "labour migration",
    "remitt",
  ];
  while (out.length < QUERIES) {
    const term = (concepts[Math.floor(rnd() * concepts.length)] as Concept).terms.zh[0]?.term ?? "";
    const kind = out.length % 3;
    out.push(kind === 0 ? term : kind === 1 ? term.slice(0, Math.max(1, term.length - 1)) : term.slice(1));
  }
  return out;
}

function benchLookup(all: readonly string[], size: number): BenchRow {
  const concepts = termbase(all, size);
  const index = buildLookupIndex(concepts);
  const qs = queries(concepts);
  // Baseline: a linear scan over precomputed folded Chinese and lower-case English terms with includes().
  const folded = concepts.map((c) => ({
    zh: c.terms.zh.map((t) => foldScript(t.term)),
    en: c.terms.en.map((t) => t.term.toLowerCase()),
  }));
  const scan = (q: string) => {
    const fq = foldScript(q);
    const lq = q.toLowerCase();
    const found: number[] = [];
    folded.forEach((f, i) => {
      if (f.zh.some((t) => t.includes(fq)) || f.en.some((t) => t.includes(lq))) found.push(i);
    });
    return found;
  };
  const measure = (fn: (q: string) => unknown) => {
    for (const q of qs) fn(q); // warm-up
    return qs.map((q) => {
      const start = performance.now();
      fn(q);
      return performance.now() - start;
    });
  };
  const ours = measure((q) => index.lookup(q));
  const base = measure(scan);
  return {
    operation: "lookup latency p50 / p95 vs linear includes() scan",
    input: `${size} concepts, ${qs.length} queries`,
    ours: `${ms(percentile(ours, 50))} / ${ms(percentile(ours, 95))}`,
    baseline: `${ms(percentile(base, 50))} / ${ms(percentile(base, 95))}`,
    ratio: `${(percentile(ours, 95) / percentile(base, 95)).toFixed(2)}× baseline p95`,
  };
}

/** The shipped glossary's concepts `copies` times over (ids suffixed), written as TBX: a real file, scaled. */
function scaledTbx(concepts: readonly Concept[], copies: number): string {
  const out: Concept[] = [];
  for (let k = 0; k < copies; k++) for (const c of concepts) out.push({ ...c, id: `${c.id}-${k}` });
  return writeTbx(out);
}

/** TBX import: 4× the concepts against 1× (linear ≤ 5), and MB/s against saxes alone on the same file. */
function benchTbxImport(): BenchRow[] {
  const file = path.join(projectRoot(), "glossary/un-migration.tbx");
  const concepts = parseTbx(readFileSync(file, "utf8"), file);
  const one = scaledTbx(concepts, 2);
  const four = scaledTbx(concepts, 8);
  const oneMs = time(() => void parseTbx(one, "1x.tbx"));
  const fourMs = time(() => void parseTbx(four, "4x.tbx"));
  // The floor: the same parser with the same options (namespaces, positions) and a handler that does nothing.
  const saxesMs = time(() => {
    const parser = new SaxesParser({ xmlns: true, position: true });
    parser.on("opentag", () => undefined);
    parser.write(four);
    parser.close();
  });
  const bytes = Buffer.byteLength(four);
  return [
    {
      operation: "TBX import linearity: 4× concepts vs 1×",
      input: `glossary/un-migration.tbx ×2 vs ×8: ${concepts.length * 2} vs ${concepts.length * 8} concepts`,
      ours: `${ms(fourMs)} / ${ms(oneMs)}`,
      baseline: "goal ≤ 5",
      ratio: `${(fourMs / oneMs).toFixed(2)}`,
    },
    {
      operation: "TBX import vs bare saxes parse",
      input: `${(bytes / 1024 / 1024).toFixed(2)} MB, ${concepts.length * 8} concepts`,
      ours: `${ms(fourMs)} (${mbs(bytes, fourMs)})`,
      baseline: `${ms(saxesMs)} (${mbs(bytes, saxesMs)})`,
      ratio: `${(fourMs / saxesMs).toFixed(2)}× baseline time`,
    },
  ];
}

/** Runs the termbase benchmarks and returns their table rows. */
export async function benchTermbase(): Promise<BenchRow[]> {
  const all = sentences();
  return [...benchMatcher(all), benchLookup(all, 300), benchLookup(all, 10_000), ...benchTbxImport()];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchTermbase());
}
