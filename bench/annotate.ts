import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SaxesParser } from "saxes";
import { checkDocumentFromXliff } from "../src/qa/from-xliff.js";
import { RULES } from "../src/qa/registry.js";
import { runCheck } from "../src/qa/runner.js";
import { suggesterFor } from "../src/service/parallel-suggest.js";
import { createSuggester } from "../src/service/suggest.js";
import { packageRoot } from "../src/store/open.js";
import { buildTermMatcher } from "../src/termbase/matcher.js";
import { parseTbx } from "../src/termbase/tbx.js";
import { createTmIndex } from "../src/tm/index.js";
import { annotateStream } from "../src/xliff/annotate.js";
import { readXliff } from "../src/xliff/read.js";
import { median, printTable, type BenchRow } from "./table.js";
import { syntheticMemory } from "./tm.js";
import { generateXliff20 } from "./xliff.js";

function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

function bareSaxes(bytes: Buffer): void {
  const parser = new SaxesParser({ xmlns: true });
  let n = 0;
  parser.on("opentag", () => n++);
  parser.on("text", () => n++);
  parser.write(bytes.toString("utf8")).close();
}

/** Heap + array buffers still reachable, between two full collections (needs --expose-gc, as `npm run bench` gives). */
function live(): number {
  global.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * The whole annotate path as the CLI runs it (bytes in, streamed reading, suggestions, planning, encoded output
 * pieces to a writer) on generated XLIFF 2.0 files with the shipped termbase and a 100k-unit synthetic memory,
 * against a bare saxes parse of the same bytes in the same run; linearity from a quarter file; peak live memory
 * while annotating, over the file size; and the check path.
 */
export async function benchAnnotate(options: { megabytes?: number; tmUnits?: number } = {}): Promise<BenchRow[]> {
  const megabytes = options.megabytes ?? 20;
  const tmUnits = options.tmUnits ?? 100_000;
  const tbx = path.join(packageRoot(), "glossary/un-migration.tbx");
  const concepts = parseTbx(readFileSync(tbx, "utf8"), tbx);
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const matcher = buildTermMatcher(concepts);
  const tm = createTmIndex();
  const memory = syntheticMemory(tmUnits, 0);
  tm.add(memory.sources.map((source, i) => ({ id: `m${i}`, source, target: `Target ${i}`, sourceLang: "zh-CN", targetLang: "en" })));
  const suggestOptions = { minMatch: 0.7, maxMatches: 3 };

  /** Streams one annotation as the CLI does (its choice of suggester); `each` sees every output piece. */
  let lookups: { byWorker: number; byMain: number } | undefined;
  const annotate = (bytes: Buffer, each: (chunk: Buffer) => void = () => {}) => {
    const suggester = suggesterFor(byId, matcher, tm, suggestOptions, bytes.length);
    try {
      return annotateStream(bytes, "bench.xlf", suggester.suggest, each);
    } finally {
      lookups = suggester.close();
    }
  };
  /** The same on this thread alone. */
  const annotateAlone = (bytes: Buffer) =>
    annotateStream(bytes, "bench.xlf", createSuggester(byId, matcher, tm, suggestOptions), () => {});
  const check = (bytes: Buffer) => {
    const doc = checkDocumentFromXliff(readXliff(bytes, "bench.xlf"), "bench.xlf");
    return runCheck(doc, { rules: RULES, concepts: byId, matcher });
  };

  const make = (mb: number, distinct: boolean) => {
    const g = generateXliff20(mb * 2 ** 20, 20261128, distinct);
    return { bytes: Buffer.from(g.xml, "utf8"), units: g.units };
  };
  // One input in memory at a time, as in the CLI: the quarter and distinct files are made when their turn comes.
  const full = make(megabytes, false);
  const label = (f: { bytes: Buffer; units: number }, what: string) =>
    `${(f.bytes.length / 2 ** 20).toFixed(1)} MB, ${f.units} units, ${what}`;
  const mbps = (f: { bytes: Buffer }, ms: number) => `${(f.bytes.length / 2 ** 20 / (ms / 1000)).toFixed(1)} MB/s`;

  const saxesMs = median([0, 1, 2].map(() => timed(() => bareSaxes(full.bytes)).ms));
  // Median of three, as saxes: the first run of each also pays for compiling its code.
  let outBytes = 0;
  const fullRuns = [0, 1, 2].map(() => {
    outBytes = 0;
    return timed(() => annotate(full.bytes, (c) => (outBytes += c.length))).ms;
  });
  const annotateFull = { ms: median(fullRuns) };

  // Peak memory: live heap sampled after a full collection at every 16th output piece (about 1 M characters).
  // First a regular expression on a short string: V8 keeps the subject of the last match (RegExp.input), which
  // was the previous run's decoded text, and its release during this run hid as much of the run's own memory
  // (the peak read 0.4–0.6× the file).
  /x/.exec("x");
  const before = live();
  let peak = 0;
  let pieces = 0;
  annotate(full.bytes, () => {
    if (++pieces % 16 === 0) peak = Math.max(peak, live() - before);
  });
  peak = Math.max(peak, live() - before);
  const checkFull = timed(() => check(full.bytes));

  const quarter = make(megabytes / 4, false);
  const annotateQuarter = median([0, 1].map(() => timed(() => annotate(quarter.bytes)).ms));
  const checkQuarter = median([0, 1].map(() => timed(() => check(quarter.bytes)).ms));

  const distinct = make(megabytes, true);
  const saxesDistinctMs = median([0, 1, 2].map(() => timed(() => bareSaxes(distinct.bytes)).ms));
  const annotateDistinct = timed(() => annotate(distinct.bytes));
  const distinctLookups = lookups;
  const annotateDistinctAlone = timed(() => annotateAlone(distinct.bytes));

  const tmLabel = `termbase ${concepts.length} concepts, TM ${tmUnits / 1000}k units`;
  return [
    {
      operation: `annotate, streamed (${tmLabel}) vs bare saxes`,
      input: label(full, "corpus lines, each ~50× (repetitions looked up once)"),
      ours: `${mbps(full, annotateFull.ms)}, ${Math.round(full.units / (annotateFull.ms / 1000))} units/s → ${(outBytes / 2 ** 20).toFixed(0)} MB`,
      baseline: `${mbps(full, saxesMs)} (${saxesMs.toFixed(0)} ms)`,
      ratio: `${(saxesMs / annotateFull.ms).toFixed(2)}× saxes throughput (goal 0.3)`,
    },
    {
      operation: `annotate, streamed (${tmLabel}) vs bare saxes`,
      input: label(distinct, "every segment distinct"),
      ours: `${mbps(distinct, annotateDistinct.ms)}, ${Math.round(distinct.units / (annotateDistinct.ms / 1000))} units/s`,
      baseline: `${mbps(distinct, saxesDistinctMs)} (${saxesDistinctMs.toFixed(0)} ms)`,
      ratio: `${(saxesDistinctMs / annotateDistinct.ms).toFixed(2)}× saxes throughput (goal 0.3)`,
    },
    {
      operation: "annotate, distinct segments: lookups on two threads vs this thread alone",
      input: label(distinct, "every segment distinct"),
      ours: `${(annotateDistinct.ms / 1000).toFixed(1)} s (looked up: ${distinctLookups?.byWorker ?? 0} by the worker, ${distinctLookups?.byMain ?? 0} here)`,
      baseline: `${(annotateDistinctAlone.ms / 1000).toFixed(1)} s`,
      ratio: `${(annotateDistinctAlone.ms / annotateDistinct.ms).toFixed(2)}× faster`,
    },
    {
      operation: "annotate linearity: full file vs a quarter",
      input: label(full, "corpus lines"),
      ours: `${annotateFull.ms.toFixed(0)} ms`,
      baseline: `${annotateQuarter.toFixed(0)} ms`,
      ratio: `${(annotateFull.ms / annotateQuarter).toFixed(2)} (4.0 is linear)`,
    },
    {
      operation: "annotate memory: peak live heap + buffers while streaming vs file size",
      input: label(full, "bytes in, pieces out"),
      ours: `${(peak / 2 ** 20).toFixed(0)} MB`,
      baseline: `${(full.bytes.length / 2 ** 20).toFixed(0)} MB`,
      ratio: `${(peak / full.bytes.length).toFixed(2)}× file size (goal < 4)`,
    },
    {
      operation: "check (7 rules, shipped termbase) vs bare saxes",
      input: label(full, "corpus lines"),
      ours: `${Math.round(full.units / (checkFull.ms / 1000))} units/s (${checkFull.ms.toFixed(0)} ms)`,
      baseline: `${saxesMs.toFixed(0)} ms`,
      ratio: `${(saxesMs / checkFull.ms).toFixed(2)}× saxes throughput; quarter file ${checkQuarter.toFixed(0)} ms (×${(checkFull.ms / checkQuarter).toFixed(2)})`,
    },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchAnnotate());
}
