import { readFileSync } from "node:fs";
import path from "node:path";
import { validateXML, type XMLValidationResult } from "xmllint-wasm";

/** The repository root: relative schema paths are taken from here. */
const ROOT = path.resolve(import.meta.dirname, "../..");

/** A schema validation's outcome: valid, or the messages of libxml2 (each with its line in the document). */
export interface ValidationOutcome {
  readonly valid: boolean;
  /** One line per problem: `line N: message` (or the raw xmllint line when it carries no position). */
  readonly errors: readonly string[];
  readonly raw: XMLValidationResult;
}

const DOCUMENT_NAME = "document.xml";

function commonDirectory(files: readonly string[]): string {
  let common = path.dirname(files[0] as string);
  for (const file of files) {
    while (path.relative(common, file).startsWith("..")) common = path.dirname(common);
  }
  return common;
}

/**
 * Loads a schema and the files it includes or imports. xmllint-wasm reads only from its in-memory file
 * system, so every file is preloaded under its path relative to the files' common folder: relative
 * `xs:import`/`xs:include`/`<include href>` locations then resolve as they do on disk.
 */
function loadSchemaFiles(entry: string, preload: readonly string[]) {
  const absolute = [entry, ...preload].map((p) => path.resolve(ROOT, p));
  const base = commonDirectory(absolute);
  const files = absolute.map((p) => ({
    fileName: path.relative(base, p).split(path.sep).join("/"),
    contents: readFileSync(p, "utf8"),
  }));
  return { schema: files[0] as { fileName: string; contents: string }, preload: files.slice(1) };
}

function outcome(raw: XMLValidationResult): ValidationOutcome {
  return {
    valid: raw.valid,
    errors: raw.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.rawMessage)),
    raw,
  };
}

/**
 * Validates a document against a RELAX NG schema (XML syntax) with libxml2 compiled to WebAssembly.
 * `rngPath` and `preload` (schemas the entry includes) are absolute or relative to the repository root.
 */
export async function validateRelaxNg(
  xml: string | Uint8Array,
  rngPath: string,
  preload: readonly string[] = [],
): Promise<ValidationOutcome> {
  const files = loadSchemaFiles(rngPath, preload);
  return outcome(
    await validateXML({
      xml: { fileName: DOCUMENT_NAME, contents: xml },
      schema: files.schema,
      preload: files.preload,
      extension: "relaxng",
      maxMemoryPages: 64 * 16, // 64 MiB: enough for a few-MB document
    }),
  );
}

/**
 * Validates a document against W3C XML Schemas: the first path is the entry schema, the others are the
 * schemas it imports or includes (e.g. xml.xsd), preloaded under their paths relative to each other.
 */
export async function validateXsd(
  xml: string | Uint8Array,
  xsdPaths: string | readonly string[],
): Promise<ValidationOutcome> {
  const [entry, ...preload] = typeof xsdPaths === "string" ? [xsdPaths] : xsdPaths;
  if (entry === undefined) throw new Error("validateXsd needs at least one schema path");
  const files = loadSchemaFiles(entry, preload);
  return outcome(
    await validateXML({
      xml: { fileName: DOCUMENT_NAME, contents: xml },
      schema: files.schema,
      preload: files.preload,
      maxMemoryPages: 64 * 16,
    }),
  );
}
