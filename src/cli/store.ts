import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { openLowdbStore } from "../store/lowdb.js";
import { isPostgresUrl, openPostgresStore, PG_COLLECTIONS } from "../store/postgres.js";
import type { ImportResult, Repository } from "../store/store.js";
import { globalOptions } from "./context.js";

/** Copies one collection in one transaction of the target. */
async function copyCollection(
  from: Repository<{ readonly id: string }>,
  to: Repository<{ readonly id: string }>,
  replaceAll: boolean,
): Promise<{ copied: number; result: ImportResult }> {
  const records = await from.list();
  return { copied: records.length, result: await to.importMany(records, { replaceAll }) };
}

/** `yizhi store migrate --to postgres://…`: copies the lowdb store of --data-dir into a PostgreSQL database. */
export function registerStore(program: Command): void {
  const store = program.command("store").description("the store itself: move a lowdb store into PostgreSQL");
  store
    .command("migrate")
    .description(
      "copy every collection of the --data-dir store into PostgreSQL (each collection in one transaction)",
    )
    .requiredOption("--to <url>", "PostgreSQL connection string, postgres://user@host:port/database")
    .option(
      "--replace",
      "replace what the database holds instead of adding to it (same ids are overwritten either way)",
    )
    .action(async (opts: { to: string; replace?: boolean }, command: Command) => {
      if (!isPostgresUrl(opts.to))
        throw new UsageError(`--to must be a postgres://… connection string (got "${opts.to}")`);
      const { dataDir } = globalOptions(command);
      // Never seed or create here: migrating a store that does not exist is a mistake worth saying.
      if (!existsSync(dataDir))
        throw new UsageError(`no store at ${path.resolve(dataDir)} (give --data-dir)`);
      const from = await openLowdbStore(dataDir);
      const to = await openPostgresStore(opts.to);
      try {
        for (const name of Object.keys(PG_COLLECTIONS) as (keyof typeof PG_COLLECTIONS)[]) {
          const { copied, result } = await copyCollection(from[name], to[name], opts.replace === true);
          process.stderr.write(
            `${name}: ${copied} copied to ${to.location} (${result.added} added, ${result.updated} updated)\n`,
          );
        }
      } finally {
        await to.close();
        await from.close();
      }
    });
}
