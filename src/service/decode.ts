import { InputError } from "../errors.js";

/**
 * Decodes the bytes of a TMX or TBX file into text: UTF-8 with or without a byte order mark, or UTF-16 with one.
 * Invalid UTF-8 is refused with the line and column of the first bad byte; decoding it leniently would store
 * U+FFFD in the termbase or the memory, silently changing a user's terms.
 */
export function decodeXmlBytes(input: Buffer, file: string): string {
  const b0 = input[0];
  const b1 = input[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const body = input.subarray(2);
    if (body.length % 2 !== 0) {
      throw new InputError("UTF-16 text with an odd number of bytes (truncated)", { file }, { code: "bad-encoding" });
    }
    const le = b0 === 0xff ? body : Buffer.from(body).swap16();
    try {
      return new TextDecoder("utf-16le", { fatal: true }).decode(le);
    } catch {
      throw new InputError("invalid UTF-16 (unpaired surrogate)", { file }, { code: "bad-encoding" });
    }
  }
  if ((b0 === 0x3c && b1 === 0x00) || (b0 === 0x00 && b1 === 0x3c)) {
    // XML 1.0 §4.3.3: "Entities encoded in UTF-16 MUST ... begin with the Byte Order Mark".
    throw new InputError(
      "UTF-16 text without a byte order mark (XML 1.0 §4.3.3 requires one)",
      { file, line: 1, column: 1 },
      { code: "bad-encoding" },
    );
  }
  const bom = b0 === 0xef && b1 === 0xbb && input[2] === 0xbf;
  const body = bom ? input.subarray(3) : input;
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(body);
  // Valid UTF-8 survives a decode/encode round trip byte for byte; the first byte that differs is the first
  // one the decoder had to replace with U+FFFD.
  const again = Buffer.from(text, "utf8");
  if (again.length === body.length && again.equals(body)) return text;
  let bad = 0;
  while (bad < body.length && body[bad] === again[bad]) bad++;
  const before = body.subarray(0, bad).toString("utf8");
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  const line = before.split(/\r\n|\r|\n/).length;
  const column = [...before.slice(lineStart)].length + 1;
  const hex = Array.from(body.subarray(bad, bad + 4), (x) => x.toString(16).padStart(2, "0")).join(" ");
  throw new InputError(`invalid UTF-8 at byte ${bad + (bom ? 3 : 0)} (bytes ${hex})`, { file, line, column }, { code: "bad-encoding" });
}
