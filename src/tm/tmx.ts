import { SaxesParser, type SaxesTagPlain } from "saxes";
import { InputError } from "../errors.js";
import { INLINE_CODE, type TranslationUnit } from "./model.js";

/**
 * TMX 1.4b (LISA OSCAR, 2004; DTD "-//LISA OSCAR:1998//DTD for Translation Memory eXchange//EN") reader and
 * writer over the shared `TranslationUnit` model.
 *
 * Inline codes: each `<bpt> <ept> <ph> <it> <ut>` element becomes one U+FFFC in `source`/`target` (its native
 * code text and any `<sub>` inside it are not segment text); `<hi>` keeps its text. When a `<seg>` has any
 * element, its inner markup is also kept, re-serialised, in `sourceXml`/`targetXml`, and the writer emits
 * that markup, so parse → write → parse gives the same units.
 */

/** Options for `parseTmx`. */
export interface ParseTmxOptions {
  /** Called as the parser advances, with characters read so far and the total, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Source language to use when the header says `srclang="*all*"` (TMX 1.4b §3.1: any variant may be source). */
  readonly sourceLang?: string;
  /** Which language to take as target when a unit has several other variants (default: the first). */
  readonly targetLang?: string;
  /**
   * The memory's direction wins over a wrong header: a unit with a variant in this language (same primary
   * subtag) takes it as source even when `srclang` names another. translate-toolkit's po2tmx (3.8) writes
   * `srclang="en"` whatever `--source-language` says, which would otherwise turn a zh→en memory around.
   */
  readonly preferSourceLang?: string;
}

/** Header fields `writeTmx` needs; the rest are fixed by yizhi (segtype sentence, datatype plaintext). */
export interface TmxHeader {
  readonly srcLang: string;
  readonly creationTool: string;
  readonly creationToolVersion: string;
  readonly note?: string;
}

/** Props that map onto TranslationUnit fields; any other prop is kept in `properties`. */
const PROP_ORIGIN_FILE = "x-origin-file";
const PROP_ORIGIN_UNIT = "x-origin-unit";
const PROP_ORIGIN_LINE = "x-origin-line";
const PROP_PREVIOUS_SOURCE = "x-previous-source";

/** TMX 1.4b §3.7: elements standing for native codes; each is one placeholder in the plain text. */
const CODE_ELEMENTS = new Set(["bpt", "ept", "ph", "it", "ut"]);
/** Elements allowed inside `<seg>` (TMX 1.4b DTD: seg, bpt, ept, sub, it, ph, hi, ut content models). */
const INLINE_ELEMENTS = new Set(["bpt", "ept", "ph", "it", "ut", "hi", "sub"]);

interface Variant {
  lang: string;
  text: string;
  xml: string;
  hasMarkup: boolean;
  hasSeg: boolean;
  createdAt?: string;
  changedAt?: string;
  createdBy?: string;
  changedBy?: string;
}

interface UnitDraft {
  tuid?: string;
  ordinal: number;
  line: number;
  column: number;
  attrs: Record<string, string>;
  props: { type: string; value: string }[];
  variants: Variant[];
}

const escapeText = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string): string =>
  escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");

/** TMX dates are ISO 8601 basic UTC, `YYYYMMDDThhmmssZ` (TMX 1.4b §3.2, creationdate); the model uses extended form. */
function tmxDateToIso(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : value;
}

function isoToTmxDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(value);
  return m ? `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z` : value;
}

const primary = (lang: string): string => lang.toLowerCase().split("-")[0] ?? "";

/** The variant in `lang`: exact tag first (case-insensitive, as OmegaT writes `ZH-CN`), then the same primary language. */
function findVariant(variants: readonly Variant[], lang: string): Variant | undefined {
  const l = lang.toLowerCase();
  return (
    variants.find((v) => v.lang.toLowerCase() === l) ??
    variants.find((v) => primary(v.lang) === primary(lang))
  );
}

