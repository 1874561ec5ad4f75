import pg from "pg";
import { InputError } from "../errors.js";
import {
  collectionMigration,
  collectionTable,
  MIGRATIONS,
  MIGRATIONS_TABLE,
  type Migration,
} from "./migrations/postgres.js";
import type { ImportResult, Repository, Store } from "./store.js";

/**
 * The server-grade store: every collection of the Store interface is one PostgreSQL table (id, insertion
 * sequence, JSON record), so several yizhi processes — a team's servers and command lines — share one memory.
 * Writes are row-level upserts, so concurrent writers never lose each other's records (no read-modify-write of
 * a whole document, which is what lowdb does).
 */

/** The collections of a Store: every member that is a Repository. */
type CollectionName = { [K in keyof Store]: Store[K] extends Repository<infer _R> ? K : never }[keyof Store];

/**
 * Collection → table suffix. `satisfies` makes the compiler refuse this file until a collection added to the
 * Store interface is listed here: that one line is all a new collection needs (its table comes from a
 * generated migration).
 */
export const PG_COLLECTIONS = {
  concepts: "concepts",
  tm: "tm",
  reviews: "reviews",
} as const satisfies Record<CollectionName, string>;

// Rows per INSERT statement of an import: two array parameters per statement, so the size is bounded by
// message size (about 5 MB of JSON for UN-length units), not by PostgreSQL's 65,535-parameter limit.
const IMPORT_BATCH = 10_000;

/** Options for opening a PostgreSQL store. */
export interface PostgresStoreOptions {
  /** Most connections this process opens (default 4). */
  readonly maxConnections?: number;
}

/** Is this store argument a PostgreSQL connection string (`postgres://…` or `postgresql://…`)? */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** The connection string without password (user, host, port, database and harmless parameters), for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    for (const key of [...u.searchParams.keys()]) {
      if (/pass|secret|key|token|cert/i.test(key)) u.searchParams.delete(key);
    }
    return u.toString();
  } catch {
    return "postgres://(unparsable connection string)";
  }
}

/** One collection in one table. */
class PostgresRepository<T extends { readonly id: string }> implements Repository<T> {
  constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const result = await this.pool.query<{ record: T }>(`SELECT record FROM ${this.table} WHERE id = $1`, [
      id,
    ]);
    return result.rows[0]?.record;
  }

  async list(): Promise<readonly T[]> {
    // One statement is one snapshot: a concurrent import is seen whole or not at all.
    const result = await this.pool.query<[T]>({
      text: `SELECT record FROM ${this.table} ORDER BY seq`,
      rowMode: "array",
    });
    return result.rows.map((row) => row[0]);
  }

  async count(): Promise<number> {
    const result = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${this.table}`);
    return result.rows[0]?.n ?? 0;
  }

  async upsert(record: T): Promise<void> {
    await this.importMany([record]);
  }

  async importMany(
    records: readonly T[],
    options: { readonly replaceAll?: boolean } = {},
  ): Promise<ImportResult> {
    const seen = new Set<string>();
    for (const r of records) {
      if (seen.has(r.id)) throw new InputError(`duplicate id "${r.id}" in one import`, { unit: r.id });
      seen.add(r.id);
    }
    return this.transaction(async (client) => {
      // Two multi-row imports touching the same ids in different orders would deadlock on row locks; one
      // import at a time per collection avoids that (single-row writers and readers are not held up).
      if (records.length > 1 || options.replaceAll) {
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [this.table]);
      }
      if (options.replaceAll) await client.query(`DELETE FROM ${this.table}`);
      let added = 0;
      let updated = 0;
      for (let start = 0; start < records.length; start += IMPORT_BATCH) {
        const batch = records.slice(start, start + IMPORT_BATCH);
        // xmax = 0 on a returned row means it was inserted, not updated (PostgreSQL's ON CONFLICT idiom).
        // ORDER BY n gives new rows their seq in input order, as the lowdb store appends them.
        const result = await client.query<{ added: number; updated: number }>(
          `WITH written AS (
             INSERT INTO ${this.table} (id, record)
             SELECT u.id, u.record::json FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(id, record, n) ORDER BY u.n
             ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record
             RETURNING (xmax = 0) AS inserted)
           SELECT (count(*) FILTER (WHERE inserted))::int AS added, (count(*) FILTER (WHERE NOT inserted))::int AS updated
           FROM written`,
          [batch.map((r) => r.id), batch.map((r) => JSON.stringify(r))],
        );
        added += result.rows[0]?.added ?? 0;
        updated += result.rows[0]?.updated ?? 0;
      }
      return { added, updated };
    });
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM ${this.table} WHERE id = $1`, [id]);
    return (result.rowCount ?? 0) > 0;
  }

  private async transaction<R>(work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Every migration this version of yizhi knows, in the order they run. */
export function plannedMigrations(): Migration[] {
  return [...MIGRATIONS, ...Object.values(PG_COLLECTIONS).map(collectionMigration)];
}

/**
 * Brings the schema up to date. A session advisory lock makes concurrent first starts of several processes
 * take turns, so each migration runs exactly once.
 */
async function migrate(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  const ran: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [MIGRATIONS_TABLE]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set(
      (await client.query<{ id: string }>(`SELECT id FROM ${MIGRATIONS_TABLE}`)).rows.map((r) => r.id),
    );
    for (const migration of plannedMigrations()) {
      if (applied.has(migration.id)) continue;
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (id) VALUES ($1)`, [migration.id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
      ran.push(migration.id);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [MIGRATIONS_TABLE]).catch(() => undefined);
    client.release();
  }
  return ran;
}

/** Opens the store in a PostgreSQL database (which must exist), creating or updating its tables. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const location = redactUrl(url);
  // allowExitOnIdle: a CLI command ends when its work is done, without waiting for idle connections to time out.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 4,
    allowExitOnIdle: true,
  });
  // An idle connection dropped by the server must not crash the process; the next query reports the problem.
  pool.on("error", () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new InputError(
      `cannot open the PostgreSQL store: ${(error as Error).message}`,
      { file: location },
      { code: "store-unavailable", status: 503 },
    );
  }
  const repositories: Record<string, Repository<{ readonly id: string }>> = {};
  for (const [name, collection] of Object.entries(PG_COLLECTIONS)) {
    repositories[name] = new PostgresRepository(pool, collectionTable(collection));
  }
  return {
    // The repositories are generic over the record type; PG_COLLECTIONS ties each name to its Store member.
    ...(repositories as unknown as Pick<Store, CollectionName>),
    location,
    async close() {
      await pool.end();
    },
  };
}
