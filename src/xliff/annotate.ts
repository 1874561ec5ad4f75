import {
  GLOSSARY_NS,
  MATCHES_NS,
  type ModuleContainer,
  type XliffDocument,
  type XliffSegment,
  type XliffUnit,
} from "./model.js";
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

// Characters XML 1.0 §2.2 does not allow at all; dropped from what we write.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what we must drop
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

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

/** A small element tree for what we write. */
interface Node {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string | undefined])[];
  readonly children: readonly (Node | string)[];
  /**
   * Names the content (children) for the body cache: two nodes with one key have the same children. A glossary
   * entry or a TM match repeats on every repetition of its segment with only its `ref` changed, and rendering
   * its escaped, indented body again each time was most of the cost of annotating a long file.
   */
  readonly bodyKey?: string;
}

function el(
  name: string,
  attributes: Node["attributes"],
  children: Node["children"],
  bodyKey?: string,
): Node {
  return bodyKey === undefined ? { name, attributes, children } : { name, attributes, children, bodyKey };
}

// Rendered bodies one planner keeps; past this many distinct ones it renders without remembering, so memory stays
// bounded on a file whose suggestions never repeat.
const BODY_CACHE = 20_000;

/** Rendered element bodies (after the start tag's attributes) by body key and layout. */
type BodyCache = Map<string, string>;

function render(node: Node, indent: string, step: string, pretty: boolean, cache?: BodyCache): string {
  let out = `<${node.name}`;
  for (const [k, v] of node.attributes) if (v !== undefined) out += ` ${k}="${escapeXmlAttribute(v)}"`;
  if (node.bodyKey === undefined || cache === undefined)
    return out + renderBody(node, indent, step, pretty, cache);
  const key = `${pretty ? "p" : "f"}${indent}\u0001${step}\u0001${node.bodyKey}`;
  let body = cache.get(key);
  if (body === undefined) {
    body = renderBody(node, indent, step, pretty, cache);
    if (cache.size < BODY_CACHE) cache.set(key, body);
  }
  return out + body;
}

/** The rest of an element after its start tag's attributes: `/>`, or `>`, the children and the end tag. */
function renderBody(node: Node, indent: string, step: string, pretty: boolean, cache?: BodyCache): string {
  let out = "";
  if (node.children.length === 0) return "/>";
  out += ">";
  const elementsOnly = node.children.every((c) => typeof c !== "string");
  if (!elementsOnly) {
    for (const c of node.children)
      out += typeof c === "string" ? escapeXmlText(c) : render(c, indent, step, false, cache);
    return `${out}</${node.name}>`;
  }
  for (const c of node.children) {
    if (pretty) out += `\n${indent}${step}`;
    out += render(c as Node, indent + step, step, pretty, cache);
  }
  if (pretty) out += `\n${indent}`;
  return `${out}</${node.name}>`;
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

function place(node: Node, layout: Layout, cache?: BodyCache): string {
  return layout.lead + render(node, layout.indent, layout.step, layout.pretty, cache);
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
  insertions: Insertion[] = [];
  readonly skipped: SkippedSuggestion[] = [];
  private readonly tool: string;
  private readonly bodies: BodyCache = new Map();

  constructor(
    private readonly doc: Pick<XliffDocument, "version" | "namespace">,
    private readonly options: AnnotateOptions,
  ) {
    this.tool = options.toolName ?? "yizhi";
  }

  /** Plans one unit's insertions (nothing for a unit without suggestions). */
  unit(unit: XliffUnit, s: UnitSuggestions | undefined): void {
    if (s === undefined || (s.glossary.length === 0 && s.matches.length === 0)) return;
    if (!unit.translate) {
      this.skip(unit, "unit", 'the unit is translate="no"');
      return;
    }
    if (this.doc.version === "1.2") this.unit12(unit, s);
    else this.unit20(unit, s);
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
      const children: Node[] = [el("gls:term", [["source", `${this.tool}:${g.conceptId}`]], [g.term])];
      for (const t of g.translations) children.push(el("gls:translation", [["source", this.tool]], [t]));
      if (g.definition !== undefined && g.definition !== "")
        children.push(el("gls:definition", [["source", this.tool]], [g.definition]));
      const key = `g\u0001${g.conceptId}\u0001${g.term}\u0001${g.translations.join("\u0002")}\u0001${g.definition ?? ""}`;
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
          [el("source", [], [m.source]), el("target", [], [m.target])],
          `m\u0001${m.source}\u0001${m.target}`,
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
        this.insertions.push({ offset: theirs.insertAt, text: place(declared, inner, this.bodies) });
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
    this.insertions.push({ offset: unit.moduleInsertAt, text: place(container, layout, this.bodies) });
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
      this.insertions.push({ offset: unit.moduleInsertAt, text: place(note, layout, this.bodies) });
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
        [el("source", [], [m.source]), el("target", [], [m.target])],
        `m\u0001${m.source}\u0001${m.target}`,
      );
      this.insertions.push({ offset: unit.moduleInsertAt, text: place(alt, layout, this.bodies) });
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
        this.insertions.push({ offset: seg.targetInsertAt, text: lead + target });
        if (!v12 && seg.stateAttributeInsertAt !== undefined)
          this.insertions.push({ offset: seg.stateAttributeInsertAt, text: attrText });
      } else {
        if (seg.stateAttributeInsertAt !== undefined)
          this.insertions.push({ offset: seg.stateAttributeInsertAt, text: attrText });
        this.insertions.push({ offset: seg.target.xmlStart, text: escapeXmlText(exact.target) });
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
  return { insertions: planner.insertions, skipped: planner.skipped };
}

/** Returns the document with suggestions added (text, BOM kept; encode with `encodeLike`). */
export function annotateXliff(
  doc: XliffDocument,
  suggestions: ReadonlyMap<string, UnitSuggestions>,
  options: AnnotateOptions = {},
): string {
  return applyInsertions(doc, planAnnotations(doc, suggestions, options).insertions);
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
  suggest: (unit: XliffUnit) => UnitSuggestions | undefined,
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
  let units = 0;
  let annotatedUnits = 0;
  let glossaryHits = 0;
  let tmMatches = 0;
  const doc = streamXliff(input, file, (unit, docShape) => {
    if (planner === undefined) {
      shape = docShape;
      planner = new Planner(shape, options);
      xml = shape.xml;
      eol = shape.eol;
      writer = new EncodingWriter(shape.encoding, write);
      if (shape.bom) out("\ufeff");
    }
    units++;
    options.onProgress?.(unit.xmlEnd, xml.length);
    const s = unit.translate ? suggest(unit) : undefined;
    if (s !== undefined && (s.glossary.length > 0 || s.matches.length > 0)) {
      annotatedUnits++;
      glossaryHits += s.glossary.length;
      tmMatches += s.matches.length;
    }
    planner.unit(unit, s);
    if (planner.insertions.length === 0) return;
    // Insertions at one offset keep their planned order (a stable sort).
    const insertions = planner.insertions.sort((a, b) => a.offset - b.offset);
    planner.insertions = [];
    for (const ins of insertions) {
      out(xml.slice(at, ins.offset));
      out(eol === "\n" ? ins.text : ins.text.replace(/\n/g, eol));
      at = ins.offset;
    }
  });
  if (writer === undefined) {
    writer = new EncodingWriter(doc.encoding, write);
    if (doc.bom) out("\ufeff");
  }
  out(doc.xml.slice(at));
  options.onProgress?.(doc.xml.length, doc.xml.length);
  writer.flush();
  return { doc, units, annotatedUnits, glossaryHits, tmMatches, skipped: planner?.skipped ?? [] };
}
