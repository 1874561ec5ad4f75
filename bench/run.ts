import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
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

// Each section runs in a process of its own, with the same node flags, as a CLI command does: a section then
// starts on a fresh heap rather than on what the sections before it left, which had moved both its figures
// and its baselines (the 20 MB annotate took 2.4 s after the other sections, 1.5 s alone, saxes 0.78 vs 0.5 s).
const MARK = "bench-rows:";
const section = process.argv.indexOf("--section");
if (section !== -1) {
  const [, run] = sections[Number(process.argv[section + 1])] as (typeof sections)[number];
  process.stdout.write(`\n${MARK}${JSON.stringify(await run())}\n`);
} else {
  const rows: BenchRow[] = [];
  for (const [i, [name]] of sections.entries()) {
    process.stderr.write(`bench: ${name}…\n`);
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--section", String(i)],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 },
    );
    const lines = out.split("\n");
    const last = lines.findLast((l) => l.startsWith(MARK));
    if (last === undefined) throw new Error(`bench section "${name}" gave no rows`);
    // Whatever else the section printed goes to the terminal.
    const other = lines.filter((l) => l !== last && l !== "").join("\n");
    if (other !== "") process.stderr.write(`${other}\n`);
    rows.push(...(JSON.parse(last.slice(MARK.length)) as BenchRow[]));
  }
  printTable(rows);
}
