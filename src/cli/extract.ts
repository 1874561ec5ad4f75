import path from "node:path";
import type { Command } from "commander";
import { InputError } from "../errors.js";
import type { ExtractJson } from "../extract/candidate.js";
import type { ExtractDocument } from "../extract/extract.js";
import { openYizhi, parseFormat, parseIntOption, readInput, writeOutput } from "./context.js";
import { createProgress, type Progress } from "./progress.js";

const PHASES: Record<string, string> = {
  prepare: "extract: reading and segmenting files",
  count: "extract: counting n-grams",
  score: "extract: scoring",
  propose: "extract: proposing English",
};

/** Decodes a file given to extract as UTF-8 text; a binary or wrongly encoded file is an input error. */
export function decodeText(bytes: Buffer, file: string): string {
  if (bytes.includes(0))
    throw new InputError("not a text file (contains NUL bytes)", { file }, { code: "not-text", status: 415 });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError("not valid UTF-8 text", { file }, { code: "not-utf8", status: 415 });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads the files named on the command line as extraction documents, named by their base names. */
export async function readDocuments(files: readonly string[]): Promise<ExtractDocument[]> {
  const docs: ExtractDocument[] = [];
  for (const file of files)
    docs.push({ file: path.basename(file), text: decodeText(await readInput(file), file) });
  return docs;
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

/**
 * The text form: one line per candidate — rank, term, frequency, documents, score, known concept or "new", and
 * the English proposals with their origin — and, with `contexts`, the context sentences under it.
 */
export function renderExtractText(json: ExtractJson, contexts = false): string {
  if (json.candidates.length === 0) return "no candidate terms found\n";
  const termWidth = Math.max(4, ...json.candidates.map((c) => displayWidth(c.term)));
  const rankWidth = String(json.candidates.length).length;
  const lines = [
    `${" ".repeat(rankWidth)}  ${pad("term", termWidth)}  ${"freq".padStart(5)}  docs  score  known   english`,
  ];
  json.candidates.forEach((c, i) => {
    const status = c.known ? (c.concept ?? "known") : "new";
    const english = c.english
      .map((e) => (e.origin === "termbase" ? e.term : `${e.term} (${e.origin})`))
      .join("; ");
    lines.push(
      `${String(i + 1).padStart(rankWidth)}  ${pad(c.term, termWidth)}  ${String(c.frequency).padStart(5)}  ${String(c.documents).padStart(4)}  ${c.score.toFixed(3)}  ${status.padEnd(6)}  ${english || "–"}`,
    );
    if (contexts)
      for (const x of c.contexts) lines.push(`${" ".repeat(rankWidth + 4)}${x.file}:${x.line}  ${x.text}`);
  });
  return lines.join("\n") + "\n";
}

function tsvCell(s: string): string {
  return s.replace(/[\t\r\n]+/g, " ");
}

/** The TSV form, for a spreadsheet: a header line, then one line per candidate with its first context. */
export function renderExtractTsv(json: ExtractJson): string {
  const header = [
    "rank",
    "term",
    "frequency",
    "documents",
    "score",
    "known",
    "concept",
    "english",
    "origin",
    "context",
    "file",
    "line",
  ];
  const rows = json.candidates.map((c, i) => {
    const first = c.contexts[0];
    return [
      String(i + 1),
      c.term,
      String(c.frequency),
      String(c.documents),
      String(c.score),
      c.known ? "yes" : "no",
      c.concept ?? "",
      c.english.map((e) => e.term).join("; "),
      c.english.map((e) => e.origin).join("; "),
      first?.text ?? "",
      first?.file ?? "",
      first !== undefined ? String(first.line) : "",
    ].map(tsvCell);
  });
  return [header, ...rows].map((r) => r.join("\t")).join("\n") + "\n";
}

/** A progress bar per extraction phase on a terminal; nothing when stderr is not one. */
function phaseProgress(): {
  onProgress: (phase: string, done: number, total: number) => void;
  stop: () => void;
} {
  let current: { phase: string; bar: Progress } | undefined;
  return {
    onProgress(phase, done, total) {
      if (current?.phase !== phase) {
        current?.bar.stop();
        current = { phase, bar: createProgress(PHASES[phase] ?? `extract: ${phase}`) };
      }
      current.bar.update(done, total);
    },
    stop: () => current?.bar.stop(),
  };
}

/** `yizhi extract FILE...`: ranked candidate terms with evidence and proposed English. */
export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description(
      "extract candidate terms from Chinese documents, best first, with contexts and proposed English",
    )
    .argument("<files...>", "Chinese plain-text files (UTF-8)")
    .option("--top <n>", "how many candidates", "100")
    .option("--min-freq <k>", "minimum frequency over all files (at least 2)", "2")
    .option("--format <format>", "json, text or tsv", "text")
    .option("--contexts", "text format: print the context sentences under each candidate")
    .option("--all", "include candidates rejected in review")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(
      async (
        files: string[],
        opts: {
          top: string;
          minFreq: string;
          format: string;
          contexts?: boolean;
          all?: boolean;
          output?: string;
        },
        command: Command,
      ) => {
        const format = parseFormat(opts.format, ["json", "text", "tsv"] as const, "text");
        const top = parseIntOption("--top", opts.top, 1, 100000);
        const minFreq = parseIntOption("--min-freq", opts.minFreq, 2, 1000000);
        const documents = await readDocuments(files);
        const yizhi = await openYizhi(command);
        const progress = phaseProgress();
        let json: ExtractJson;
        try {
          json = await yizhi.extract(documents, {
            top,
            minFreq,
            all: opts.all === true,
            onProgress: progress.onProgress,
          });
        } finally {
          progress.stop();
        }
        const out =
          format === "json"
            ? JSON.stringify(json, null, 2) + "\n"
            : format === "tsv"
              ? renderExtractTsv(json)
              : renderExtractText(json, opts.contexts === true);
        await writeOutput(opts.output, out);
      },
    );
}
