import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { Yizhi } from "../../src/service/yizhi.js";
import { openLowdbStore } from "../../src/store/lowdb.js";
import { openPostgresStore, redactUrl } from "../../src/store/postgres.js";
import { ROOT, runCli, tempDir } from "../support/cli.js";
import { createDatabase, dropDatabase, testServer, type PgCluster } from "./pg-cluster.js";
import { shippedData, storeSuite } from "./suite.js";

// The server: YIZHI_TEST_DATABASE_URL (scripts/pg-test.sh) or a throwaway cluster started here. Without
// PostgreSQL installed, beforeAll throws "install postgresql (apt-get install -y postgresql)" and every test
// below fails with it: these tests are never skipped.
let server: PgCluster;
const databases: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = await testServer();
}, 60_000);

afterAll(async () => {
  if (server === undefined) return;
  for (const url of databases) await dropDatabase(server.url, url);
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  await server.stop();
}, 60_000);

async function freshDatabase(): Promise<string> {
  const url = await createDatabase(server.url);
  databases.push(url);
  return url;
}

storeSuite("postgres", async () => {
  const url = await freshDatabase();
  return { store: await openPostgresStore(url), reopen: () => openPostgresStore(url) };
});

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Runs test/store/pg-writer.ts in its own node process; resolves to what it printed. */
function writerProcess(url: string, prefix: string, count: number, batch: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(ROOT, "test/store/pg-writer.ts"),
        url,
        prefix,
        String(count),
        String(batch),
      ],
      { cwd: ROOT },
    );
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`writer ${prefix} exited ${code}: ${err}`)),
    );
  });
}

describe("postgres store", () => {
  it("creates its tables by versioned migrations, each recorded once, even when three processes open it at once", async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([
      openPostgresStore(url),
      openPostgresStore(url),
      openPostgresStore(url),
    ]);
    const rows = await query<{ id: string }>(url, "SELECT id FROM yizhi_schema_migrations ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual(["collection concepts", "collection reviews", "collection tm"]);
    const tables = await query<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.map((t) => t.tablename)).toEqual([
      "yizhi_concepts",
      "yizhi_reviews",
      "yizhi_schema_migrations",
      "yizhi_tm",
    ]);
    for (const store of stores) await store.close();
  });

  it("names its location without the password", async () => {
    const url = new URL(await freshDatabase());
    url.password = "s3cret";
    const store = await openPostgresStore(url.toString());
    expect(store.location).toBe(`postgres://yizhi@${url.host}${url.pathname}`);
    await store.close();
    expect(redactUrl("postgresql://team:pw@db.example:5433/yizhi?sslmode=require&sslpassword=x")).toBe(
      "postgresql://team@db.example:5433/yizhi?sslmode=require",
    );
  });

  it("fails to open an unreachable server with a one-line error naming it, without the password", async () => {
    const attempt = openPostgresStore("postgres://yizhi:s3cret@127.0.0.1:1/nowhere");
    await expect(attempt).rejects.toThrow(InputError);
    const error = (await attempt.catch((e: unknown) => e)) as InputError;
    expect(error.code).toBe("store-unavailable");
    expect(error.describe()).toBe(
      "postgres://yizhi@127.0.0.1:1/nowhere: cannot open the PostgreSQL store: connect ECONNREFUSED 127.0.0.1:1",
    );
  });

  it("loses nothing when two yizhi processes import different units at the same time", async () => {
    const url = await freshDatabase();
    // Schema first, so that both writers start importing at once rather than one waiting on the migration lock.
    await (await openPostgresStore(url)).close();
    const [a, b] = await Promise.all([
      writerProcess(url, "a", 3000, 250),
      writerProcess(url, "b", 3000, 250),
    ]);
    expect([a, b]).toEqual(["3000", "3000"]);
    const store = await openPostgresStore(url);
    const ids = new Set((await store.tm.list()).map((u) => u.id));
    expect(ids.size).toBe(6000);
    for (let i = 0; i < 3000; i++) {
      expect(ids.has(`a-${i}`) && ids.has(`b-${i}`)).toBe(true);
    }
    await store.close();
  }, 60_000);

  it("gives the same TM search results as the lowdb store for the same memory (shipped TMX, 42 queries)", async () => {
    const { units } = shippedData();
    const dir = await tempDir("yizhi-pg-lowdb-");
    dirs.push(dir);
    const low = await openLowdbStore(dir);
    const pgStore = await openPostgresStore(await freshDatabase());
    await low.tm.importMany(units);
    await pgStore.tm.importMany(units);
    const onLowdb = new Yizhi(low);
    const onPostgres = new Yizhi(pgStore);
    // Every 11th unit's source as it is, and with its 4th character replaced by 的 (a near match).
    const picked = units.filter((_, i) => i % 11 === 0);
    expect(picked.length).toBe(21);
    for (const u of picked) {
      const edited = u.source.slice(0, 3) + "的" + u.source.slice(4);
      for (const q of [u.source, edited]) {
        const expected = await onLowdb.searchTm(q, { min: 0.5, limit: 5 });
        expect(await onPostgres.searchTm(q, { min: 0.5, limit: 5 })).toEqual(expected);
        // Not vacuous: the unit itself is found, exact for its own source and fuzzy for the edit.
        const self = expected.matches.find((m) => m.id === u.id);
        expect(self?.score === 1).toBe(q === u.source);
      }
    }
    await pgStore.close();
  });
});

