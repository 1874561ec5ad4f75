import { InputError } from "../errors.js";
import { INVALID_XML_CHARS } from "../text/xml-chars.js";
import { escapeXmlAttribute } from "./annotate.js";
import { XLIFF_12_NS, XLIFF_20_NS } from "./model.js";

/**
 * A new XLIFF document for a plain-text file (`yizhi prepare DOC.txt`).
 *
 * Why not the `xliff` npm package (v6, the project's builder for new documents)? Its `js2xliff` writes exactly
 * one `<segment>`, without an id, per `<unit>`, and `<note>` without attributes; `jsToXliff12` writes one
 * `<trans-unit>` per key with no `<seg-source>` and no `<context-group>`. A paragraph is one unit of several
 * sentence segments whose ids a CAT tool and `yizhi merge` rely on, so this small writer builds the XML itself.
 *
 * Where the paragraph came from (its first line in the original file):
 * - XLIFF 2.0: `<notes><note category="location">line 42</note></notes>` in the unit (2.0 `<notes>`/`<note>`,
 *   whose `category` is free text). A note rather than the unit's `name`: `name` is the resource name or
 *   identifier in the original format, and a note is what CAT tools show the translator.
 * - XLIFF 1.2: `<context-group purpose="location"><context context-type="linenumber">42</context></context-group>`
 *   (1.2 `<context-group>`/`<context>`; "location" and "linenumber" are values of the strict schema's lists).
 *
 * Segments: 2.0 writes one `<segment id>` per sentence. 1.2 keeps one `<trans-unit>` per paragraph, with the
 * whole paragraph in `<source>` and the sentences as `<mrk mtype="seg" mid>` in `<seg-source>` and `<target>`
 * (1.2 segmentation with `<seg-source>`), which is what `readXliff` reads back as segments.
 *
 * Copy of the source (1.2, `copySource`): OmegaT 3.6's XLIFF filter treats `<source>` and `<seg-source>` as
 * intact and translates only the text of `<target>`, so a file without targets passes through it untranslated.
 * The Okapi Rainbow "translation kit for OmegaT" therefore writes each target as a copy of its source (its
 * XLIFFWriter's copySource option: the source container, segmented, under `<target>`, with no state
 * attribute). yizhi writes the same copy but says what it is: `state="needs-translation"` (1.2 §2.5.4,
 * "Indicates that the item needs to be translated"), so a reader can tell the copy from a translation
 * (`isUntranslatedSegment`: a copy still equal to its source is not a translation).
 */

/** One sentence of a paragraph. */
export interface NewSegment {
  readonly id: string;
  readonly source: string;
  readonly target?: string;
}

/** One paragraph of the original. */
export interface NewUnit {
  readonly id: string;
  /** 1-based line in the original file where the paragraph starts. */
  readonly paragraphLine: number;
  readonly segments: readonly NewSegment[];
}

/** A document to prepare for translation. */
export interface NewDocument {
  /** The original file's name. */
  readonly original: string;
  readonly units: readonly NewUnit[];
}

export interface CreateOptions {
  readonly version: "2.0" | "1.2";
  readonly srcLang: string;
  readonly trgLang?: string;
  /**
   * XLIFF 1.2 only: give every sentence without a target a `<target>` that copies its source, marked
   * `state="needs-translation"`, for CAT tools that translate only what is in `<target>` (OmegaT 3.6).
   */
  readonly copySource?: boolean;
}

// XML 1.0 §2.3 Nmtoken, restricted to the characters ids in practice use.
const NMTOKEN = /^[\p{L}\p{M}\p{N}._:\-\u00B7]+$/u;
/** Whitespace that a reader applying xml:space="default" could collapse or trim. */
const FRAGILE_SPACE = /^\s|\s$|\s\s|[\t\n\r]/;

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text content for 2.0: characters XML cannot hold become `<cp hex>` (XLIFF 2.0 `<cp>`, "Characters invalid in XML"). */
function content20(s: string): string {
  let out = "";
  let at = 0;
  for (const m of s.matchAll(INVALID_XML_CHARS)) {
    const i = m.index;
    out += escapeText(s.slice(at, i));
    out += `<cp hex="${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}"/>`;
    at = i + m[0].length;
  }
  return out + escapeText(s.slice(at));
}

function checkIds(doc: NewDocument, version: "2.0" | "1.2"): void {
  const units = new Set<string>();
  for (const u of doc.units) {
    if (units.has(u.id)) throw new RangeError(`duplicate unit id "${u.id}"`);
    units.add(u.id);
    // 2.0 unit/@id is an NMTOKEN; 1.2 trans-unit/@id is any string.
    if (version === "2.0" && !NMTOKEN.test(u.id))
      throw new RangeError(`unit id "${u.id}" is not an XML NMTOKEN`);
    if (u.segments.length === 0) throw new RangeError(`unit "${u.id}" has no segment`);
    if (!Number.isInteger(u.paragraphLine) || u.paragraphLine < 1)
      throw new RangeError(`unit "${u.id}": paragraphLine ${u.paragraphLine} is not a 1-based line number`);
    const segs = new Set<string>();
    for (const s of u.segments) {
      // 2.0 segment/@id and 1.2 mrk/@mid are NMTOKENs, unique in the unit (2.0 id constraints, 1.2 U_tu_segsrc_mid).
      if (!NMTOKEN.test(s.id))
        throw new RangeError(`segment id "${s.id}" in unit "${u.id}" is not an XML NMTOKEN`);
      if (segs.has(s.id)) throw new RangeError(`duplicate segment id "${s.id}" in unit "${u.id}"`);
      segs.add(s.id);
    }
  }
}

