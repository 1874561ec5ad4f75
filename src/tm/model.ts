/**
 * One translation unit of the translation memory.
 *
 * Inline codes: `source` and `target` are plain text in which every inline code element of the segment
 * (TMX `<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`) stands as one U+FFFC OBJECT REPLACEMENT CHARACTER, so
 * matching sees where codes are without seeing their native markup. `<hi>` is a marker around translatable
 * text, so its text stays in `source`/`target` and only the markup is in `sourceXml`/`targetXml`.
 */
export interface TranslationUnit {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** BCP 47, e.g. "zh-CN", "zh-TW", "zh-Hans". */
  readonly sourceLang: string;
  /** BCP 47, e.g. "en", "en-US". */
  readonly targetLang: string;
  /**
   * Where the unit came from: file name, the unit id inside it, and (for units taken from a plain-text
   * document) the 1-based line the sentence starts on.
   */
  readonly origin?: { readonly file?: string; readonly unit?: string; readonly line?: number };
  /** The source segment before this one in its document, for in-context exact matches. */
  readonly previousSource?: string;
  /** ISO 8601 timestamps. */
  readonly createdAt?: string;
  readonly changedAt?: string;
  readonly createdBy?: string;
  readonly changedBy?: string;
  readonly usageCount?: number;
  /**
   * The source segment's content as XML (TMX `<seg>` inner markup), present only when the segment has inline
   * elements; it is what a TMX writer emits, so codes survive a round trip. Its text, with each code element
   * replaced by U+FFFC, equals `source`.
   */
  readonly sourceXml?: string;
  /** The target segment's content as XML, like `sourceXml`. */
  readonly targetXml?: string;
  /** Other `<prop type="…">` values of the unit, in document order, kept for export. */
  readonly properties?: readonly { readonly type: string; readonly value: string }[];
}

/** The character that stands for one inline code in `TranslationUnit.source` and `.target`. */
export const INLINE_CODE = "\uFFFC";
