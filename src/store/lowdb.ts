import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import { DataFile } from "lowdb/node";
import { InputError } from "../errors.js";
import type { ReviewDecision } from "../extract/review.js";
import type { Concept } from "../termbase/model.js";
import type { TranslationUnit } from "../tm/model.js";
import type { ImportResult, Repository, Store } from "./store.js";

/** On-disk shape of one collection file; `format` lets a later version migrate old files. */
interface CollectionFile<T> {
  format: 1;
  records: T[];
}

/**
 * One collection in one JSON file. lowdb's writer (steno) writes to a temporary file and renames it over the
 * old one, so a crash leaves either the old or the new file, never half of one. Writes are queued so that two
 * imports in the same process never interleave (no lost update).
 */
class LowdbRepository<T extends { readonly id: string }> implements Repository<T> {
  private readonly byId = new Map<string, T>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Low<CollectionFile<T>>) {
    for (const record of db.data.records) this.byId.set(record.id, record);
  }

  async get(id: string): Promise<T | undefined> {
    return this.byId.get(id);
  }

  async list(): Promise<readonly T[]> {
    return this.db.data.records;
  }

  async count(): Promise<number> {
    return this.db.data.records.length;
  }

  upsert(record: T): Promise<void> {
    return this.importMany([record]).then(() => undefined);
  }

  importMany(records: readonly T[], options: { readonly replaceAll?: boolean } = {}): Promise<ImportResult> {
    return this.serialize(async () => {
      const seen = new Set<string>();
      for (const r of records) {
        if (seen.has(r.id)) throw new InputError(`duplicate id "${r.id}" in one import`, { unit: r.id });
        seen.add(r.id);
      }
      const base = options.replaceAll ? new Map<string, T>() : new Map(this.byId);
      let added = 0;
      let updated = 0;
      for (const r of records) {
        if (base.has(r.id)) updated++;
        else added++;
        base.set(r.id, r);
      }
      await this.commit(base);
      return { added, updated };
    });
  }

  remove(id: string): Promise<boolean> {
    return this.serialize(async () => {
      if (!this.byId.has(id)) return false;
      const next = new Map(this.byId);
      next.delete(id);
      await this.commit(next);
      return true;
    });
  }

  /** Writes the new state to disk first and only then makes it visible, so a failed write changes nothing. */
  private async commit(next: Map<string, T>): Promise<void> {
    const previous = this.db.data;
    this.db.data = { format: 1, records: [...next.values()] };
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = previous;
      throw error;
    }
    this.byId.clear();
    for (const [id, r] of next) this.byId.set(id, r);
  }

  private serialize<R>(work: () => Promise<R>): Promise<R> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function openCollection<T extends { readonly id: string }>(file: string): Promise<LowdbRepository<T>> {
  const adapter = new DataFile<CollectionFile<T>>(file, {
    // Compact JSON: a memory of a million units is several hundred MB pretty-printed.
    stringify: (data) => JSON.stringify(data),
    parse: (text) => {
      try {
        return JSON.parse(text) as CollectionFile<T>;
      } catch (error) {
        throw new InputError(`store file is not valid JSON (${(error as Error).message})`, { file });
      }
    },
  });
  const db = new Low<CollectionFile<T>>(adapter, { format: 1, records: [] });
  await db.read();
  if (db.data.format !== 1 || !Array.isArray(db.data.records)) {
    throw new InputError("store file has an unknown format", { file });
  }
  return new LowdbRepository<T>(db);
}

/** File names of the collections inside a data directory. */
export const STORE_FILES = { concepts: "termbase.json", tm: "tm.json", reviews: "reviews.json" } as const;

/** Opens (creating if needed) the embedded JSON store in a data directory. */
export async function openLowdbStore(dataDir: string): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const concepts = await openCollection<Concept>(path.join(dataDir, STORE_FILES.concepts));
  const tm = await openCollection<TranslationUnit>(path.join(dataDir, STORE_FILES.tm));
  const reviews = await openCollection<ReviewDecision>(path.join(dataDir, STORE_FILES.reviews));
  return {
    concepts,
    tm,
    reviews,
    location: dataDir,
    async close() {
      // Nothing to release: every write is already on disk when its promise resolves.
    },
  };
}
