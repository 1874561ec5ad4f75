import { escapeXmlAttribute } from "./annotate.js";
import { textOffsetToXml } from "./inline.js";
import type { InlineText, XliffDocument, XliffSegment, XliffUnit } from "./model.js";
import { applyInsertions, type Insertion } from "./splice.js";

/**
 * ITS 2.0 Localization Quality Issue markup in a client's XLIFF file (`yizhi check --format xliff`).
 *
 * Standards followed:
 * - ITS 2.0 (W3C Recommendation 29 October 2013) §8.15 Localization Quality Issue: `locQualityIssueType`
 *   (closed list of types), `locQualityIssueComment`, `locQualityIssueSeverity` (decimal 0–100),
 *   `locQualityIssueProfileRef` (IRI); §5.1: without an `its:rules` element, `its:version` must be on the
 *   element that carries ITS markup or on an ancestor — the client's root is never touched, so it goes on
 *   each marker; §5.8 Tools Annotation (`its:annotatorsRef="localization-quality-issue|IRI"`).
 * - XLIFF 2.x: an annotation is `<mrk id>` (XLIFF 2.0 §4.2.3.6; core schema `mrk` takes any attribute of
 *   another namespace, processContents="lax"), `id` required and unique in the unit. XLIFF 2.1 ITS Module,
 *   "ITS Localization Quality Issue Annotation": `type` is optional and then `its:generic`, with
 *   `its:locQualityIssueType` and/or `its:locQualityIssueComment`. XLIFF 2.0 §4.7 Inline Content,
 *   "Splitting Annotations": an annotation that overlaps a spanning code or another annotation is written
 *   as an `<sm/>` … `<em startRef/>` pair — which is what we do when a `<mrk>` would not be well-formed.
 * - XLIFF 1.2: W3C ITS Interest Group, "XLIFF 1.2 Mapping" (https://www.w3.org/International/its/wiki/XLIFF_1.2_Mapping,
 *   §2.15 Localization Quality Issue): inline ITS metadata is a `<mrk mtype="x-its">` carrying the `its:`
 *   attributes (`x-` values are the 1.2 extension form of `mtype`, strict schema type XTend). 1.2 has no
 *   `<sm>`/`<em>` and (as that mapping notes) cannot express overlapping markers, so a span that would cross
 *   an inline element is widened to the nearest enclosing well-formed boundary (never narrowed: the marker
 *   always covers the whole finding).
 *
 * Span placement, in order: (1) offsets into `InlineText.text` go through `textOffsetToXml` (start with
 * "start" bias, end with "end" bias, so a marker never swallows a neighbouring code); an offset inside an
 * atomic reference (`&#x20BB7;`, a surrogate pair) is moved outward to the reference's edge; (2) if the span
 * begins exactly where an inline element's content begins (or ends where it ends) the marker moves outside
 * that element at no cost in text; (3) what still crosses an element or one of our earlier markers becomes
 * `sm`/`em` (2.x) or is widened (1.2). An empty span, a span outside the text, or a finding with no span is a
 * whole-segment issue: the marker wraps the whole target content (or the source when there is no target text).
 *
 * Output is the client's file with only our start/end tags inserted; each declares the ITS namespace
 * locally (and the XLIFF namespace under a private prefix when the unit does not use it as default).
 */

/** The ITS 2.0 namespace. */
export const ITS_NS = "http://www.w3.org/2005/11/its";

/** Offsets `[start, end)` into `segment.source.text` or `segment.target.text`. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** One finding to mark in the file. */
export interface ItsFinding {
  readonly unit: string;
  readonly segmentIndex: number;
  readonly rule: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  readonly sourceSpan?: TextSpan;
  readonly targetSpan?: TextSpan;
}

export interface ItsMarkOptions {
  /**
   * An absolute IRI naming the tool (e.g. the project's home page). When given, each marker carries
   * `its:annotatorsRef="localization-quality-issue|IRI"` (ITS 2.0 §5.8) and
   * `its:locQualityIssueProfileRef="IRI#rule-id"`. Without it neither is written: we do not invent an IRI.
   */
  readonly toolIri?: string;
}

/** How a marker ended up placed relative to the finding's span. */
export type ItsPlacement = "exact" | "widened" | "whole-segment";

