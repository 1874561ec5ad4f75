import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { validateXML, type XMLValidationResult } from "xmllint-wasm";

const SCHEMA_ROOT = new URL("../schemas/", import.meta.url).pathname;

function listXsd(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listXsd(join(dir, e.name)) : e.name.endsWith(".xsd") ? [join(dir, e.name)] : [],
  );
}

/**
 * Validates a document against an XSD under test/schemas with xmllint-wasm. Every .xsd of the schema's
 * top folder (xliff-2.0 also serves xliff-1.2's xml.xsd import) is preloaded under its path relative to
 * test/schemas, so relative imports resolve as on disk.
 */
export async function validateXsd(xml: string | Uint8Array, xsdPath: string): Promise<XMLValidationResult> {
  const preload = listXsd(SCHEMA_ROOT)
    .filter((p) => p.includes("/xliff-"))
    .map((p) => ({ fileName: relative(SCHEMA_ROOT, p), contents: readFileSync(p, "utf8") }));
  const entry = relative(SCHEMA_ROOT, join(SCHEMA_ROOT, xsdPath));
  return validateXML({
    xml: { fileName: "document.xlf", contents: xml },
    schema: preload.filter((p) => p.fileName === entry),
    preload: preload.filter((p) => p.fileName !== entry),
  });
}
