import { spawn } from "node:child_process";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/table.js";
import { openLowdbStore, STORE_FILES } from "../../src/store/lowdb.js";
import { CLI, runCli, tempDir } from "../support/cli.js";
import { startServer } from "../support/server.js";

/**
 * Crash safety (STYLE.md "Writes are atomic"): a `yizhi tm import` of 50,000 units and a `yizhi termbase import`
 * are killed with SIGKILL at seeded random moments; after every kill the store opens and holds either the old
 * or the new records, never a part. Concurrent imports through the API are serialized: none is lost.
 */

const TM_UNITS = 50_000;
// The TBX reader costs more per concept than the TMX reader per unit; 2,000 concepts still take about a second.
const TBX_CONCEPTS = 2_000;
const SENTENCE = "移徙者的汇款等贡献固然可以产生重要的发展效应"; // 004_c6292b922524f64f.txt, line 214

/** A TMX 1.4 file with `n` units whose tuids start with `prefix`. */
function generateTmx(n: number, prefix: string): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n',
    '  <header creationtool="yizhi-test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n  <body>\n',
  ];
  for (let i = 0; i < n; i++) {
    parts.push(
      `    <tu tuid="${prefix}${i}">\n      <tuv xml:lang="zh-CN"><seg>${SENTENCE}，第${i}号。</seg></tuv>\n` +
        `      <tuv xml:lang="en"><seg>Contributions such as migrants' remittances can have important development effects, no. ${i}.</seg></tuv>\n    </tu>\n`,
    );
  }
  parts.push("  </body>\n</tmx>\n");
  return parts.join("");
}

/** A TBX-Basic file with `n` concepts x0…x(n-1). */
function generateTbx(n: number): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n',
    "  <tbxHeader><fileDesc><sourceDesc><p>crash test</p></sourceDesc></fileDesc></tbxHeader>\n  <text>\n    <body>\n",
  ];
  for (let i = 0; i < n; i++) {
    parts.push(
      `      <conceptEntry id="x${i}">\n        <langSec xml:lang="zh"><termSec><term>汇款${i}</term></termSec></langSec>\n` +
        `        <langSec xml:lang="en"><termSec><term>remittance ${i}</term></termSec></langSec>\n      </conceptEntry>\n`,
    );
  }
  parts.push("    </body>\n  </text>\n</tbx>\n");
  return parts.join("");
}

/** Runs the CLI and kills it with SIGKILL after `delayMs` (unless it exits first); resolves when it is gone. */
function runAndKill(args: readonly string[], delayMs: number): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
    const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === "SIGKILL", ms: performance.now() - t0 });
    });
  });
}

/** Opens the store as every command does and counts both collections. */
async function counts(dataDir: string): Promise<{ concepts: number; units: number }> {
  const store = await openLowdbStore(dataDir);
  try {
    return { concepts: await store.concepts.count(), units: await store.tm.count() };
  } finally {
    await store.close();
  }
}

let dir: string;
let oldStore: string;
let old: { concepts: number; units: number };