/** A marker written for a finding. */
export interface ItsMark {
  readonly unit: string;
  readonly segmentIndex: number;
  readonly rule: string;
  readonly side: "source" | "target";
  /** `mrk`: one element; `sm`: an `<sm/>`…`<em/>` pair (XLIFF 2.x only). */
  readonly form: "mrk" | "sm";
  /** The marker's id (XLIFF 2.x); 1.2 markers carry none. */
  readonly id?: string;
  /** Offsets in `doc.xml` where the start tag and the end tag are inserted. */
  readonly xmlStart: number;
  readonly xmlEnd: number;
  readonly placement: ItsPlacement;
  /** Why the placement is not "exact". */
  readonly reason?: string;
}

/** A finding that could not be marked at all. */
export interface ItsSkipped {
  readonly unit: string;
  readonly segmentIndex: number;
  readonly rule: string;
  readonly reason: string;
}

/** What `markFindings` inserts, marker by marker. */
export interface ItsPlan {
  readonly insertions: Insertion[];
  readonly marks: ItsMark[];
  readonly skipped: ItsSkipped[];
}

/** ITS 2.0 §8.15 type values that yizhi uses. */
export type ItsIssueType = "terminology" | "inconsistency" | "characters" | "uncategorized";

const ISSUE_TYPES: Readonly<Record<string, ItsIssueType>> = {
  // ITS 2.0 §8.15 "terminology": an incorrect term, a term from the wrong domain, or terms used inconsistently.
  "term-not-translated": "terminology",
  "deprecated-source-term": "terminology",
  "deprecated-target-term": "terminology",
  "variant-source-term": "terminology",
  // "inconsistency" is defined as "NB: not for use with terminology inconsistency", so a term rendered two
  // ways is "terminology", not "inconsistency".
  "inconsistent-term-translation": "terminology",
  "inconsistent-translation": "inconsistency",
  // "characters": characters that are garbled, incorrect, or not used in the language of the content —
  // traditional characters in a text declared simplified (or the reverse).
  "script-mismatch": "characters",
};

/** Maps a yizhi rule id to an ITS 2.0 Localization Quality Issue type ("uncategorized" for unknown rules). */
export function itsIssueType(rule: string): ItsIssueType {
  return ISSUE_TYPES[rule] ?? "uncategorized";
}

/** Maps a finding severity to `its:locQualityIssueSeverity` (ITS 2.0 §8.15: 0–100, 100 the most severe). */
export function itsSeverity(severity: ItsFinding["severity"]): number {
  return severity === "error" ? 100 : severity === "warning" ? 50 : 10;
}

/** Prefix under which our marker names the XLIFF namespace when the unit does not use it as default. */
const CORE_PREFIX = "yzx";
const ID_PREFIX = "yizhi-lqi-";
/** Inline elements that hold text; a marker must not cross their boundaries (1.2 §2.4, 2.0 §4.2.3). */
const CONTAINERS = new Set(["pc", "mrk", "g"]);

interface Interval {
  s: number;
  e: number;
}

interface Draft {
  readonly finding: ItsFinding;
  readonly unit: XliffUnit;
  readonly side: "source" | "target";
  readonly inline: InlineText;
  form: "mrk" | "sm";
  s: number;
  e: number;
  placement: ItsPlacement;
  reasons: string[];
  id?: string;
  /** Order of acceptance, for nesting ties. */
  index: number;
}

const inside = (c: { xmlStart: number; xmlEnd: number }, p: number): boolean =>
  c.xmlStart < p && p < c.xmlEnd;
const crosses = (a: Interval, b: Interval): boolean =>
  (a.s < b.s && b.s < a.e && a.e < b.e) || (b.s < a.s && a.s < b.e && b.e < a.e);

/** Text worth marking: present, not `<target/>`, and not empty. */
function usable(segment: XliffSegment, side: "source" | "target"): InlineText | undefined {
  if (side === "source") return segment.source.text === "" ? undefined : segment.source;
  if (segment.target === undefined || segment.targetSelfClosing || segment.target.text === "")
    return undefined;
  return segment.target;
}

