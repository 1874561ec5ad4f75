import type { XliffDocument } from "../xliff/read.js";
import type { CheckDocument } from "./types.js";

/** The checker's view of an XLIFF document: units and segments as plain text with their states. */
export function checkDocumentFromXliff(doc: XliffDocument, file: string): CheckDocument {
  return {
    file,
    srcLang: doc.srcLang,
    trgLang: doc.trgLang,
    units: doc.units.map((unit) => ({
      id: unit.id,
      translate: unit.translate,
      segments: unit.segments.map((s) => ({
        id: s.id,
        source: s.source.text,
        target: s.target?.text,
        state: s.state,
      })),
    })),
  };
}
