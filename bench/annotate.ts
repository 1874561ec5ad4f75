import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SaxesParser } from "saxes";
import { checkDocumentFromXliff } from "../src/qa/from-xliff.js";
import { RULES } from "../src/qa/registry.js";
import { runCheck } from "../src/qa/runner.js";
import { suggestForDocument } from "../src/service/suggest.js";
import { packageRoot } from "../src/store/open.js";
import { buildTermMatcher } from "../src/termbase/matcher.js";
import { parseTbx } from "../src/termbase/tbx.js";
import { createTmIndex } from "../src/tm/index.js";
import { planAnnotations } from "../src/xliff/annotate.js";
import { readXliff } from "../src/xliff/read.js";
import { spliceXliff } from "../src/xliff/splice.js";
import { median, printTable, type BenchRow } from "./table.js";
import { syntheticMemory } from "./tm.js";
import { generateXliff20 } from "./xliff.js";

function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

function bareSaxes(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let n = 0;
  parser.on("opentag", () => n++);
  parser.on("text", () => n++);
  parser.write(xml).close();
}

/**
 * The whole annotate and check paths on a generated XLIFF 2.0 file (corpus sentences) with the shipped
 * termbase and a 100k-unit synthetic memory, against a bare saxes parse of the same file in the same run;
 * linearity from the same work on a quarter of the file; memory as RSS growth over the file size.
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

  const annotate = (xml: string) => {
    const doc = readXliff(xml, "bench.xlf");
    const suggestions = suggestForDocument(doc, byId, matcher, tm, { minMatch: 0.7, maxMatches: 3 });
    return spliceXliff(doc, planAnnotations(doc, suggestions).insertions);
  };
  const check = (xml: string) => {
    const doc = checkDocumentFromXliff(readXliff(xml, "bench.xlf"), "bench.xlf");
    return runCheck(doc, { rules: RULES, concepts: byId, matcher });
  };

  const rows: BenchRow[] = [];
  const full = generateXliff20(megabytes * 2 ** 20);
  const quarter = generateXliff20((megabytes / 4) * 2 ** 20);
  const bytes = Buffer.byteLength(full.xml);
  const size = `${(bytes / 2 ** 20).toFixed(1)} MB, ${full.units} units`;

  const saxesMs = median([0, 1, 2].map(() => timed(() => bareSaxes(full.xml)).ms));
  // Heap + buffers still reachable after annotating (the document model, suggestions and output), measured
  // between two full collections so earlier benchmarks' garbage does not count for or against us.
  const live = () => {
    global.gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = live();
  let keep: unknown;
  const annotateFull = timed(() => {
    const doc = readXliff(full.xml, "bench.xlf");
    const suggestions = suggestForDocument(doc, byId, matcher, tm, { minMatch: 0.7, maxMatches: 3 });
    keep = [doc, suggestions, spliceXliff(doc, planAnnotations(doc, suggestions).insertions)];
  });
  const grown = live() - before;
  const annotateQuarter = median([0, 1].map(() => timed(() => annotate(quarter.xml)).ms));
  const checkFull = timed(() => check(full.xml));
  const checkQuarter = median([0, 1].map(() => timed(() => check(quarter.xml)).ms));

  const mbps = (ms: number) => `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(1)} MB/s`;
  rows.push({
    operation: `annotate (termbase ${concepts.length} concepts, TM ${tmUnits / 1000}k units) vs bare saxes`,
    input: size,
    ours: `${mbps(annotateFull.ms)}, ${Math.round(full.units / (annotateFull.ms / 1000))} units/s`,
    baseline: `${mbps(saxesMs)} (${saxesMs.toFixed(0)} ms)`,
    ratio: `${(saxesMs / annotateFull.ms).toFixed(2)}× saxes throughput`,
  });
  rows.push({
    operation: "annotate linearity: full file vs a quarter",
    input: size,
    ours: `${annotateFull.ms.toFixed(0)} ms`,
    baseline: `${annotateQuarter.toFixed(0)} ms`,
    ratio: `${(annotateFull.ms / annotateQuarter).toFixed(2)} (4.0 is linear)`,
  });
  rows.push({
    operation: "annotate memory: live heap + buffers (document, suggestions, output) vs file size",
    input: size,
    ours: `${(grown / 2 ** 20).toFixed(0)} MB`,
    baseline: `${(bytes / 2 ** 20).toFixed(0)} MB`,
    ratio: `${(grown / bytes).toFixed(2)}× file size`,
  });
  rows.push({
    operation: "check (7 rules, shipped termbase) vs bare saxes",
    input: size,
    ours: `${Math.round(full.units / (checkFull.ms / 1000))} units/s (${checkFull.ms.toFixed(0)} ms)`,
    baseline: `${saxesMs.toFixed(0)} ms`,
    ratio: `${(saxesMs / checkFull.ms).toFixed(2)}× saxes throughput; quarter file ${checkQuarter.toFixed(0)} ms (×${(checkFull.ms / checkQuarter).toFixed(2)})`,
  });
  void keep;
  void checkFull.value;
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchAnnotate());
}
