import {
  GLOSSARY_NS,
  MATCHES_NS,
  type ModuleContainer,
  type XliffDocument,
  type XliffSegment,
  type XliffUnit,
} from "./model.js";
import { INVALID_XML_CHARS } from "../text/xml-chars.js";
import { streamXliff, type XliffShape } from "./read.js";
import { applyInsertions, EncodingWriter, type Insertion } from "./splice.js";
import { indentOf } from "./v20.js";

/** A termbase hit to offer in a unit: the source term found and its approved English equivalents. */
export interface GlossarySuggestion {
  readonly segmentId?: string;
  readonly conceptId: string;
  readonly term: string;
  readonly translations: readonly string[];
  readonly definition?: string;
  readonly status?: string;
}

/** A translation-memory match for a segment (similarity 0..1). */
export interface MatchSuggestion {
  readonly segmentId?: string;
  readonly similarity: number;
  readonly source: string;
  readonly target: string;
  readonly origin: string;
  readonly id?: string;
}

/** Everything to add to one unit. */
export interface UnitSuggestions {
  readonly glossary: readonly GlossarySuggestion[];
  readonly matches: readonly MatchSuggestion[];
  /**
   * Set by a suggester that knows repetitions: two single-segment units whose suggestions carry the same object
   * here have the same suggestions apart from the segment they name, so a unit laid out like an earlier one is
   * written from that one's rendering, with its own segment id put in.
   */
  readonly repeats?: object;
}

export interface AnnotateOptions {
  /** Fill empty or missing targets from a match of similarity 1. */
  readonly pretranslate?: boolean;
  /** Name written in `source`/`from`/`subState` values; an XML name prefix. Default "yizhi". */
  readonly toolName?: string;
}

/** A suggestion that could not be written, and why (the caller may report it). */
export interface SkippedSuggestion {
  readonly unit: string;
  readonly segment?: string;
  readonly kind: "unit" | "glossary" | "match" | "pretranslate";
  readonly reason: string;
}

/** The insertions that annotate a document, and what was left out. */
export interface AnnotationPlan {
  readonly insertions: Insertion[];
  readonly skipped: SkippedSuggestion[];
}

// Anything escapeXmlText or escapeXmlAttribute would change; most values (terms, ids, scores) contain none.
// eslint-disable-next-line no-control-regex -- the control characters XML forbids, as in INVALID_XML_CHARS
const NEEDS_ESCAPE = /[&<>"\t\n\r\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes character data: `&`, `<`, `>`; line ends become LF (written as the file's line end). */
export function escapeXmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/\r\n?/g, "\n")
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Escapes an attribute value for double quotes; whitespace characters as references so they survive normalisation (XML 1.0 §3.3.3). */
export function escapeXmlAttribute(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

type Children = readonly (Node | string)[];

/** A small element tree for what we write. */
interface Node {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string | undefined])[];
  /** The children, or how to make them (a cached body is rendered once, so its children are mostly never needed). */
  readonly children: Children | (() => Children);
  /**
   * The content the children are made of, for the body cache: two nodes with equal keys have the same children.
   * A glossary entry or a TM match repeats on every repetition of its segment with only its `ref` changed, and
   * rendering its escaped, indented body again each time was most of the cost of annotating a long file. The
   * first field is short (it is hashed, with the layout); the others are compared.
   */
  readonly bodyKey?: readonly string[];
}

function el(
  name: string,
  attributes: Node["attributes"],
  children: Node["children"],
  bodyKey?: readonly string[],
): Node {
  return bodyKey === undefined ? { name, attributes, children } : { name, attributes, children, bodyKey };
}

const childrenOf = (node: Node): Children =>
  typeof node.children === "function" ? node.children() : node.children;

// Rendered bodies one planner keeps; past this many distinct ones it renders without remembering, so memory stays
// bounded on a file whose suggestions never repeat.
const BODY_CACHE = 20_000;

/** A rendered body and the content it was rendered from. */
interface CachedBody {
  readonly key: readonly string[];
  readonly body: string | Uint8Array;
}

