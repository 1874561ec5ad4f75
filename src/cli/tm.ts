import path from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { openYizhi, parseFormat, parseIntOption, readInput, writeOutput } from "./context.js";
import { createProgress } from "./progress.js";

function renderMatchesText(json: Awaited<ReturnType<import("../service/yizhi.js").Yizhi["searchTm"]>>): string {
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
    .action(async (file: string, _opts: unknown, command: Command) => {
      const input = await readInput(file);
      const yizhi = await openYizhi(command);
      const progress = createProgress(`importing ${path.basename(file)}`);
      let units;
      try {
        units = yizhi.parseTmInput(input, file, (done, total) => progress.update(done, total));
      } finally {
        progress.stop();
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
