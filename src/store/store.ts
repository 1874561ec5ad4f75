import type { ReviewDecision } from "../extract/review.js";
import type { Concept } from "../termbase/model.js";
import type { TranslationUnit } from "../tm/model.js";

/** What a bulk import did. */
export interface ImportResult {
  readonly added: number;
  readonly updated: number;
}

/**
 * A collection of records keyed by `id`. Reads and writes are async so that a server-grade backend
 * (PostgreSQL) can implement the same interface; `importMany` is one transaction: all or nothing.
 */
export interface Repository<T extends { readonly id: string }> {
  get(id: string): Promise<T | undefined>;
  list(): Promise<readonly T[]>;
  count(): Promise<number>;
  upsert(record: T): Promise<void>;
  /** Adds or replaces every record in one transaction; on failure nothing is written. */
  importMany(records: readonly T[], options?: { readonly replaceAll?: boolean }): Promise<ImportResult>;
  remove(id: string): Promise<boolean>;
}

/** The store a command or the server works on: the termbase and the translation memory. */
export interface Store {
  readonly concepts: Repository<Concept>;
  readonly tm: Repository<TranslationUnit>;
  /** Review decisions on extracted candidate terms (approved / rejected), one per script-folded term. */
  readonly reviews: Repository<ReviewDecision>;
  /** Where the store lives, for messages (a directory or a connection string without password). */
  readonly location: string;
  close(): Promise<void>;
}
