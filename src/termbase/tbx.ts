import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from "saxes";
import { InputError } from "../errors.js";
import { lineColumnAt } from "../text/xml-bytes.js";
import type { Concept, Context, Term, TermStatus } from "./model.js";

/**
 * TBX-Basic (ISO 30042:2019, TBX-Basic dialect, DCA style) reader and writer over the termbase model.
 *
 * The writer emits exactly the shape of the yizhi brief "tbx-shape": conceptEntry → subjectField, definition
 * group, note, crossReferences, then one langSec per language (zh, en), one termSec per term. The reader takes
 * that shape back, and also what other tools write: language tags with regions or scripts (zh-CN, zh-Hant,
 * en-US), termNoteGrp / descrip without group, missing administrativeStatus (admitted), DCT-style data
 * category elements, and legacy TBX v2 (`<martif>`, TBX-Basic 2008: termEntry / langSet / tig / ntig).
 */

/** TBX 2019 namespace (ISO 30042:2019 §10.2). */
export const TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2";
const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

/** Header texts of a written TBX file. */
export interface TbxHeader {
  readonly title?: string;
  readonly source?: string;
}

/** Which TBX edition `writeTbx` writes: 3 = ISO 30042:2019 (default), 2 = ISO 30042:2008 `<martif>`. */
export interface TbxWriteOptions {
  readonly version?: 2 | 3;
}

const DEFAULT_TITLE = "yizhi termbase (Chinese–English)";
const DEFAULT_SOURCE = "Exported by yizhi.";

const STATUS_TO_TBX: Record<TermStatus, string> = {
  preferred: "preferredTerm-admn-sts",
  admitted: "admittedTerm-admn-sts",
  deprecated: "deprecatedTerm-admn-sts",
};

// TBX-Basic DCA picklist for administrativeStatus (TBX-Basic_DCA.sch, module.min.termNote); superseded terms
// must not be used any more, which is what "deprecated" means to a translator.
const TBX_TO_STATUS: Record<string, TermStatus> = {
  "preferredTerm-admn-sts": "preferred",
  "admittedTerm-admn-sts": "admitted",
  "deprecatedTerm-admn-sts": "deprecated",
  "supersededTerm-admn-sts": "deprecated",
};

/** TBX-Basic DCA picklist for partOfSpeech (TBX-Basic_DCA.sch, module.min.termNote). */
const PARTS_OF_SPEECH = new Set(["noun", "verb", "adjective", "adverb", "other"]);

// ---------------------------------------------------------------------------------------------------------
// Writing

// XML 1.0 §2.2 Char: tab, LF, CR, and U+0020 upwards except surrogates (paired ones are fine), U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function escapeText(value: string): string {
  // CR is written as a reference: XML 1.0 §2.11 would turn a literal CR (or CR LF) into LF on reading.
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
}

function escapeAttribute(value: string): string {
  // XML 1.0 §3.3.3: literal tab/LF/CR in an attribute value are normalized to spaces, so write references.
  return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#x9;").replace(/\n/g, "&#xA;");
}

function checkChars(value: string, conceptId: string): string {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
    throw new InputError(
      `character U+${code} cannot be written in XML 1.0`,
      { unit: conceptId },
      { code: "bad-tbx" },
    );
  }
  return value;
}

/** Where a context goes: the termSec of its term in its language, else the first termSec of that language. */
function contextTermIndex(concept: Concept, context: Context): number {
  const terms = concept.terms[context.lang];
  if (terms.length === 0) return -1;
  const index = context.term === undefined ? -1 : terms.findIndex((t) => t.term === context.term);
  return index >= 0 ? index : 0;
}

/** Element names and picklists that differ between TBX v3 (ISO 30042:2019) and TBX v2 (ISO 30042:2008). */
interface TbxDialect {
  readonly entry: string;
  readonly langSec: string;
  readonly termSec: string;
  readonly partsOfSpeech: ReadonlySet<string>;
}

const TBX_2019: TbxDialect = {
  entry: "conceptEntry",
  langSec: "langSec",
  termSec: "termSec",
  partsOfSpeech: PARTS_OF_SPEECH,
};
// TBX-Basic 2008 (TBXBasiccoreStructV02.dtd / TBXBasicXCSV02.xcs): termEntry / langSet / tig, and properNoun
// is still on the partOfSpeech picklist.
const TBX_2008: TbxDialect = {
  entry: "termEntry",
  langSec: "langSet",
  termSec: "tig",
  partsOfSpeech: new Set([...PARTS_OF_SPEECH, "properNoun"]),
};

