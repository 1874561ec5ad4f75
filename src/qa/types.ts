import type { Concept } from "../termbase/model.js";
import type { TermHit } from "../termbase/matcher.js";

/** How serious a finding is; `error` makes `yizhi check` exit 1. */
export type Severity = "error" | "warning" | "info";

/** The rule ids of DESIGN.md: the same strings in code, JSON, docs and tests. */
export type RuleId =
  | "term-not-translated"
  | "deprecated-source-term"
  | "deprecated-target-term"
  | "variant-source-term"
  | "inconsistent-translation"
  | "inconsistent-term-translation"
  | "script-mismatch";

/** One segment as the checker sees it: plain text (inline codes removed) and its state. */
export interface CheckSegment {
  /** Segment id where the format has one (XLIFF 2 `segment/@id`, XLIFF 1.2 `mrk/@mid`). */
  readonly id?: string;
  readonly source: string;
  /** Undefined when the segment has no target element; "" when the target is empty. */
  readonly target?: string;
  /** Format state (`initial`, `translated`, `new`, `needs-translation`, ...), when given. */
  readonly state?: string;
}

/** One unit (XLIFF `unit` / `trans-unit`) as the checker sees it. */
export interface CheckUnit {
  readonly id: string;
  /** False for `translate="no"` units: they are not checked for translation. */
  readonly translate: boolean;
  readonly segments: readonly CheckSegment[];
}

/** What is being checked: the units, in file order, and the declared languages. */
export interface CheckDocument {
  readonly file?: string;
  readonly srcLang: string;
  readonly trgLang?: string;
  readonly units: readonly CheckUnit[];
}

/** A span in a segment's source or target text: [start, end) in UTF-16 code units of the original string. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A finding: plain, JSON-serialisable facts. The sentence shown to a person (`message`) is rendered from these
 * facts by the reporter, never stored by the rule.
 */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly unit: string;
  readonly segment?: string;
  /** Index of the segment in its unit (0-based), for units whose segments have no id. */
  readonly segmentIndex: number;
  readonly message: string;
  /** The source term found. */
  readonly term?: string;
  readonly conceptId?: string;
  /** The approved equivalents (or the approved source term). */
  readonly expected?: readonly string[];
  /** What the target (or source) used. */
  readonly found?: string;
  readonly suggestion?: string;
  readonly sourceSpan?: Span;
  readonly targetSpan?: Span;
  /** For findings that relate units (inconsistent translations): the other units involved. */
  readonly related?: readonly { readonly unit: string; readonly segment?: string; readonly target?: string }[];
}

/** What a rule reports: the facts of a finding; rule id, severity and message are added by the runner. */
export type FindingFacts = Omit<Finding, "rule" | "severity" | "message">;

/** A segment located in its unit, with term hits computed once by the runner and shared by every rule. */
export interface SegmentView {
  readonly unit: CheckUnit;
  readonly segment: CheckSegment;
  readonly index: number;
  /** Hits of termbase terms in the source (Chinese), leftmost-longest. */
  readonly sourceHits: readonly TermHit[];
  /** Hits of termbase terms in the target (English); empty when there is no target. */
  readonly targetHits: readonly TermHit[];
  /** True when the target is there and meant to be a translation (not missing, empty, initial or translate="no"). */
  readonly translated: boolean;
}

/** What a rule sees while it runs. */
export interface RuleContext {
  readonly document: CheckDocument;
  concept(id: string): Concept | undefined;
  report(facts: FindingFacts): void;
}

/** Called for each segment and once at the end; a rule that compares units keeps state between calls. */
export interface RuleVisitor {
  segment?(view: SegmentView): void;
  end?(): void;
}

/** A QA rule: one file under src/qa/rules/, named by its id. */
export interface Rule {
  readonly id: RuleId;
  readonly severity: Severity;
  readonly description: string;
  /** The sentence shown to a person, rendered from a finding's facts (like ESLint's meta.messages). */
  message(facts: FindingFacts): string;
  create(context: RuleContext): RuleVisitor;
}
