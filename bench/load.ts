import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { printTable, type BenchRow } from "./table.js";

/**
 * Load benchmark (issue 10 §3): autocannon against `yizhi serve` on 127.0.0.1 — term lookup, TM search and the
 * check of a small XLIFF — and, in the same run, against an express hello-world JSON app (the floor any express
 * route stands on). Both servers are child processes on loopback, so autocannon's own CPU costs both the same.
 *   YIZHI_BENCH_LOAD_SECONDS=30 (default 10, at most 60) per route; YIZHI_BENCH_SMOKE=1 runs 2 s per route.
 */

/** The subset of autocannon's options and result this benchmark uses (autocannon ships no type declarations). */
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
const require = createRequire(import.meta.url);
const autocannon = require("autocannon") as (options: CannonOptions) => Promise<CannonResult>;

const CONNECTIONS = 10;

/** The yizhi package root (where package.json names "yizhi"), from bench/ or dist/bench/. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "yizhi") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("yizhi package root not found above bench/");
    dir = parent;
  }
}

/** Seconds per route: YIZHI_BENCH_LOAD_SECONDS (1–60), 2 in smoke mode, else 10. */
export function loadSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.YIZHI_BENCH_LOAD_SECONDS;
  if (given !== undefined) {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1 || n > 60) throw new Error("YIZHI_BENCH_LOAD_SECONDS must be a whole number from 1 to 60");
    return n;
  }
  return env.YIZHI_BENCH_SMOKE === "1" ? 2 : 10;
}

/** A server child process and the URL it listens on. */
interface Child {
  readonly process: ChildProcess;
  readonly url: string;
}

/** Spawns `node args…` and waits for a line on stdout matching `ready` (its first group is the URL). */
function spawnServer(args: readonly string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${args.join(" ")}`)), 30_000);
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const m = ready.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ process: child, url: m[1] });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${args.join(" ")}`));
    });
  });
}

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  await new Promise((done) => {
    child.process.once("exit", done);
    child.process.kill("SIGTERM");
  });
}

/** Resident set size of a process in MB, from /proc (Linux); NaN elsewhere. */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m?.[1] ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** An express app answering one small JSON object, the baseline; listens on a free loopback port. */
const HELLO = `
import express from "express";
const app = express();
app.disable("x-powered-by");
app.get("/hello", (_req, res) => res.json({ hello: "world" }));
const server = app.listen(0, "127.0.0.1", () => console.log("hello serving http://127.0.0.1:" + server.address().port + "/"));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
`;

/** A small XLIFF 2.0 file: three corpus sentences (004_c6292b922524f64f.txt lines 214–216, 000_9269ffeef60731b4.txt:462). */
const SMALL_XLIFF = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1" original="004_c6292b922524f64f.txt">
    <unit id="u1">
      <segment id="s1" state="translated">
        <source>积极影响包括移徙者汇款的经济影响、知识、经验交流和能力建设。</source>
        <target>Positive effects include the economic impact of migrants' money transfers, knowledge, exchange of experience and capacity-building.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment id="s2" state="translated">
        <source>移徙者的汇款等贡献固然可以产生重要的发展效应。</source>
        <target>Contributions such as migrants' remittances can certainly have important development effects.</target>
      </segment>
    </unit>
    <unit id="u3">
      <segment id="s3" state="translated">
        <source>非法移徙者的人权必须得到尊重。</source>
        <target>The human rights of illegal migrants must be respected.</target>
      </segment>
    </unit>
  </file>
</xliff>
`;

interface Measured {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function measure(options: Omit<CannonOptions, "connections" | "duration">, seconds: number): Promise<Measured> {
  // One request first: the first lookup or search builds the in-memory indexes, which is not the steady state.
  await fetch(options.url, { method: options.method ?? "GET", headers: options.headers ?? {}, ...(options.body !== undefined ? { body: options.body } : {}) });
  const r = await autocannon({ ...options, connections: CONNECTIONS, duration: seconds });
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
}

const fmt = (m: Measured) => `${Math.round(m.reqPerSec).toLocaleString("en")} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors} errors`;

/** Runs the load benchmark: one row a route, with the express hello-world baseline and the server's RSS. */
export async function benchLoad(): Promise<BenchRow[]> {
  const seconds = loadSeconds();
  const root = projectRoot();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "yizhi-bench-load-"));
  const hello = await spawnServer(["--input-type=module", "-e", HELLO], /hello serving (http:\/\/\S+)\n/);
  let yizhi: Child | undefined;
  try {
    const base = await measure({ url: new URL("/hello", hello.url).href }, seconds);
    await stop(hello);
    yizhi = await spawnServer(
      [path.join(root, "dist/src/cli/main.js"), "--data-dir", dataDir, "serve", "--port", "0", "--host", "127.0.0.1"],
      /yizhi serving (http:\/\/\S+)\n/,
      { YIZHI_ACCESS_LOG: "off", NO_COLOR: "1" },
    );
    const url = yizhi.url;
    const routes: { name: string; options: Omit<CannonOptions, "connections" | "duration"> }[] = [
      { name: "GET /api/terms?q=汇款", options: { url: new URL(`/api/terms?q=${encodeURIComponent("汇款")}`, url).href } },
      {
        name: "GET /api/tm/search?q=<corpus sentence>",
        options: { url: new URL(`/api/tm/search?q=${encodeURIComponent("移徙者的汇款等贡献可以产生重要的发展效应。")}`, url).href },
      },
      {
        name: "POST /api/xliff/check (3 units, 1.2 KB)",
        options: { url: new URL("/api/xliff/check", url).href, method: "POST", headers: { "content-type": "application/xliff+xml" }, body: SMALL_XLIFF },
      },
    ];
    // Warm the indexes so that "before" is the steady state, not an empty process.
    for (const r of routes) await fetch(r.options.url, { method: r.options.method ?? "GET", headers: r.options.headers ?? {}, ...(r.options.body ? { body: r.options.body } : {}) });
    const rssBefore = rssMb(yizhi.process.pid);
    const rows: BenchRow[] = [];
    let errors = base.errors;
    for (const r of routes) {
      const m = await measure(r.options, seconds);
      errors += m.errors;
      rows.push({
        operation: `HTTP ${r.name} vs express hello-world JSON`,
        input: `${seconds} s, ${CONNECTIONS} connections, 127.0.0.1`,
        ours: fmt(m),
        baseline: fmt(base),
        ratio: `${(m.reqPerSec / base.reqPerSec).toFixed(2)}× req/s`,
      });
    }
    const rssAfter = rssMb(yizhi.process.pid);
    rows.push({
      operation: "yizhi server RSS before / after the load runs",
      input: `${routes.length} routes × ${seconds} s`,
      ours: `${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB`,
      baseline: `${rssBefore.toFixed(0)} MB`,
      ratio: `${(rssAfter / rssBefore).toFixed(2)}× memory`,
    });
    // A load run with errors measures failures, not the service: make the command fail.
    if (errors > 0) {
      console.error(`bench/load: ${errors} requests failed (must be 0)`);
      process.exitCode = 1;
    }
    return rows;
  } finally {
    await stop(hello);
    if (yizhi) await stop(yizhi);
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchLoad());
}
