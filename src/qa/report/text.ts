import type { CheckReport } from "../runner.js";
import type { Finding, Severity } from "../types.js";

/** Colours for a terminal; identity functions when the output is not a TTY. */
export interface TextColours {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const NO_COLOUR: TextColours = { severity: (_s, t) => t, dim: (t) => t, bold: (t) => t };

function where(f: Finding): string {
  return f.segment !== undefined ? `segment ${f.segment}` : `segment #${f.segmentIndex + 1}`;
}

/** The check report as text grouped by unit, one finding a line, with a summary line at the end. */
export function renderText(report: CheckReport, file: string, colours: TextColours = NO_COLOUR): string {
  const lines: string[] = [];
  let currentUnit: string | undefined;
  for (const f of report.findings) {
    if (f.unit !== currentUnit) {
      if (currentUnit !== undefined) lines.push("");
      lines.push(colours.bold(`unit ${f.unit}`));
      currentUnit = f.unit;
    }
    lines.push(
      `  ${colours.dim(where(f).padEnd(12))} ${colours.severity(f.severity, f.severity.padEnd(7))} ${f.message}  ${colours.dim(f.rule)}`,
    );
  }
  const s = report.summary;
  if (lines.length > 0) lines.push("");
  lines.push(
    `${file}: ${s.findings} finding${s.findings === 1 ? "" : "s"} ` +
      `(${s.bySeverity.error} error, ${s.bySeverity.warning} warning, ${s.bySeverity.info} info) ` +
      `in ${s.units} units, ${s.segments} segments`,
  );
  return lines.join("\n") + "\n";
}