const sameKey = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Rendered element bodies (after the start tag's attributes) by layout and body key: as text, or, when the planner
 * writes a stream, already encoded the way the output is (line ends included), so a repeated body is copied
 * rather than concatenated and encoded again.
 */
class BodyCache {
  private readonly bodies = new Map<string, CachedBody[]>();
  private size = 0;

  constructor(private readonly encode?: BodyEncoder) {}

  /** The body for a key in a layout, rendered by `make` the first time. */
  get(layout: string, key: readonly string[], make: () => string): string | Uint8Array {
    const hash = `${layout}\u0001${key[0] ?? ""}`;
    const known = this.bodies.get(hash);
    const hit = known?.find((c) => sameKey(c.key, key));
    if (hit !== undefined) return hit.body;
    const text = make();
    const body = this.encode === undefined ? text : this.encode(text);
    if (this.size < BODY_CACHE) {
      this.size++;
      if (known === undefined) this.bodies.set(hash, [{ key, body }]);
      else known.push({ key, body });
    }
    return body;
  }
}

/** Turns a rendered body into what the cache keeps for a streamed output. */
type BodyEncoder = (body: string) => Uint8Array;

/** Output of rendering: text, and cached encoded bodies between the text pieces. */
class Emitter {
  readonly parts: (string | Uint8Array)[] = [];
  private text = "";

  constructor(readonly cache?: BodyCache) {}

  add(s: string): void {
    this.text += s;
  }

  /** A body from the cache (rendered by `make`, as text, the first time). */
  body(layout: string, key: readonly string[], make: () => string): void {
    const body = (this.cache as BodyCache).get(layout, key, make);
    if (typeof body === "string") this.text += body;
    else {
      if (this.text !== "") this.parts.push(this.text);
      this.text = "";
      this.parts.push(body);
    }
  }

  finish(): (string | Uint8Array)[] {
    if (this.text !== "") this.parts.push(this.text);
    this.text = "";
    return this.parts;
  }
}

function render(node: Node, indent: string, step: string, pretty: boolean, out: Emitter): void {
  let tag = `<${node.name}`;
  for (const [k, v] of node.attributes) if (v !== undefined) tag += ` ${k}="${escapeXmlAttribute(v)}"`;
  out.add(tag);
  if (node.bodyKey === undefined || out.cache === undefined) {
    renderBody(node, indent, step, pretty, out);
    return;
  }
  out.body(`${pretty ? "p" : "f"}${indent}\u0001${step}`, node.bodyKey, () => {
    const body = new Emitter();
    renderBody(node, indent, step, pretty, body);
    return body.finish().join("");
  });
}

/** The rest of an element after its start tag's attributes: `/>`, or `>`, the children and the end tag. */
function renderBody(node: Node, indent: string, step: string, pretty: boolean, out: Emitter): void {
  const children = childrenOf(node);
  if (children.length === 0) {
    out.add("/>");
    return;
  }
  out.add(">");
  const elementsOnly = children.every((c) => typeof c !== "string");
  if (!elementsOnly) {
    for (const c of children)
      if (typeof c === "string") out.add(escapeXmlText(c));
      else render(c, indent, step, false, out);
  } else {
    for (const c of children) {
      if (pretty) out.add(`\n${indent}${step}`);
      render(c as Node, indent + step, step, pretty, out);
    }
    if (pretty) out.add(`\n${indent}`);
  }
  out.add(`</${node.name}>`);
}

/** Formats a 0..1 similarity as the 0–100 decimal of XLIFF 2 `mtc:similarity` (at most 2 decimals). */
export function formatSimilarity(similarity: number): string {
  const clamped = Math.min(1, Math.max(0, similarity));
  return String(Math.round(clamped * 10000) / 100);
}

interface Layout {
  /** Text that goes before a new child element (newline + indent), "" when the parent is on one line. */
  readonly lead: string;
  readonly indent: string;
  readonly step: string;
  readonly pretty: boolean;
}

/** Indentation of new children follows the element's existing children. */
function layoutFor(childLeadingSpace: string, parentIndent: string): Layout {
  const pretty = childLeadingSpace.includes("\n");
  const indent = indentOf(childLeadingSpace);
  let step =
    indent.startsWith(parentIndent) && indent.length > parentIndent.length
      ? indent.slice(parentIndent.length)
      : "";
  // A file that does not indent nested elements (Okapi writes one element a line, flush left) gets none from us.
  if (step === "" && indent !== parentIndent) step = indent.includes("\t") ? "\t" : "  ";
  return { lead: pretty ? `\n${indent}` : "", indent, step, pretty };
}

// Stands in for a segment id while a repeated unit's rendering is made (a private-use character; a segment id
// holding it is never rendered this way).
const SEGMENT_HOLE = "\uE000";

/** An insertion as planned: text, with encoded bodies between the pieces when the planner writes a stream. */
interface Planned {
  readonly offset: number;
  readonly parts: readonly (string | Uint8Array)[];
}

function isEmpty(segment: XliffSegment): boolean {
  return segment.target === undefined || (segment.target.text === "" && segment.target.codes.length === 0);
}

/** The segment a suggestion is for: by id, or the only segment when it names none. */
function segmentFor(unit: XliffUnit, segmentId: string | undefined): XliffSegment | undefined {
  if (segmentId !== undefined) return unit.segments.find((s) => s.id === segmentId);
  return unit.segments.length === 1 ? unit.segments[0] : undefined;
}

class Planner {
  insertions: Planned[] = [];
  readonly skipped: SkippedSuggestion[] = [];
  private readonly tool: string;
  private readonly bodies: BodyCache;
  private readonly encode: BodyEncoder | undefined;
  // Renderings of repeated units by their suggestions' `repeats` object and layout (see fromRepetition).
  private readonly repetitions = new WeakMap<object, Map<string, Uint8Array[]>>();
  private repetitionCount = 0;
  private lastLayout: { space: string; indent: string; core: boolean; key: string } | undefined;

  /** `encode` given: repeated bodies are kept encoded for the output (see BodyCache). */
  constructor(
    private readonly doc: Pick<XliffDocument, "version" | "namespace">,
    private readonly options: AnnotateOptions,
    encode?: BodyEncoder,
  ) {
    this.tool = options.toolName ?? "yizhi";
    this.bodies = new BodyCache(encode);
    this.encode = encode;
  }

  /** Plans an element at an offset, on a new line of its own when the layout has lines. */
  private place(offset: number, node: Node, layout: Layout): void {
    const out = new Emitter(this.bodies);
    out.add(layout.lead);
    render(node, layout.indent, layout.step, layout.pretty, out);
    this.insertions.push({ offset, parts: out.finish() });
  }

  /** Plans text at an offset. */
  private insert(offset: number, text: string): void {
    this.insertions.push({ offset, parts: [text] });
  }

  /** Plans one unit's insertions (nothing for a unit without suggestions). */
  unit(unit: XliffUnit, s: UnitSuggestions | undefined): void {
    if (s === undefined || (s.glossary.length === 0 && s.matches.length === 0)) return;
    if (!unit.translate) {
      this.skip(unit, "unit", 'the unit is translate="no"');
      return;
    }
    if (this.repeatable(unit, s)) this.fromRepetition(unit, s);
    else this.rendered(unit, s);
  }

  /** Plans a unit's insertions by rendering them, in its version's form. */
  private rendered(unit: XliffUnit, s: UnitSuggestions): void {
    if (this.doc.version === "1.2") this.unit12(unit, s);
    else this.unit20(unit, s);
  }

  /**
   * Whether a unit's insertions depend only on its suggestions, layout and one segment id: a single segment with
   * an id, no module container of the client's to add into, nothing to pre-translate, not a segmented 1.2 unit.
   */
  private repeatable(unit: XliffUnit, s: UnitSuggestions): s is UnitSuggestions & { repeats: object } {
    const seg = unit.segments[0];
    return (
      this.encode !== undefined &&
      s.repeats !== undefined &&
      unit.segments.length === 1 &&
      seg?.id !== undefined &&
      !seg.id.includes(SEGMENT_HOLE) &&
      unit.glossary === undefined &&
      unit.matches === undefined &&
      !unit.segmented &&
      (this.options.pretranslate !== true || s.matches.every((m) => m.similarity < 1)) &&
      s.glossary.every((g) => g.segmentId === seg.id) &&
      s.matches.every((m) => m.segmentId === undefined || m.segmentId === seg.id)
    );
  }

  /**
   * Writes a repeated unit from the rendering of the first unit with its suggestions and layout (rendered with a
   * stand-in segment id, cut there, encoded): only the segment id is new.
   */
  private fromRepetition(unit: XliffUnit, s: UnitSuggestions & { repeats: object }): void {
    const seg = unit.segments[0] as XliffSegment & { id: string };
    // The layout key of the unit before, when this one's is the same (the usual case): a string already hashed.
    let last = this.lastLayout;
    if (
      last === undefined ||
      last.space !== unit.childLeadingSpace ||
      last.indent !== unit.indent ||
      last.core !== unit.coreIsDefault
    ) {
      last = {
        space: unit.childLeadingSpace,
        indent: unit.indent,
        core: unit.coreIsDefault,
        key: `${unit.childLeadingSpace}\u0001${unit.indent}\u0001${unit.coreIsDefault}`,
      };
      this.lastLayout = last;
    }
    const layout = last.key;
    let byLayout = this.repetitions.get(s.repeats);
    if (byLayout === undefined) {
      byLayout = new Map();
      this.repetitions.set(s.repeats, byLayout);
    }
    let pieces = byLayout.get(layout);
    if (pieces === undefined) {
      const stand = (x: { segmentId?: string }) =>
        x.segmentId === undefined ? {} : { segmentId: SEGMENT_HOLE };
      const stub: XliffUnit = { ...unit, segments: [{ ...seg, id: SEGMENT_HOLE }] };
      const rendering = new Planner(this.doc, { ...this.options, pretranslate: false });
      rendering.unit(stub, {
        glossary: s.glossary.map((g) => ({ ...g, ...stand(g) })),
        matches: s.matches.map((m) => ({ ...m, ...stand(m) })),
      });
      if (rendering.skipped.length > 0) {
        // Something could not be written: the unit takes the ordinary path, which reports it.
        this.rendered(unit, s);
        return;
      }
      const text = rendering.insertions.map((i) => i.parts.join("")).join("");
      pieces = text.split(SEGMENT_HOLE).map((piece) => (this.encode as BodyEncoder)(piece));
      if (this.repetitionCount++ < BODY_CACHE) byLayout.set(layout, pieces);
    }
    // The id as text: the writer encodes it straight into its buffer.
    const id = escapeXmlAttribute(seg.id);
    const parts: (string | Uint8Array)[] = [];
    pieces.forEach((piece, i) => {
      if (i > 0) parts.push(id);
      parts.push(piece);
    });
    this.insertions.push({ offset: unit.moduleInsertAt, parts });
  }

  skip(unit: XliffUnit | string, kind: SkippedSuggestion["kind"], reason: string, segment?: string): void {
    this.skipped.push({
      unit: typeof unit === "string" ? unit : unit.id,
      kind,
      reason,
      ...(segment !== undefined ? { segment } : {}),
    });
  }

  unit20(unit: XliffUnit, s: UnitSuggestions): void {
    const layout = layoutFor(unit.childLeadingSpace, unit.indent);
    if (this.options.pretranslate === true) this.pretranslate(unit, s.matches);
    const entries: Node[] = [];
    for (const g of s.glossary) {
      const seg = g.segmentId === undefined ? undefined : unit.segments.find((x) => x.id === g.segmentId);
      const children = (): Node[] => {
        const out = [el("gls:term", [["source", `${this.tool}:${g.conceptId}`]], [g.term])];
        for (const t of g.translations) out.push(el("gls:translation", [["source", this.tool]], [t]));
        if (g.definition !== undefined && g.definition !== "")
          out.push(el("gls:definition", [["source", this.tool]], [g.definition]));
        return out;
      };
      const key = [`g${g.conceptId}`, g.term, g.definition ?? "", ...g.translations];
      entries.push(
        el("gls:glossEntry", [["ref", seg?.id !== undefined ? `#${seg.id}` : undefined]], children, key),
      );
    }
    const matches: Node[] = [];
    for (const m of s.matches) {
      const seg = segmentFor(unit, m.segmentId);
      if (seg === undefined) {
        this.skip(
          unit,
          "match",
          m.segmentId === undefined
            ? "the unit has several segments and the match names none"
            : `no segment "${m.segmentId}" in the unit`,
          m.segmentId,
        );
        continue;
      }
      if (seg.id === undefined) {
        // XLIFF 2.0 §5.2 (matches.xsd): mtc:match@ref is required and must point at an id; we never add ids to the client's segments.
        this.skip(unit, "match", 'the segment has no id, and <mtc:match> needs ref="#id"');
        continue;
      }
      matches.push(
        el(
          "mtc:match",
          [
            ["ref", `#${seg.id}`],
            ["similarity", formatSimilarity(m.similarity)],
            ["type", "tm"],
            ["subType", `${this.tool}:tm`],
            ["origin", m.origin],
          ],
          () => [el("source", [], [m.source]), el("target", [], [m.target])],
          [`m${m.id ?? ""}`, m.source, m.target],
        ),
      );
    }
    this.module20(unit, layout, "gls:glossary", "xmlns:gls", GLOSSARY_NS, entries, unit.glossary, false);
    this.module20(unit, layout, "mtc:matches", "xmlns:mtc", MATCHES_NS, matches, unit.matches, true);
  }

  /** Adds entries inside the client's container when there is one, else in a new container of ours. */
  private module20(
    unit: XliffUnit,
    layout: Layout,
    name: string,
    xmlnsAttr: string,
    uri: string,
    entries: Node[],
    theirs: ModuleContainer | undefined,
    needsCore: boolean,
  ): void {
    if (entries.length === 0) return;
    if (theirs !== undefined) {
      // Their container may use another prefix: each of our entries declares the namespaces it uses.
      const inner = layoutFor(theirs.childLeadingSpace, layout.indent);
      const coreDecl = needsCore && !theirs.coreIsDefault ? this.doc.namespace : undefined;
      for (const e of entries) {
        const declared = el(
          e.name,
          [[xmlnsAttr, uri], ["xmlns", coreDecl], ...e.attributes],
          e.children,
          e.bodyKey,
        );
        this.place(theirs.insertAt, declared, inner);
      }
      return;
    }
    const coreDecl = needsCore && !unit.coreIsDefault ? this.doc.namespace : undefined;
    const container = el(
      name,
      [
        [xmlnsAttr, uri],
        ["xmlns", coreDecl],
      ],
      entries,
    );
    this.place(unit.moduleInsertAt, container, layout);
  }

  unit12(unit: XliffUnit, s: UnitSuggestions): void {
    const layout = layoutFor(unit.childLeadingSpace, unit.indent);
    if (this.options.pretranslate === true) this.pretranslate(unit, s.matches);
    const coreDecl = unit.coreIsDefault ? undefined : this.doc.namespace;
    for (const g of s.glossary) {
      // 1.2 has no glossary element; Okapi and OmegaT both show <note> to the translator. annotates="source"
      // (1.2 §2.6.2 note) says the note is about the source text.
      const label = [`${this.tool}:${g.conceptId}`, g.status]
        .filter((x) => x !== undefined && x !== "")
        .join(", ");
      let text = `${g.term} → ${g.translations.join("; ")} (${label})`;
      if (g.definition !== undefined && g.definition !== "") text += ` — ${g.definition}`;
      const note = el(
        "note",
        [
          ["xmlns", coreDecl],
          ["from", this.tool],
          ["annotates", "source"],
        ],
        [text],
      );
      this.place(unit.moduleInsertAt, note, layout);
    }
    for (const m of s.matches) {
      let mid: string | undefined;
      if (unit.segmented && m.segmentId !== undefined) {
        if (!unit.segments.some((x) => x.id === m.segmentId)) {
          this.skip(unit, "match", `no segment "${m.segmentId}" in the unit`, m.segmentId);
          continue;
        }
        // 1.2 strict schema keyref KR_tu_segsrc_mid: alt-trans@mid must name a seg-source mrk.
        mid = m.segmentId;
      }
      const alt = el(
        "alt-trans",
        [
          ["xmlns", coreDecl],
          ["mid", mid],
          ["match-quality", formatSimilarity(m.similarity)],
          ["origin", m.origin],
        ],
        () => [el("source", [], [m.source]), el("target", [], [m.target])],
        [`m${m.id ?? ""}`, m.source, m.target],
      );
      this.place(unit.moduleInsertAt, alt, layout);
    }
  }

  /** Fills an empty or missing target from an exact match; never touches a target with content or a set state. */
  private pretranslate(unit: XliffUnit, matches: readonly MatchSuggestion[]): void {
    const v12 = this.doc.version === "1.2";
    for (const seg of unit.segments) {
      const exact = matches.find((m) => m.similarity >= 1 && segmentFor(unit, m.segmentId) === seg);
      if (exact === undefined || !isEmpty(seg)) continue;
      const why =
        seg.source.codes.length > 0
          ? "the source has inline codes and the match is plain text"
          : seg.targetSelfClosing
            ? "the target is written <target/> and cannot be filled by insertion"
            : seg.hasStateAttribute
              ? `the ${v12 ? "target" : "segment"} already has a state`
              : v12 && unit.segmented
                ? "segmented 1.2 units (seg-source) are not pre-translated"
                : undefined;
      if (why !== undefined) {
        this.skip(unit, "pretranslate", why, seg.id);
        continue;
      }
      // 1.2 §2.5.4 state / state-qualifier; 2.0 §4.3.1.37 state, with subState naming us.
      const stateAttrs: [string, string][] = v12
        ? [
            ["state", "needs-review-translation"],
            ["state-qualifier", "exact-match"],
          ]
        : [
            ["state", "translated"],
            ["subState", `${this.tool}:exact-match`],
          ];
      const attrText = stateAttrs.map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`).join("");
      if (seg.target === undefined) {
        const lead = seg.sourceLeadingSpace.includes("\n") ? `\n${indentOf(seg.sourceLeadingSpace)}` : "";
        const coreDecl = unit.coreIsDefault ? "" : ` xmlns="${this.doc.namespace}"`;
        const target = `<target${coreDecl}${v12 ? attrText : ""}>${escapeXmlText(exact.target)}</target>`;
        this.insert(seg.targetInsertAt, lead + target);
        if (!v12 && seg.stateAttributeInsertAt !== undefined)
          this.insert(seg.stateAttributeInsertAt, attrText);
      } else {
        if (seg.stateAttributeInsertAt !== undefined) this.insert(seg.stateAttributeInsertAt, attrText);
        this.insert(seg.target.xmlStart, escapeXmlText(exact.target));
      }
    }
  }
}

/**
 * Plans the insertions that add suggestions to a document: XLIFF 2.x Glossary and Translation Candidates
 * modules, or 1.2 `<note>` and `<alt-trans>`; optionally pre-translates from exact matches.
 */
export function planAnnotations(
  doc: XliffDocument,
  suggestions: ReadonlyMap<string, UnitSuggestions>,
  options: AnnotateOptions = {},
): AnnotationPlan {
  const planner = new Planner(doc, options);
  const byId = new Map(doc.units.map((u) => [u.id, u]));
  for (const id of suggestions.keys()) if (!byId.has(id)) planner.skip(id, "unit", "no unit with this id");
  for (const unit of doc.units) planner.unit(unit, suggestions.get(unit.id));
  // Without an encoder every part is text.
  const insertions = planner.insertions.map((p) => ({ offset: p.offset, text: p.parts.join("") }));
  return { insertions, skipped: planner.skipped };
}

/** Returns the document with suggestions added (text, BOM kept; encode with `encodeLike`). */
export function annotateXliff(
  doc: XliffDocument,
  suggestions: ReadonlyMap<string, UnitSuggestions>,
  options: AnnotateOptions = {},
): string {
  return applyInsertions(doc, planAnnotations(doc, suggestions, options).insertions);
}

/**
 * A suggester that looks units up ahead of their writing (on another thread): told of each unit as it is read,
 * asked for its suggestions, in the same order, when it is written.
 */
export interface ReadAheadSuggester {
  /** Told of a unit just read; answers how many segments may wait unwritten for their lookups (0: none). */
  prefetch(unit: XliffUnit): number;
  suggest(unit: XliffUnit): UnitSuggestions | undefined;
}

/** Options of a streamed annotation. */
export interface StreamOptions extends AnnotateOptions {
  /** Told after each unit how far the reading got, in UTF-16 units of the decoded document, and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a streamed annotation did. */
export interface StreamedAnnotation {
  /** The document without its units (languages included). */
  readonly doc: Omit<XliffDocument, "units">;
  readonly units: number;
  /** Units that received at least one suggestion. */
  readonly annotatedUnits: number;
  readonly glossaryHits: number;
  readonly tmMatches: number;
  readonly skipped: SkippedSuggestion[];
}

/**
 * Annotates a document unit by unit as it is read: each unit is suggested for, planned and written out
 * (the client's text up to its last insertion, then ours) before the next is read, so memory holds the
 * decoded input and one unit, never the whole model or the whole output. `write` receives the output in
 * order, encoded like the input, BOM first when the input had one. On an InputError part of the output may
 * already have been written: the caller discards it (the CLI writes to a temporary file).
 */
export function annotateStream(
  input: Buffer | string,
  file: string,
  suggest: ((unit: XliffUnit) => UnitSuggestions | undefined) | ReadAheadSuggester,
  write: (chunk: Buffer) => void,
  options: StreamOptions = {},
): StreamedAnnotation {
  let planner: Planner | undefined;
  let shape: XliffShape | undefined;
  let xml = "";
  let eol: "\n" | "\r\n" = "\n";
  let at = 0;
  let writer: EncodingWriter | undefined;
  const out = (text: string): void => (writer as EncodingWriter).push(text);
  // Our text has LF line ends; the file's are written (a cached body is encoded with them already).
  const lines = (text: string): string => (eol === "\n" ? text : text.replace(/\n/g, eol));
  let units = 0;
  let annotatedUnits = 0;
  let glossaryHits = 0;
  let tmMatches = 0;
  const readAhead = typeof suggest === "function" ? undefined : suggest;
  const suggestionsOf =
    typeof suggest === "function"
      ? (unit: XliffUnit) => (unit.translate ? suggest(unit) : undefined)
      : (unit: XliffUnit) => suggest.suggest(unit);

  /** Suggests for, plans and writes one unit (units in document order). */
  const annotate = (unit: XliffUnit): void => {
    const p = planner as Planner;
    options.onProgress?.(unit.xmlEnd, xml.length);
    const s = suggestionsOf(unit);
    if (s !== undefined && (s.glossary.length > 0 || s.matches.length > 0)) {
      annotatedUnits++;
      glossaryHits += s.glossary.length;
      tmMatches += s.matches.length;
    }
    p.unit(unit, s);
    if (p.insertions.length === 0) return;
    // Insertions at one offset keep their planned order (a stable sort).
    const insertions = p.insertions.sort((a, b) => a.offset - b.offset);
    p.insertions = [];
    const w = writer as EncodingWriter;
    for (const ins of insertions) {
      out(xml.slice(at, ins.offset));
      for (const part of ins.parts) {
        if (typeof part === "string") out(lines(part));
        else w.pushEncoded(part);
      }
      at = ins.offset;
    }
  };

  // With a read-ahead suggester, units wait here (as many segments as it asks for) while their lookups run.
  const waiting: XliffUnit[] = [];
  let waitingSegments = 0;
  const annotateFirst = (): void => {
    const unit = waiting.shift() as XliffUnit;
    waitingSegments -= unit.segments.length;
    annotate(unit);
  };

  const doc = streamXliff(input, file, (unit, docShape) => {
    if (planner === undefined) {
      shape = docShape;
      xml = shape.xml;
      eol = shape.eol;
      const w = new EncodingWriter(shape.encoding, write);
      writer = w;
      planner = new Planner(shape, options, (body) => w.encode(lines(body)));
      if (shape.bom) out("\ufeff");
    }
    units++;
    if (readAhead === undefined) {
      annotate(unit);
      return;
    }
    const ahead = readAhead.prefetch(unit);
    waiting.push(unit);
    waitingSegments += unit.segments.length;
    while (waiting.length > 0 && waitingSegments > ahead) annotateFirst();
  });
  while (waiting.length > 0) annotateFirst();
  if (writer === undefined) {
    writer = new EncodingWriter(doc.encoding, write);
    if (doc.bom) out("\ufeff");
  }
  out(doc.xml.slice(at));
  options.onProgress?.(doc.xml.length, doc.xml.length);
  writer.flush();
  return { doc, units, annotatedUnits, glossaryHits, tmMatches, skipped: planner?.skipped ?? [] };
}
