/**
 * Evaluates term extraction against the hand-built list test/fixtures/extract/eval-terms.tsv (term, kind =
 * term|nonterm, note), on the five corpus documents and in a leave-one-document-out run.
 *
 *   npx tsx scripts/eval-extract.ts      (npm run eval:extract)
 *
 * Precision is printed two ways:
 *   judged P@k — among the top k candidates that the list judges (term or nonterm), the share of terms;
 *   strict P@k — among all top k candidates, the share that are listed terms (unlisted count as wrong).
 * Recall@300 — share of the list's terms (that occur in the documents extracted from) found in the top 300.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { extractCandidates, type ExtractDocument } from "../src/extract/extract.js";
import { parseTbx } from "../src/termbase/tbx.js";
import type { Concept } from "../src/termbase/model.js";

const root = join(import.meta.dirname, "..");
const sourcesDir = join(root, "glossary", "sources");
const listPath = join(root, "test", "fixtures", "extract", "eval-terms.tsv");

const rows = readFileSync(listPath, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split("\t"));
const judged = new Map<string, "term" | "nonterm">();
for (const [term, kind] of rows) if (term !== undefined && (kind === "term" || kind === "nonterm")) judged.set(term, kind);
const terms = [...judged].filter(([, k]) => k === "term").map(([t]) => t);

const docs: ExtractDocument[] = readdirSync(sourcesDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(sourcesDir, f), "utf8") }));

interface Row {
  run: string;
  judgedP: string[];
  strictP: string[];
  recall: string;
  ms: number;
  top: readonly string[];
  /** Listed terms present in the documents but not in the top 300. */
  missed: readonly string[];
}

const tbxPath = join(root, "glossary", "un-migration.tbx");
const termbase: Concept[] = existsSync(tbxPath) ? parseTbx(readFileSync(tbxPath, "utf8"), tbxPath) : [];

function evaluate(run: string, subset: readonly ExtractDocument[], concepts: readonly Concept[] = []): Row {
  const t0 = performance.now();
  const candidates = extractCandidates(subset, { top: 300, termbase: concepts });
  const ms = performance.now() - t0;
  const judgedP: string[] = [];
  const strictP: string[] = [];
  for (const k of [50, 100, 200]) {
    const head = candidates.slice(0, k);
    const inList = head.filter((c) => judged.has(c.term));
    const good = inList.filter((c) => judged.get(c.term) === "term").length;
    judgedP.push(inList.length > 0 ? `${(good / inList.length).toFixed(2)} (${good}/${inList.length})` : "–");
    strictP.push(`${(good / head.length).toFixed(2)}`);
  }
  // Terms of the list that occur at least twice (the minimum frequency) in the documents of this run.
  // Presence is counted on the raw text with line breaks (and the spaces around them) removed, which joins words
  // that PDF extraction broke across lines; independent of the extractor's own normalization.
  const texts = subset.map((d) => d.text.replace(/[ \t]*\r?\n[ \t\r\n]*/g, ""));
  const present = terms.filter((t) => texts.reduce((n, x) => n + x.split(t).length - 1, 0) >= 2);
  const found = new Set(candidates.map((c) => c.term));
  const hit = present.filter((t) => found.has(t)).length;
  const missed = present.filter((t) => !found.has(t));
  const top = candidates.slice(0, 30).map((c, i) => `${i + 1}. ${c.term} ${c.frequency}/${c.documents}${judged.has(c.term) ? (judged.get(c.term) === "term" ? "" : " ✗") : " ?"}`);
  return { run, judgedP, strictP, recall: `${(hit / present.length).toFixed(2)} (${hit}/${present.length})`, ms, top, missed };
}

// The statistics are judged without a termbase (the shipped glossary was built from this very corpus, so its
// terms would be exempt from the boundary filter); one extra row shows the run with it.
const results: Row[] = [evaluate("all 5 documents", docs)];
for (let i = 0; i < docs.length; i++) {
  results.push(evaluate(`without ${docs[i]?.file.slice(0, 3)}`, docs.filter((_, j) => j !== i)));
}
if (termbase.length > 0) results.push(evaluate(`all 5 + termbase (${termbase.length} concepts)`, docs, termbase));

console.log(`eval list: ${terms.length} terms, ${judged.size - terms.length} non-terms (${listPath})`);
console.log("judged P@k = terms / listed candidates in the top k; strict P@k = terms / all top k candidates\n");
const header = ["run", "judged P@50", "judged P@100", "judged P@200", "strict P@50", "strict P@100", "strict P@200", "recall@300", "ms"];
const table = results.map((r) => [r.run, ...r.judgedP, ...r.strictP, r.recall, r.ms.toFixed(0)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
const fmt = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ");
console.log(fmt(header));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const r of table) console.log(fmt(r));
console.log("\ntop 30 of the five documents (term frequency/documents; ✗ = a listed non-term, ? = not in the list):");
console.log((results[0]?.top ?? []).join("  "));

// Where the listed terms that the top 300 misses rank in the full candidate list ("–" = not a candidate at all:
// filtered out, or scored 0), so a change can be judged by what it does to the misses, not only by the count.
const missedAll = results[0]?.missed ?? [];
if (missedAll.length > 0) {
  const full = extractCandidates(docs, { top: Number.MAX_SAFE_INTEGER });
  const rankOf = new Map(full.map((c, i) => [c.term, i + 1]));
  const cells = missedAll.map((t) => ({ t, r: rankOf.get(t) })).sort((a, b) => (a.r ?? Infinity) - (b.r ?? Infinity));
  console.log(`\nlisted terms missed by the top 300 of the five documents (${missedAll.length}; rank among ${full.length} candidates):`);
  console.log(cells.map(({ t, r }) => `${t} ${r ?? "–"}`).join("  "));
}
