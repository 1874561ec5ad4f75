import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { Yizhi } from "../src/service/yizhi.js";
import { openLowdbStore } from "../src/store/lowdb.js";
import { openPostgresStore } from "../src/store/postgres.js";
import type { Store } from "../src/store/store.js";
import { matchKey } from "../src/tm/fuzzy.js";
import type { TranslationUnit } from "../src/tm/model.js";
import { createDatabase, dropDatabase, startPgCluster, type PgCluster } from "../test/store/pg-cluster.js";
import { median, percentile, printTable, type BenchRow } from "./table.js";
import { syntheticMemory } from "./tm.js";

/**
 * Store benchmark (issue 12): the PostgreSQL store next to the lowdb store on the same synthetic memory —
 * import, loading the memory into the in-memory fuzzy index (the search path of both backends), TM lookup
 * p50/p95, and the cost of writing one unit into a store that already holds the memory (lowdb rewrites its
 * whole JSON file per write). PostgreSQL: YIZHI_BENCH_DATABASE_URL or YIZHI_TEST_DATABASE_URL (a server where
 * the bench may create a database), else a throwaway cluster (Debian's postgresql package).
 * `YIZHI_BENCH_1M=1` adds 1M units (needs `node --max-old-space-size=8192`).
 */

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + " ms";
const sec = (x: number): string => `${(x / 1000).toFixed(1)} s`;

