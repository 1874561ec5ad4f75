import type { Command } from "commander";
import path from "node:path";
import { openYizhi, readInput, writeOutputInPieces } from "./context.js";
import { createProgress } from "./progress.js";
import { parseThreshold } from "./tm.js";

/** `yizhi annotate IN.xlf`: the same file back with glossary hits and TM matches added. */
export function registerAnnotate(program: Command): void {
  program
    .command("annotate")
    .description("add glossary hits and translation-memory matches to an XLIFF file, changing nothing else")
    .argument("<file>", "XLIFF 1.2 or 2.x file")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .option("--min-match <score>", "lowest TM similarity to add, 0..1", "0.7")
    .option("--pretranslate", "fill empty targets from exact (100%) matches; never overwrites a target")
    .action(async (file: string, opts: { output?: string; minMatch: string; pretranslate?: boolean }, command: Command) => {
      const minMatch = parseThreshold("--min-match", opts.minMatch);
      const input = await readInput(file);
      const yizhi = await openYizhi(command);
      const progress = createProgress(`annotating ${path.basename(file)}`);
      let last = 0;
      const onProgress = (done: number, total: number) => {
        // A bar redraw per unit would cost more than the unit; every 1/200 of the file is smooth enough.
        if (done - last < total / 200 && done < total) return;
        last = done;
        progress.update(done, total);
      };
      const result = await writeOutputInPieces(opts.output, (write) =>
        yizhi.annotateTo(input, file, { minMatch, pretranslate: opts.pretranslate === true, onProgress }, write),
      ).finally(() => progress.stop());
      process.stderr.write(
        `${file}: ${result.glossaryHits} glossary hits and ${result.tmMatches} TM matches added to ${result.annotatedUnits} of ${result.units} units\n`,
      );
      for (const s of result.skipped) {
        process.stderr.write(`${file}: unit ${s.unit}${s.segment ? ` segment ${s.segment}` : ""}: ${s.kind} not added: ${s.reason}\n`);
      }
    });
}