function writeConcept(concept: Concept, out: string[], dialect: TbxDialect): void {
  const id = concept.id;
  const text = (value: string) => escapeText(checkChars(value, id));
  const attr = (value: string) => escapeAttribute(checkChars(value, id));
  const pad = "      ";
  out.push(`${pad}<${dialect.entry} id="${attr(id)}">`);
  if (concept.subject !== undefined)
    out.push(`${pad}  <descrip type="subjectField">${text(concept.subject)}</descrip>`);
  // A definition source without a definition has no place in TBX-Basic (source is an admin on the group).
  if (concept.definition !== undefined) {
    out.push(`${pad}  <descripGrp>`);
    out.push(`${pad}    <descrip type="definition">${text(concept.definition)}</descrip>`);
    if (concept.definitionSource !== undefined)
      out.push(`${pad}    <admin type="source">${text(concept.definitionSource)}</admin>`);
    out.push(`${pad}  </descripGrp>`);
  }
  if (concept.note !== undefined) out.push(`${pad}  <note>${text(concept.note)}</note>`);
  for (const target of concept.related ?? [])
    out.push(`${pad}  <ref type="crossReference" target="${attr(target)}">${text(target)}</ref>`);
  for (const lang of ["zh", "en"] as const) {
    const terms = concept.terms[lang];
    if (terms.length === 0) continue;
    const contexts = terms.map(() => [] as Context[]);
    for (const context of concept.contexts) {
      if (context.lang !== lang) continue;
      const index = contextTermIndex(concept, context);
      if (index < 0) continue;
      contexts[index]?.push(context);
    }
    out.push(`${pad}  <${dialect.langSec} xml:lang="${lang}">`);
    terms.forEach((term, index) => {
      out.push(`${pad}    <${dialect.termSec}>`);
      out.push(`${pad}      <term>${text(term.term)}</term>`);
      out.push(`${pad}      <termNote type="administrativeStatus">${STATUS_TO_TBX[term.status]}</termNote>`);
      if (term.partOfSpeech !== undefined) {
        // TBX-Basic 2008 had properNoun; the 2019 DCA picklist folds it into noun, and any other value into other.
        const pos = dialect.partsOfSpeech.has(term.partOfSpeech)
          ? term.partOfSpeech
          : term.partOfSpeech === "properNoun"
            ? "noun"
            : "other";
        out.push(`${pad}      <termNote type="partOfSpeech">${pos}</termNote>`);
      }
      if (term.note !== undefined) out.push(`${pad}      <note>${text(term.note)}</note>`);
      for (const context of contexts[index] ?? []) {
        out.push(`${pad}      <descripGrp>`);
        out.push(`${pad}        <descrip type="context">${text(context.text)}</descrip>`);
        if (context.source !== "")
          out.push(`${pad}        <admin type="source">${text(context.source)}</admin>`);
        out.push(`${pad}      </descripGrp>`);
      }
      out.push(`${pad}    </${dialect.termSec}>`);
    });
    out.push(`${pad}  </${dialect.langSec}>`);
  }
  out.push(`${pad}</${dialect.entry}>`);
}

/**
 * Writes concepts as a TBX-Basic (DCA style) document: 2-space indented, in the given order, every value
 * XML-escaped. Contexts go into the termSec of their term (or the first term of their language); a context
 * whose language has no term cannot be placed in TBX-Basic and is left out.
 */
