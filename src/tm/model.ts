/** One translation unit of the translation memory. Inline codes are kept as XML-free placeholders. */
export interface TranslationUnit {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** BCP 47, e.g. "zh-CN", "zh-TW", "zh-Hans". */
  readonly sourceLang: string;
  /** BCP 47, e.g. "en", "en-US". */
  readonly targetLang: string;
  /** Where the unit came from: file name and the unit id inside it. */
  readonly origin?: { readonly file?: string; readonly unit?: string };
  /** The source segment before this one in its document, for in-context exact matches. */
  readonly previousSource?: string;
  /** ISO 8601 timestamps. */
  readonly createdAt?: string;
  readonly changedAt?: string;
  readonly createdBy?: string;
  readonly changedBy?: string;
  readonly usageCount?: number;
}
