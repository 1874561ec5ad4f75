import type { XliffDocument } from "./model.js";

/** Text to put at an offset of `XliffDocument.xml`; nothing of the client's file is ever removed. */
export interface Insertion {
  readonly offset: number;
  readonly text: string;
}

/**
 * Inserts text at offsets of `doc.xml` and returns the whole document as text (with a leading U+FEFF when
 * the input had a byte order mark). Insertions at the same offset keep their given order. Every LF in the
 * inserted text becomes the file's line ending, so a CRLF file stays CRLF.
 */
export function applyInsertions(doc: XliffDocument, insertions: readonly Insertion[]): string {
  const { xml } = doc;
  const order = insertions.map((_, i) => i);
  for (const ins of insertions) {
    if (!Number.isInteger(ins.offset) || ins.offset < 0 || ins.offset > xml.length) {
      throw new RangeError(`insertion offset ${ins.offset} is outside the document (0..${xml.length})`);
    }
  }
  order.sort((a, b) => (insertions[a] as Insertion).offset - (insertions[b] as Insertion).offset || a - b);
  const parts: string[] = doc.bom ? ["\ufeff"] : [];
  let at = 0;
  for (const i of order) {
    const ins = insertions[i] as Insertion;
    parts.push(xml.slice(at, ins.offset));
    parts.push(doc.eol === "\n" ? ins.text : ins.text.replace(/\n/g, doc.eol));
    at = ins.offset;
  }
  parts.push(xml.slice(at));
  return parts.join("");
}

/** Encodes text (as applyInsertions returns it) the way the input was encoded: UTF-8 or UTF-16 LE/BE. */
export function encodeLike(doc: Pick<XliffDocument, "encoding">, text: string): Buffer {
  if (doc.encoding === "utf-8") return Buffer.from(text, "utf8");
  const le = Buffer.from(text, "utf16le");
  return doc.encoding === "utf-16le" ? le : le.swap16();
}
