/**
 * The PostgreSQL schema, as versioned migrations. Each migration runs once, in order, inside its own
 * transaction, and is recorded by id in `yizhi_schema_migrations`; a migration that has run is never edited
 * (a change is a new migration). Collection tables are not listed here: every collection of the Store
 * interface gets the same table shape, created by a generated migration `collection <name>` (see
 * `collectionMigration`), so adding a collection to the Store adds its table without a hand-written migration.
 */

/** One schema change. */
export interface Migration {
  /** Stable id, recorded in yizhi_schema_migrations; sorts in the order migrations run. */
  readonly id: string;
  readonly sql: string;
}

/** The table that records which migrations have run. */
export const MIGRATIONS_TABLE = "yizhi_schema_migrations";

/**
 * Hand-written migrations, run before the collection tables. None yet: the first schema is the generic collection
 * table. A future index or typed column goes here as `{ id: "0001-…", sql: "…" }`.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** The table name of a collection (prefixed, so yizhi can share a database with other applications). */
export function collectionTable(collection: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(collection)) throw new Error(`bad collection name "${collection}"`);
  return `yizhi_${collection}`;
}

/**
 * The migration that creates a collection's table: the record as `json` (not `jsonb`, which reorders keys and
 * would change the bytes the HTTP API prints for a concept) under a text primary key, and `seq`, drawn from a
 * sequence at first insert and kept on update, so `list()` returns records in the order the lowdb store does
 * (first insertion order; an update keeps its place).
 */
export function collectionMigration(collection: string): Migration {
  const table = collectionTable(collection);
  return {
    id: `collection ${collection}`,
    sql: `CREATE TABLE ${table} (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  record json NOT NULL
)`,
  };
}
