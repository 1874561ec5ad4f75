import type { Command } from "commander";
import { openYizhi, readInput, writeOutput } from "./context.js";

/** `yizhi termbase import|export`: TBX in and out. */
export function registerTermbase(program: Command): void {
  const termbase = program.command("termbase").description("import or export the termbase as TBX");
  termbase
    .command("import")
    .description("import a TBX file into the termbase (all or nothing)")
    .argument("<file>", "TBX file")
    .action(async (file: string, _opts: unknown, command: Command) => {
      const xml = (await readInput(file)).toString("utf8");
      const yizhi = await openYizhi(command);
      const result = await yizhi.importTbx(xml, file);
      process.stderr.write(`${file}: ${result.added} concepts added, ${result.updated} updated\n`);
    });
  termbase
    .command("export")
    .description("export the termbase as TBX-Basic")
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (opts: { output?: string }, command: Command) => {
      const yizhi = await openYizhi(command);
      await writeOutput(opts.output, await yizhi.exportTbx());
    });
}