beforeAll(async () => {
  dir = await tempDir("yizhi-crash-");
  await writeFile(path.join(dir, "big.tmx"), generateTmx(TM_UNITS, "crash-"));
  await writeFile(path.join(dir, "big.tbx"), generateTbx(TBX_CONCEPTS));
  oldStore = path.join(dir, "old");
  const seeded = await runCli(["--data-dir", oldStore, "lookup", "汇款"]);
  expect(seeded.code).toBe(0);
  old = await counts(oldStore);
  expect(old).toEqual({ concepts: 395, units: 221 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Kills `args` at `kills` seeded moments over one measured run; returns how often each state was found. */
async function killRepeatedly(
  args: (dataDir: string) => string[],
  kills: number,
  seed: number,
  expectNew: { concepts: number; units: number },
): Promise<{ old: number; new: number }> {
  const scratch = path.join(dir, "scratch");
  await rm(scratch, { recursive: true, force: true });
  await cp(oldStore, scratch, { recursive: true });
  const full = await runAndKill(args(scratch), 120_000);
  expect(full.killed).toBe(false);
  expect(await counts(scratch)).toEqual(expectNew);
  const rnd = seededRandom(seed);
  const seen = { old: 0, new: 0 };
  for (let k = 0; k < kills; k++) {
    await rm(scratch, { recursive: true, force: true });
    await cp(oldStore, scratch, { recursive: true });
    // Half the kills anywhere in the run, half in its last 40 %, where parsing ends and the write happens.
    const at = k % 2 === 0 ? rnd() * full.ms : full.ms * (0.6 + 0.45 * rnd());
    await runAndKill(args(scratch), at);
    const now = await counts(scratch);
    if (now.units === old.units && now.concepts === old.concepts) seen.old++;
    else {
      expect({ kill: k, at: Math.round(at), ...now }).toEqual({ kill: k, at: Math.round(at), ...expectNew });
      seen.new++;
    }
    // The JSON file itself parses and holds whole records (no truncated tail).
    const tm = JSON.parse(await readFile(path.join(scratch, STORE_FILES.tm), "utf8")) as { records: unknown[] };
    expect(tm.records.length).toBe(now.units);
  }
  return seen;
}

describe("SIGKILL in the middle of an import", () => {
  it(`tm import of ${TM_UNITS.toLocaleString("en")} units, killed 15 times: the store holds ${221} or ${221 + TM_UNITS} units, never a part`, async () => {
    const seen = await killRepeatedly(
      (d) => ["--data-dir", d, "tm", "import", path.join(dir, "big.tmx")],
      15,
      20261128,
      { concepts: 395, units: 221 + TM_UNITS },
    );
    expect(seen.old + seen.new).toBe(15);
    // Kills drawn over the whole run land before the write at least once.
    expect(seen.old).toBeGreaterThan(0);
    // After the last kill, the CLI still opens the store and searches it.
    const search = await runCli(["--data-dir", path.join(dir, "scratch"), "tm", "search", `${SENTENCE}。`, "--format", "json"]);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).query).toBe(`${SENTENCE}。`);
  }, 90_000);

  it(`termbase import of ${TBX_CONCEPTS.toLocaleString("en")} concepts, killed 8 times: 395 or ${395 + TBX_CONCEPTS} concepts`, async () => {
    const seen = await killRepeatedly(
      (d) => ["--data-dir", d, "termbase", "import", path.join(dir, "big.tbx")],
      8,
      20261129,
      { concepts: 395 + TBX_CONCEPTS, units: 221 },
    );
    expect(seen.old + seen.new).toBe(8);
    expect(seen.old).toBeGreaterThan(0);
    const lookup = await runCli(["--data-dir", path.join(dir, "scratch"), "lookup", "汇款", "--format", "json"]);
    expect(lookup.code).toBe(0);
    expect(JSON.parse(lookup.stdout).results[0].terms.zh[0]).toEqual({ term: "汇款", status: "preferred" });
  }, 90_000);
});

describe("concurrent imports through the API", () => {
  it("8 POST /api/tm/import at once, 500 different units each: all 4,000 stored, none lost", async () => {
    const dataDir = path.join(dir, "api");
    const server = await startServer(["--data-dir", dataDir, "--no-seed"]);
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          fetch(new URL("/api/tm/import", server.url), {
            method: "POST",
            headers: { "content-type": "application/x-tmx+xml" },
            body: generateTmx(500, `batch${i}-`),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { added: number; updated: number; units: number } })),
        ),
      );
      for (const a of answers) expect([a.status, a.body.added, a.body.updated]).toEqual([200, 500, 0]);
      // The count each answer reports is read after its own import, so a later import may already have landed.
      expect(Math.max(...answers.map((a) => a.body.units))).toBe(4000);
      const health = (await (await fetch(new URL("/health", server.url))).json()) as { units: number };
      expect(health.units).toBe(4000);
    } finally {
      await server.stop();
    }
    expect(await counts(dataDir)).toEqual({ concepts: 0, units: 4000 });
  });
});
