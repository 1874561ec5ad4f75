#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { describeError, YizhiError } from "../errors.js";
import { registerAnnotate } from "./annotate.js";
import { registerCheck } from "./check.js";
import { registerExtract } from "./extract.js";
import { registerLookup } from "./lookup.js";
import { registerReview } from "./review.js";
import { registerServe } from "./serve.js";
import { registerStore } from "./store.js";
import { registerTermbase } from "./termbase.js";
import { registerMerge, registerPrepare } from "./prepare.js";
import { registerTm } from "./tm.js";

/** Builds the `yizhi` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command("yizhi")
    .description("Chinese→English terminology and translation memory for UN texts on international migration")
    .option("--data-dir <dir>", "store directory (default: $YIZHI_DATA_DIR or ./data)")
    .option("--store <url>", "PostgreSQL store, postgres://user@host:port/db (default: $YIZHI_DATABASE_URL; else --data-dir)")
    .option("--no-seed", "do not fill a new store from the shipped glossary and memory")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  registerLookup(program);
  registerAnnotate(program);
  registerCheck(program);
  registerTermbase(program);
  registerReview(program);
  registerTm(program);
  registerPrepare(program);
  registerMerge(program);
  registerServe(program);
  registerStore(program);
  registerExtract(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

/** Runs the CLI: errors a user can act on become one line on stderr and exit code 2, never a stack trace. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help); help and version exit 0, usage errors 2.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof YizhiError) {
      process.stderr.write(`yizhi: ${describeError(error)}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`yizhi: internal error: ${describeError(error)}\n`);
    if (process.env.YIZHI_DEBUG) console.error(error);
    process.exitCode = 3;
  }
}

await main(process.argv);
