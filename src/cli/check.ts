import type { Command } from "commander";
import pc from "picocolors";
import { UsageError } from "../errors.js";
import { renderJson } from "../qa/report/json.js";
import { renderText, type TextColours } from "../qa/report/text.js";
import type { RuleSetting } from "../qa/runner.js";
import { RULES } from "../qa/registry.js";
import type { RuleId } from "../qa/types.js";
import { openYizhi, parseFormat, readInput, writeOutput } from "./context.js";

const SETTINGS: readonly RuleSetting[] = ["off", "info", "warning", "error"];

/** Parses repeated `--rule id=off|info|warning|error` options. */
export function parseRuleSettings(values: readonly string[]): Partial<Record<RuleId, RuleSetting>> {
  const settings: Partial<Record<RuleId, RuleSetting>> = {};
  for (const value of values) {
    const [id, setting] = value.split("=");
    const rule = RULES.find((r) => r.id === id);
    if (!rule) throw new UsageError(`--rule: unknown rule "${id}" (known: ${RULES.map((r) => r.id).join(", ")})`);
    if (!SETTINGS.includes(setting as RuleSetting)) {
      throw new UsageError(`--rule ${id}: severity must be one of ${SETTINGS.join(", ")} (got "${setting ?? ""}")`);
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
    .option("--format <format>", "json or text", "text")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--rule <id=severity>", "set a rule's severity or turn it off (repeatable)", (v, all: string[]) => [...all, v], [])
    .action(async (file: string, opts: { format: string; output?: string; rule: string[] }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "text"] as const, "text");
      const settings = parseRuleSettings(opts.rule);
      const input = await readInput(file);
      const yizhi = await openYizhi(command);
      const { report } = await yizhi.check(input, file, settings);
      const colours = opts.output === undefined && process.stdout.isTTY ? TERMINAL_COLOURS : undefined;
      await writeOutput(opts.output, format === "json" ? renderJson(report) : renderText(report, file, colours));
      if (report.summary.bySeverity.error > 0) process.exitCode = 1;
    });
}
