import type { CheckReport } from "../runner.js";
import type { CheckDocument } from "../types.js";

/** Source and target text of one segment, as the findings' `sourceSpan`/`targetSpan` offsets count them. */
export interface SegmentText {
  readonly id?: string;
  readonly source: string;
  readonly target?: string;
}

/**
 * The segments of every unit that has a finding, by unit id then segment index: the texts the findings' spans
 * point into, so that a reader (the web page) can highlight them without parsing the XLIFF again. Unit ids are
 * unique in a file (readXliff refuses duplicates).
 */
export function segmentsOfFindings(
  report: CheckReport,
  document: CheckDocument,
): Record<string, SegmentText[]> {
  const wanted = new Set(report.findings.map((f) => f.unit));
  const out: Record<string, SegmentText[]> = {};
  for (const unit of document.units) {
    if (!wanted.has(unit.id)) continue;
    out[unit.id] = unit.segments.map((s) => ({
      ...(s.id !== undefined ? { id: s.id } : {}),
      source: s.source,
      ...(s.target !== undefined ? { target: s.target } : {}),
    }));
  }
  return out;
}

/**
 * The check report as DESIGN.md's JSON: `{"findings": [...], "summary": {...}}`, plus `segments` (the texts of
 * the units with findings) when the document is given.
 */
export function renderJson(report: CheckReport, document?: CheckDocument): string {
  const segments = document !== undefined ? { segments: segmentsOfFindings(report, document) } : {};
  return JSON.stringify({ findings: report.findings, summary: report.summary, ...segments }, null, 2) + "\n";
}