/** The XML offset of a text offset, moved outward past an atomic reference when it falls inside one. */
function mapOffset(
  inline: InlineText,
  offset: number,
  bias: "start" | "end",
): { at: number; moved: boolean } {
  const step = bias === "start" ? -1 : 1;
  for (let o = offset, moved = false; o >= 0 && o <= inline.text.length; o += step, moved = true) {
    const at = textOffsetToXml(inline, o, bias);
    if (at !== undefined) return { at, moved };
  }
  // Unreachable: offsets 0 and text.length always map.
  return { at: bias === "start" ? inline.xmlStart : inline.xmlEnd, moved: true };
}

const CDATA_OPEN = "<![CDATA[";

/** Where the CDATA section that contains `p` opens, or undefined when `p` is not inside one. */
function cdataOpenBefore(xml: string, inline: InlineText, p: number): number | undefined {
  // Search only this source/target: a backward search from `p` would scan the whole document when there is none.
  const before = xml.slice(inline.xmlStart, p);
  const open = before.lastIndexOf(CDATA_OPEN);
  if (open === -1 || before.lastIndexOf("]]>") > open) return undefined;
  return inline.xmlStart + open;
}

class Planner {
  readonly marks: Draft[] = [];
  readonly skipped: ItsSkipped[] = [];
  private readonly v12: boolean;
  private readonly usedIds = new Map<XliffUnit, Set<string>>();
  private readonly nextId = new Map<XliffUnit, number>();
  /** Our accepted `mrk` intervals per source/target (keyed by its content start). */
  private readonly placed = new Map<number, Draft[]>();

  constructor(private readonly doc: XliffDocument) {
    this.v12 = doc.version === "1.2";
  }

  add(finding: ItsFinding, unit: XliffUnit | undefined): void {
    const skip = (reason: string): void => {
      this.skipped.push({
        unit: finding.unit,
        segmentIndex: finding.segmentIndex,
        rule: finding.rule,
        reason,
      });
    };
    if (unit === undefined) return skip("no unit with this id");
    const segment = unit.segments[finding.segmentIndex];
    if (segment === undefined) return skip(`the unit has no segment ${finding.segmentIndex}`);
    const requests: ["source" | "target", TextSpan][] = [];
    if (finding.sourceSpan !== undefined) requests.push(["source", finding.sourceSpan]);
    if (finding.targetSpan !== undefined) requests.push(["target", finding.targetSpan]);
    if (requests.length === 0) {
      this.whole(finding, unit, segment, "the finding has no span", skip);
      return;
    }
    for (const [side, span] of requests) {
      const inline = usable(segment, side);
      if (inline === undefined) {
        this.whole(finding, unit, segment, `the ${side} has no text to mark`, skip);
        continue;
      }
      if (
        !Number.isInteger(span.start) ||
        !Number.isInteger(span.end) ||
        span.start < 0 ||
        span.end > inline.text.length
      ) {
        this.wholeOf(
          finding,
          unit,
          side,
          inline,
          `span ${span.start}..${span.end} is outside the ${side} text`,
        );
        continue;
      }
      if (span.end <= span.start) {
        this.wholeOf(finding, unit, side, inline, `span ${span.start}..${span.end} is empty`);
        continue;
      }
      this.span(finding, unit, side, inline, span);
    }
  }

  /** A whole-segment issue: the target content when there is target text, else the source content. */
  private whole(
    finding: ItsFinding,
    unit: XliffUnit,
    segment: XliffSegment,
    reason: string,
    skip: (reason: string) => void,
  ): void {
    const target = usable(segment, "target");
    if (target !== undefined) return this.wholeOf(finding, unit, "target", target, reason);
    const source = usable(segment, "source");
    if (source !== undefined) return this.wholeOf(finding, unit, "source", source, reason);
    skip(`${reason}, and the segment has no text to mark`);
  }

  private wholeOf(
    finding: ItsFinding,
    unit: XliffUnit,
    side: "source" | "target",
    inline: InlineText,
    reason: string,
  ): void {
    // The content of <source>/<target> (or of a 1.2 segment <mrk>) is always a well-formed span.
    this.accept({
      finding,
      unit,
      side,
      inline,
      form: "mrk",
      s: inline.xmlStart,
      e: inline.xmlEnd,
      placement: "whole-segment",
      reasons: [reason],
      index: 0,
    });
  }

