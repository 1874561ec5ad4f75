import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import pc from "picocolors";
import { InputError, UsageError } from "../errors.js";
import { REPORT_FORMATS, renderReport } from "../qa/report/render.js";
import type { TextColours } from "../qa/report/text.js";
import type { RuleSetting } from "../qa/runner.js";
import { RULES } from "../qa/registry.js";
import type { RuleId } from "../qa/types.js";
import { openYizhi, parseFormat, readInput, writeOutput } from "./context.js";

const SETTINGS: readonly RuleSetting[] = ["off", "info", "warning", "error"];

const ConfigSchema = z.object({
  rules: z.record(z.string(), z.enum(["off", "info", "warning", "error"])).optional(),
});

/** Reads per-rule settings from `yizhi.config.json` in a directory, when there is one. */
export async function readConfig(dir: string): Promise<Partial<Record<RuleId, RuleSetting>>> {
  const file = path.join(dir, "yizhi.config.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${(error as Error).message}`, { file });
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"} (rules take off, info, warning or error)`, { file });
  }
  return parseRuleSettings(Object.entries(parsed.data.rules ?? {}).map(([id, v]) => `${id}=${v}`), file);
}

/** Parses repeated `--rule id=off|info|warning|error` options. */
export function parseRuleSettings(values: readonly string[], origin = "--rule"): Partial<Record<RuleId, RuleSetting>> {
  const settings: Partial<Record<RuleId, RuleSetting>> = {};
  for (const value of values) {
    const [id, setting] = value.split("=");
    const rule = RULES.find((r) => r.id === id);
    if (!rule) throw new UsageError(`${origin}: unknown rule "${id}" (known: ${RULES.map((r) => r.id).join(", ")})`);
    if (!SETTINGS.includes(setting as RuleSetting)) {
      throw new UsageError(`${origin} ${id}: severity must be one of ${SETTINGS.join(", ")} (got "${setting ?? ""}")`);
    }
    settings[rule.id] = setting as RuleSetting;
  }
  return settings;
}

const TERMINAL_COLOURS: TextColours = {
  severity: (s, t) => (s === "error" ? pc.red(t) : s === "warning" ? pc.yellow(t) : pc.cyan(t)),
  dim: pc.dim,
  bold: pc.bold,
};

/** `yizhi check IN.xlf`: the terminology consistency report; exit 1 when a finding is an error. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check a translated XLIFF file for terminology consistency (exit 1 when an error is found)")
    .argument("<file>", "XLIFF 1.2 or 2.x file")
    .option("--format <format>", "json, text, html, or xliff (the file with ITS quality-issue markup)", "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--rule <id=severity>", "set a rule's severity or turn it off (repeatable)", (v, all: string[]) => [...all, v], [])
    .action(async (file: string, opts: { format: string; output?: string; rule: string[] }, command: Command) => {
      const format = parseFormat(opts.format, REPORT_FORMATS, "text");
      const settings = { ...(await readConfig(process.cwd())), ...parseRuleSettings(opts.rule) };
      const input = await readInput(file);
      const yizhi = await openYizhi(command);
      const result = await yizhi.check(input, file, settings);
      const colours = opts.output === undefined && process.stdout.isTTY && !process.env.NO_COLOR ? TERMINAL_COLOURS : undefined;
      await writeOutput(opts.output, renderReport(result, format, colours));
      if (result.report.summary.bySeverity.error > 0) process.exitCode = 1;
    });
}
