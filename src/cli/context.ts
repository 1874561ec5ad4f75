import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { readFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { InputError, UsageError } from "../errors.js";
import { openStore } from "../store/open.js";
import { redactUrl } from "../store/postgres.js";
import { Yizhi } from "../service/yizhi.js";

/** Output formats every command understands with `--format`. */
export type Format = "json" | "text";

/** Global options, read from the root command. */
export interface GlobalOptions {
  readonly dataDir: string;
  /** A PostgreSQL connection string, from `--store` or YIZHI_DATABASE_URL; when absent the lowdb store in dataDir. */
  readonly store: string | undefined;
  readonly seed: boolean;
}

/** The global options given on the command line, with YIZHI_DATA_DIR and YIZHI_DATABASE_URL as defaults. */
export function globalOptions(command: Command): GlobalOptions {
  const opts = command.optsWithGlobals<{ dataDir?: string; store?: string; seed?: boolean }>();
  return {
    dataDir: opts.dataDir ?? process.env.YIZHI_DATA_DIR ?? "./data",
    // An explicit --data-dir means the lowdb store there, even when YIZHI_DATABASE_URL is set.
    store: opts.store ?? (opts.dataDir === undefined ? process.env.YIZHI_DATABASE_URL || undefined : undefined),
    seed: opts.seed !== false,
  };
}

/** Opens the store named by the global options (seeding a new one) and the service over it. */
export async function openYizhi(command: Command): Promise<Yizhi> {
  const { dataDir, store: storeUrl, seed } = globalOptions(command);
  const store = await openStore({
    dataDir,
    store: storeUrl,
    seed,
    onSeed: (r) =>
      process.stderr.write(
        `yizhi: created ${storeUrl === undefined ? path.resolve(dataDir) : redactUrl(storeUrl)} with ${r.concepts} concepts and ${r.units} translation units from ${r.files.join(", ")}\n`,
      ),
  });
  return new Yizhi(store);
}

/** Reads a user's input file, turning "not found" into an error that names the file. */
export async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
    throw new InputError(reason, { file });
  }
}

/** Writes output to a file atomically (temp file + rename), or to stdout when no file is given. */
export async function writeOutput(file: string | undefined, content: string | Buffer): Promise<void> {
  await writeOutputInPieces(file, async (write) => write(typeof content === "string" ? Buffer.from(content, "utf8") : content));
}

/**
 * Lets `produce` write its output in pieces: to a temporary file renamed over `file` once it succeeds (and
 * removed when it fails, so a half-written file never appears), or — for stdout — collected and written at the
 * end, so an error leaves no partial document on a pipe.
 */
export async function writeOutputInPieces<T>(
  file: string | undefined,
  produce: (write: (chunk: Buffer) => void) => Promise<T>,
): Promise<T> {
  if (file === undefined || file === "-") {
    const chunks: Buffer[] = [];
    const result = await produce((chunk) => chunks.push(chunk));
    process.stdout.write(Buffer.concat(chunks));
    return result;
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temp, "w");
  try {
    const result = await produce((chunk) => {
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at);
    });
    closeSync(fd);
    await rename(temp, file);
    return result;
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    unlinkSync(temp);
    throw error;
  }
}

/** Validates a `--format` value against what a command supports. */
export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--format must be one of ${allowed.join(", ")} (got "${value}")`);
}

/** Parses a whole number option within bounds, naming the option when it is not one. */
export function parseIntOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}