  private span(
    finding: ItsFinding,
    unit: XliffUnit,
    side: "source" | "target",
    inline: InlineText,
    span: TextSpan,
  ): void {
    const start = mapOffset(inline, span.start, "start");
    const end = mapOffset(inline, span.end, "end");
    const draft: Draft = {
      finding,
      unit,
      side,
      inline,
      form: "mrk",
      s: start.at,
      e: end.at,
      placement: "exact",
      reasons: [],
      index: 0,
    };
    if (start.moved || end.moved) this.widen(draft, "an end of the span falls inside a character reference");
    // Markup inside a CDATA section would be literal text: step out of the section (XML 1.0 §2.7).
    const xml = this.doc.xml;
    const openS = cdataOpenBefore(xml, inline, draft.s);
    if (openS !== undefined) {
      if (draft.s > openS + CDATA_OPEN.length) this.widen(draft, "the span starts inside a CDATA section");
      draft.s = openS;
    }
    const openE = cdataOpenBefore(xml, inline, draft.e);
    if (openE !== undefined) {
      const close = xml.indexOf("]]>", draft.e);
      if (draft.e < close) this.widen(draft, "the span ends inside a CDATA section");
      draft.e = close + 3;
    }
    const containers = inline.codes.filter((c) => CONTAINERS.has(c.kind));
    // (2) Free moves: a span starting where an element's content starts can start before the element.
    for (let changed = true; changed;) {
      changed = false;
      for (const c of containers) {
        const si = inside(c, draft.s);
        const ei = inside(c, draft.e);
        if (si && !ei && c.offset === span.start) {
          draft.s = c.xmlStart;
          changed = true;
        } else if (ei && !si && c.end === span.end) {
          draft.e = c.xmlEnd;
          changed = true;
        }
      }
    }
    const crossing = (): boolean => containers.some((c) => inside(c, draft.s) !== inside(c, draft.e));
    const ours = (): Draft | undefined =>
      (this.placed.get(inline.xmlStart) ?? []).find((m) => crosses(m, draft));
    if (!this.v12) {
      // (3) XLIFF 2.x: a pseudo-span crosses anything.
      if (crossing()) draft.form = "sm";
      else if (ours() !== undefined) draft.form = "sm";
      if (draft.form === "sm")
        draft.reasons.push("the span overlaps an inline element or another marker (sm/em pair)");
      this.accept(draft);
      return;
    }
    // (3) XLIFF 1.2: widen to the enclosing elements and around our overlapping markers until well-formed.
    for (let changed = true; changed;) {
      changed = false;
      for (const c of containers) {
        const si = inside(c, draft.s);
        const ei = inside(c, draft.e);
        if (si && !ei) {
          draft.s = c.xmlStart;
          changed = true;
        } else if (ei && !si) {
          draft.e = c.xmlEnd;
          changed = true;
        }
      }
      const other = ours();
      if (other !== undefined) {
        draft.s = Math.min(draft.s, other.s);
        draft.e = Math.max(draft.e, other.e);
        changed = true;
      }
      if (changed)
        this.widen(draft, "the span crosses an inline element or another marker (XLIFF 1.2 has no sm/em)");
    }
    this.accept(draft);
  }

  private widen(draft: Draft, reason: string): void {
    draft.placement = "widened";
    if (!draft.reasons.includes(reason)) draft.reasons.push(reason);
  }

  private accept(draft: Draft): void {
    draft.index = this.marks.length;
    if (!this.v12) draft.id = this.newId(draft.unit);
    this.marks.push(draft);
    if (draft.form === "mrk") {
      const list = this.placed.get(draft.inline.xmlStart) ?? [];
      list.push(draft);
      this.placed.set(draft.inline.xmlStart, list);
    }
  }

