import { InputError } from "../errors.js";
import { lineColumnAt } from "../text/xml-bytes.js";
import { isNameChar, isNameStartChar, isXmlCodePoint, isXmlSpace } from "../text/xml-chars.js";
import { decodeReference, InlineTextBuilder } from "./inline.js";

/** One open element while scanning, with the offsets a writer needs later. */
export interface Frame {
  readonly local: string;
  readonly uri: string;
  readonly name: string;
  readonly attributes: Record<string, string>;
  /** Offset of the start tag's `<`. */
  readonly start: number;
  /** Offset just after the start tag's `>`. */
  readonly startTagEnd: number;
  readonly selfClosing: boolean;
  /** The default namespace in scope inside this element. */
  readonly defaultNs: string;
  /** Whitespace between the previous markup and this start tag, when it is whitespace only; else "". */
  readonly leadingSpace: string;
  /** Leading space of the first child element (undefined until one opens). */
  firstChildSpace?: string;
  /** Offset after the last child element closed (startTagEnd until then). */
  lastChildEnd: number;
  readonly line: number;
  readonly column: number;
}

/** What a format module sees of the scanner. */
export interface ScanContext {
  readonly xml: string;
  readonly file: string;
  /** Stack of open elements, the innermost last (the current element included during `open`/`close`). */
  readonly stack: readonly Frame[];
  /** Starts collecting character data into a new builder (content begins at `xmlStart`). */
  startCapture(xmlStart: number): InlineTextBuilder;
  /** Stops collecting into `builder`. */
  endCapture(builder: InlineTextBuilder): void;
  /** Character data inside elements between `enterCode` and `leaveCode` (1.2 native code) is not text. */
  enterCode(): void;
  leaveCode(): void;
  /** Every active capture. */
  readonly captures: readonly InlineTextBuilder[];
  /** Raises an InputError at `offset`, naming the current unit. */
  fail(message: string, offset: number): never;
  /** Sets the unit named in errors from now on (undefined when leaving it). */
  setUnit(id: string | undefined): void;
}

/** A format module: told about every element as it opens and closes. */
export interface FormatHandler {
  open(frame: Frame, ctx: ScanContext): void;
  close(frame: Frame, endTagStart: number, endTagEnd: number, ctx: ScanContext): void;
}

/**
 * Line/column of increasing offsets in one pass over the text (lineColumnAt per element would be quadratic).
 * The next line break of each kind is found once and reused until the offsets pass it, so a file written on
 * one line, or with lone CRs (XML 1.0 §2.11), costs no more than one with short lines.
 */
