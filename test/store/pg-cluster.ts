import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** A running throwaway PostgreSQL cluster. */
export interface PgCluster {
  /** Connection string of the cluster's `postgres` database (superuser `yizhi`, trust auth, loopback only). */
  readonly url: string;
  stop(): Promise<void>;
}

/** The message every PostgreSQL test fails with when the server binaries are missing. */
export const NO_POSTGRES =
  "PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql (apt-get install -y postgresql), " +
  "or set YIZHI_TEST_DATABASE_URL to a database the tests may create databases in";

/** The folder holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<version>/bin (newest). */
function serverBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((v) => existsSync(path.join(debian, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(debian, versions[0], "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts a throwaway cluster in a temporary folder on 127.0.0.1 and a free port (about 2 s). PostgreSQL refuses
 * to run as root, so as root the cluster runs as the `postgres` user Debian's package creates. Durability is
 * off (fsync, synchronous_commit): the cluster is deleted afterwards.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = serverBinDir();
  if (bin === undefined) throw new Error(NO_POSTGRES);
  const dir = await mkdtemp(path.join(os.tmpdir(), "yizhi-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    await chown(dir, uid, gid);
  }
  const exec = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], { cwd: dir })
      : run(path.join(bin, tool), args, { cwd: dir });
  const data = path.join(dir, "data");
  const port = await freePort();
  try {
    await exec("initdb", [
      "-D",
      data,
      "-U",
      "yizhi",
      "--auth=trust",
      "-E",
      "UTF8",
      "--no-locale",
      "--no-sync",
    ]);
    await exec("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "start",
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://yizhi@127.0.0.1:${port}/postgres`,
    async stop() {
      await exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** Creates a new empty database on the server of `adminUrl` and returns its connection string. */
export async function createDatabase(adminUrl: string, prefix = "yizhi_test"): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createDatabase (closing other sessions on it first). */
export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The server the PostgreSQL tests use: YIZHI_TEST_DATABASE_URL when set (scripts/pg-test.sh, or a developer's
 * own server), else a throwaway cluster started here. Without either, it throws NO_POSTGRES: the tests fail,
 * they are never skipped.
 */
export async function testServer(): Promise<PgCluster> {
  const given = process.env.YIZHI_TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  return startPgCluster();
}
