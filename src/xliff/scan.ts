import { SaxesParser, type SaxesTagNS } from "saxes";
import { InputError } from "../errors.js";
import { lineColumnAt } from "../text/xml-bytes.js";
import { InlineTextBuilder } from "./inline.js";

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

function isSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/**
 * Walks the document with saxes and calls the handler chosen at the root element.
 *
 * saxes reports positions as plain indexes into the JS string, and never expands a DTD; we refuse any
 * DOCTYPE outright (XXE, entity expansion). Character data never contains a literal `<` (XML 1.0 §2.4), so
 * each markup construct starts at the first `<` after the previous one ended: that is how start offsets are
 * found without a second parser.
 */
export function scanXml(
  xml: string,
  file: string,
  chooseHandler: (root: Frame, ctx: ScanContext) => FormatHandler,
): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Frame[] = [];
  const captures: InlineTextBuilder[] = [];
  let codeDepth = 0;
  let cursor = 0;
  let unit: string | undefined;
  let handler: FormatHandler | undefined;
  const lines = new LineTracker(xml);

  const fail = (message: string, offset: number): never => {
    const { line, column } = lineColumnAt(xml, offset);
    throw new InputError(
      message,
      { file, line, column, ...(unit !== undefined ? { unit } : {}) },
      { code: "bad-xliff" },
    );
  };

  const ctx: ScanContext = {
    xml,
    file,
    stack,
    captures,
    startCapture(xmlStart) {
      const b = new InlineTextBuilder(xmlStart);
      captures.push(b);
      return b;
    },
    endCapture(builder) {
      const i = captures.indexOf(builder);
      if (i !== -1) captures.splice(i, 1);
    },
    enterCode() {
      codeDepth++;
    },
    leaveCode() {
      codeDepth--;
    },
    fail,
    setUnit(id) {
      unit = id;
    },
  };

  /** Character data from the cursor up to `to` goes to every active capture. */
  const flushText = (to: number): void => {
    if (to > cursor && codeDepth === 0) for (const c of captures) c.appendRaw(xml, cursor, to);
  };
  const markupStart = (): number => {
    const at = xml.indexOf("<", cursor);
    return at === -1 ? cursor : at;
  };

  // Only five handlers: saxes keeps handlers as instance properties, and registering seven (with xmldecl and
  // doctype) made every parse 4–5× slower in our bench (the parser object left V8's fast mode). The XML
  // declaration and the DOCTYPE are found from the prolog text instead.
  if (/^<\?xml[ \t\r\n]/.test(xml)) cursor = xml.indexOf("?>") + 2;
  parser.on("comment", () => {
    const start = markupStart();
    flushText(start);
    // saxes reports a comment once it has read the closing "--"; the ">" follows.
    const gt = xml.indexOf(">", parser.position);
    cursor = gt === -1 ? parser.position : gt + 1;
  });
  parser.on("processinginstruction", () => {
    flushText(markupStart());
    cursor = parser.position;
  });
  parser.on("cdata", () => {
    const start = markupStart();
    flushText(start);
    const end = parser.position;
    if (codeDepth === 0) for (const c of captures) c.appendCdata(xml, start + 9, end - 3);
    cursor = end;
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    // Attribute values cannot hold a literal "<" (XML 1.0 §3.1), so the last "<" before the tag's end is its start.
    const start = xml.lastIndexOf("<", parser.position - 1);
    flushText(start);
    const end = parser.position;
    // saxes checks namespace scopes up the whole stack on every tag: an absurdly deep file would take
    // quadratic time. No CAT tool nests anywhere near this deep.
    if (stack.length >= MAX_DEPTH)
      fail(`elements nested deeper than ${MAX_DEPTH} levels`, start);
    const parent = stack[stack.length - 1];
    const before = xml.slice(cursor, start);
    const leadingSpace = isSpace(before) ? before : "";
    if (parent !== undefined && parent.firstChildSpace === undefined) parent.firstChildSpace = leadingSpace;
    const attributes: Record<string, string> = {};
    for (const name in tag.attributes) attributes[name] = (tag.attributes[name] as { value: string }).value;
    const { line, column } = lines.at(start);
    const frame: Frame = {
      local: tag.local,
      uri: tag.uri,
      name: tag.name,
      attributes,
      start,
      startTagEnd: end,
      selfClosing: tag.isSelfClosing,
      defaultNs: tag.ns[""] ?? parent?.defaultNs ?? "",
      leadingSpace,
      lastChildEnd: end,
      line,
      column,
    };
    cursor = end;
    stack.push(frame);
    if (handler === undefined) {
      // XLIFF needs no DTD; a DOCTYPE is the carrier of XXE and entity-expansion attacks (refused before
      // any entity in the document is used, since the root element comes first).
      const prolog = xml.slice(0, start).replace(/<!--[\s\S]*?-->/g, (c) => " ".repeat(c.length));
      const doctype = prolog.indexOf("<!DOCTYPE");
      if (doctype !== -1)
        fail(
          "DOCTYPE declarations are not accepted (external entities and entity expansion are refused)",
          doctype,
        );
      handler = chooseHandler(frame, ctx);
    }
    handler.open(frame, ctx);
  });
  parser.on("closetag", (tag: SaxesTagNS) => {
    const frame = stack[stack.length - 1];
    if (frame === undefined) return;
    let endTagStart: number;
    let endTagEnd: number;
    if (tag.isSelfClosing) {
      endTagStart = frame.startTagEnd;
      endTagEnd = frame.startTagEnd;
    } else {
      endTagStart = markupStart();
      flushText(endTagStart);
      endTagEnd = parser.position;
      cursor = endTagEnd;
    }
    handler?.close(frame, endTagStart, endTagEnd, ctx);
    stack.pop();
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.lastChildEnd = endTagEnd;
  });

  let closing = false;
  try {
    if (xml.length === 0) fail("the file is empty", 0);
    const first = xml.search(/[^ \t\r\n]/);
    if (first === -1) fail("the file holds only whitespace", 0);
    if (xml[first] !== "<")
      fail(
        `not XML: the file starts with ${JSON.stringify(xml.slice(first, first + 12))}, not with "<"`,
        first,
      );
    parser.write(xml);
    closing = true;
    parser.close();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message.replace(/^\d+:\d+: /, "") : String(error);
    throw new InputError(
      `${closing ? "unexpected end of file" : "not well-formed XML"}: ${message}`,
      // saxes counts the column of the last character read; at the start of a line that is 0.
      {
        file,
        line: parser.line,
        column: Math.max(1, parser.column),
        ...(unit !== undefined ? { unit } : {}),
      },
      { code: "bad-xml" },
    );
  }
}
