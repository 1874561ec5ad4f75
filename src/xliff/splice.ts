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

/**
 * Encodes text pieces the way the input was encoded straight into buffers of about `size` bytes and hands each
 * full one to `write`, in order. Writing each piece into the buffer spares joining the pieces into one string
 * first: on a long annotated file that join copied every character of the output once more. A buffer handed to
 * `write` is never touched again, so the writer may keep it.
 */
export class EncodingWriter {
  private buffer: Buffer;
  private used = 0;
  private readonly bytesPerUnit: number;
  private readonly nodeEncoding: "utf8" | "utf16le";

  constructor(
    private readonly encoding: XliffDocument["encoding"],
    private readonly write: (chunk: Buffer) => void,
    private readonly size = 1 << 18,
  ) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair, 2 units, takes 4), UTF-16 exactly 2.
    this.bytesPerUnit = encoding === "utf-8" ? 3 : 2;
    this.nodeEncoding = encoding === "utf-8" ? "utf8" : "utf16le";
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Adds text; pieces must not split a surrogate pair (ours always end at a tag or a character). */
  push(text: string): void {
    const max = text.length * this.bytesPerUnit;
    if (this.used + max > this.buffer.length) {
      this.flush();
      if (max > this.buffer.length) {
        this.write(encodeLike({ encoding: this.encoding }, text));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, this.nodeEncoding);
  }

  /**
   * Text encoded as `pushEncoded` takes it: the output's encoding, except that UTF-16 BE is kept little-endian
   * here (the writer swaps whole buffers as it hands them over).
   */
  encode(text: string): Uint8Array {
    return Buffer.from(text, this.nodeEncoding);
  }

  /** Adds text encoded by `encode` (of this writer or one for the same encoding). */
  pushEncoded(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buffer.length) {
      this.flush();
      if (bytes.length > this.buffer.length) {
        const chunk = Buffer.from(bytes);
        if (this.encoding === "utf-16be") chunk.swap16();
        this.write(chunk);
        return;
      }
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Hands what is buffered to `write`. */
  flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    if (this.encoding === "utf-16be") chunk.swap16();
    this.write(chunk);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
  }
}
