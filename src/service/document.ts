import { splitSentences } from "../text/sentences.js";
import { normalizeDocument } from "../text/normalize.js";
import { detectScript } from "../text/script.js";
import { createXliff, type NewUnit } from "../xliff/create.js";
import { InputError } from "../errors.js";

/** A new document turned into XLIFF, before annotation. */
export interface PreparedDocument {
  readonly xliff: string;
  readonly srcLang: string;
  readonly units: number;
  readonly segments: number;
}

/** How to write the new XLIFF beyond its version. */
export interface PrepareOptions {
  /** XLIFF 1.2 only: targets that copy the source, `state="needs-translation"` (see `createXliff`), for OmegaT. */
  readonly copySource?: boolean;
}

/**
 * Turns a Chinese document (PDF-extracted plain text) into a new XLIFF file: PDF damage repaired and page
 * furniture dropped by the normalizer, one unit per paragraph (keeping the paragraph's line in the original),
 * one segment per sentence. The source language is zh-CN, or zh-TW when the text is in traditional script.
 */
export function prepareDocument(
  raw: string,
  original: string,
  version: "2.0" | "1.2",
  file = original,
  options: PrepareOptions = {},
): PreparedDocument {
  if (raw.trim() === "") throw new InputError("the document is empty", { file });
  const doc = normalizeDocument(raw);
  const units: NewUnit[] = [];
  let segmentCount = 0;
  for (const paragraph of doc.paragraphs) {
    const text = doc.text.slice(paragraph.start, paragraph.end);
    const sentences = splitSentences(text)
      .map((s) => s.text.trim())
      .filter((s) => s !== "");
    if (sentences.length === 0) continue;
    units.push({
      id: `p${units.length + 1}`,
      paragraphLine: paragraph.line,
      segments: sentences.map((source) => ({ id: `s${++segmentCount}`, source })),
    });
  }
  if (units.length === 0) throw new InputError("the document has no text to translate", { file });
  const srcLang = detectScript(doc.text) === "traditional" ? "zh-TW" : "zh-CN";
  const xliff = createXliff({ original, units }, { version, srcLang, trgLang: "en", copySource: options.copySource === true });
  return { xliff, srcLang, units: units.length, segments: segmentCount };
}
