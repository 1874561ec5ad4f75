import { readFileSync, readdirSync } from "node:fs";
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

/** Every .xsd below a folder of the repository. */
function schemasUnder(folder: string): string[] {
  return readdirSync(path.resolve(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".xsd"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .sort();
}

const XLIFF_SCHEMAS = {
  // The core schema with every module's schema it imports (Glossary, Translation Candidates, ITS, …).
  "2.0": "test/schemas/xliff-2.0/xliff-2.0-with-modules.xsd",
  "1.2": "test/schemas/xliff-1.2/xliff-core-1.2-strict.xsd",
} as const;

/**
 * Validates an XLIFF document against the OASIS schema of its version shipped under test/schemas: 2.0 (also
 * for 2.1 documents, which keep the 2.0 namespace) with all its modules, or 1.2 strict. Both import xml.xsd
 * from the 2.0 folder's informative copies, so every schema of that folder is preloaded.
 */
export async function validateXliff(xml: string | Uint8Array, version: keyof typeof XLIFF_SCHEMAS): Promise<ValidationOutcome> {
  const entry = XLIFF_SCHEMAS[version];
  return validateXsd(xml, [entry, ...schemasUnder("test/schemas/xliff-2.0").filter((p) => p !== entry)]);
}
