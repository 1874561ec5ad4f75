import type { CheckReport } from "../runner.js";
import type { CheckDocument, Finding, RuleId, Span } from "../types.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function highlight(text: string | undefined, span: Span | undefined): string {
  if (text === undefined) return '<span class="none">(no target)</span>';
  if (!span || span.end > text.length) return escapeHtml(text);
  return (
    escapeHtml(text.slice(0, span.start)) +
    `<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>` +
    escapeHtml(text.slice(span.end))
  );
}

function segmentOf(document: CheckDocument, f: Finding) {
  return document.units.find((u) => u.id === f.unit)?.segments[f.segmentIndex];
}

/** A standalone HTML page: counts, then findings grouped by rule with source and target, terms highlighted. */
export function renderHtml(report: CheckReport, document: CheckDocument, ruleDescriptions: ReadonlyMap<RuleId, string>): string {
  const s = report.summary;
  const byRule = new Map<RuleId, Finding[]>();
  for (const f of report.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const sections = [...byRule].map(([rule, findings]) => {
    const rows = findings
      .map((f) => {
        const seg = segmentOf(document, f);
        return `<tr class="${f.severity}"><td>${escapeHtml(f.unit)}${f.segment ? `<br><small>${escapeHtml(f.segment)}</small>` : ""}</td>` +
          `<td><span class="sev">${f.severity}</span> ${escapeHtml(f.message)}</td>` +
          `<td lang="zh">${highlight(seg?.source, f.sourceSpan)}</td>` +
          `<td lang="en">${highlight(seg?.target, f.targetSpan)}</td></tr>`;
      })
      .join("\n");
    return `<section id="${rule}"><h2><code>${rule}</code> <span class="count">${findings.length}</span></h2>` +
      `<p class="desc">${escapeHtml(ruleDescriptions.get(rule) ?? "")}</p>` +
      `<table><thead><tr><th>unit</th><th>finding</th><th>source</th><th>target</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`;
  });
  const title = `yizhi check: ${document.file ?? "document"}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5rem auto; max-width: 72rem; color: #1d2433; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #dde; padding: .4rem .5rem; vertical-align: top; text-align: left; }
mark { background: #ffe27a; }
.sev { font-size: .75rem; text-transform: uppercase; border-radius: 3px; padding: 0 .3rem; }
.error .sev { background: #fbe1e1; color: #8a1f1f; } .warning .sev { background: #fff1cc; color: #7a5200; } .info .sev { background: #e5edfb; color: #23408e; }
.count { background: #eef; border-radius: 1rem; padding: 0 .6rem; font-size: 1rem; }
.desc { color: #556; } .none { color: #999; font-style: italic; }
dl.summary { display: flex; gap: 2rem; } dl.summary dt { color: #667; } dl.summary dd { margin: 0; font-size: 1.6rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<dl class="summary">
<div><dt>units</dt><dd>${s.units}</dd></div><div><dt>segments</dt><dd>${s.segments}</dd></div>
<div><dt>errors</dt><dd>${s.bySeverity.error}</dd></div><div><dt>warnings</dt><dd>${s.bySeverity.warning}</dd></div><div><dt>info</dt><dd>${s.bySeverity.info}</dd></div>
</dl>
${sections.length ? sections.join("\n") : "<p>No findings.</p>"}
</body>
</html>
`;
}