function create20(doc: NewDocument, options: CreateOptions): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_20_NS}" version="2.0" srcLang="${escapeXmlAttribute(options.srcLang)}"${
      options.trgLang !== undefined ? ` trgLang="${escapeXmlAttribute(options.trgLang)}"` : ""
    }>`,
    `  <file id="f1" original="${escapeXmlAttribute(doc.original)}">`,
  ];
  for (const u of doc.units) {
    lines.push(
      `    <unit id="${escapeXmlAttribute(u.id)}">`,
      "      <notes>",
      `        <note category="location">line ${u.paragraphLine}</note>`,
      "      </notes>",
    );
    for (const s of u.segments) {
      // 2.0 §4.3.1.37 state: "initial" (the default) until there is a target.
      const state = s.target !== undefined ? ' state="translated"' : "";
      lines.push(`      <segment id="${escapeXmlAttribute(s.id)}"${state}>`);
      const space = (t: string) => (FRAGILE_SPACE.test(t) ? ' xml:space="preserve"' : "");
      lines.push(`        <source${space(s.source)}>${content20(s.source)}</source>`);
      if (s.target !== undefined)
        lines.push(`        <target${space(s.target)}>${content20(s.target)}</target>`);
      lines.push("      </segment>");
    }
    lines.push("    </unit>");
  }
  lines.push("  </file>", "</xliff>", "");
  return lines.join("\n");
}

function create12(doc: NewDocument, options: CreateOptions): string {
  // Sentences of a Chinese (or Japanese, Korean) paragraph follow each other without a space.
  const cjkSource = /^(zh|ja|ko)\b/i.test(options.srcLang);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff version="1.2" xmlns="${XLIFF_12_NS}">`,
    `  <file original="${escapeXmlAttribute(doc.original)}" source-language="${escapeXmlAttribute(options.srcLang)}"${
      options.trgLang !== undefined ? ` target-language="${escapeXmlAttribute(options.trgLang)}"` : ""
    } datatype="plaintext">`,
    "    <body>",
  ];
  for (const u of doc.units) {
    for (const s of u.segments) {
      const bad = new RegExp(INVALID_XML_CHARS.source).exec(`${s.source}${s.target ?? ""}`);
      if (bad !== null) {
        // XLIFF 1.2 has no element for a character XML cannot hold (2.0 has <cp>).
        const cp = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
        throw new InputError(
          `character U+${cp} cannot be written in XLIFF 1.2 (use XLIFF 2.0)`,
          { file: doc.original, line: u.paragraphLine, unit: u.id },
          { code: "bad-input" },
        );
      }
    }
    const joiner = cjkSource ? "" : " ";
    const texts = u.segments.flatMap((s) => [s.source, s.target ?? ""]);
    const space = texts.some((t) => FRAGILE_SPACE.test(t)) ? ' xml:space="preserve"' : "";
    lines.push(`      <trans-unit id="${escapeXmlAttribute(u.id)}"${space}>`);
    lines.push(`        <source>${escapeText(u.segments.map((s) => s.source).join(joiner))}</source>`);
    const seg = (s: NewSegment, text: string) =>
      `<mrk mtype="seg" mid="${escapeXmlAttribute(s.id)}">${escapeText(text)}</mrk>`;
    lines.push(`        <seg-source>${u.segments.map((s) => seg(s, s.source)).join(joiner)}</seg-source>`);
    const translated = u.segments.filter((s) => s.target !== undefined);
    if (options.copySource === true) {
      // Every sentence in the target, untranslated ones as a copy of their source. The state covers the whole
      // target: "needs-translation" while any sentence is a copy, "translated" when none is.
      const state = translated.length === u.segments.length ? "translated" : "needs-translation";
      lines.push(
        `        <target state="${state}">${u.segments.map((s) => seg(s, s.target ?? s.source)).join(" ")}</target>`,
      );
    } else if (translated.length > 0) {
      // 1.2 target/@state (§2.5.4) covers the whole target: "translated" only when every sentence has one.
      const state = translated.length === u.segments.length ? ' state="translated"' : "";
      lines.push(
        `        <target${state}>${translated.map((s) => seg(s, s.target ?? "")).join(" ")}</target>`,
      );
    }
    lines.push(
      '        <context-group purpose="location">',
      `          <context context-type="linenumber">${u.paragraphLine}</context>`,
      "        </context-group>",
      "      </trans-unit>",
    );
  }
  lines.push("    </body>", "  </file>", "</xliff>", "");
  return lines.join("\n");
}

/**
 * Builds a new XLIFF 2.0 or 1.2 document (LF line ends, UTF-8 declaration) from the paragraphs and sentences
 * of a plain-text file, each unit recording the line of the original where its paragraph starts.
 *
 * Throws RangeError for ids that XLIFF cannot carry or that repeat (or `copySource` with 2.0), and InputError
 * for a character that XLIFF 1.2 cannot hold.
 */
export function createXliff(doc: NewDocument, options: CreateOptions): string {
  checkIds(doc, options.version);
  // The copy is a convention of 1.2 tools (OmegaT 3.6's own XLIFF filter is a 1.2 filter); a 2.0 segment without
  // <target> is simply not translated yet.
  if (options.copySource === true && options.version !== "1.2")
    throw new RangeError("copySource is for XLIFF 1.2");
  const hasTarget =
    options.copySource === true || doc.units.some((u) => u.segments.some((s) => s.target !== undefined));
  // XLIFF 2.0 trgLang: required when the document contains <target> elements.
  if (hasTarget && options.trgLang === undefined) throw new RangeError("targets given but no trgLang");
  return options.version === "2.0" ? create20(doc, options) : create12(doc, options);
}
