import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import { parseTbx } from "../termbase/tbx.js";
import { parseTmx } from "../tm/tmx.js";
import { openLowdbStore } from "./lowdb.js";
import { isPostgresUrl, openPostgresStore } from "./postgres.js";
import type { Store } from "./store.js";

/** The folder of the installed yizhi package (where glossary/ and tm/ ship), found from this module's path. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
      if (name === "yizhi") return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the yizhi package root");
    dir = parent;
  }
}

/** Options for opening a store. */
export interface OpenStoreOptions {
  readonly dataDir: string;
  /** A PostgreSQL connection string (`postgres://…`): use that database instead of the lowdb store in `dataDir`. */
  readonly store?: string;
  /** Seed a missing or empty store from the shipped glossary/*.tbx and tm/*.tmx (default true). */
  readonly seed?: boolean;
  /** Told how many concepts and units were seeded, for a message on stderr. */
  readonly onSeed?: (report: SeedReport) => void;
}

/** What seeding put into a new store. */
export interface SeedReport {
  readonly concepts: number;
  readonly units: number;
  readonly files: readonly string[];
}

function isEmptyStore(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true;
  return readdirSync(dataDir).filter((f) => !f.startsWith(".")).length === 0;
}

async function listShipped(dir: string, ext: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Opens the store (PostgreSQL when `store` is a postgres:// URL, else lowdb in `dataDir`), seeding it when it is new. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const seed = options.seed ?? true;
  let fresh: boolean;
  let store: Store;
  if (options.store !== undefined) {
    if (!isPostgresUrl(options.store)) {
      throw new UsageError(`--store must be a postgres://… connection string (the lowdb store is chosen with --data-dir)`);
    }
    store = await openPostgresStore(options.store);
    fresh = (await store.concepts.count()) === 0 && (await store.tm.count()) === 0;
  } else {
    fresh = isEmptyStore(options.dataDir);
    store = await openLowdbStore(options.dataDir);
  }
  if (seed && fresh) {
    const root = packageRoot();
    const tbxFiles = await listShipped(path.join(root, "glossary"), ".tbx");
    const tmxFiles = await listShipped(path.join(root, "tm"), ".tmx");
    const concepts = [];
    for (const file of tbxFiles) concepts.push(...parseTbx(await readFile(file, "utf8"), file));
    const units = [];
    for (const file of tmxFiles) units.push(...parseTmx(await readFile(file, "utf8"), file));
    await store.concepts.importMany(concepts);
    await store.tm.importMany(units);
    options.onSeed?.({
      concepts: concepts.length,
      units: units.length,
      files: [...tbxFiles, ...tmxFiles].map((f) => path.relative(root, f)),
    });
  }
  return store;
}
