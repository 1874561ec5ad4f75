import path from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { prepareDocument } from "../service/document.js";
import { readXliff } from "../xliff/read.js";
import { mergeXliff } from "../xliff/merge.js";
import { openYizhi, parseFormat, readInput, writeOutput } from "./context.js";
import { parseThreshold } from "./tm.js";

/** Decodes a plain-text document as UTF-8, refusing bytes that are not. */
export function decodeText(input: Buffer, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    throw new UsageError(`${file}: not UTF-8 text`);
  }
}

interface PrepareFlags {
  output?: string;
  xliff: string;
  minMatch: string;
  pretranslate?: boolean;
  copySource?: boolean;
}

/** `yizhi prepare DOC.txt`: a new Chinese document → CAT-ready XLIFF with suggestions. */
export function registerPrepare(program: Command): void {
  program
    .command("prepare")
    .description("turn a Chinese document (plain text) into an XLIFF file with glossary hits and TM matches")
    .argument("<file>", "UTF-8 text, e.g. extracted from a PDF")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .option("--xliff <version>", "2.0 or 1.2", "2.0")
    .option("--min-match <score>", "lowest TM similarity to add, 0..1", "0.7")
    .option("--pretranslate", "fill targets from exact (100%) matches")
    .option("--copy-source", "XLIFF 1.2: copy each source into its target, state needs-translation (for OmegaT)")
    .action(async (file: string, opts: PrepareFlags, command: Command) => {
      const version = parseFormat(opts.xliff, ["2.0", "1.2"] as const, "2.0");
      const minMatch = parseThreshold("--min-match", opts.minMatch);
      const copySource = opts.copySource === true;
      // The copy is the XLIFF 1.2 convention of OmegaT 3.6; and a target holding the copy is never pre-translated
      // (OmegaT inserts exact matches from the project's tm/auto/ itself).
      if (copySource && version !== "1.2") throw new UsageError("--copy-source writes XLIFF 1.2: add --xliff 1.2");
      if (copySource && opts.pretranslate === true)
        throw new UsageError("--copy-source and --pretranslate cannot be combined");
      const raw = decodeText(await readInput(file), file);
      const yizhi = await openYizhi(command);
      const prepared = prepareDocument(raw, path.basename(file), version, file, { copySource });
      const annotated = await yizhi.annotate(prepared.xliff, opts.output ?? file, { minMatch, pretranslate: opts.pretranslate === true });
      await writeOutput(opts.output, annotated.output);
      const filled = opts.pretranslate
        ? `, ${countPretranslated(annotated.output.toString("utf8"))} pre-translated`
        : copySource
          ? `, ${prepared.segments} targets copy the source`
          : "";
      process.stderr.write(
        `${file}: ${prepared.units} units, ${prepared.segments} segments (${prepared.srcLang}); ` +
          `${annotated.glossaryHits} glossary hits, ${annotated.tmMatches} TM matches${filled}\n`,
      );
    });
}

function countPretranslated(xml: string): number {
  return (xml.match(/subState="yizhi:exact-match"|state-qualifier="exact-match"/g) ?? []).length;
}

/** `yizhi merge DOC.xlf`: a translated XLIFF → plain text in the original paragraph structure. */
export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description("write a translated XLIFF back as text, one paragraph per unit; untranslated segments stay in the source language")
    .argument("<file>", "XLIFF 1.2 or 2.x file")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (file: string, opts: { output?: string }) => {
      const merged = mergeXliff(readXliff(await readInput(file), file));
      await writeOutput(opts.output, merged.text);
      process.stderr.write(
        `${file}: ${merged.segments - merged.untranslated} of ${merged.segments} segments translated` +
          (merged.untranslated > 0 ? `; ${merged.untranslated} left in the source language` : "") +
          "\n",
      );
    });
}
