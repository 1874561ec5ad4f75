import type { CheckResult } from "../../service/yizhi.js";
import { markFindings } from "../../xliff/its.js";
import { encodeLike } from "../../xliff/splice.js";
import { RULES } from "../registry.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderText, type TextColours } from "./text.js";

/** The report formats of `yizhi check --format` and `POST /api/xliff/check?format=`. */
export const REPORT_FORMATS = ["json", "text", "html", "xliff"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Media types of the report formats, for HTTP. */
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
  xliff: "application/xliff+xml",
};

const DESCRIPTIONS = new Map(RULES.map((r) => [r.id, r.description]));

/** Renders a check result in one of the report formats; `xliff` is the client's file with ITS markup added. */
export function renderReport(result: CheckResult, format: ReportFormat, colours?: TextColours): string | Buffer {
  switch (format) {
    case "json":
      return renderJson(result.report, result.document);
    case "text":
      return renderText(result.report, result.document.file ?? "input", colours);
    case "html":
      return renderHtml(result.report, result.document, DESCRIPTIONS);
    case "xliff":
      return encodeLike(result.xliff, markFindings(result.xliff, result.report.findings));
  }
}
