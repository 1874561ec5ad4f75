import { mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
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

/** What a file looked like when we last read or wrote it: steno renames a new file into place on every write. */
interface FileStamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

async function stampOf(file: string): Promise<FileStamp | undefined> {
  try {
    const s = await stat(file);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** The owner line a lock file holds: pid and host, so that a waiter can tell a live holder from a dead one. */
function ownerLine(): string {
  return `${process.pid} ${os.hostname()}\n`;
}

/** Whether the process that wrote this owner line is gone (only knowable on this host). */
function ownerIsDead(line: string): boolean {
  const [pidText, host] = line.trim().split(" ");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

async function readOwner(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Creates `file` holding our owner line if it does not exist; false when another process has it. */
async function tryCreate(file: string): Promise<boolean> {
  try {
    const handle = await open(file, "wx");
    try {
      await handle.writeFile(ownerLine());
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Removes a lock file whose holder was killed. Only the holder of `<lock>.break` may remove the lock, and only
 * after reading the same dead owner again under it: a lock that a live process took meanwhile is never removed.
 */
async function breakStaleLock(lock: string, deadOwner: string): Promise<void> {
  const breaker = `${lock}.break`;
  if (!(await tryCreate(breaker))) {
    // Another waiter is breaking it; if that waiter was killed in the act, its breaker file is stale too.
    const other = await readOwner(breaker);
    if (other !== undefined && ownerIsDead(other) && (await readOwner(breaker)) === other)
      await unlink(breaker).catch(() => undefined);
    return;
  }
  try {
    if ((await readOwner(lock)) === deadOwner) await unlink(lock).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

/**
 * Runs `work` holding an exclusive inter-process lock on `target` (the lock file is `<target>.lock`, created
 * with O_EXCL): two yizhi processes on one data directory then read-modify-write one collection in turn, not
 * over each other. A lock left by a process that was killed (its pid is gone on this host) is broken at once.
 */
export async function withFileLock<R>(target: string, work: () => Promise<R>): Promise<R> {
  const lock = `${target}.lock`;
  for (let attempt = 0; !(await tryCreate(lock)); attempt++) {
    const owner = await readOwner(lock);
    if (owner !== undefined && ownerIsDead(owner)) await breakStaleLock(lock, owner);
    // An empty owner is a holder between open and write: wait for it like for any live holder.
    else await sleep(Math.min(100, 5 + attempt * 5));
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/**
 * One collection in one JSON file. lowdb's writer (steno) writes to a temporary file and renames it over the
 * old one, so a crash leaves either the old or the new file, never half of one. Writes are queued so that two
 * imports in the same process never interleave, and each holds the collection's lock file across re-reading
 * the file (when another process changed it) and writing it, so that two processes never lose an update.
 */
class LowdbRepository<T extends { readonly id: string }> implements Repository<T> {
  private readonly byId = new Map<string, T>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Low<CollectionFile<T>>,
    private readonly file: string,
    private stamp: FileStamp | undefined,
  ) {
    this.index();
  }

  private index(): void {
    this.byId.clear();
    for (const record of this.db.data.records) this.byId.set(record.id, record);
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
    this.stamp = await stampOf(this.file);
    this.byId.clear();
    for (const [id, r] of next) this.byId.set(id, r);
  }

  /** Re-reads the file when another process has replaced it since our last read or write. */
  private async refresh(): Promise<void> {
    const now = await stampOf(this.file);
    if (sameStamp(now, this.stamp)) return;
    await this.db.read();
    checkFormat(this.db.data, this.file);
    this.stamp = now;
    this.index();
  }

  /** One read-modify-write at a time: in this process through the queue, across processes through the lock. */
  private serialize<R>(work: () => Promise<R>): Promise<R> {
    const locked = () =>
      withFileLock(this.file, async () => {
        await this.refresh();
        return work();
      });
    const run = this.queue.then(locked, locked);
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
  // The stamp is taken before the read: if another process replaces the file in between, the first write
  // re-reads it rather than trusting what was read here.
  const stamp = await stampOf(file);
  await db.read();
  checkFormat(db.data, file);
  return new LowdbRepository<T>(db, file, stamp);
}

function checkFormat(data: CollectionFile<unknown>, file: string): void {
  if (data.format !== 1 || !Array.isArray(data.records)) {
    throw new InputError("store file has an unknown format", { file });
  }
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
