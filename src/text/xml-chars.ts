/**
 * Character classes of XML 1.0 (Fifth Edition) on UTF-16 code units, for a scanner that walks the text with
 * charCodeAt. A name character beyond the BMP (U+10000–U+EFFFF) is a surrogate pair, which these functions
 * do not see whole: the scanner pairs the surrogates itself.
 */

/** ASCII name characters: 1 = may start a name, 2 = may only continue one (XML 1.0 §2.3 [4], [4a]). */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0x41; c <= 0x5a; c++) ASCII_NAME[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ASCII_NAME[c] = 1;
ASCII_NAME[0x5f] = 1; // _
ASCII_NAME[0x3a] = 1; // :
for (let c = 0x30; c <= 0x39; c++) ASCII_NAME[c] = 2;
ASCII_NAME[0x2d] = 2; // -
ASCII_NAME[0x2e] = 2; // .

/** XML 1.0 §2.3 [4] NameStartChar, above ASCII and within the BMP (callers pair surrogates themselves). */
function isWideNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

/** Whether code unit `c` may start an XML name. */
export function isNameStartChar(c: number): boolean {
  return c < 128 ? ASCII_NAME[c] === 1 : isWideNameStart(c);
}

/** Whether code unit `c` may continue an XML name (XML 1.0 §2.3 [4a]). */
export function isNameChar(c: number): boolean {
  if (c < 128) return ASCII_NAME[c] !== 0;
  return isWideNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** XML 1.0 §2.3 [3]: space, tab, line feed, carriage return. */
export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** XML 1.0 §2.2 [2]: whether a code point (not a code unit) is a legal character. */
export function isXmlCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Code units no XML 1.0 document may hold (§2.2): control characters but tab, LF and CR; U+FFFE, U+FFFF; a
 * surrogate out of its pair. Global, for `replace` and `matchAll` (which do not keep its lastIndex).
 */
export const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- the control characters are exactly what this finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
