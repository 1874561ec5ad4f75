import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { runCli, type CliResult } from "../support/cli.js";

/**
 * Running the real peer tools (OmegaT, translate-toolkit, xmllint) from the interoperability tests. A missing
 * tool is a failure that names the Debian package to install, never a skipped test: these tests are the
 * proof that the peers agree with us.
 */

/** What a peer tool printed and how it exited. */
export interface ToolResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Debian's python: translate-toolkit is installed for it (a pyenv or venv `python3` on PATH may lack it). */
export const DEBIAN_PYTHON = "/usr/bin/python3";
/** The OmegaT jar of Debian's `omegat` package (its /usr/bin/omegat wrapper drops quoting of arguments). */
export const OMEGAT_JAR = process.env.OMEGAT_JAR ?? "/usr/share/omegat/OmegaT.jar";

const checked = new Set<string>();

/** Throws with the Debian package to install unless `command` runs (it is looked up on PATH). */
export function requireCommand(command: string, probeArgs: readonly string[], debianPackage: string): void {
  const key = `${command} ${probeArgs.join(" ")}`;
  if (checked.has(key)) return;
  const probe = spawnSync(command, probeArgs, { encoding: "utf8", timeout: 60_000 });
  if (probe.error !== undefined || probe.status !== 0) {
    const why =
      probe.error?.message ?? `exit ${probe.status}: ${probe.stderr.trim().split("\n").pop() ?? ""}`;
    throw new Error(
      `${command} is not usable (${why}): install the Debian package ${debianPackage} ` +
        `(apt-get install -y ${debianPackage})`,
    );
  }
  checked.add(key);
}

/** Throws with the Debian package to install unless OmegaT's jar and a Java runtime are present. */
export function requireOmegat(): void {
  if (!existsSync(OMEGAT_JAR))
    throw new Error(
      `${OMEGAT_JAR} is missing: install the Debian package omegat (apt-get install -y omegat)`,
    );
  requireCommand("java", ["-version"], "omegat");
}

/** Throws with the Debian package to install unless translate-toolkit's commands and python module are present. */
export function requireTranslateToolkit(): void {
  requireCommand("xliff2po", ["--version"], "translate-toolkit");
  requireCommand("pofilter", ["--version"], "translate-toolkit");
  requireCommand("po2tmx", ["--version"], "translate-toolkit");
  requireCommand(DEBIAN_PYTHON, ["-c", "import translate.storage.tmx"], "translate-toolkit");
}

/** Runs a tool to completion, killing it after `timeoutMs`; output is captured, never printed. */
export function runTool(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 60_000,
      killSignal: "SIGKILL",
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the built yizhi CLI and fails with its stderr unless it exits 0. */
export async function yizhi(args: readonly string[], cwd?: string): Promise<CliResult> {
  const result = await runCli(args, cwd === undefined ? {} : { cwd });
  if (result.code !== 0) throw new Error(`yizhi ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return result;
}

/** Source and target texts of every unit of a TMX file, as translate-toolkit's `translate.storage.tmx` reads them. */
export async function readTmxWithTranslateToolkit(
  file: string,
): Promise<{ source: string; target: string }[]> {
  const script = [
    "import json, sys",
    "from translate.storage import tmx",
    "store = tmx.tmxfile.parsefile(sys.argv[1])",
    "print(json.dumps([{'source': u.source, 'target': u.target} for u in store.units], ensure_ascii=False))",
  ].join("\n");
  const result = await runTool(DEBIAN_PYTHON, ["-c", script, file]);
  if (result.code !== 0) throw new Error(`translate.storage.tmx could not read ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as { source: string; target: string }[];
}
