import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { SaxesParser } from "saxes";
import { planAnnotations, type UnitSuggestions } from "../src/xliff/annotate.js";
import { readXliff, type XliffDocument } from "../src/xliff/read.js";
import { applyInsertions } from "../src/xliff/splice.js";
import { corpusUrl, median, printTable, seededRandom, type BenchRow } from "./table.js";

const SOURCES = corpusUrl(import.meta.url);

/** Corpus lines long enough to be sentences (the PDF text has one line per visual line). */
function corpusSentences(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(SOURCES)
    .filter((n) => n.endsWith(".txt"))
    .sort()) {
    for (const line of readFileSync(new URL(f, SOURCES), "utf8").split("\n")) {
      const t = line.trim();
      if (t.length >= 12) out.push(t);
    }
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A ~`targetBytes` XLIFF 2.0 document: corpus sentences as sources, `<ph/>` in ~30 % of them, targets in ~half.
 * The corpus has ~1,800 such lines, so a 20 MB file repeats each about 50 times; `distinct` appends a unit
 * number to every source (as a numbered paragraph would differ) so that no two segments are equal.
 */
export function generateXliff20(
  targetBytes: number,
  seed = 20261128,
  distinct = false,
): { xml: string; units: number } {
  const rnd = seededRandom(seed);
  const sentences = corpusSentences();
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">\n <file id="f1">\n',
  ];
  let bytes = 0;
  let n = 0;
  while (bytes < targetBytes) {
    const line = sentences[Math.floor(rnd() * sentences.length)] ?? "";
    const s = distinct ? `${line}（第${n}段）` : line;
    let src = esc(s);
    if (rnd() < 0.3) {
      const cut = Math.floor(rnd() * s.length);
      src = `${esc(s.slice(0, cut))}<ph id="1" dataRef="d1"/>${esc(s.slice(cut))}`;
    }
    const target = rnd() < 0.5 ? `\n    <target>Translated sentence ${n} &amp; more</target>` : "";
    const unit = `  <unit id="u${n}">\n   <segment id="s${n}">\n    <source>${src}</source>${target}\n   </segment>\n  </unit>\n`;
    parts.push(unit);
    bytes += Buffer.byteLength(unit);
    n++;
  }
  parts.push(" </file>\n</xliff>\n");
  return { xml: parts.join(""), units: n };
}

function time(runs: number, f: () => void): number {
  f(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const mbps = (bytes: number, ms: number) =>
  `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(1)} MB/s (${ms.toFixed(0)} ms)`;

/** Times readXliff and annotate on a generated 20 MB XLIFF 2.0 file against baselines measured in the same run. */
export async function benchXliff(): Promise<BenchRow[]> {
  const { xml, units } = generateXliff20(20 * 2 ** 20);
  const buf = Buffer.from(xml, "utf8");
  const size = `${(buf.length / 2 ** 20).toFixed(1)} MB, ${units} units`;

  const scan = time(3, () => {
    const s = buf.toString("utf8");
    let c = 0;
    for (let i = s.indexOf("<"); i !== -1; i = s.indexOf("<", i + 1)) c++;
    if (c === 0) throw new Error("no markup");
  });
  const saxes = time(3, () => {
    const p = new SaxesParser({ xmlns: true, position: true });
    let n = 0;
    p.on("opentag", () => n++);
    p.on("text", () => n++);
    p.write(buf.toString("utf8")).close();
  });
  let doc: XliffDocument | undefined = readXliff(buf, "bench.xlf");
  const ours = time(3, () => {
    // Let the last run's document go first: saxes keeps nothing between its runs either.
    doc = undefined;
    doc = readXliff(buf, "bench.xlf");
  });

  const rnd = seededRandom(7);
  const suggestions = new Map<string, UnitSuggestions>();
  for (const u of (doc as XliffDocument).units) {
    if (rnd() >= 0.1) continue;
    const seg = u.segments[0];
    if (seg === undefined) continue;
    suggestions.set(u.id, {
      glossary: [{ conceptId: "c012", term: "移徙", translations: ["migration"] }],
      matches: [
        {
          segmentId: seg.id,
          similarity: rnd() < 0.5 ? 1 : 0.8,
          source: seg.source.text,
          target: "Suggested translation",
          origin: "yizhi:tm",
        },
      ],
    });
  }
  // The same document on one line and with lone CRs: line/column tracking must stay one pass (it was
  // quadratic on both before it cached the next line break).
  const oneLine = Buffer.from(xml.replace(/\n/g, ""), "utf8");
  const loneCr = Buffer.from(xml.replace(/\n/g, "\r"), "utf8");
  const oneLineMs = time(1, () => readXliff(oneLine, "one-line.xlf"));
  const loneCrMs = time(1, () => readXliff(loneCr, "lone-cr.xlf"));

  let outLength = 0;
  const annotate = time(3, () => {
    const d = readXliff(buf, "bench.xlf");
    outLength = applyInsertions(d, planAnnotations(d, suggestions, { pretranslate: true }).insertions).length;
  });

  // The `xliff` package has no type declarations; a variable specifier keeps tsc from resolving it.
  const spec = "xliff/xliff2js";
  const { default: xliff2js } = (await import(spec)) as { default: (xml: string) => Promise<unknown> };
  const t0 = performance.now();
  await xliff2js(xml);
  const npm = performance.now() - t0;

  return [
    {
      operation: "readXliff vs decode + '<' scan",
      input: size,
      ours: mbps(buf.length, ours),
      baseline: mbps(buf.length, scan),
      ratio: `${(ours / scan).toFixed(1)}× time`,
    },
    {
      operation: "readXliff vs bare saxes",
      input: size,
      ours: mbps(buf.length, ours),
      baseline: mbps(buf.length, saxes),
      ratio: `${(ours / saxes).toFixed(1)}× time`,
    },
    {
      operation: "readXliff: the file on one line / with lone CR line ends vs as generated (LF)",
      input: size,
      ours: `${oneLineMs.toFixed(0)} ms / ${loneCrMs.toFixed(0)} ms`,
      baseline: `${ours.toFixed(0)} ms`,
      ratio: `${(oneLineMs / ours).toFixed(2)}× / ${(loneCrMs / ours).toFixed(2)}× time`,
    },
    {
      operation: "readXliff vs xliff npm xliff2js (1 run)",
      input: size,
      ours: mbps(buf.length, ours),
      baseline: mbps(buf.length, npm),
      ratio: `${(npm / ours).toFixed(1)}× faster`,
    },
    {
      operation: `annotate (read + plan + splice, ${suggestions.size} units) vs bare saxes`,
      input: `${size} → ${(outLength / 2 ** 20).toFixed(1)} M chars`,
      ours: `${mbps(buf.length, annotate)}, ${Math.round(units / (annotate / 1000))} units/s`,
      baseline: mbps(buf.length, saxes),
      ratio: `${(annotate / saxes).toFixed(1)}× time`,
    },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchXliff());
}
