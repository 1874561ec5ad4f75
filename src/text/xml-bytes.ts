import { InputError } from "../errors.js";

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumnAt(xml: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf("\n"); i !== -1 && i < offset; i = xml.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  // A lone CR also ends a line (XML 1.0 §2.11); rare enough to count separately.
  for (let i = xml.indexOf("\r", lineStart); i !== -1 && i < offset; i = xml.indexOf("\r", i + 1)) {
    if (xml.charCodeAt(i + 1) !== 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Decoded XML text, whether it had a byte order mark, and how it was encoded (to write it back alike). */
export interface DecodedXml {
  readonly text: string;
  readonly bom: boolean;
  readonly encoding: "utf-8" | "utf-16le" | "utf-16be";
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes the bytes of an XML file (XLIFF, TMX, TBX): UTF-8 with or without a byte order mark, or UTF-16 with
 * one (XML 1.0 §4.3.3). Invalid UTF-8 is refused with the line and column of the first bad byte: decoding it
 * leniently would store U+FFFD in the termbase or the memory, silently changing a user's text. A string is
 * taken as already decoded (a leading U+FEFF counts as the BOM).
 */
export function decodeXmlBytes(input: Buffer | string, file: string): DecodedXml {
  if (typeof input === "string") {
    const bom = input.charCodeAt(0) === 0xfeff;
    return { text: bom ? input.slice(1) : input, bom, encoding: "utf-8" };
  }
  const b0 = input[0];
  const b1 = input[1];
  if (b0 === 0xff && b1 === 0xfe)
    return { text: decodeUtf16(input.subarray(2), "le", file), bom: true, encoding: "utf-16le" };
  if (b0 === 0xfe && b1 === 0xff)
    return { text: decodeUtf16(input.subarray(2), "be", file), bom: true, encoding: "utf-16be" };
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
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), bom, encoding: "utf-8" };
  } catch {
    // Fall through: find where the bad byte is, to name its line and column.
  }
  const bad = firstInvalidUtf8(body);
  if (bad !== -1) {
    const before = new TextDecoder("utf-8").decode(body.subarray(0, bad));
    const { line, column } = lineColumnAt(before, before.length);
    const hex = Array.from(body.subarray(bad, bad + 4), (x) => x.toString(16).padStart(2, "0")).join(" ");
    throw new InputError(
      `invalid UTF-8 at byte ${bad + (bom ? 3 : 0)} (bytes ${hex})`,
      { file, line, column },
      { code: "bad-encoding" },
    );
  }
  return { text: new TextDecoder("utf-8").decode(body), bom, encoding: "utf-8" };
}

function decodeUtf16(bytes: Buffer, order: "le" | "be", file: string): string {
  if (bytes.length % 2 !== 0)
    throw new InputError(
      "UTF-16 text with an odd number of bytes (truncated)",
      { file },
      { code: "bad-encoding" },
    );
  const le = order === "le" ? bytes : Buffer.from(bytes).swap16();
  try {
    return new TextDecoder("utf-16le", { fatal: true }).decode(le);
  } catch {
    throw new InputError("invalid UTF-16 (unpaired surrogate)", { file }, { code: "bad-encoding" });
  }
}

