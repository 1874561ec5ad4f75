/**
 * The shared model every XLIFF format module (v12.ts, v20.ts) reads into.
 *
 * All offsets are indexes into `XliffDocument.xml` (the decoded text, BOM removed, line endings as in the
 * file). Nothing here is re-serialised: writers splice new text in at these offsets (splice.ts).
 */

/** XLIFF versions the reader accepts. */
export type XliffVersion = "1.2" | "2.0" | "2.1" | "2.2";

/** Byte encodings the reader decodes and the writer re-encodes to. */
export type XliffEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** Kinds of inline code: XLIFF 2.x names as they are; 1.2 `ph` is `ph12` because it holds native code. */
export type InlineCodeKind =
  | "ph"
  | "pc"
  | "sc"
  | "ec"
  | "mrk"
  | "sm"
  | "em"
  | "cp"
  | "g"
  | "x"
  | "bx"
  | "ex"
  | "bpt"
  | "ept"
  | "it"
  | "ph12";

/** One inline code element inside a source or target. */
export interface InlineCode {
  readonly kind: InlineCodeKind;
  /** The element's `id` (2.x, 1.2) or `mid` (1.2 `mrk`). */
  readonly id?: string;
  /** Offset in `InlineText.text` where the code stands (where a paired code opens). */
  readonly offset: number;
  /** Offset in the text where the element closes (equal to `offset` for empty elements such as `ph`). */
  end: number;
  /** Offsets of the whole element (start tag to end tag) in `XliffDocument.xml`. */
  readonly xmlStart: number;
  xmlEnd: number;
  /** The element's attributes by qualified name, as the parser decoded them. */
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * A stretch of `InlineText.text` and where it comes from in the XML. Literal runs map one text character
 * to one XML character; an entity or character reference (`&amp;`, `&#x4E00;`) or a CR LF pair is an atomic
 * run whose XML length differs from its text length, and only its edges can be mapped.
 */
export interface TextRun {
  readonly textStart: number;
  readonly textLength: number;
  readonly xmlStart: number;
  readonly xmlLength: number;
}

/** Text content of a source or target: plain text with inline codes taken out, plus the map back to XML. */
export interface InlineText {
  /** Plain text: entity references resolved, line ends normalised to LF (XML 1.0 §2.11), code content left out. */
  readonly text: string;
  readonly codes: InlineCode[];
  /** Offsets of the element content (after the start tag, before the end tag) in `XliffDocument.xml`. */
  readonly xmlStart: number;
  readonly xmlEnd: number;
  readonly runs: TextRun[];
}

/** One segment of a unit. */
export interface XliffSegment {
  readonly id?: string;
  readonly source: InlineText;
  readonly target?: InlineText;
  /** 2.x `segment/@state`, or 1.2 `target/@state`. */
  readonly state?: string;
  /** 2.x `segment/@subState`, or 1.2 `target/@state-qualifier`. */
  readonly subState?: string;
  readonly line: number;
  readonly column: number;
  /** Where a missing target would go: just after `</source>` (2.x) or after `</seg-source>`/`</source>` (1.2). */
  readonly targetInsertAt: number;
  /** Whitespace placed before the `<source>` element (indentation of a new sibling), or "" on one line. */
  readonly sourceLeadingSpace: string;
  /** Offset just before the `>` of the element that carries state (2.x `<segment>`, 1.2 `<target>`). */
  readonly stateAttributeInsertAt?: number;
  /** The existing target is written `<target/>` (cannot be filled by insertion alone). */
  readonly targetSelfClosing: boolean;
  /** The segment (2.x) or target (1.2) already carries a state attribute. */
  readonly hasStateAttribute: boolean;
}

/** A 2.x `<ignorable>`: kept in the model, never a segment (XLIFF 2.0 §4.2.2.8). */
export interface XliffIgnorable {
  readonly id?: string;
  readonly source: InlineText;
  readonly target?: InlineText;
}

/** A module container (`gls:glossary`, `mtc:matches`) the client already put in a unit. */
export interface ModuleContainer {
  /** Where a new child entry goes: after the container's last child element. */
  readonly insertAt: number;
  /** Whitespace before the container's first child ("" on one line). */
  readonly childLeadingSpace: string;
  /** Whether the default namespace at this point is the XLIFF core namespace of the document. */
  readonly coreIsDefault: boolean;
}

/** One translation unit: 2.x `<unit>` or 1.2 `<trans-unit>`. */
export interface XliffUnit {
  readonly id: string;
  readonly name?: string;
  /** Effective translate flag, inherited from file and groups (2.x §4.3.1.40, 1.2 `translate`). */
  readonly translate: boolean;
  readonly segments: XliffSegment[];
  readonly ignorables: XliffIgnorable[];
  readonly notes: string[];
  /** ids (or names) of the enclosing groups, outermost first. */
  readonly groupPath: string[];
  /** `id` (2.x) or `original` (1.2) of the enclosing `<file>`. */
  readonly fileId?: string;
  /** 2.x `originalData`: data id → native code. */
  readonly originalData: Readonly<Record<string, string>>;
  readonly line: number;
  readonly column: number;
  /** Offsets of the unit start tag's `<` and of the end of its end tag. */
  readonly xmlStart: number;
  readonly xmlEnd: number;
  /** Where unit-level module elements (2.x) or notes and alt-trans (1.2) go. */
  readonly moduleInsertAt: number;
  /** Whitespace before the unit's first child element ("" when the unit is on one line). */
  readonly childLeadingSpace: string;
  /** Indentation of the unit's own start tag ("" when it does not start a line). */
  readonly indent: string;
  /** Whether the default namespace inside the unit is the document's XLIFF core namespace. */
  readonly coreIsDefault: boolean;
  readonly glossary?: ModuleContainer;
  readonly matches?: ModuleContainer;
  /** 1.2: segments come from `<seg-source>` `<mrk mtype="seg">`. */
  readonly segmented: boolean;
}

/** A parsed XLIFF document and the decoded text every offset refers to. */
export interface XliffDocument {
  readonly version: XliffVersion;
  /** The core namespace URI of the document. */
  readonly namespace: string;
  readonly srcLang: string;
  readonly trgLang?: string;
  readonly units: XliffUnit[];
  /** The decoded document, without the byte order mark. */
  readonly xml: string;
  readonly bom: boolean;
  readonly encoding: XliffEncoding;
  /** The file's line ending (of its first line break), used for everything we add. */
  readonly eol: "\n" | "\r\n";
  readonly file: string;
}

export const XLIFF_12_NS = "urn:oasis:names:tc:xliff:document:1.2";
export const XLIFF_20_NS = "urn:oasis:names:tc:xliff:document:2.0";
/** XLIFF 2.2 (Committee Specification 01, 13 March 2025) declares a new core namespace. */
export const XLIFF_22_NS = "urn:oasis:names:tc:xliff:document:2.2";
export const GLOSSARY_NS = "urn:oasis:names:tc:xliff:glossary:2.0";
export const MATCHES_NS = "urn:oasis:names:tc:xliff:matches:2.0";