/** Reads a TMX 1.4 document into translation units; throws InputError with file, line, column and tu for bad input. */
export function parseTmx(xml: string, file: string, options: ParseTmxOptions = {}): TranslationUnit[] {
  const parser = new SaxesParser({ xmlns: false, position: true, fileName: file });
  const units: TranslationUnit[] = [];
  const total = xml.length;
  const progressStep = Math.max(1, Math.floor(total / 100));
  let nextProgress = progressStep;

  let srcLang: string | undefined;
  let sawRoot = false;
  let sawHeader = false;
  let ordinal = 0;
  let tu: UnitDraft | undefined;
  let variant: Variant | undefined;
  // Depth inside <seg>: 0 = not in a seg, 1 = directly in seg, more = inside inline elements.
  let segDepth = 0;
  // Depth of nesting inside code elements (their text and <sub> are not segment text).
  let codeDepth = 0;
  let propType: string | undefined;
  let propText = "";
  const stack: string[] = [];

  const where = (
    line = parser.line,
    column = parser.column,
  ): { file: string; line: number; column: number; unit?: string } => {
    const unit = tu ? (tu.tuid ?? `#${tu.ordinal}`) : undefined;
    return unit === undefined ? { file, line, column } : { file, line, column, unit };
  };
  const fail = (message: string, line?: number, column?: number): never => {
    throw new InputError(message, where(line, column), { code: "bad-tmx" });
  };

  parser.on("error", (err) => {
    // saxes prefixes "file:line:col: "; the location travels in InputError's fields instead.
    const message = err.message.replace(/^.*?:\d+:\d+: /, "");
    fail(`malformed XML: ${message}`);
  });
  parser.on("doctype", (doctype) => {
    // Real tools write `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`; an internal subset can declare entities
    // (billion laughs, external entities), so it is refused rather than ignored.
    if (doctype.includes("[") || /<!ENTITY/i.test(doctype))
      fail("DOCTYPE with an internal subset is not accepted");
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const name = tag.name;
    const attrs = tag.attributes;
    stack.push(name);
    if (segDepth > 0) {
      if (!INLINE_ELEMENTS.has(name)) fail(`unexpected <${name}> inside <seg>`);
      if (!variant) return;
      segDepth++;
      variant.hasMarkup = true;
      variant.xml += `<${name}${Object.entries(attrs)
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join("")}${tag.isSelfClosing ? "/>" : ">"}`;
      if (CODE_ELEMENTS.has(name)) {
        if (codeDepth === 0) variant.text += INLINE_CODE;
        codeDepth++;
      } else if (name === "sub" || name === "hi") {
        // <sub> text is a sub-flow inside a code; <hi> inside a code is likewise not segment text.
        if (codeDepth > 0) codeDepth++;
      }
      return;
    }
    switch (name) {
      case "tmx":
        sawRoot = true;
        break;
      case "header": {
        sawHeader = true;
        srcLang = attrs.srclang;
        if (srcLang === undefined || srcLang === "") fail("<header> has no srclang");
        break;
      }
      case "tu": {
        ordinal++;
        const draft: UnitDraft = {
          ordinal,
          line: parser.line,
          column: parser.column,
          attrs: { ...attrs },
          props: [],
          variants: [],
        };
        if (attrs.tuid !== undefined) draft.tuid = attrs.tuid;
        tu = draft;
        break;
      }
      case "tuv": {
        if (!tu) fail("<tuv> outside <tu>");
        // TMX 1.4b: xml:lang is required; `lang` is the deprecated TMX 1.1–1.3 form that OmegaT still reads.
        const lang = attrs["xml:lang"] ?? attrs.lang;
        if (lang === undefined || lang === "") fail("<tuv> has no xml:lang");
        const v: Variant = { lang: lang as string, text: "", xml: "", hasMarkup: false, hasSeg: false };
        if (attrs.creationdate) v.createdAt = tmxDateToIso(attrs.creationdate);
        if (attrs.changedate) v.changedAt = tmxDateToIso(attrs.changedate);
        if (attrs.creationid) v.createdBy = attrs.creationid;
        if (attrs.changeid) v.changedBy = attrs.changeid;
        variant = v;
        break;
      }
      case "seg":
        if (!variant) fail("<seg> outside <tuv>");
        else {
          if (variant.hasSeg) fail("<tuv> has more than one <seg>");
          variant.hasSeg = true;
        }
        segDepth = 1;
        codeDepth = 0;
        break;
      case "prop":
        propType = attrs.type ?? "";
        propText = "";
        break;
      default:
        break;
    }
  });
  parser.on("text", (text) => {
    if (segDepth > 0 && variant) {
      variant.xml += escapeText(text);
      if (codeDepth === 0) variant.text += text;
    } else if (propType !== undefined) propText += text;
  });
  parser.on("cdata", (text) => {
    if (segDepth > 0 && variant) {
      variant.xml += escapeText(text);
      if (codeDepth === 0) variant.text += text;
    } else if (propType !== undefined) propText += text;
  });
  parser.on("closetag", (tag) => {
    const name = tag.name;
    stack.pop();
    if (segDepth > 1) {
      segDepth--;
      if (variant && !tag.isSelfClosing) variant.xml += `</${name}>`;
      if (CODE_ELEMENTS.has(name) || ((name === "sub" || name === "hi") && codeDepth > 1)) codeDepth--;
      return;
    }
    switch (name) {
      case "seg":
        segDepth = 0;
        break;
      case "prop":
        // A prop directly in <tu> (TMX 1.4b: tu ((note|prop)*, tuv+)); tuv-level props are ignored.
        if (tu && !variant && propType !== undefined) tu.props.push({ type: propType, value: propText });
        propType = undefined;
        break;
      case "tuv":
        if (variant && tu) {
          if (!variant.hasSeg) fail(`<tuv xml:lang="${variant.lang}"> has no <seg>`);
          tu.variants.push(variant);
        }
        variant = undefined;
        break;
      case "tu":
        if (tu) units.push(finishUnit(tu));
        tu = undefined;
        if (options.onProgress && parser.position >= nextProgress) {
          options.onProgress(parser.position, total);
          nextProgress = parser.position + progressStep;
        }
        break;
      default:
        break;
    }
  });

  function finishUnit(draft: UnitDraft): TranslationUnit {
    const id = draft.tuid ?? String(draft.ordinal);
    const declared = draft.attrs.srclang ?? srcLang ?? "*all*";
    let sourceLang = declared === "*all*" ? options.sourceLang : declared;
    if (sourceLang === undefined) sourceLang = draft.variants[0]?.lang;
    if (draft.variants.length === 0) fail("<tu> has no <tuv>", draft.line, draft.column);
    const preferLang = options.preferSourceLang;
    const preferred =
      preferLang === undefined
        ? undefined
        : draft.variants.find((v) => primary(v.lang) === primary(preferLang));
    if (preferred) sourceLang = preferred.lang;
    const source = sourceLang === undefined ? undefined : findVariant(draft.variants, sourceLang);
    if (!source) fail(`no <tuv> for the source language ${sourceLang ?? ""}`, draft.line, draft.column);
    const src = source as Variant;
    const others = draft.variants.filter((v) => v !== src);
    const target =
      (options.targetLang !== undefined ? findVariant(others, options.targetLang) : undefined) ?? others[0];

    let origin: { file?: string; unit?: string; line?: number } | undefined;
    let previousSource: string | undefined;
    const properties: { type: string; value: string }[] = [];
    for (const p of draft.props) {
      if (p.type === PROP_ORIGIN_FILE) origin = { ...origin, file: p.value };
      else if (p.type === PROP_ORIGIN_UNIT) origin = { ...origin, unit: p.value };
      else if (p.type === PROP_ORIGIN_LINE && /^\d+$/.test(p.value))
        origin = { ...origin, line: Number(p.value) };
      else if (p.type === PROP_PREVIOUS_SOURCE) previousSource = p.value;
      else properties.push(p);
    }
    const a = draft.attrs;
    // Unit-level dates and ids win; OmegaT puts them on the target <tuv> instead, so fall back to that.
    const createdAt = a.creationdate ? tmxDateToIso(a.creationdate) : (target?.createdAt ?? src.createdAt);
    const changedAt = a.changedate ? tmxDateToIso(a.changedate) : (target?.changedAt ?? src.changedAt);
    const createdBy = a.creationid ?? target?.createdBy ?? src.createdBy;
    const changedBy = a.changeid ?? target?.changedBy ?? src.changedBy;
    const usage = a.usagecount !== undefined && /^\d+$/.test(a.usagecount) ? Number(a.usagecount) : undefined;
    return {
      id,
      source: src.text,
      target: target?.text ?? "",
      sourceLang: src.lang,
      // A unit with only its source variant (an untranslated entry) keeps an empty target and language.
      targetLang: target?.lang ?? "",
      ...(origin ? { origin } : {}),
      ...(previousSource !== undefined ? { previousSource } : {}),
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...(changedAt !== undefined ? { changedAt } : {}),
      ...(createdBy !== undefined ? { createdBy } : {}),
      ...(changedBy !== undefined ? { changedBy } : {}),
      ...(usage !== undefined ? { usageCount: usage } : {}),
      ...(src.hasMarkup ? { sourceXml: src.xml } : {}),
      ...(target?.hasMarkup ? { targetXml: target.xml } : {}),
      ...(properties.length > 0 ? { properties } : {}),
    };
  }

  parser.write(xml);
  parser.close();
  if (!sawRoot) fail("not a TMX document: no <tmx> element", 1, 1);
  if (!sawHeader) fail("TMX document has no <header>", 1, 1);
  options.onProgress?.(total, total);
  return units;
}