async function timed<R>(work: () => Promise<R>): Promise<[R, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

/** Times `searchTm` for every query on two services, alternating per query so that GC and noise hit both alike. */
async function lookupTimes(a: Yizhi, b: Yizhi, queries: readonly string[]): Promise<[number[], number[]]> {
  for (const q of queries.slice(0, 20)) {
    await a.searchTm(q);
    await b.searchTm(q);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (const q of queries) {
    let t0 = performance.now();
    await a.searchTm(q);
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b.searchTm(q);
    tb.push(performance.now() - t0);
  }
  return [ta, tb];
}

/** Median time of `n` single-unit upserts of new units into a store. */
async function singleWrites(store: Store, n: number, prefix: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const unit: TranslationUnit = {
      id: `${prefix}-${i}`,
      source: `移徙推动世界经济发展（${i}）。`,
      target: `Migration drives the world economy (${i}).`,
      sourceLang: "zh-CN",
      targetLang: "en",
    };
    const t0 = performance.now();
    await store.tm.upsert(unit);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Distinct character bigrams of a matching key, as integers (two UTF-16 code units). */
function bigrams(key: string): number[] {
  const out = new Set<number>();
  for (let i = 0; i + 1 < key.length; i++) out.add((key.charCodeAt(i) << 16) | key.charCodeAt(i + 1) | 0);
  return [...out];
}

/**
 * The measured alternative to the in-memory index (pg_bigm's shape; pg_trgm skips CJK): a (bigram, unit) table
 * with a B-tree, and per query the units sharing at least the q-gram bound of the query's bigrams (the filter of
 * src/tm/index.ts at min 0.7), counted by PostgreSQL. Only the candidate query is timed — fetching and scoring
 * the candidates would come on top — so this is a lower bound of the database path.
 */
async function dbBigramTimes(
  url: string,
  units: readonly TranslationUnit[],
  queries: readonly string[],
): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE bench_bigrams (gram int NOT NULL, unit int NOT NULL)");
    const grams: number[] = [];
    const slots: number[] = [];
    const flush = async () => {
      await client.query("INSERT INTO bench_bigrams SELECT * FROM unnest($1::int[], $2::int[])", [
        grams,
        slots,
      ]);
      grams.length = 0;
      slots.length = 0;
    };
    for (let i = 0; i < units.length; i++) {
      for (const g of bigrams(matchKey((units[i] as TranslationUnit).source))) {
        grams.push(g);
        slots.push(i);
      }
      if (grams.length > 200_000) await flush();
    }
    await flush();
    await client.query("CREATE INDEX ON bench_bigrams (gram, unit)");
    await client.query("VACUUM ANALYZE bench_bigrams");
    const min = 0.7;
    const times: number[] = [];
    for (const q of queries) {
      const key = matchKey(q);
      const g = bigrams(key);
      const need = g.length - Math.floor(2 * (1 - min) * key.length + 1e-9);
      const t0 = performance.now();
      await client.query(
        "SELECT unit FROM bench_bigrams WHERE gram = ANY($1::int[]) GROUP BY unit HAVING count(*) >= $2",
        [g, Math.max(1, need)],
      );
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    await client.end();
  }
}

async function benchSize(size: number, adminUrl: string): Promise<BenchRow[]> {
  const label = `${size.toLocaleString("en")} units`;
  const { sources, queries } = syntheticMemory(size, 200);
  const units: TranslationUnit[] = sources.map((source, i) => ({
    id: `u${i}`,
    source,
    target: `Synthetic target ${i}.`,
    sourceLang: "zh-CN",
    targetLang: "en",
  }));
  const dir = await mkdtemp(path.join(os.tmpdir(), "yizhi-bench-store-"));
  const url = await createDatabase(adminUrl, "yizhi_bench");
  try {
    const low = await openLowdbStore(dir);
    const pgStore = await openPostgresStore(url);
    const [, lowImport] = await timed(() => low.tm.importMany(units));
    const [, pgImport] = await timed(() => pgStore.tm.importMany(units));

    // Loading: a new process reads the whole memory from its store and builds the index on the first search.
    const [lowYizhi, lowLoad] = await timed(async () => {
      const y = new Yizhi(await openLowdbStore(dir));
      await y.searchTm(queries[0] as string);
      return y;
    });
    const [pgYizhi, pgLoad] = await timed(async () => {
      const y = new Yizhi(pgStore);
      await y.searchTm(queries[0] as string);
      return y;
    });
    const [pgTimes, lowTimes] = await lookupTimes(pgYizhi, lowYizhi, queries);

    const dbTimes = await dbBigramTimes(url, units, queries);

    const pgWrite = await singleWrites(pgStore, 50, "single");
    const lowWrite = await singleWrites(low, 5, "single");
    await pgStore.close();
    return [
      {
        operation: "TM import, one transaction (PostgreSQL vs lowdb)",
        input: label,
        ours: sec(pgImport),
        baseline: sec(lowImport),
        ratio: `${(pgImport / lowImport).toFixed(1)}× time`,
      },
      {
        operation: "open + load memory + build index + first search (PostgreSQL vs lowdb)",
        input: label,
        ours: sec(pgLoad),
        baseline: sec(lowLoad),
        ratio: `${(pgLoad / lowLoad).toFixed(2)}× time`,
      },
      {
        operation: "TM lookup p50, in-memory index (store: PostgreSQL vs lowdb)",
        input: `${label}, ${queries.length} queries`,
        ours: ms(median(pgTimes)),
        baseline: ms(median(lowTimes)),
        ratio: `${(median(pgTimes) / median(lowTimes)).toFixed(2)}× time`,
      },
      {
        operation: "TM lookup p95, in-memory index (store: PostgreSQL vs lowdb)",
        input: `${label}, ${queries.length} queries`,
        ours: ms(percentile(pgTimes, 95)),
        baseline: ms(percentile(lowTimes, 95)),
        ratio: `${(percentile(pgTimes, 95) / percentile(lowTimes, 95)).toFixed(2)}× time`,
      },
      {
        operation: "TM candidates in the database (bigram table, GROUP BY) p50 vs in-memory index p50",
        input: `${label}, ${dbTimes.length} queries`,
        ours: ms(median(dbTimes)),
        baseline: ms(median(pgTimes)),
        ratio: `${(median(dbTimes) / median(pgTimes)).toFixed(0)}× time`,
      },
      {
        operation: "TM candidates in the database p95 vs in-memory index p95",
        input: `${label}, ${dbTimes.length} queries`,
        ours: ms(percentile(dbTimes, 95)),
        baseline: ms(percentile(pgTimes, 95)),
        ratio: `${(percentile(dbTimes, 95) / percentile(pgTimes, 95)).toFixed(0)}× time`,
      },
      {
        operation: "write one unit into the memory, median (PostgreSQL vs lowdb)",
        input: `${label} + 1`,
        ours: ms(pgWrite),
        baseline: ms(lowWrite),
        ratio: `${(lowWrite / pgWrite).toFixed(0)}× faster`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(adminUrl, url);
  }
}

/** Runs the store benchmark at 100k units (and 1M with YIZHI_BENCH_1M=1 or `sizes`). */
export async function benchStore(options: { sizes?: number[] } = {}): Promise<BenchRow[]> {
  const sizes = options.sizes ?? (process.env.YIZHI_BENCH_1M === "1" ? [100_000, 1_000_000] : [100_000]);
  const given = process.env.YIZHI_BENCH_DATABASE_URL || process.env.YIZHI_TEST_DATABASE_URL;
  const cluster: PgCluster = given ? { url: given, stop: async () => undefined } : await startPgCluster();
  try {
    const rows: BenchRow[] = [];
    for (const size of sizes) rows.push(...(await benchSize(size, cluster.url)));
    return rows;
  } finally {
    await cluster.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchStore());
}
