import path from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { Yizhi } from "../service/yizhi.js";
import { unitsFromXliff } from "../tm/from-xliff.js";
import { openYizhi, parseFormat, parseIntOption, readInput, writeOutput } from "./context.js";
import { createProgress } from "./progress.js";

function renderMatchesText(json: Awaited<ReturnType<Yizhi["searchTm"]>>): string {
  if (json.matches.length === 0) return `no match for "${json.query}"\n`;
  return (
    json.matches
      .map(
        (m) =>
          `${(m.score * 100).toFixed(1).padStart(5)}%  ${m.source}\n        ${m.target}` +
          (m.origin ? `\n        (${m.origin})` : ""),
      )
      .join("\n") + "\n"
  );
}

/** The translated segments of an XLIFF file without those that have error findings, and those findings. */
export async function cleanUnitsFromXliff(yizhi: Yizhi, input: Buffer, file: string) {
  if (/<tmx[\s>]/.test(input.subarray(0, 4096).toString("utf8"))) {
    throw new UsageError(`${file}: --only-clean checks XLIFF files; a TMX file has no check to pass`);
  }
  const { report, xliff } = await yizhi.check(input, file);
  const refused = report.findings.filter((f) => f.severity === "error");
  const bad = new Set(refused.map((f) => `${f.unit}\u0000${f.segmentIndex}`));
  const units = unitsFromXliff(xliff, path.basename(file), new Date().toISOString(), (unit, index) => bad.has(`${unit}\u0000${index}`));
  return { units, refused };
}

/** Parses a similarity threshold given as 0..1 or as a percentage 0..100. */
export function parseThreshold(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${name} must be a number from 0 to 1 (or a percentage)`);
  return n > 1 ? n / 100 : n;
}

/** `yizhi tm import|export|search`: the translation memory. */
export function registerTm(program: Command): void {
  const tm = program.command("tm").description("translation memory: import, export, search");
  tm.command("import")
    .description("import a TMX file or a translated XLIFF file into the memory (all or nothing)")
    .argument("<file>", "TMX 1.4 or XLIFF 1.2/2.x file")
    .option("--only-clean", "XLIFF only: leave out segments that `yizhi check` finds errors in (and list them)")
    .action(async (file: string, opts: { onlyClean?: boolean }, command: Command) => {
      const input = await readInput(file);
      const yizhi = await openYizhi(command);
      let units;
      if (opts.onlyClean) {
        const clean = await cleanUnitsFromXliff(yizhi, input, file);
        units = clean.units;
        for (const f of clean.refused) {
          process.stderr.write(`${file}: unit ${f.unit}${f.segment ? ` segment ${f.segment}` : ""}: not imported: ${f.message} (${f.rule})\n`);
        }
      } else {
        const progress = createProgress(`importing ${path.basename(file)}`);
        try {
          units = yizhi.parseTmInput(input, file, (done, total) => progress.update(done, total));
        } finally {
          progress.stop();
        }
      }
      const result = await yizhi.importTm(units);
      process.stderr.write(`${file}: ${result.added} translation units added, ${result.updated} updated\n`);
    });
  tm.command("export")
    .description("export the memory as TMX 1.4b")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (opts: { output?: string }, command: Command) => {
      const yizhi = await openYizhi(command);
      await writeOutput(opts.output, await yizhi.exportTmx());
    });
  tm.command("search")
    .description("fuzzy search of the memory, with a diff of each match")
    .argument("<text>", "source text to match")
    .option("--min <score>", "lowest similarity, 0..1", "0.7")
    .option("--limit <n>", "at most this many matches", "5")
    .option("--format <format>", "json or text", "text")
    .action(async (text: string, opts: { min: string; limit: string; format: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "text"] as const, "text");
      const min = parseThreshold("--min", opts.min);
      const limit = parseIntOption("--limit", opts.limit, 1, 100);
      const yizhi = await openYizhi(command);
      const json = await yizhi.searchTm(text, { min, limit });
      process.stdout.write(format === "json" ? JSON.stringify(json, null, 2) + "\n" : renderMatchesText(json));
    });
}
