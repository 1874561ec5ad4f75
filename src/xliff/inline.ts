import type { InlineCode, InlineCodeKind, InlineText, TextRun } from "./model.js";

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

/** Collects the text, runs and codes of one source/target while the reader walks the XML. */
export class InlineTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly runs: TextRun[] = [];
  readonly codes: InlineCode[] = [];

  constructor(readonly xmlStart: number) {}

  /** Appends raw character data `xml[from, to)`: resolves references, normalises CR LF and lone CR to LF. */
  appendRaw(xml: string, from: number, to: number): void {
    // Search a slice, not `xml`: an unbounded indexOf would scan to the end of the document for every text node.
    const raw = xml.slice(from, to);
    let amp = raw.indexOf("&");
    let cr = raw.indexOf("\r");
    if (amp === -1 && cr === -1) {
      if (raw.length > 0) this.literal(raw, from);
      return;
    }
    let i = 0;
    while (i < raw.length) {
      if (amp !== -1 && amp < i) amp = raw.indexOf("&", i);
      if (cr !== -1 && cr < i) cr = raw.indexOf("\r", i);
      let stop = raw.length;
      if (amp !== -1 && amp < stop) stop = amp;
      if (cr !== -1 && cr < stop) stop = cr;
      if (stop > i) this.literal(raw.slice(i, stop), from + i);
      if (stop >= raw.length) return;
      if (stop === cr) {
        // XML 1.0 §2.11: CR LF and lone CR reach the application as LF.
        const len = raw.charCodeAt(cr + 1) === 10 ? 2 : 1;
        this.atomic("\n", from + cr, len);
        i = cr + len;
      } else {
        const semi = raw.indexOf(";", amp);
        this.atomic(decodeReference(raw.slice(amp + 1, semi)), from + amp, semi + 1 - amp);
        i = semi + 1;
      }
    }
  }

  /** Appends CDATA content `xml[from, to)`: literal except for line ends. */
  appendCdata(xml: string, from: number, to: number): void {
    const raw = xml.slice(from, to);
    let i = 0;
    while (i < raw.length) {
      const cr = raw.indexOf("\r", i);
      if (cr === -1) {
        this.literal(raw.slice(i), from + i);
        return;
      }
      if (cr > i) this.literal(raw.slice(i, cr), from + i);
      const len = raw.charCodeAt(cr + 1) === 10 ? 2 : 1;
      this.atomic("\n", from + cr, len);
      i = cr + len;
    }
  }

  /** Records an inline code element starting at the current text position; `closeCode` ends it. */
  openCode(
    kind: InlineCodeKind,
    attributes: Record<string, string>,
    xmlStart: number,
    xmlEnd: number,
  ): InlineCode {
    const id = kind === "mrk" && attributes.id === undefined ? attributes.mid : attributes.id;
    const code: InlineCode = {
      kind,
      id,
      offset: this.length,
      end: this.length,
      xmlStart,
      xmlEnd,
      attributes,
    };
    this.codes.push(code);
    return code;
  }

  /** Ends a code at the current text position; its end tag ends at `xmlEnd`. */
  closeCode(code: InlineCode, xmlEnd: number): void {
    code.end = this.length;
    code.xmlEnd = xmlEnd;
  }

  /** Finishes the text; `xmlEnd` is where the element content ends. */
  build(xmlEnd: number): InlineText {
    return { text: this.parts.join(""), codes: this.codes, xmlStart: this.xmlStart, xmlEnd, runs: this.runs };
  }

  /** Appends `text`, which stands literally at `xmlStart` in the document. */
  private literal(text: string, xmlStart: number): void {
    const last = this.runs[this.runs.length - 1];
    const n = text.length;
    if (
      last !== undefined &&
      last.textLength === last.xmlLength &&
      last.xmlStart + last.xmlLength === xmlStart &&
      last.textStart + last.textLength === this.length
    ) {
      this.runs[this.runs.length - 1] = {
        ...last,
        textLength: last.textLength + n,
        xmlLength: last.xmlLength + n,
      };
    } else {
      this.runs.push({ textStart: this.length, textLength: n, xmlStart, xmlLength: n });
    }
    this.parts.push(text);
    this.length += n;
  }

  private atomic(text: string, xmlStart: number, xmlLength: number): void {
    this.runs.push({ textStart: this.length, textLength: text.length, xmlStart, xmlLength });
    this.parts.push(text);
    this.length += text.length;
  }
}

/** Resolves the name of a reference (`amp`, `#x4E00`, `#20013`); the parser has already rejected others. */
export function decodeReference(name: string): string {
  if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
  return PREDEFINED[name] ?? "";
}

/** Decodes character data the way an XML parser does (references, line ends). */
export function decodeCharacterData(xml: string, from: number, to: number): string {
  const b = new InlineTextBuilder(from);
  b.appendRaw(xml, from, to);
  return b.build(to).text;
}

/**
 * Maps an offset in `inline.text` to an offset in the document's XML.
 *
 * `bias` decides between equal candidates at a run edge: "start" maps to where the next character begins
 * (after a code or reference that precedes it), "end" to where the previous character ends. Use "start" for
 * the beginning of a span and "end" for its end, so that markup put around a term never swallows a code.
 * Returns undefined for an offset inside an atomic run (the middle of `&#x1F600;` as a surrogate pair).
 */
export function textOffsetToXml(
  inline: InlineText,
  offset: number,
  bias: "start" | "end" = "start",
): number | undefined {
  const { runs } = inline;
  if (offset < 0 || offset > inline.text.length) return undefined;
  // Binary search: the first run ending after `offset` (start bias) or at/after it (end bias).
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = runs[mid] as TextRun;
    const end = r.textStart + r.textLength;
    if (bias === "start" ? end <= offset : end < offset) lo = mid + 1;
    else hi = mid;
  }
  const run = runs[lo];
  const covers = run !== undefined && (bias === "start" ? run.textStart <= offset : run.textStart < offset);
  if (run === undefined || !covers) {
    // Only at the edges of the text can no run cover the offset.
    if (bias === "end" && offset === 0) return inline.xmlStart;
    const last = runs[runs.length - 1];
    if (bias === "start" && offset === inline.text.length)
      return last === undefined ? inline.xmlStart : last.xmlStart + last.xmlLength;
    return undefined;
  }
  const within = offset - run.textStart;
  if (run.textLength === run.xmlLength) return run.xmlStart + within;
  if (within === 0) return run.xmlStart;
  if (within === run.textLength) return run.xmlStart + run.xmlLength;
  return undefined;
}
