import { createHash, randomBytes } from "node:crypto";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ROOT, tempDir } from "../support/cli.js";

/** The hostile fixtures folder. */
export const HOSTILE = path.join(ROOT, "test/fixtures/hostile");

/** A temp folder holding a copy of every hostile fixture and `secret.txt` with a random marker. */
export interface HostileWorkspace {
  readonly dir: string;
  /** The marker inside secret.txt: it must never appear in any output or in the store. */
  readonly secret: string;
}

/** Copies the hostile fixtures into a new temp folder next to a secret file the XXE fixtures point at. */
export async function hostileWorkspace(): Promise<HostileWorkspace> {
  const dir = await tempDir("yizhi-hostile-");
  await cp(HOSTILE, dir, { recursive: true });
  const secret = `YIZHI-SECRET-${randomBytes(8).toString("hex")}`;
  await writeFile(path.join(dir, "secret.txt"), `${secret}\n`);
  return { dir, secret };
}

/** SHA-256 of every file under a folder, by relative path: equal maps mean a byte-identical store. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
  }
  return out;
}

/** Text of every file under a folder, joined, to search for a leaked secret. */
export async function treeText(dir: string): Promise<string> {
  let all = "";
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) all += await readFile(path.join(entry.parentPath, entry.name), "utf8");
  }
  return all;
}

/** A V8 or Node stack frame line, which must never reach a user. */
export const STACK_FRAME = /^\s+at .+(\(|:\d+:\d+)/m;
