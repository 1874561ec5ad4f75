import type { Concept } from "../termbase/model.js";
import type { TermMatcher } from "../termbase/matcher.js";
import { isUntranslatedSegment } from "../xliff/states.js";
import type { CheckDocument, CheckSegment, CheckUnit, Finding, Rule, RuleId, SegmentView, Severity } from "./types.js";

/** A rule's configured severity, or "off". */
export type RuleSetting = Severity | "off";

/** Everything a check needs besides the document: the termbase, its matcher and the rules to run. */
export interface CheckOptions {
  readonly rules: readonly Rule[];
  readonly concepts: ReadonlyMap<string, Concept>;
  readonly matcher: TermMatcher;
  /** Per-rule severity override or "off". */
  readonly settings?: Partial<Record<RuleId, RuleSetting>>;
}

/** Summary counts of a check, as DESIGN.md's check JSON. */
export interface CheckSummary {
  readonly units: number;
  readonly segments: number;
  readonly findings: number;
  readonly byRule: Record<string, number>;
  readonly bySeverity: Record<Severity, number>;
}

/** The result of a check: findings in file order, and their summary. */
export interface CheckReport {
  readonly findings: readonly Finding[];
  readonly summary: CheckSummary;
}


/** True when a segment's target is there and meant to be read as a translation. */
export function isTranslated(unit: CheckUnit, segment: CheckSegment): boolean {
  if (!unit.translate) return false;
  return !isUntranslatedSegment(segment);
}

/** Runs every enabled rule over a document; rules see each segment once, with term hits computed once. */
export function runCheck(document: CheckDocument, options: CheckOptions): CheckReport {
  const findings: Finding[] = [];
  const active = options.rules
    .map((rule) => ({ rule, setting: options.settings?.[rule.id] ?? rule.severity }))
    .filter((r): r is { rule: Rule; setting: Severity } => r.setting !== "off");

  const visitors = active.map(({ rule, setting }) =>
    rule.create({
      document,
      concept: (id) => options.concepts.get(id),
      report: (facts) => findings.push({ rule: rule.id, severity: setting, message: rule.message(facts), ...facts }),
    }),
  );

  let segments = 0;
  for (const unit of document.units) {
    unit.segments.forEach((segment, index) => {
      segments++;
      const translated = isTranslated(unit, segment);
      const view: SegmentView = {
        unit,
        segment,
        index,
        translated,
        sourceHits: options.matcher.matchChinese(segment.source),
        targetHits: segment.target ? options.matcher.matchEnglish(segment.target) : [],
      };
      for (const visitor of visitors) visitor.segment?.(view);
    });
  }
  for (const visitor of visitors) visitor.end?.();

  const order = new Map(document.units.map((u, i) => [u.id, i]));
  findings.sort(
    (a, b) =>
      (order.get(a.unit) ?? 0) - (order.get(b.unit) ?? 0) ||
      a.segmentIndex - b.segmentIndex ||
      (a.sourceSpan?.start ?? 0) - (b.sourceSpan?.start ?? 0),
  );
  return { findings, summary: summarize(document, segments, findings) };
}

function summarize(document: CheckDocument, segments: number, findings: readonly Finding[]): CheckSummary {
  const byRule: Record<string, number> = {};
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    bySeverity[f.severity]++;
  }
  return { units: document.units.length, segments, findings: findings.length, byRule, bySeverity };
}