describe("yizhi on PostgreSQL (built CLI)", () => {
  it("seeds a new database on first use with --store and answers a TM search from it", async () => {
    const url = await freshDatabase();
    const first = await runCli(["--store", url, "tm", "search", "移徙推动世界经济发展", "--format", "json"]);
    expect(first.stderr).toMatch(
      new RegExp(
        `^yizhi: created ${redactUrl(url).replace(/[.?]/g, "\\$&")} with 395 concepts and 221 translation units`,
      ),
    );
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout) as { matches: { score: number }[] };
    const viaEnv = await runCli(["tm", "search", "移徙推动世界经济发展", "--format", "json"], {
      env: { YIZHI_DATABASE_URL: url },
    });
    expect(viaEnv.stderr).toBe("");
    expect(JSON.parse(viaEnv.stdout)).toEqual(json);
  });

  it("moves a lowdb store into PostgreSQL with `store migrate --to`, every collection", async () => {
    const dir = await tempDir("yizhi-migrate-");
    dirs.push(dir);
    expect((await runCli(["--data-dir", dir, "lookup", "汇款"])).code).toBe(0);
    const url = await freshDatabase();
    const moved = await runCli(["--data-dir", dir, "store", "migrate", "--to", url]);
    const where = redactUrl(url);
    expect(moved.stderr).toBe(
      `concepts: 395 copied to ${where} (395 added, 0 updated)\n` +
        `tm: 221 copied to ${where} (221 added, 0 updated)\n` +
        `reviews: 0 copied to ${where} (0 added, 0 updated)\n`,
    );
    expect(moved.code).toBe(0);
    const low = await openLowdbStore(dir);
    const pgStore = await openPostgresStore(url);
    expect(JSON.stringify(await pgStore.concepts.list())).toBe(JSON.stringify(await low.concepts.list()));
    expect(JSON.stringify(await pgStore.tm.list())).toBe(JSON.stringify(await low.tm.list()));
    await pgStore.close();
    const again = await runCli(["--data-dir", dir, "store", "migrate", "--to", url]);
    expect(again.stderr.split("\n")[1]).toBe(`tm: 221 copied to ${where} (0 added, 221 updated)`);
  });

  it("refuses a --store that is not a postgres:// URL, and a migration from a missing store", async () => {
    const bad = await runCli(["--store", "mysql://x/y", "lookup", "汇款"]);
    expect(bad).toMatchObject({
      code: 2,
      stderr:
        "yizhi: --store must be a postgres://… connection string (the lowdb store is chosen with --data-dir)\n",
    });
    const dir = path.join(await tempDir("yizhi-missing-"), "none");
    const missing = await runCli([
      "--data-dir",
      dir,
      "store",
      "migrate",
      "--to",
      "postgres://yizhi@127.0.0.1:1/x",
    ]);
    expect(missing).toMatchObject({ code: 2, stderr: `yizhi: no store at ${dir} (give --data-dir)\n` });
  });
});