/** The `<seg>` content for a text: its kept XML when that still matches, else the text with codes as empty `<ph/>`. */
function segContent(text: string, xml: string | undefined): string {
  if (xml !== undefined) return xml;
  return text.split(INLINE_CODE).map(escapeText).join("<ph/>");
}

function attr(name: string, value: string | undefined): string {
  return value === undefined || value === "" ? "" : ` ${name}="${escapeAttr(value)}"`;
}

/** Writes translation units as a TMX 1.4b document (valid against tmx14.dtd). */
export function writeTmx(units: readonly TranslationUnit[], header: TmxHeader): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n',
    '<tmx version="1.4">\n',
    `  <header creationtool="${escapeAttr(header.creationTool)}" creationtoolversion="${escapeAttr(header.creationToolVersion)}"` +
      ` segtype="sentence" o-tmf="yizhi" adminlang="en" srclang="${escapeAttr(header.srcLang)}" datatype="plaintext"`,
  ];
  out.push(
    header.note !== undefined ? `>\n    <note>${escapeText(header.note)}</note>\n  </header>\n` : "/>\n",
  );
  out.push("  <body>\n");
  for (const u of units) {
    const date = (iso: string | undefined) => (iso === undefined ? undefined : isoToTmxDate(iso));
    out.push(
      `    <tu${attr("tuid", u.id)}${u.sourceLang === header.srcLang ? "" : attr("srclang", u.sourceLang)}${attr("creationdate", date(u.createdAt))}` +
        `${attr("creationid", u.createdBy)}${attr("changedate", date(u.changedAt))}${attr("changeid", u.changedBy)}` +
        `${u.usageCount !== undefined ? ` usagecount="${u.usageCount}"` : ""}>\n`,
    );
    const prop = (type: string, value: string) =>
      out.push(`      <prop type="${escapeAttr(type)}">${escapeText(value)}</prop>\n`);
    if (u.origin?.file !== undefined) prop(PROP_ORIGIN_FILE, u.origin.file);
    if (u.origin?.unit !== undefined) prop(PROP_ORIGIN_UNIT, u.origin.unit);
    if (u.origin?.line !== undefined) prop(PROP_ORIGIN_LINE, String(u.origin.line));
    if (u.previousSource !== undefined) prop(PROP_PREVIOUS_SOURCE, u.previousSource);
    for (const p of u.properties ?? []) prop(p.type, p.value);
    out.push(
      `      <tuv xml:lang="${escapeAttr(u.sourceLang)}"><seg>${segContent(u.source, u.sourceXml)}</seg></tuv>\n`,
    );
    if (u.targetLang !== "")
      out.push(
        `      <tuv xml:lang="${escapeAttr(u.targetLang)}"><seg>${segContent(u.target, u.targetXml)}</seg></tuv>\n`,
      );
    out.push("    </tu>\n");
  }
  out.push("  </body>\n</tmx>\n");
  return out.join("");
}