  /** `yizhi-lqi-N`, skipping every id already used in the unit (XLIFF 2.0: mrk/sm ids are unique in the unit). */
  private newId(unit: XliffUnit): string {
    let used = this.usedIds.get(unit);
    if (used === undefined) {
      used = new Set();
      const xml = this.doc.xml.slice(unit.xmlStart, unit.xmlEnd);
      for (const m of xml.matchAll(/[\s"'](?:[A-Za-z_][\w.-]*:)?id\s*=\s*(["'])(.*?)\1/g))
        used.add(m[2] ?? "");
      this.usedIds.set(unit, used);
    }
    let n = this.nextId.get(unit) ?? 1;
    while (used.has(`${ID_PREFIX}${n}`)) n++;
    this.nextId.set(unit, n + 1);
    used.add(`${ID_PREFIX}${n}`);
    return `${ID_PREFIX}${n}`;
  }
}

/** The attributes of one marker, in a fixed order. */
function markerAttributes(doc: XliffDocument, d: Draft, options: ItsMarkOptions): [string, string][] {
  const f = d.finding;
  const attrs: [string, string][] = [["xmlns:its", ITS_NS]];
  if (!d.unit.coreIsDefault) attrs.unshift([`xmlns:${CORE_PREFIX}`, doc.namespace]);
  if (doc.version === "1.2") attrs.push(["mtype", "x-its"]);
  else attrs.push(["id", d.id ?? ""], ["type", "its:generic"]);
  attrs.push(
    ["its:version", "2.0"],
    ["its:locQualityIssueType", itsIssueType(f.rule)],
    ["its:locQualityIssueComment", f.message],
    ["its:locQualityIssueSeverity", String(itsSeverity(f.severity))],
  );
  if (options.toolIri !== undefined) {
    attrs.push(
      ["its:locQualityIssueProfileRef", `${options.toolIri}#${f.rule}`],
      ["its:annotatorsRef", `localization-quality-issue|${options.toolIri}`],
    );
  }
  return attrs;
}

/** Orders tags so that markers sharing an offset nest: end tags first (inner first), then start tags (outer first). */
function orderTags(tags: { at: number; end: boolean; d: Draft; text: string }[]): Insertion[] {
  tags.sort((a, b) => {
    if (a.at !== b.at) return a.at - b.at;
    if (a.end !== b.end) return a.end ? -1 : 1;
    if (a.end) return b.d.s - a.d.s || b.d.index - a.d.index;
    return b.d.e - a.d.e || a.d.index - b.d.index;
  });
  return tags.map((t) => ({ offset: t.at, text: t.text }));
}

/**
 * Plans the ITS Localization Quality Issue markers for findings: where each start and end tag goes, how each
 * span was placed, and which findings could not be marked (unknown unit or segment, nothing to mark).
 */
export function planItsMarks(
  doc: XliffDocument,
  findings: readonly ItsFinding[],
  options: ItsMarkOptions = {},
): ItsPlan {
  const planner = new Planner(doc);
  const byId = new Map(doc.units.map((u) => [u.id, u]));
  for (const f of findings) planner.add(f, byId.get(f.unit));
  const tags: { at: number; end: boolean; d: Draft; text: string }[] = [];
  for (const d of planner.marks) {
    const name = d.unit.coreIsDefault ? "" : `${CORE_PREFIX}:`;
    const attrs = markerAttributes(doc, d, options)
      .map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`)
      .join("");
    if (d.form === "mrk") {
      tags.push({ at: d.s, end: false, d, text: `<${name}mrk${attrs}>` });
      tags.push({ at: d.e, end: true, d, text: `</${name}mrk>` });
    } else {
      const emNs = d.unit.coreIsDefault ? "" : ` xmlns:${CORE_PREFIX}="${escapeXmlAttribute(doc.namespace)}"`;
      tags.push({ at: d.s, end: false, d, text: `<${name}sm${attrs}/>` });
      tags.push({
        at: d.e,
        end: true,
        d,
        text: `<${name}em${emNs} startRef="${escapeXmlAttribute(d.id ?? "")}"/>`,
      });
    }
  }
  const marks: ItsMark[] = planner.marks.map((d) => ({
    unit: d.unit.id,
    segmentIndex: d.finding.segmentIndex,
    rule: d.finding.rule,
    side: d.side,
    form: d.form,
    ...(d.id !== undefined ? { id: d.id } : {}),
    xmlStart: d.s,
    xmlEnd: d.e,
    placement: d.placement,
    ...(d.reasons.length > 0 ? { reason: d.reasons.join("; ") } : {}),
  }));
  return { insertions: orderTags(tags), marks, skipped: planner.skipped };
}

/**
 * Returns the client's document with each finding wrapped in an ITS Localization Quality Issue marker
 * (XLIFF 2.x `<mrk type="its:generic">` or `<sm>`/`<em>`, XLIFF 1.2 `<mrk mtype="x-its">`); nothing else changes.
 */
export function markFindings(
  doc: XliffDocument,
  findings: readonly ItsFinding[],
  options: ItsMarkOptions = {},
): string {
  return applyInsertions(doc, planItsMarks(doc, findings, options).insertions);
}
