import { InputError } from "../errors.js";
import {
  XLIFF_12_NS,
  XLIFF_20_NS,
  XLIFF_22_NS,
  type XliffDocument,
  type XliffUnit,
  type XliffVersion,
} from "./model.js";
import { decodeXmlBytes, lineColumnAt } from "../text/xml-bytes.js";
import { StringMap } from "../text/string-map.js";
import { scanXml, type Frame, type FormatHandler } from "./scan.js";
import { Xliff12Reader } from "./v12.js";
import { Xliff20Reader, type FormatResult } from "./v20.js";

export type * from "./model.js";
export { textOffsetToXml } from "./inline.js";

const SUPPORTED_ENCODINGS = new Set(["utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "us-ascii", "ascii"]);

/** Refuses a declared encoding we would mis-decode (e.g. ISO-8859-1 without a conversion step). */
function checkDeclaredEncoding(xml: string, file: string): void {
  const m = /^<\?xml[^?]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(xml);
  if (m === null) return;
  const declared = m[2] ?? "";
  if (!SUPPORTED_ENCODINGS.has(declared.toLowerCase())) {
    const { line, column } = lineColumnAt(xml, m.index + m[0].indexOf(declared));
    throw new InputError(
      `encoding "${declared}" is not supported (UTF-8 and UTF-16 are)`,
      { file, line, column },
      { code: "bad-encoding" },
    );
  }
}

/** Picks the format module from the root element's namespace and `version` (XLIFF 1.2 §2.1, 2.0 §4.2.2.1). */
function chooseFormat(
  root: Frame,
  fail: (message: string, offset: number) => never,
  deliver: (unit: XliffUnit) => void,
): { version: XliffVersion; namespace: string; reader: FormatHandler & { result(): FormatResult } } {
  const version = root.attributes.version;
  if (root.local !== "xliff") {
    return fail(`not an XLIFF document: the root element is <${root.name}>`, root.start);
  }
  if (root.uri === XLIFF_12_NS) {
    if (version !== "1.2")
      return fail(`unsupported XLIFF version "${version ?? ""}" for namespace ${root.uri}`, root.start);
    return { version, namespace: XLIFF_12_NS, reader: new Xliff12Reader(root.uri, deliver) };
  }
  if (root.uri === XLIFF_20_NS) {
    if (version !== "2.0" && version !== "2.1")
      return fail(
        `unsupported XLIFF version "${version ?? ""}" (namespace ${root.uri} carries 2.0 and 2.1)`,
        root.start,
      );
    return { version, namespace: XLIFF_20_NS, reader: new Xliff20Reader(root.uri, deliver) };
  }
  if (root.uri === XLIFF_22_NS) {
    if (version !== "2.2")
      return fail(`unsupported XLIFF version "${version ?? ""}" for namespace ${root.uri}`, root.start);
    return { version, namespace: XLIFF_22_NS, reader: new Xliff20Reader(root.uri, deliver) };
  }
  if (root.uri === "")
    return fail(
      "<xliff> has no XLIFF namespace (expected urn:oasis:names:tc:xliff:document:1.2 or :2.0)",
      root.start,
    );
  return fail(`unsupported XLIFF namespace ${root.uri}`, root.start);
}

/** What is known of a document when its first unit arrives: everything but the languages and the units. */
export type XliffShape = Omit<XliffDocument, "units" | "srcLang" | "trgLang">;

/**
 * Reads an XLIFF 1.2, 2.0, 2.1 or 2.2 file and hands each unit to `onUnit` as soon as its end tag is read,
 * keeping none: memory stays at the decoded text plus one unit, whatever the file's size. Returns the
 * document without its units.
 *
 * Throws InputError (naming file, line, column and unit) for anything that is not a well-formed XLIFF
 * document of those versions, for any DOCTYPE, for invalid UTF-8 and for a duplicate unit id — possibly
 * after earlier units were delivered, so a caller that writes as it goes must be able to discard its output.
 */
export function streamXliff(
  input: Buffer | string,
  file: string,
  onUnit: (unit: XliffUnit, shape: XliffShape) => void,
): Omit<XliffDocument, "units"> {
  const { text: xml, bom, encoding } = decodeXmlBytes(input, file);
  checkDeclaredEncoding(xml, file);
  const crlf = /\r?\n/.exec(xml);
  const eol = crlf !== null && crlf[0] === "\r\n" ? "\r\n" : "\n";
  let chosen: ReturnType<typeof chooseFormat> | undefined;
  let shape: XliffShape | undefined;
  // Suggestions and findings are keyed by unit id: two units with one id cannot be told apart. The first
  // unit's offset is kept (its line and column are found again only for the error).
  const seen = new StringMap<number>();
  const deliver = (u: XliffUnit): void => {
    const first = seen.putIfAbsent(u.id, u.xmlStart);
    if (first !== undefined) {
      const at = lineColumnAt(xml, first);
      throw new InputError(
        `duplicate unit id "${u.id}" (first used at line ${at.line}, column ${at.column})`,
        { file, line: u.line, column: u.column, unit: u.id },
        { code: "bad-xliff" },
      );
    }
    onUnit(u, shape as XliffShape);
  };
  scanXml(xml, file, (root, ctx) => {
    chosen = chooseFormat(root, ctx.fail, deliver);
    shape = { version: chosen.version, namespace: chosen.namespace, xml, bom, encoding, eol, file };
    return chosen.reader;
  });
  if (chosen === undefined || shape === undefined)
    throw new InputError("no root element", { file }, { code: "bad-xliff" });
  const { srcLang, trgLang } = chosen.reader.result();
  return { ...shape, srcLang, ...(trgLang !== undefined ? { trgLang } : {}) };
}

/**
 * Reads an XLIFF 1.2, 2.0, 2.1 or 2.2 file into segments, keeping every offset needed to splice into it.
 * Errors as `streamXliff`.
 */
export function readXliff(input: Buffer | string, file: string): XliffDocument {
  const units: XliffUnit[] = [];
  const doc = streamXliff(input, file, (u) => units.push(u));
  return { ...doc, units };
}
