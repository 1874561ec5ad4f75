import { spawn } from "node:child_process";
import { access, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_FILES } from "../../src/store/lowdb.js";
import { runCli, tempDir } from "../support/cli.js";

/**
 * Two `yizhi` processes on one data directory (issue #10: no lost update): each import reads the collection
 * file, adds its records and writes the whole file back, so without an inter-process lock the second writer
 * drops the first one's records. A lock left behind by a killed process must not block the next import.
 */

const UNITS = 3_000;
const SENTENCE = "认识到国际移徙对原籍国的积极和消极影响"; // 004_c6292b922524f64f.txt, line 214

/** A TMX 1.4 file with `n` units whose tuids start with `prefix`. */
function tmx(n: number, prefix: string): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n',
    '  <header creationtool="yizhi-test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n  <body>\n',
  ];
  for (let i = 0; i < n; i++) {
    parts.push(
      `    <tu tuid="${prefix}${i}"><tuv xml:lang="zh-CN"><seg>${SENTENCE}，第${i}号。</seg></tuv>` +
        `<tuv xml:lang="en"><seg>Recognizing the positive and negative impacts of international migration, no. ${i}.</seg></tuv></tu>\n`,
    );
  }
  parts.push("  </body>\n</tmx>\n");
  return parts.join("");
}

/** The ids in the store's TM file. */
async function storedIds(dataDir: string): Promise<Set<string>> {
  const file = JSON.parse(await readFile(path.join(dataDir, STORE_FILES.tm), "utf8")) as {
    records: { id: string }[];
  };
  return new Set(file.records.map((r) => r.id));
}

/** How many of `prefix`0…`prefix`(n-1) the set holds. */
function countPrefix(ids: ReadonlySet<string>, prefix: string): number {
  let n = 0;
  for (const id of ids) if (id.startsWith(prefix)) n++;
  return n;
}

let dir: string;

beforeAll(async () => {
  dir = await tempDir("yizhi-concurrent-");
  await writeFile(path.join(dir, "a.tmx"), tmx(UNITS, "a-"));
  await writeFile(path.join(dir, "b.tmx"), tmx(UNITS, "b-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("two CLI processes importing into one store at once", () => {
  it(`tm import a.tmx ∥ tm import b.tmx (${UNITS.toLocaleString("en")} units each), 4 rounds: every round keeps both`, async () => {
    for (let round = 0; round < 4; round++) {
      const dataDir = path.join(dir, `round${round}`);
      const [a, b] = await Promise.all([
        runCli(["--data-dir", dataDir, "--no-seed", "tm", "import", path.join(dir, "a.tmx")]),
        runCli(["--data-dir", dataDir, "--no-seed", "tm", "import", path.join(dir, "b.tmx")]),
      ]);
      expect([a.code, a.stderr, b.code, b.stderr]).toEqual([
        0,
        `${path.join(dir, "a.tmx")}: ${UNITS} translation units added, 0 updated\n`,
        0,
        `${path.join(dir, "b.tmx")}: ${UNITS} translation units added, 0 updated\n`,
      ]);
      const ids = await storedIds(dataDir);
      expect({ round, a: countPrefix(ids, "a-"), b: countPrefix(ids, "b-"), all: ids.size }).toEqual({
        round,
        a: UNITS,
        b: UNITS,
        all: 2 * UNITS,
      });
      // The lock file is gone once both have finished.
      await expect(access(path.join(dataDir, `${STORE_FILES.tm}.lock`))).rejects.toThrow(/ENOENT/);
    }
  }, 120_000);

  it("a lock left by a SIGKILLed process is broken: the next import runs at once and keeps the old records", async () => {
    const dataDir = path.join(dir, "stale");
    const first = await runCli(["--data-dir", dataDir, "--no-seed", "tm", "import", path.join(dir, "a.tmx")]);
    expect(first.code).toBe(0);
    // A process that takes the lock's place and is killed: its pid is written as the owner, then it dies.
    const victim = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const pid = victim.pid as number;
    await writeFile(path.join(dataDir, `${STORE_FILES.tm}.lock`), `${pid} ${os.hostname()}\n`);
    await new Promise<void>((resolve) => {
      victim.on("exit", () => resolve());
      victim.kill("SIGKILL");
    });
    const second = await runCli([
      "--data-dir",
      dataDir,
      "--no-seed",
      "tm",
      "import",
      path.join(dir, "b.tmx"),
    ]);
    expect([second.code, second.stderr]).toEqual([
      0,
      `${path.join(dir, "b.tmx")}: ${UNITS} translation units added, 0 updated\n`,
    ]);
    expect((await storedIds(dataDir)).size).toBe(2 * UNITS);
    // A lock that was not broken would make this import wait forever: the test's time limit catches that.
    await expect(access(path.join(dataDir, `${STORE_FILES.tm}.lock`))).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
