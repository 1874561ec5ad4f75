import { benchAnnotate } from "./annotate.js";
import { benchExtract } from "./extract.js";
import { benchLoad } from "./load.js";
import { benchStore } from "./store.js";
import { printTable, type BenchRow } from "./table.js";
import { benchTermbase } from "./termbase.js";
import { benchTm } from "./tm.js";
import { benchXliff } from "./xliff.js";

// `npm run bench`: every performance claim of the README in one table, each figure beside a baseline measured
// in the same run. YIZHI_BENCH_1M=1 adds the million-unit memory (needs ~10 GB of heap and some minutes);
// YIZHI_BENCH_SMOKE=1 runs everything on small inputs, to check that the benchmarks still run.
const smoke = process.env.YIZHI_BENCH_SMOKE === "1";
const million = process.env.YIZHI_BENCH_1M === "1" && !smoke;
const tmSizes = smoke ? [10_000] : million ? [100_000, 1_000_000] : [100_000];

const sections: [string, () => Promise<BenchRow[]>][] = [
  ["term matching and lookup", benchTermbase],
  ["translation memory", () => benchTm({ sizes: tmSizes })],
  ["XLIFF reading", benchXliff],
  ["annotate and check", () => benchAnnotate(smoke ? { megabytes: 2, tmUnits: 10_000 } : {})],
  ["extraction", benchExtract],
  ["store backends (PostgreSQL vs lowdb)", () => benchStore({ sizes: tmSizes })],
  // Last: it starts servers as child processes and loads them for 10 s a route (2 s in smoke mode).
  ["HTTP load (autocannon, 127.0.0.1)", benchLoad],
];

const rows: BenchRow[] = [];
for (const [name, run] of sections) {
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
printTable(rows);