export function writeTbx(
  concepts: readonly Concept[],
  header: TbxHeader = {},
  options: TbxWriteOptions = {},
): string {
  if (options.version === 2) return writeTbxV2(concepts, header);
  const out: string[] = [];
  const check = (value: string) => escapeText(checkChars(value, "header"));
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="${TBX_NAMESPACE}">`);
  out.push("  <tbxHeader>");
  out.push("    <fileDesc>");
  out.push(`      <titleStmt><title>${check(header.title ?? DEFAULT_TITLE)}</title></titleStmt>`);
  out.push(`      <sourceDesc><p>${check(header.source ?? DEFAULT_SOURCE)}</p></sourceDesc>`);
  out.push("    </fileDesc>");
  out.push("  </tbxHeader>");
  if (concepts.length === 0) {
    // The core structure requires at least one conceptEntry in a body; text may go without one.
    out.push("  <text/>");
  } else {
    out.push("  <text>");
    out.push("    <body>");
    for (const concept of concepts) writeConcept(concept, out, TBX_2019);
    out.push("    </body>");
    out.push("  </text>");
  }
  out.push("</tbx>");
  return out.join("\n") + "\n";
}

/**
 * Writes concepts as a TBX-Basic 2008 document (TBX v2, ISO 30042:2008: `<martif>`, termEntry / langSet /
 * tig), the same content as `writeTbx` under the older element names. CAT tools that predate TBX v3 read only
 * this form: OmegaT's `GlossaryReaderTBX` unmarshals `<martif>` and rejects a `<tbx>` root.
 */
function writeTbxV2(concepts: readonly Concept[], header: TbxHeader): string {
  const out: string[] = [];
  const check = (value: string) => escapeText(checkChars(value, "header"));
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  // No DOCTYPE: TBX-Basic 2008 files often name TBXBasiccoreStructV02.dtd, but a Java reader without an entity
  // resolver then fails when that file is not beside the glossary.
  out.push('<martif type="TBX-Basic-V1" xml:lang="en">');
  out.push("  <martifHeader>");
  out.push("    <fileDesc>");
  out.push(`      <titleStmt><title>${check(header.title ?? DEFAULT_TITLE)}</title></titleStmt>`);
  out.push(`      <sourceDesc><p>${check(header.source ?? DEFAULT_SOURCE)}</p></sourceDesc>`);
  out.push("    </fileDesc>");
  out.push('    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>');
  out.push("  </martifHeader>");
  out.push("  <text>");
  // TBX v2 text requires a body; an empty termbase gets an empty one (the DTD wants termEntry+, readers accept it).
  if (concepts.length === 0) out.push("    <body/>");
  else {
    out.push("    <body>");
    for (const concept of concepts) writeConcept(concept, out, TBX_2008);
    out.push("    </body>");
  }
  out.push("  </text>");
  out.push("</martif>");
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** What an element is, after mapping TBX v2 names and DCT-style data category elements onto TBX 2019 DCA. */
type Kind =
  | "conceptEntry"
  | "langSec"
  | "termSec"
  | "term"
  | "termNote"
  | "descrip"
  | "descripGrp"
  | "admin"
  | "note"
  | "ref"
  | "transparent"
  | "termNoteGrp"
  | "container"
  | "inline"
  | "other";

// TBX v2 (ISO 30042:2008) names of the same structures; termGrp only wraps the term and its termNotes.
const LEGACY_NAMES: Record<string, Kind> = {
  martif: "container",
  text: "container",
  body: "container",
  termEntry: "conceptEntry",
  langSet: "langSec",
  tig: "termSec",
  ntig: "termSec",
  termGrp: "transparent",
};

const TBX_NAMES: Record<string, Kind> = {
  tbx: "container",
  text: "container",
  body: "container",
  conceptEntry: "conceptEntry",
  langSec: "langSec",
  termSec: "termSec",
  term: "term",
  termNote: "termNote",
  termNoteGrp: "termNoteGrp",
  descrip: "descrip",
  descripGrp: "descripGrp",
  admin: "admin",
  note: "note",
  ref: "ref",
  hi: "inline",
  foreign: "inline",
};

// DCT style (ISO 30042:2019 §7.2) writes a data category as an element named after it in the dialect's
// module namespace; these are the ones yizhi models, with the DCA element they stand for.
const DCT_ELEMENTS: Record<string, Kind> = {
  subjectField: "descrip",
  definition: "descrip",
  context: "descrip",
  administrativeStatus: "termNote",
  partOfSpeech: "termNote",
  source: "admin",
  crossReference: "ref",
};

interface Frame {
  readonly kind: Kind;
  readonly name: string;
  readonly type: string;
  readonly attributes: Record<string, SaxesAttributeNS>;
  readonly line: number;
  readonly column: number;
  text: string;
  /** descripGrp: its descrip's type and text, and its source admin. */
  group?: { type?: string; text?: string; source?: string };
}

interface TermDraft {
  term?: string;
  status?: TermStatus;
  partOfSpeech?: string;
  notes: string[];
  contexts: { text: string; source: string }[];
}

interface ConceptDraft {
  readonly id: string;
  subject?: string;
  definition?: string;
  definitionSource?: string;
  notes: string[];
  related: string[];
  zh: Term[];
  en: Term[];
  contexts: Context[];
}

/** The language yizhi models for a BCP 47 tag: zh-CN, zh-Hans, zh-TW → zh; en-US → en; others → undefined. */
export function modelLanguage(tag: string): "zh" | "en" | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary === "zh" || primary === "en" ? primary : undefined;
}

/** Deepest element nesting parseTbx accepts. */
export const MAX_DEPTH = 1000;

/**
 * 1-based column (in code points, after the last LF or CR; a leading byte-order mark is not counted) of
 * increasing offsets, found in one pass over the text: searching back from each element to its line start
 * would rescan a file written on one line (or without CRs, for the CR search) once per element.
 */
class ColumnTracker {
  private scanned: number;
  private column = 1;
  constructor(private readonly xml: string) {
    this.scanned = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  }
  at(offset: number): number {
    const xml = this.xml;
    if (offset < this.scanned) {
      // Offsets only grow while parsing; start over rather than answer wrongly if one ever does not.
      this.scanned = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
      this.column = 1;
    }
    let column = this.column;
    for (let i = this.scanned; i < offset; i++) {
      const c = xml.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) column = 1;
      // The low half of a surrogate pair belongs to the code point its high half already counted.
      else if (!(c >= 0xdc00 && c <= 0xdfff && column > 1 && isHighSurrogate(xml.charCodeAt(i - 1))))
        column++;
    }
    this.scanned = Math.max(this.scanned, offset);
    this.column = column;
    return column;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Reads a TBX document (TBX-Basic 2019 DCA, DCT-style data categories, or legacy TBX v2 `<martif>`) into
 * concepts. Languages other than Chinese and English are skipped. Every problem is an InputError naming the
 * file, line, column (1-based) and the conceptEntry id.
 */
export function parseTbx(xml: string, file: string): Concept[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Frame[] = [];
  const concepts: Concept[] = [];
  const seen = new Map<string, number>();
  let legacy = false;
  let concept: ConceptDraft | undefined;
  let lang: "zh" | "en" | undefined;
  let inLangSec = false;
  let term: TermDraft | undefined;
  let entryCount = 0;
  let tagLine = 1;
  let tagColumn = 1;

  const fail = (message: string, line: number, column: number): never => {
    throw new InputError(
      message,
      { file, line, column, ...(concept ? { unit: concept.id } : {}) },
      { code: "bad-tbx" },
    );
  };

  parser.on("error", (error) => {
    // saxes prefixes "line:column: " (column 0-based, of the next character = 1-based of the offending one).
    const message = error.message.replace(/^\d+:\d+: /, "");
    fail(`not well-formed XML: ${message}`, parser.line, Math.max(1, parser.column));
  });

  parser.on("doctype", (doctype) => {
    // saxes does not expand DTDs; refusing internal subsets keeps entity tricks (billion laughs, XXE) out.
    if (doctype.includes("[") || /<!ENTITY/i.test(doctype)) {
      const offset = Math.max(0, xml.search(/<!DOCTYPE/i));
      // TBX errors count columns in code points (ColumnTracker); the line is the same either way.
      const { line } = lineColumnAt(xml, offset);
      fail("DOCTYPE with an internal subset or entity declarations is not accepted", line, new ColumnTracker(xml).at(offset));
    }
  });

  const columns = new ColumnTracker(xml);
  parser.on("opentagstart", (tag) => {
    // The parser has read "<", the name and the character ending the name (space, newline, "/" or ">"),
    // so "<" is name.length + 2 code units back, on the previous line when that character was a newline.
    const offset = parser.position - tag.name.length - 2;
    const ender = xml.charCodeAt(parser.position - 1);
    tagLine = ender === 0x0a || ender === 0x0d ? parser.line - 1 : parser.line;
    tagColumn = columns.at(offset);
    // saxes looks up namespace prefixes through every open element on each tag, and parentKind walks the
    // stack: an absurdly deep file would take quadratic time. No termbase tool nests anywhere near this deep.
    if (stack.length >= MAX_DEPTH)
      fail(`elements nested deeper than ${MAX_DEPTH} levels`, tagLine, tagColumn);
  });

  const parentKind = (): Kind | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const kind = (stack[i] as Frame).kind;
      if (kind !== "transparent" && kind !== "termNoteGrp") return kind;
    }
    return undefined;
  };

  const kindOf = (tag: SaxesTagNS): Kind => {
    if (legacy)
      return tag.uri === "" ? (LEGACY_NAMES[tag.local] ?? TBX_NAMES[tag.local] ?? "other") : "other";
    if (tag.uri === TBX_NAMESPACE) return TBX_NAMES[tag.local] ?? "other";
    return DCT_ELEMENTS[tag.local] ?? "other";
  };

  parser.on("opentag", (tag) => {
    if (stack.length === 0) {
      if (tag.local === "tbx" && tag.uri === TBX_NAMESPACE) legacy = false;
      else if (tag.local === "martif" && tag.uri === "") legacy = true;
      else {
        const ns = tag.uri === "" ? "no namespace" : `namespace ${tag.uri}`;
        fail(
          `root element must be <tbx> in namespace ${TBX_NAMESPACE} (or TBX v2 <martif>), found <${tag.local}> in ${ns}`,
          tagLine,
          tagColumn,
        );
      }
    }
    // An element outside every known structure (DCT extensions, tbxHeader contents) is read for nothing.
    const inside = stack.length > 0 ? (stack[stack.length - 1] as Frame).kind : undefined;
    const kind = inside === "other" ? "other" : kindOf(tag);
    const type =
      kind === "descrip" || kind === "termNote" || kind === "admin" || kind === "ref"
        ? tag.uri === TBX_NAMESPACE || (legacy && tag.uri === "")
          ? (tag.attributes["type"]?.value ?? "")
          : tag.local
        : "";
    const frame: Frame = {
      kind,
      name: tag.name,
      type,
      attributes: tag.attributes,
      line: tagLine,
      column: tagColumn,
      text: "",
    };
    stack.push(frame);

    if (kind === "conceptEntry") {
      entryCount++;
      let id = tag.attributes["id"]?.value.trim();
      // TBX v2 made termEntry/@id optional (martif DTD: #IMPLIED); number such entries by position.
      if ((id === undefined || id === "") && legacy) id = `termEntry${entryCount}`;
      if (id === undefined || id === "") fail("conceptEntry without id", frame.line, frame.column);
      const first = seen.get(id as string);
      concept = { id: id as string, notes: [], related: [], zh: [], en: [], contexts: [] };
      if (first !== undefined)
        fail(`duplicate conceptEntry id "${id}" (first used on line ${first})`, frame.line, frame.column);
      seen.set(id as string, frame.line);
    } else if (kind === "langSec") {
      if (concept === undefined) fail(`<${tag.local}> outside a conceptEntry`, frame.line, frame.column);
      const attr = tag.attributes["xml:lang"];
      const value = attr && attr.uri === XML_NAMESPACE ? attr.value : tag.attributes["lang"]?.value;
      if (value === undefined || value.trim() === "")
        fail(`<${tag.local}> without xml:lang`, frame.line, frame.column);
      lang = modelLanguage(value as string);
      inLangSec = true;
    } else if (kind === "termSec") {
      if (!inLangSec) fail(`<${tag.local}> outside a langSec`, frame.line, frame.column);
      term = { notes: [], contexts: [] };
    } else if (kind === "descripGrp") {
      frame.group = {};
    }
  });

  const appendText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += text;
  };
  parser.on("text", appendText);
  parser.on("cdata", appendText);

  parser.on("closetag", () => {
    const frame = stack.pop() as Frame;
    const value = frame.text.trim();
    const parent = stack[stack.length - 1];
    // Inline markup (<hi>, <foreign>) keeps its text in the enclosing element.
    if (frame.kind === "inline" || frame.kind === "transparent" || frame.kind === "termNoteGrp") {
      if (parent !== undefined && frame.kind === "inline") parent.text += frame.text;
      return;
    }
    const level = parentKind();
    switch (frame.kind) {
      case "term":
        if (term !== undefined && term.term === undefined) term.term = value;
        break;
      case "termNote":
        if (term === undefined || level !== "termSec") break;
        if (frame.type === "administrativeStatus" || frame.type === "normativeAuthorization") {
          const status = TBX_TO_STATUS[value] ?? TBX_TO_STATUS[`${value}-admn-sts`];
          if (status === undefined) fail(`unknown administrativeStatus "${value}"`, frame.line, frame.column);
          term.status = status;
        } else if (frame.type === "partOfSpeech") {
          const pos = value === "properNoun" ? "noun" : value;
          term.partOfSpeech = PARTS_OF_SPEECH.has(pos) ? pos : "other";
        }
        break;
      case "note":
        // A note inside a termNoteGrp is about that termNote, not about the term.
        if (parent?.kind === "termNoteGrp") break;
        if (level === "conceptEntry") concept?.notes.push(value);
        else if (level === "termSec") term?.notes.push(value);
        break;
      case "ref":
        if (level === "conceptEntry" && frame.type === "crossReference") {
          const target = frame.attributes["target"]?.value.trim() || value;
          if (target !== "") concept?.related.push(target);
        }
        break;
      case "admin":
        if (parent?.kind === "descripGrp" && frame.type === "source" && parent.group)
          parent.group.source = value;
        break;
      case "descrip":
        if (parent?.kind === "descripGrp" && parent.group) {
          parent.group.type = frame.type;
          parent.group.text = value;
        } else takeDescrip(level, frame.type, value, undefined);
        break;
      case "descripGrp": {
        const group = frame.group ?? {};
        if (group.type !== undefined && group.text !== undefined)
          takeDescrip(level, group.type, group.text, group.source);
        break;
      }
      case "termSec":
        closeTermSec(frame);
        break;
      case "langSec":
        inLangSec = false;
        lang = undefined;
        break;
      case "conceptEntry":
        closeConcept();
        break;
      default:
        break;
    }
  });

  function takeDescrip(
    level: Kind | undefined,
    type: string,
    value: string,
    source: string | undefined,
  ): void {
    if (concept === undefined) return;
    if (level === "conceptEntry" && type === "subjectField") concept.subject = value;
    else if (
      type === "definition" &&
      (level === "conceptEntry" || (level === "langSec" && concept.definition === undefined))
    ) {
      // A concept-level definition wins over one given per language (other tools put it in the langSec).
      concept.definition = value;
      if (source !== undefined) concept.definitionSource = source;
      else delete concept.definitionSource;
    } else if (level === "termSec" && type === "context" && term !== undefined) {
      term.contexts.push({ text: value, source: source ?? "" });
    }
  }

  function closeTermSec(frame: Frame): void {
    const draft = term;
    term = undefined;
    if (draft === undefined || concept === undefined) return;
    if (draft.term === undefined || draft.term === "") fail("termSec without term", frame.line, frame.column);
    if (lang === undefined) return;
    const text = draft.term as string;
    const t: Term = {
      term: text,
      // ISO 30042 gives no default; a term listed without a status is usable but not singled out: admitted.
      status: draft.status ?? "admitted",
      ...(draft.partOfSpeech !== undefined ? { partOfSpeech: draft.partOfSpeech } : {}),
      ...(draft.notes.length > 0 ? { note: draft.notes.join("\n") } : {}),
    };
    concept[lang].push(t);
    for (const c of draft.contexts)
      concept.contexts.push({ text: c.text, source: c.source, lang, term: text });
  }

  function closeConcept(): void {
    const draft = concept as ConceptDraft;
    concept = undefined;
    concepts.push({
      id: draft.id,
      ...(draft.subject !== undefined ? { subject: draft.subject } : {}),
      ...(draft.definition !== undefined ? { definition: draft.definition } : {}),
      ...(draft.definitionSource !== undefined ? { definitionSource: draft.definitionSource } : {}),
      terms: { zh: draft.zh, en: draft.en },
      contexts: draft.contexts,
      ...(draft.notes.length > 0 ? { note: draft.notes.join("\n") } : {}),
      ...(draft.related.length > 0 ? { related: draft.related } : {}),
    });
  }

  parser.write(xml);
  parser.close();
  if (stack.length > 0) fail("unexpected end of document", parser.line, parser.column);
  return concepts;
}