class LineTracker {
  private line = 1;
  private lineStart = 0;
  private nextLf: number;
  private nextCr: number;
  constructor(private readonly xml: string) {
    this.nextLf = this.find("\n", 0);
    this.nextCr = this.find("\r", 0);
  }
  private find(ch: string, from: number): number {
    const i = this.xml.indexOf(ch, from);
    return i === -1 ? Infinity : i;
  }
  at(offset: number): { line: number; column: number } {
    if (offset < this.lineStart) return lineColumnAt(this.xml, offset);
    for (;;) {
      const brk = Math.min(this.nextLf, this.nextCr);
      if (brk >= offset) break;
      if (brk === this.nextCr) {
        // CR LF is one line end, counted at the LF.
        this.nextCr = this.find("\r", brk + 1);
        if (this.nextLf === brk + 1) continue;
      } else {
        this.nextLf = this.find("\n", brk + 1);
      }
      this.line++;
      this.lineStart = brk + 1;
    }
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

/** Deepest element nesting accepted. */
export const MAX_DEPTH = 1000;

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const AMP = 0x26;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;

/** XML 1.0 §2.8 [23]: version, then optional encoding and standalone, in this order. */
const DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/;

const DOCTYPE_REFUSED =
  "DOCTYPE declarations are not accepted (external entities and entity expansion are refused)";

/** Whether an XML name can start at `i` (a character beyond the BMP is a surrogate pair). */
function startsName(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdb7f) {
    const low = s.charCodeAt(i + 1);
    return low >= 0xdc00 && low <= 0xdfff;
  }
  return isNameStartChar(c);
}

/** Whether an attribute declares a namespace: `xmlns` or `xmlns:prefix` (Namespaces in XML 1.0 §3). */
function isNamespaceDeclaration(name: string): boolean {
  return name.startsWith("xmlns") && (name.length === 5 || name.charCodeAt(5) === 0x3a);
}

/** A code unit as a person reads it in an error message. */
function shown(c: number): string {
  return c >= 0x20 && c < 0x7f
    ? `"${String.fromCharCode(c)}"`
    : `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Walks one XML document, checking that it is well-formed (XML 1.0 and Namespaces in XML 1.0) and telling the
 * format handler about each element with the offsets of its tags.
 *
 * Our own scanner rather than a SAX library: the writer needs the offset of every tag's `<` and `>`, the
 * whitespace before it and the raw character data, which a SAX parser hands over only as decoded values, so
 * the reader used to find them again in the text behind saxes. Scanning once with charCodeAt and indexOf
 * does both jobs. There is no DTD support at all: a DOCTYPE is refused wherever it stands (the carrier of
 * XXE and entity expansion), and only the five predefined entities and character references are known.
 */
class Scanner implements ScanContext {
  readonly stack: Frame[] = [];
  readonly captures: InlineTextBuilder[] = [];
  private codeDepth = 0;
  private unit: string | undefined;
  private handler: FormatHandler | undefined;
  private readonly lines: LineTracker;
  /**
   * Every prefix declared in scope ("" for the default namespace) → its URIs, the nearest declaration last.
   * A declaration and its undoing cost one push and one pop, and a lookup one get, however deep the document:
   * a copy of the bindings per declaring element could be made quadratic by a hostile file.
   */
  private readonly bindings = new Map<string, string[]>([["xml", [XML_NS]]]);
  /** At each depth, the prefixes the element there declared, undone when it closes. */
  private readonly declared: (string[] | undefined)[] = [];
  private defaultNs = "";
  // One start tag's attributes, reused from tag to tag.
  private readonly attrNames: string[] = [];
  private readonly attrValues: string[] = [];
  private readonly attrOffsets: number[] = [];

  constructor(
    readonly xml: string,
    readonly file: string,
    private readonly chooseHandler: (root: Frame, ctx: ScanContext) => FormatHandler,
  ) {
    this.lines = new LineTracker(xml);
  }

  // An arrow property: callers pass `ctx.fail` on as a plain function.
  readonly fail = (message: string, offset: number): never => this.raise(message, offset, "bad-xliff");

  startCapture(xmlStart: number): InlineTextBuilder {
    const b = new InlineTextBuilder(xmlStart);
    this.captures.push(b);
    return b;
  }
  endCapture(builder: InlineTextBuilder): void {
    const i = this.captures.indexOf(builder);
    if (i !== -1) this.captures.splice(i, 1);
  }
  enterCode(): void {
    this.codeDepth++;
  }
  leaveCode(): void {
    this.codeDepth--;
  }
  setUnit(id: string | undefined): void {
    this.unit = id;
  }

  private raise(message: string, offset: number, code: string): never {
    const { line, column } = lineColumnAt(this.xml, offset);
    const unit = this.unit;
    throw new InputError(
      message,
      { file: this.file, line, column, ...(unit !== undefined ? { unit } : {}) },
      { code },
    );
  }
  private malformed(message: string, offset: number): never {
    return this.raise(`not well-formed XML: ${message}`, offset, "bad-xml");
  }
  private truncated(message: string): never {
    return this.raise(`unexpected end of file: ${message}`, this.xml.length, "bad-xml");
  }

  run(): void {
    const xml = this.xml;
    if (xml.length === 0) this.fail("the file is empty", 0);
    const first = xml.search(/[^ \t\r\n]/);
    if (first === -1) this.fail("the file holds only whitespace", 0);
    if (xml.charCodeAt(first) !== LT)
      this.fail(
        `not XML: the file starts with ${JSON.stringify(xml.slice(first, first + 12))}, not with "<"`,
        first,
      );
    let at = 0;
    if (xml.startsWith("<?xml") && (isXmlSpace(xml.charCodeAt(5)) || xml.charCodeAt(5) === QUESTION)) {
      const m = DECLARATION.exec(xml);
      if (m === null)
        this.malformed('malformed XML declaration (expected <?xml version="1.0" encoding="…"?>)', 0);
      at = m[0].length;
    }
    at = this.misc(at, false);
    at = this.content(at);
    this.misc(at, true);
  }

  /** Comments, processing instructions and whitespace before or after the root element (XML 1.0 §2.8 [27]). */
  private misc(from: number, afterRoot: boolean): number {
    const xml = this.xml;
    let i = from;
    for (;;) {
      i = this.skipSpace(i);
      if (i >= xml.length) {
        if (afterRoot) return i;
        return this.malformed("the document has no root element", i);
      }
      if (xml.charCodeAt(i) !== LT)
        this.malformed(afterRoot ? "text after the root element" : "text before the root element", i);
      const c = xml.charCodeAt(i + 1);
      if (c === QUESTION) i = this.instruction(i);
      else if (c === BANG && xml.startsWith("<!--", i)) i = this.comment(i);
      else if (c === BANG && xml.startsWith("<!DOCTYPE", i)) this.fail(DOCTYPE_REFUSED, i);
      else if (afterRoot) this.malformed("markup after the root element (a document has one root)", i);
      else if (c === BANG) this.malformed(`unexpected markup ${JSON.stringify(xml.slice(i, i + 9))}`, i);
      else if (c === SLASH) this.malformed("an end tag before the root element", i);
      else return i;
    }
  }

  /** The root element and everything in it; returns the offset after its end. */
  private content(from: number): number {
    const xml = this.xml;
    let cursor = from;
    for (;;) {
      const lt = xml.indexOf("<", cursor);
      const textEnd = lt === -1 ? xml.length : lt;
      let space = true;
      if (textEnd > cursor) {
        space = this.text(cursor, textEnd);
        if (this.codeDepth === 0) for (const c of this.captures) c.appendRaw(xml, cursor, textEnd);
      }
      if (lt === -1)
        return this.truncated(`unclosed tag: ${(this.stack[this.stack.length - 1] as Frame).name}`);
      const c = xml.charCodeAt(lt + 1);
      if (c === SLASH) cursor = this.endTag(lt);
      else if (c === BANG) cursor = this.bang(lt);
      else if (c === QUESTION) cursor = this.instruction(lt);
      else cursor = this.startTag(lt, space ? xml.slice(cursor, lt) : "");
      if (this.stack.length === 0) return cursor;
    }
  }

  private skipSpace(from: number): number {
    let i = from;
    while (isXmlSpace(this.xml.charCodeAt(i))) i++;
    return i;
  }

  private startsName(i: number): boolean {
    return startsName(this.xml, i);
  }

  /** Offset after the name that starts at `from` (its first character already checked). */
  private nameEnd(from: number): number {
    const xml = this.xml;
    let i = from;
    for (;;) {
      const c = xml.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        // A name character beyond the BMP is a surrogate pair, which may start a name as well.
        if (!startsName(xml, i)) return i;
        i += 2;
      } else if (isNameChar(c)) i++;
      else return i;
    }
  }

  /**
   * Checks character data `[from, to)` (legal characters, references, no `]]>`, XML 1.0 §2.4) and returns
   * whether it is whitespace only.
   */
  private text(from: number, to: number): boolean {
    const xml = this.xml;
    let space = true;
    for (let k = from; k < to; k++) {
      const c = xml.charCodeAt(k);
      if (c > 0x20) {
        space = false;
        if (c === AMP) k = this.reference(k) - 1;
        else if (c === 0x5d) {
          if (xml.charCodeAt(k + 1) === 0x5d && xml.charCodeAt(k + 2) === GT)
            this.malformed('"]]>" in text (it may only end a CDATA section)', k);
        } else if (c >= 0xd800) k = this.wide(k, to);
      } else if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) this.illegal(k);
    }
    return space;
  }

  /** Checks the code unit at `k` (≥ U+D800) and returns the offset of the last unit of its character. */
  private wide(k: number, to: number): number {
    const c = this.xml.charCodeAt(k);
    if (c <= 0xdbff) {
      const next = this.xml.charCodeAt(k + 1);
      if (k + 1 < to && next >= 0xdc00 && next <= 0xdfff) return k + 1;
      return this.illegal(k);
    }
    if (c <= 0xdfff || c >= 0xfffe) this.illegal(k);
    return k;
  }

  private illegal(k: number): never {
    return this.malformed(`character ${shown(this.xml.charCodeAt(k))} is not allowed in XML`, k);
  }

  /** Checks the reference at `amp` (XML 1.0 §4.1) and returns the offset after its `;`. */
  private reference(amp: number): number {
    const xml = this.xml;
    let j = amp + 1;
    if (xml.charCodeAt(j) === 0x23) {
      j++;
      const hex = xml.charCodeAt(j) === 0x78;
      if (hex) j++;
      const digitsFrom = j;
      let cp = 0;
      for (; ; j++) {
        const c = xml.charCodeAt(j);
        let d: number;
        if (c >= 0x30 && c <= 0x39) d = c - 0x30;
        else if (hex && c >= 0x61 && c <= 0x66) d = c - 0x57;
        else if (hex && c >= 0x41 && c <= 0x46) d = c - 0x37;
        else break;
        cp = Math.min(cp * (hex ? 16 : 10) + d, 0x110000);
      }
      if (j === digitsFrom || xml.charCodeAt(j) !== SEMICOLON)
        this.malformed("malformed character reference (expected &#digits; or &#xhex;)", amp);
      if (!isXmlCodePoint(cp))
        this.malformed(
          `character reference ${xml.slice(amp, j + 1)} names a character XML does not allow`,
          amp,
        );
      return j + 1;
    }
    if (!this.startsName(j))
      this.malformed('"&" must start a reference (a literal ampersand is written &amp;)', amp);
    j = this.nameEnd(j);
    if (xml.charCodeAt(j) !== SEMICOLON) this.malformed('entity reference without its closing ";"', amp);
    const name = xml.slice(amp + 1, j);
    if (name !== "amp" && name !== "lt" && name !== "gt" && name !== "quot" && name !== "apos")
      this.malformed(
        `undefined entity &${name}; (without a DTD only &amp; &lt; &gt; &quot; &apos; are defined)`,
        amp,
      );
    return j + 1;
  }

  /** Checks an attribute value `[from, to)` and returns it normalised (XML 1.0 §3.3.3). */
  private attributeValue(from: number, to: number): string {
    const xml = this.xml;
    let plain = true;
    for (let k = from; k < to; k++) {
      const c = xml.charCodeAt(k);
      if (c < 0x20) {
        if (c === 0x0a || c === 0x09 || c === 0x0d) plain = false;
        else this.illegal(k);
      } else if (c === LT) this.malformed('"<" in an attribute value (write &lt;)', k);
      else if (c === AMP) {
        k = this.reference(k) - 1;
        plain = false;
      } else if (c >= 0xd800) k = this.wide(k, to);
    }
    if (plain) return xml.slice(from, to);
    let value = "";
    let run = from;
    for (let k = from; k < to; k++) {
      const c = xml.charCodeAt(k);
      if (c === AMP) {
        const semi = xml.indexOf(";", k);
        value += xml.slice(run, k) + decodeReference(xml.slice(k + 1, semi));
        k = semi;
        run = k + 1;
      } else if (c === 0x0a || c === 0x09 || c === 0x0d) {
        // A CR LF pair is one line end (§2.11), so one space.
        value += xml.slice(run, k) + " ";
        if (c === 0x0d && xml.charCodeAt(k + 1) === 0x0a) k++;
        run = k + 1;
      }
    }
    return value + xml.slice(run, to);
  }

  /** A start tag at `lt`; returns the offset after it. */
  private startTag(lt: number, leadingSpace: string): number {
    const xml = this.xml;
    const n = xml.length;
    if (!this.startsName(lt + 1)) {
      if (lt + 1 >= n) return this.truncated("a tag is cut off");
      return this.malformed(`${shown(xml.charCodeAt(lt + 1))} cannot start an element name`, lt + 1);
    }
    let j = this.nameEnd(lt + 1);
    const name = xml.slice(lt + 1, j);
    const { attrNames, attrValues, attrOffsets } = this;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      let c = xml.charCodeAt(j);
      let spaced = false;
      while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
        c = xml.charCodeAt(++j);
        spaced = true;
      }
      if (c === GT) {
        j++;
        break;
      }
      if (c === SLASH && xml.charCodeAt(j + 1) === GT) {
        j += 2;
        selfClosing = true;
        break;
      }
      if (j >= n) return this.truncated(`the start tag <${name}> is cut off`);
      if (!this.startsName(j)) this.malformed(`unexpected ${shown(c)} in the start tag <${name}>`, j);
      if (!spaced) this.malformed(`attributes of <${name}> must be separated by whitespace`, j);
      const nameFrom = j;
      j = this.nameEnd(j);
      const attrName = xml.slice(nameFrom, j);
      j = this.skipSpace(j);
      if (xml.charCodeAt(j) !== EQUALS)
        this.malformed(`attribute ${attrName} of <${name}> has no "=" and value`, j);
      j = this.skipSpace(j + 1);
      const quote = xml.charCodeAt(j);
      if (quote !== 0x22 && quote !== 0x27)
        this.malformed(`the value of attribute ${attrName} must be in quotes`, j);
      const close = xml.indexOf(quote === 0x22 ? '"' : "'", j + 1);
      if (close === -1) return this.truncated(`the value of attribute ${attrName} is not closed`);
      attrNames[count] = attrName;
      attrValues[count] = this.attributeValue(j + 1, close);
      attrOffsets[count] = nameFrom;
      count++;
      j = close + 1;
    }

    const depth = this.stack.length;
    if (depth >= MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH} levels`, lt);
    const attributes: Record<string, string> = {};
    let prefixed = 0;
    let declares = false;
    // A hand of attributes is compared pairwise; many (a hostile tag) through a set, to stay linear.
    const names = count > 8 ? new Set<string>() : undefined;
    for (let k = 0; k < count; k++) {
      const attrName = attrNames[k] as string;
      let twice = false;
      if (names === undefined) for (let m = 0; m < k; m++) twice ||= attrNames[m] === attrName;
      else twice = names.size === names.add(attrName).size;
      if (twice) this.malformed(`attribute ${attrName} appears twice in <${name}>`, attrOffsets[k] as number);
      attributes[attrName] = attrValues[k] as string;
      if (isNamespaceDeclaration(attrName)) declares = true;
      else if (attrName.includes(":")) prefixed++;
    }
    this.declared[depth] = undefined;
    if (declares) this.declare(count, name);
    const colon = name.indexOf(":");
    let local = name;
    let uri: string;
    if (colon === -1) uri = this.defaultNs;
    else {
      const prefix = this.prefixOf(name, colon, lt + 1);
      if (prefix === "xmlns")
        this.malformed(`the prefix xmlns is reserved and cannot name an element`, lt + 1);
      local = name.slice(colon + 1);
      uri = this.bound(prefix, lt + 1);
    }
    if (prefixed > 0) this.checkPrefixedAttributes(count, prefixed, name);

    const parent = this.stack[depth - 1];
    if (parent !== undefined && parent.firstChildSpace === undefined) parent.firstChildSpace = leadingSpace;
    const { line, column } = this.lines.at(lt);
    const frame: Frame = {
      local,
      uri,
      name,
      attributes,
      start: lt,
      startTagEnd: j,
      selfClosing,
      defaultNs: this.defaultNs,
      leadingSpace,
      lastChildEnd: j,
      line,
      column,
    };
    this.stack.push(frame);
    if (this.handler === undefined) this.handler = this.chooseHandler(frame, this);
    this.handler.open(frame, this);
    if (selfClosing) this.close(frame, j, j);
    return j;
  }

  /** Applies the namespace declarations among the current tag's attributes (Namespaces in XML 1.0 §3). */
  private declare(count: number, element: string): void {
    const prefixes: string[] = [];
    for (let k = 0; k < count; k++) {
      const attrName = this.attrNames[k] as string;
      if (!isNamespaceDeclaration(attrName)) continue;
      const at = this.attrOffsets[k] as number;
      const uri = this.attrValues[k] as string;
      const prefix = attrName.length === 5 ? "" : attrName.slice(6);
      if (prefix.includes(":") || (prefix === "" && attrName.length > 5))
        this.malformed(`malformed namespace declaration ${attrName} in <${element}>`, at);
      if (prefix === "xmlns") this.malformed("the prefix xmlns cannot be declared", at);
      if ((prefix === "xml") !== (uri === XML_NS))
        this.malformed(`the prefix xml is bound to ${XML_NS} and no other prefix may be`, at);
      if (uri === XMLNS_NS) this.malformed(`no prefix may be bound to ${XMLNS_NS}`, at);
      if (prefix !== "" && uri === "")
        this.malformed(`${attrName}="" cannot undeclare a prefix in XML 1.0`, at);
      const uris = this.bindings.get(prefix);
      if (uris === undefined) this.bindings.set(prefix, [uri]);
      else uris.push(uri);
      prefixes.push(prefix);
    }
    this.declared[this.stack.length] = prefixes;
    this.defaultNs = this.lookup("") ?? "";
  }

  /** The URI a prefix is bound to here, if any. */
  private lookup(prefix: string): string | undefined {
    const uris = this.bindings.get(prefix);
    return uris === undefined ? undefined : uris[uris.length - 1];
  }

  /** The prefix of a qualified name with a colon at `colon`, checked (Namespaces in XML 1.0 §4 [7]). */
  private prefixOf(qname: string, colon: number, at: number): string {
    if (colon === 0 || colon === qname.length - 1 || qname.indexOf(":", colon + 1) !== -1)
      this.malformed(`${qname} is not a qualified name (prefix:local)`, at);
    if (!startsName(qname, colon + 1)) this.malformed(`${qname} is not a qualified name (prefix:local)`, at);
    return qname.slice(0, colon);
  }

  private bound(prefix: string, at: number): string {
    const uri = this.lookup(prefix);
    if (uri === undefined) return this.malformed(`namespace prefix ${prefix} is not declared`, at);
    return uri;
  }

  /** Prefixed attributes: bound prefixes, and no two with one expanded name (Namespaces in XML 1.0 §6.3). */
  private checkPrefixedAttributes(count: number, prefixed: number, element: string): void {
    // One (xml:lang on a 1.2 source or target, the usual case) cannot clash: no set to build.
    const expanded = prefixed > 1 ? new Set<string>() : undefined;
    for (let k = 0; k < count; k++) {
      const attrName = this.attrNames[k] as string;
      const colon = attrName.indexOf(":");
      if (colon === -1 || isNamespaceDeclaration(attrName)) continue;
      const at = this.attrOffsets[k] as number;
      const prefix = this.prefixOf(attrName, colon, at);
      const uri = this.bound(prefix, at);
      if (expanded === undefined) continue;
      const key = `${uri} ${attrName.slice(colon + 1)}`;
      if (expanded.size === expanded.add(key).size)
        this.malformed(`attribute ${attrName} of <${element}> repeats another's namespace and name`, at);
    }
  }

  /** An end tag at `lt`; returns the offset after it. */
  private endTag(lt: number): number {
    const xml = this.xml;
    const frame = this.stack[this.stack.length - 1] as Frame;
    if (!this.startsName(lt + 2)) {
      if (lt + 2 >= xml.length) return this.truncated(`unclosed tag: ${frame.name}`);
      return this.malformed(`"</" must be followed by the name of <${frame.name}>`, lt);
    }
    const nameEnd = this.nameEnd(lt + 2);
    const j = this.skipSpace(nameEnd);
    const name = xml.slice(lt + 2, nameEnd);
    if (name !== frame.name)
      this.malformed(
        `end tag </${name}> does not match <${frame.name}> (line ${frame.line}, column ${frame.column})`,
        lt,
      );
    if (xml.charCodeAt(j) !== GT) {
      if (j >= xml.length) return this.truncated(`the end tag </${name}> is cut off`);
      return this.malformed(`unexpected ${shown(xml.charCodeAt(j))} in the end tag </${name}>`, j);
    }
    this.close(frame, lt, j + 1);
    return j + 1;
  }

  private close(frame: Frame, endTagStart: number, endTagEnd: number): void {
    (this.handler as FormatHandler).close(frame, endTagStart, endTagEnd, this);
    this.stack.pop();
    const declared = this.declared[this.stack.length];
    if (declared !== undefined) {
      for (const prefix of declared) (this.bindings.get(prefix) as string[]).pop();
      this.defaultNs = this.lookup("") ?? "";
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) parent.lastChildEnd = endTagEnd;
  }

  /** `<!` inside the root element: a comment, a CDATA section, or an error. */
  private bang(lt: number): number {
    const xml = this.xml;
    if (xml.startsWith("<!--", lt)) return this.comment(lt);
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      if (end === -1) return this.truncated("a CDATA section is not closed with ]]>");
      this.checkChars(lt + 9, end);
      if (this.codeDepth === 0) for (const c of this.captures) c.appendCdata(xml, lt + 9, end);
      return end + 3;
    }
    if (xml.startsWith("<!DOCTYPE", lt)) return this.fail(DOCTYPE_REFUSED, lt);
    return this.malformed(`unexpected markup ${JSON.stringify(xml.slice(lt, lt + 9))}`, lt);
  }

  private comment(lt: number): number {
    const xml = this.xml;
    const end = xml.indexOf("-->", lt + 4);
    if (end === -1) return this.truncated("a comment is not closed with -->");
    const dashes = xml.indexOf("--", lt + 4);
    if (dashes !== end) this.malformed('"--" inside a comment (XML 1.0 §2.5)', dashes);
    this.checkChars(lt + 4, end);
    return end + 3;
  }

  /** A processing instruction at `lt` (XML 1.0 §2.6); returns the offset after it. */
  private instruction(lt: number): number {
    const xml = this.xml;
    if (!this.startsName(lt + 2))
      this.malformed("a processing instruction must start with its target name", lt + 2);
    const targetEnd = this.nameEnd(lt + 2);
    const target = xml.slice(lt + 2, targetEnd);
    if (target.toLowerCase() === "xml")
      this.malformed("the XML declaration may only stand at the very start of the file", lt);
    if (target.includes(":"))
      this.malformed(`processing instruction target ${target} contains a colon`, lt + 2);
    const end = xml.indexOf("?>", targetEnd);
    if (end === -1) return this.truncated(`the processing instruction <?${target} is not closed with ?>`);
    if (end > targetEnd && !isXmlSpace(xml.charCodeAt(targetEnd)))
      this.malformed(`unexpected ${shown(xml.charCodeAt(targetEnd))} after <?${target}`, targetEnd);
    this.checkChars(targetEnd, end);
    return end + 2;
  }

  /** Checks that `[from, to)` holds only legal characters (XML 1.0 §2.2), as `text` does. */
  private checkChars(from: number, to: number): void {
    const xml = this.xml;
    for (let k = from; k < to; k++) {
      const c = xml.charCodeAt(k);
      if (c < 0x20) {
        if (c !== 0x0a && c !== 0x09 && c !== 0x0d) this.illegal(k);
      } else if (c >= 0xd800) k = this.wide(k, to);
    }
  }
}

/**
 * Walks the document and calls the handler chosen at the root element, with the offsets of every tag.
 *
 * Refuses anything that is not well-formed (naming the problem, line and column) and any DOCTYPE.
 */
export function scanXml(
  xml: string,
  file: string,
  chooseHandler: (root: Frame, ctx: ScanContext) => FormatHandler,
): void {
  new Scanner(xml, file, chooseHandler).run();
}
