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
    const child = spawn(process.execPath, args, { cwd: projectRoot(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr?.resume();
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

/**
 * Preloaded into the yizhi server child (node --import): on SIGUSR2 it collects garbage (--expose-gc) and
 * writes its own process.memoryUsage() as one stderr line. The bench asks for it between rounds, so the server
 * gets no extra route and src/ no bench code; the live heap after a full GC tells a leak (it grows round after
 * round) from V8 and malloc keeping pages they may reuse (RSS up once, then flat).
 */
const MEMORY_PROBE = `process.on("SIGUSR2", () => {
  globalThis.gc?.();
  process.stderr.write("yizhi-bench-memory " + JSON.stringify(process.memoryUsage()) + "\\n");
});`;

/** Memory of the server child, as its probe reports it, in MB. */
interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/** Signals the probe in `child` and waits for its line (at most 5 s). */
function memoryOf(child: Child): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const stderr = child.process.stderr;
    if (!stderr) return reject(new Error("server stderr is not piped"));
    let buffer = "";
    const timer = setTimeout(() => {
      stderr.off("data", onData);
      reject(new Error("server did not report its memory"));
    }, 5_000);
    const onData = (d: Buffer) => {
      buffer += d.toString("utf8");
      const m = /yizhi-bench-memory (\{.*\})\n/.exec(buffer);
      if (!m?.[1]) return;
      clearTimeout(timer);
      stderr.off("data", onData);
      const u = JSON.parse(m[1]) as { rss: number; heapUsed: number; external: number };
      resolve({ rss: u.rss / 2 ** 20, heapUsed: u.heapUsed / 2 ** 20, external: u.external / 2 ** 20 });
    };
    stderr.on("data", onData);
    child.process.kill("SIGUSR2");
  });
}

const mem = (m: Memory) => `RSS ${m.rss.toFixed(0)} MB, heap ${m.heapUsed.toFixed(1)} MB`;

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

const pct = (now: number, then: number) => `${now >= then ? "+" : ""}${(((now - then) / then) * 100).toFixed(1)} %`;

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
      [
        "--expose-gc",
        "--import",
        `data:text/javascript,${encodeURIComponent(MEMORY_PROBE)}`,
        path.join(root, "dist/src/cli/main.js"),
        "--data-dir",
        dataDir,
        "serve",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
      ],
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
    const before = await memoryOf(yizhi);
    const rows: BenchRow[] = [];
    let errors = base.errors;
    // Two rounds over every route: round 1 is the warm-up (indexes, JIT, V8 growing its heap and malloc its
    // arenas to the working set); a leak shows as round 2 growing again, settling as round 2 staying flat.
    const afterRound: Memory[] = [];
    for (const round of [1, 2]) {
      for (const r of routes) {
        const m = await measure(r.options, seconds);
        errors += m.errors;
        if (round === 2)
          rows.push({
            operation: `HTTP ${r.name} vs express hello-world JSON`,
            input: `${seconds} s, ${CONNECTIONS} connections, 127.0.0.1`,
            ours: fmt(m),
            baseline: fmt(base),
            ratio: `${(m.reqPerSec / base.reqPerSec).toFixed(2)}× req/s`,
          });
      }
      afterRound.push(await memoryOf(yizhi));
    }
    const [warm, after] = afterRound as [Memory, Memory];
    rows.push({
      operation: "yizhi server memory: before / after warm-up round / after 2nd round (after a full GC)",
      input: `${routes.length} routes × ${seconds} s per round`,
      ours: `${mem(before)} → ${mem(warm)} → ${mem(after)}`,
      baseline: `after warm-up: ${mem(warm)}`,
      ratio: `2nd round: RSS ${pct(after.rss, warm.rss)}, heap ${pct(after.heapUsed, warm.heapUsed)} (flat < +10 %)`,
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
