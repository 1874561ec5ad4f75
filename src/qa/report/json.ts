import type { CheckReport } from "../runner.js";

/** The check report as DESIGN.md's JSON: `{"findings": [...], "summary": {...}}`. */
export function renderJson(report: CheckReport): string {
  return JSON.stringify({ findings: report.findings, summary: report.summary }, null, 2) + "\n";
}
