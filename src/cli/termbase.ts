import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { openYizhi, readInput, writeOutput } from "./context.js";

/** `yizhi termbase import|export`: TBX in and out. */
export function registerTermbase(program: Command): void {
  const termbase = program.command("termbase").description("import or export the termbase as TBX");
  termbase
    .command("import")
    .description("import a TBX file into the termbase (all or nothing)")
    .argument("<file>", "TBX file")
    .action(async (file: string, _opts: unknown, command: Command) => {
      const input = await readInput(file);
      const yizhi = await openYizhi(command);
      // The bytes, not a lenient UTF-8 string: invalid UTF-8 must be refused, not stored as U+FFFD.
      const result = await yizhi.importTbx(input, file);
      process.stderr.write(`${file}: ${result.added} concepts added, ${result.updated} updated\n`);
    });
  termbase
    .command("export")
    .description("export the termbase as TBX-Basic")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .option(
      "--tbx-version <version>",
      "3 = TBX v3 (ISO 30042:2019); 2 = TBX v2 <martif> (ISO 30042:2008), for OmegaT and other CAT tools",
      "3",
    )
    .action(async (opts: { output?: string; tbxVersion: string }, command: Command) => {
      if (opts.tbxVersion !== "2" && opts.tbxVersion !== "3")
        throw new UsageError("--tbx-version must be 2 or 3");
      const yizhi = await openYizhi(command);
      await writeOutput(opts.output, await yizhi.exportTbx({ version: opts.tbxVersion === "2" ? 2 : 3 }));
    });
}
