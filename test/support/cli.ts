import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** The repository root, for fixtures and the built CLI. */
export const ROOT = path.resolve(import.meta.dirname, "../..");
/** The built CLI (`npm test` builds first). */
export const CLI = path.join(ROOT, "dist/src/cli/main.js");

/** What a CLI run printed and how it exited. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `yizhi` CLI with arguments, optional stdin, and a working directory. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: "1", YIZHI_DATA_DIR: undefined, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A new empty temporary directory. */
export function tempDir(prefix = "yizhi-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}
