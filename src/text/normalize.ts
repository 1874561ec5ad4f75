/**
 * Text normalization: repairs the damage PDF extraction left in the corpus (glossary/sources/*.txt, see
 * shared/README.md "The corpus") and gives every character of the result an offset in the raw text.
 *
 * Repairs, and the corpus quirk each one answers:
 * - **Line joining.** PDF lines are cut at the right margin, even inside a word (`国际移` / `徙`, 000:579–581), and
 *   file 000 has a blank line between every physical line. A line is joined to the next when it is *full* (its
 *   display width, CJK = 2 columns, reaches the width of its neighbours, or the document's 90th percentile) or
 *   when it ends without whitespace and without a sentence stop: the extractor leaves a trailing space after the
 *   last line of a paragraph (000, 003, 004) or two (001, where 。 was lost). Han+Han and Han+Latin join with
 *   nothing, Latin+Latin with one space. A line starting with an enumerator (`21. `, `一、`, `(a)`, `A. `) starts a
 *   new paragraph. File 002 was extracted one paragraph per line; there only long lines cut mid-sentence at a page
 *   break are joined.
 * - **Page furniture.** Document symbols alone on a line (`A/C.2/61/7`), job numbers (`06-58180`), page + job
 *   number lines (`10 06-58180`), lone page numbers and footnote separators (`____`, `––––`) are dropped.
 *   Footnote bodies after a separator stay, as paragraphs of their own, never glued into the body text; a body
 *   paragraph interrupted by a footnote block resumes as a new paragraph (keeping the offset map monotonic).
 * - **Footnote markers.** A lone number on its own line inside a sentence (000:263) is dropped and the two halves
 *   joined (a lone letter, 003:2025, likewise); a single Latin letter after Chinese punctuation (`报告，a 这次`,
 *   003:16) or standing between spaces in Chinese text (`会议 p 的`, 003:1257), `∗`/`*` after a word
 *   (`临时议程*项目`, `鸣谢 ∗`) and superscript digits (`报告¹中`, 002:87) are dropped.
 * - **Lost characters.** A space between two CJK characters stands for a character the extraction lost (最 in
 *   `历史 高水平`, 000:116; 、 or 。 throughout 001). It is kept as exactly one space, a visible boundary: gluing
 *   the two sides would invent a word.
 * - **Numbers and widths.** Spaces inside digit groups are removed (`1 670 亿` → `1670亿`, 000:432), spaces between
 *   digits or Latin letters and CJK are removed (`2006 年 10 月` → `2006年10月`), full-width digits and Latin
 *   letters become half-width, `．` after a digit becomes `.`, half-width `,;:` right after a Han character become
 *   `，；：` (001 uses half-width commas in Chinese text), runs of spaces are folded to one, and leading and trailing
 *   spaces of lines are dropped. Chinese punctuation stays full-width. Tabs separate table columns (002's table
 *   of contents) and stay, one per run.
 *
 * Both entry points are pure and return an {@link OffsetMap} from the normalized text to the input.
 */
import { compose, OffsetMap, OffsetMapBuilder, type Mapped } from "./offset-map.js";

/** One paragraph of a normalized document: its range in `text` and the 1-based raw line where it starts. */
export interface Paragraph {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** A normalized document: one paragraph per line of `text`, and the map back to the raw text. */
export interface NormalizedDocument {
  readonly text: string;
  readonly map: OffsetMap;
  readonly paragraphs: readonly Paragraph[];
}

// ---------------------------------------------------------------------------------------------------------------
// Character classes

function isHanCode(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c === 0x3007 ||
    (c >= 0x3220 && c <= 0x3243) // ㈠..㈩ and friends, used as enumerators in 004
  );
}

/** CJK punctuation and symbols that take a full column pair: 、。《》「」（），：；！？ and the like. */
function isCjkPunctCode(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    c === 0x2014 || // —
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2026 || // …
    c === 0x00b7 // ·
  );
}

function isCjkCode(c: number): boolean {
  return isHanCode(c) || isCjkPunctCode(c);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Latin-script letters and digits (anything alphanumeric that is not CJK). */
function isLatinCode(c: number): boolean {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  if (c < 0x80 || c >= 0x2e80) return false;
  return LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAnyWidthDigitCode(c: number): boolean {
  return isDigitCode(c) || (c >= 0xff10 && c <= 0xff19);
}

/** Spaces the normalizer folds to U+0020 (ideographic space, no-break and typographic spaces, CR). */
function isFoldedSpaceCode(c: number): boolean {
  return c === 0x0d || c === 0x3000 || c === 0x00a0 || (c >= 0x2002 && c <= 0x200a) || c === 0x202f;
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || isFoldedSpaceCode(c);
}

/** Display width of one UTF-16 code unit in a PDF text line: CJK takes two columns. */
function columnWidth(c: number): number {
  if (isCjkCode(c) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x2e80 && c <= 0xa4cf)) return 2;
  if (c >= 0xdc00 && c <= 0xdfff) return 0; // low surrogate: counted with its high surrogate
  return 1;
}

const SUPERSCRIPT_DIGITS = new Set(["¹", "²", "³", "⁰", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]);
const HALF_TO_FULL_PUNCT: Readonly<Record<string, string>> = { ",": "，", ";": "；", ":": "：" };
/** Chinese punctuation after which a single Latin letter is a footnote marker (`报告，a 这次`, 003:16). */
const MARKER_PUNCT = new Set(["，", "。", "；", "、", "：", "！", "？"]);

// ---------------------------------------------------------------------------------------------------------------
// Segment normalization

/** Pass A: width folding and footnote markers; every step keeps, replaces one unit, or drops. */
function foldWidthsAndMarkers(text: string): Mapped {
  const b = new OffsetMapBuilder(text);
  const n = text.length;
  let i = 0;
  // Last code unit emitted, to look behind without re-reading dropped text.
  let prevOut = -1;
  const emitKeep = (): void => {
    prevOut = text.charCodeAt(i);
    b.keep(1);
    i++;
  };
  const emitReplace = (s: string): void => {
    prevOut = s.charCodeAt(s.length - 1);
    b.replace(1, s);
    i++;
  };
  const dropSpacesAfter = (): void => {
    while (i < n && isSpaceCode(text.charCodeAt(i))) {
      b.drop(1);
      i++;
    }
  };
  /** Previous code unit of the current line that is neither a space nor a marker, or -1. */
  const prevNonSpace = (): number => {
    for (let k = i - 1; k >= 0; k--) {
      const c = text.charCodeAt(k);
      if (c === 0x0a) return -1;
      if (!isTransparentCode(c)) return c;
    }
    return -1;
  };
  /** Next code unit from `from` on the current line that is neither a space nor a marker; -1 at a line end. */
  const nextNonSpace = (from: number): number => {
    for (let k = from; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x0a) return -1;
      if (!isTransparentCode(c)) return c;
    }
    return -1;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i] as string;
    if (isLetterMarker(text, i) || isSpacedLetterMarker(text, i)) {
      b.drop(1);
      i++;
      dropSpacesAfter();
    } else if (c >= 0xff10 && c <= 0xff19) {
      emitReplace(String.fromCharCode(c - 0xfee0)); // full-width digit
    } else if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) {
      emitReplace(String.fromCharCode(c - 0xfee0)); // full-width Latin letter
    } else if (c === 0xff0e && (isDigitCode(prevOut) || isAnyWidthDigitCode(prevNonSpace()))) {
      emitReplace("."); // `38．` (000:415) is a paragraph number
    } else if (isSpaceCode(c) && spacedMarkerAfterSpaces(text, i)) {
      b.drop(1); // the space before a spaced marker (`会议 p 的`) goes with it
      i++;
    } else if (isFoldedSpaceCode(c)) {
      emitReplace(" ");
    } else if (SUPERSCRIPT_DIGITS.has(ch)) {
      b.drop(1); // footnote reference, `报告¹中` (002:87)
      i++;
    } else if (c === 0x2217 || (c === 0x2a && isStarMarker(prevNonSpace(), nextNonSpace(i + 1)))) {
      // `∗`/`*` footnote reference: `临时议程*项目` (001:3), `鸣谢 ∗` (003:2), `稿》，* 其中` (004:317)
      b.drop(1);
      i++;
      dropSpacesAfter();
    } else if (HALF_TO_FULL_PUNCT[ch] !== undefined && i > 0 && isHanCode(text.charCodeAt(i - 1))) {
      emitReplace(HALF_TO_FULL_PUNCT[ch]);
    } else {
      emitKeep();
    }
  }
  return b.build();
}

/** a–z, half- or full-width (full-width letters are folded in the same pass, so both must count). */
function isLowerLetterCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xff41 && c <= 0xff5a);
}

/** A `*` is a footnote reference when it stands next to CJK text or opens a line. */
function isStarMarker(before: number, after: number): boolean {
  return before === -1 || isCjkCode(before) || (after !== -1 && isCjkCode(after));
}

/** Spaces and the other markers pass A drops: invisible when deciding whether a letter is a marker. */
function isTransparentCode(c: number): boolean {
  return isSpaceCode(c) || c === 0x2217 || c === 0x2a || SUPERSCRIPT_DIGITS.has(String.fromCharCode(c));
}

/** Index of the first code unit at or after `j` that is not transparent (see {@link isTransparentCode}). */
function skipTransparent(text: string, j: number): number {
  while (j < text.length && isTransparentCode(text.charCodeAt(j))) j++;
  return j;
}

/** True at the text end, at a line end, or before CJK text. */
function endsOrCjkAt(text: string, j: number): boolean {
  return j >= text.length || text.charCodeAt(j) === 0x0a || isCjkCode(text.charCodeAt(j));
}

/**
 * A single lowercase Latin letter right after Chinese punctuation (maybe spaces between), followed by spaces
 * and then CJK text or the line end: a footnote reference (`报告，a 这次`, `会议。d`, 003:16 and 003:185).
 */
function isLetterMarker(text: string, i: number): boolean {
  if (!isLowerLetterCode(text.charCodeAt(i))) return false;
  let k = i - 1;
  while (k >= 0 && isTransparentCode(text.charCodeAt(k))) k--;
  if (k < 0) return false;
  const p = text[k] as string;
  // Half-width `,;:` after Han are Chinese punctuation too (pass A turns them full-width).
  const punct =
    MARKER_PUNCT.has(p) ||
    (HALF_TO_FULL_PUNCT[p] !== undefined && k > 0 && isHanCode(text.charCodeAt(k - 1)));
  if (!punct) return false;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
  if (next !== -1 && next !== 0x0a && !isCjkCode(next) && !isTransparentCode(next)) return false;
  return endsOrCjkAt(text, skipTransparent(text, i + 1));
}

/**
 * A single lowercase Latin letter standing between spaces after CJK text, before CJK text or the line end: a
 * footnote reference whose superscript became a spaced letter (`会议 p 的讨论成果`, 003:1257; `发展 n`, 003:1064).
 */
function isSpacedLetterMarker(text: string, i: number): boolean {
  if (!isLowerLetterCode(text.charCodeAt(i))) return false;
  if (i === 0 || !isTransparentCode(text.charCodeAt(i - 1))) return false;
  let k = i - 1;
  while (k >= 0 && isTransparentCode(text.charCodeAt(k))) k--;
  if (k < 0 || !isCjkCode(text.charCodeAt(k))) return false;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
  if (next !== -1 && next !== 0x0a && !isTransparentCode(next)) return false;
  return endsOrCjkAt(text, skipTransparent(text, i + 1));
}

/** Whether the space run at `i` is followed by a spaced footnote letter (see {@link isSpacedLetterMarker}). */
function spacedMarkerAfterSpaces(text: string, i: number): boolean {
  const j = skipTransparent(text, i);
  return j < text.length && isSpacedLetterMarker(text, j);
}

/** Digit groups `1 670`, `2 155 232` (000:432, 003:286): the spaces inside are thousands separators. */
const DIGIT_GROUPS = /(?<![\d.,])\d{1,3}(?: +\d{3})+(?!\d)/g;

/**
 * Pass B: spaces and tabs. Trims lines, joins digit groups, drops spaces between Latin/digits and CJK, folds
 * the rest to one space (or one tab, when the run held a tab).
 */
function foldSpaces(text: string): Mapped {
  const groupSpace = new Uint8Array(text.length);
  for (const m of text.matchAll(DIGIT_GROUPS)) {
    const at = m.index;
    for (let k = 0; k < m[0].length; k++) if (m[0][k] === " ") groupSpace[at + k] = 1;
  }
  const b = new OffsetMapBuilder(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) {
      b.keep(1);
      i++;
      continue;
    }
    let j = i;
    let tab = false;
    while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) {
      if (text.charCodeAt(j) === 0x09) tab = true;
      j++;
    }
    const before = i > 0 ? text.charCodeAt(i - 1) : 0x0a;
    const after = j < n ? text.charCodeAt(j) : 0x0a;
    const edge = before === 0x0a || after === 0x0a;
    const drop =
      edge ||
      (!tab &&
        (groupSpace[i] === 1 ||
          (isLatinCode(before) && isCjkCode(after)) ||
          (isCjkCode(before) && isLatinCode(after))));
    if (drop) {
      b.drop(j - i);
    } else if (tab) {
      // A tab separates table columns (002:23–42): it stays, as one tab, whatever stands on either side.
      if (j - i === 1) b.keep(1);
      else b.replace(j - i, "\t");
    } else {
      // Between two CJK characters the space marks a lost character (历史 高水平): keep exactly one.
      b.keep(1).drop(j - i - 1);
    }
    i = j;
  }
  return b.build();
}

/**
 * Normalizes one segment or query: widths, markers, number spaces, space folding. Lines are not joined and no
 * page furniture is removed; a "\n" stays and spaces around it are dropped.
 */
export function normalizeSegment(text: string): Mapped {
  let result = normalizeOnce(text);
  // Removing one marker or space can make its neighbour a marker (`。a∗`, `国 ａ*`): repeat until nothing
  // changes, so that normalizing a normalized text is a no-op. Real text settles in one round.
  for (let round = 0; round < 3; round++) {
    const again = normalizeOnce(result.text);
    if (again.text === result.text) break;
    result = { text: again.text, map: compose(result.map, again.map) };
  }
  return result;
}

function normalizeOnce(text: string): Mapped {
  const a = foldWidthsAndMarkers(text);
  const s = foldSpaces(a.text);
  return { text: s.text, map: compose(a.map, s.map) };
}

// ---------------------------------------------------------------------------------------------------------------
// Document layout: lines → paragraphs

interface PhysicalLine {
  /** 0-based index of the raw line. */
  readonly index: number;
  /** Raw offsets of the content with surrounding spaces trimmed. */
  readonly start: number;
  readonly end: number;
  readonly content: string;
  /** The raw line has whitespace after its content. */
  readonly trailingSpace: number;
}

interface LogicalLine {
  /** Raw content ranges making up the line (more than one when an inline footnote number was cut out). */
  readonly pieces: { start: number; end: number }[];
  content: string;
  /** Trailing whitespace count of the last raw line. */
  trailingSpace: number;
  width: number;
  /** Set when the line opens a footnote body (after a separator). */
  footnoteStart: boolean;
  /** Index among content lines, for neighbour widths. */
  order: number;
}

type LayoutItem = { kind: "line"; line: LogicalLine } | { kind: "separator" } | { kind: "footnote-number" };

const SEPARATOR = /^[_\-–—―‒－]{5,}$/u;
const DOC_SYMBOL = "[A-Z]{1,4}(?:/[A-Za-z0-9.()-]+){2,}";
const JOB_NUMBER = "\\d{2}-\\d{5}[A-Z]?(?:\\s*\\([A-Z]\\))?";
/** Running headers and footers: `A/C.2/61/7`, `06-58180`, `10 06-58180`, `A/C.2/61/7 3`. */
const FURNITURE = new RegExp(
  `^(?:${DOC_SYMBOL}|${JOB_NUMBER}|\\d{1,4}\\s+${JOB_NUMBER}|${JOB_NUMBER}\\s+\\d{1,4}|${DOC_SYMBOL}\\s+\\d{1,4}|\\d{1,4}\\s+${DOC_SYMBOL})$`,
);
/** A number or letter alone on a line: a footnote reference (000:263, 003:2025) or a page number. */
const LONE_NUMBER = /^(?:\d{1,3}|[a-z])$/;
/** Paragraph enumerators at a line start: `21. `, `38．`, `一、`, `二. `, `(a)`, `（b）`, `A. `. */
const ENUMERATOR =
  /^(?:\d{1,3}[.．](?:\s|$)|[一二三四五六七八九十]{1,3}[、.．]|[（(](?:[a-z]|[ivx]{1,4}|\d{1,2})[）)]|[A-Z][.．]\s)/;
/** Opening of a footnote body: `a 后辩论…`, `∗ 作者…`, `* A/61/150。`, `¹ A/60/871。`. */
const FOOTNOTE_START = /^(?:[a-z](?:\s|$)|[∗*](?:\s|$)|[¹²³⁰⁴⁵⁶⁷⁸⁹]+\s?)/;
/** Footnote opening that needs no separator before it (002 has none). */
const FOOTNOTE_START_ALONE = /^(?:[∗*]\s|[¹²³⁰⁴⁵⁶⁷⁸⁹]+\s?)/;
const SENTENCE_STOP = new Set(["。", "！", "？", "!", "?"]);

function splitLines(raw: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let lineStart = 0;
  let index = 0;
  for (;;) {
    let lineEnd = raw.indexOf("\n", lineStart);
    const last = lineEnd === -1;
    if (last) lineEnd = raw.length;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isSpaceCode(raw.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(raw.charCodeAt(e - 1))) e--;
    let trailing = 0;
    for (let k = e; k < lineEnd; k++) if (raw.charCodeAt(k) !== 0x0d) trailing++;
    lines.push({ index, start: s, end: e, content: raw.slice(s, e), trailingSpace: trailing });
    if (last) break;
    lineStart = lineEnd + 1;
    index++;
  }
  return lines;
}

function displayWidth(s: string): number {
  let w = 0;
  for (let k = 0; k < s.length; k++) w += columnWidth(s.charCodeAt(k));
  return w;
}

/** Turns physical lines into a stream of content lines, separators and footnote numbers; drops furniture. */
function layoutItems(lines: readonly PhysicalLine[]): LayoutItem[] {
  const items: LayoutItem[] = [];
  let lastLine: LogicalLine | undefined;
  let mergeNext = false;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as PhysicalLine;
    const t = line.content;
    if (t === "") continue;
    if (SEPARATOR.test(t)) {
      items.push({ kind: "separator" });
      lastLine = undefined;
      continue;
    }
    if (FURNITURE.test(t)) continue;
    if (LONE_NUMBER.test(t)) {
      // A number alone between two directly adjacent text lines, the first cut short without trailing space,
      // is a footnote reference inside a sentence (000:262–264): drop it and glue the halves.
      const prev = lines[k - 1];
      const next = lines[k + 1];
      if (
        lastLine !== undefined &&
        prev !== undefined &&
        prev.content !== "" &&
        prev.trailingSpace === 0 &&
        next !== undefined &&
        next.content !== "" &&
        !LONE_NUMBER.test(next.content)
      ) {
        mergeNext = true;
      } else {
        items.push({ kind: "footnote-number" });
      }
      continue;
    }
    if (mergeNext && lastLine !== undefined) {
      lastLine.pieces.push({ start: line.start, end: line.end });
      lastLine.content += t;
      lastLine.trailingSpace = line.trailingSpace;
      lastLine.width += displayWidth(t);
      mergeNext = false;
      continue;
    }
    mergeNext = false;
    lastLine = {
      pieces: [{ start: line.start, end: line.end }],
      content: t,
      trailingSpace: line.trailingSpace,
      width: displayWidth(t),
      footnoteStart: false,
      order: 0,
    };
    items.push({ kind: "line", line: lastLine });
  }
  return items;
}

interface DocumentShape {
  /** Typical full-line width: the 90th percentile of content line widths. */
  readonly fullWidth: number;
  /** True when lines were wrapped at a margin; false when each line is a paragraph (002). */
  readonly wrapped: boolean;
  /** True when the text has Chinese full stops; 001 lost them, and two trailing spaces mark its paragraph ends. */
  readonly hasStops: boolean;
}

function documentShape(lines: readonly LogicalLine[], raw: string): DocumentShape {
  const widths = lines.map((l) => l.width).sort((x, y) => x - y);
  const fullWidth =
    widths.length === 0
      ? 0
      : (widths[Math.min(widths.length - 1, Math.floor(widths.length * 0.9))] as number);
  const near = widths.filter((w) => Math.abs(w - fullWidth) <= 6).length;
  let stops = 0;
  for (let k = raw.indexOf("。"); k !== -1 && stops < 5; k = raw.indexOf("。", k + 1)) stops++;
  return { fullWidth, wrapped: widths.length > 0 && near >= widths.length * 0.3, hasStops: stops >= 5 };
}

/** Columns a full line may fall short of its neighbours (justification, a Latin word that did not fit). */
const FULL_TOLERANCE = 4;
/** How many lines on each side give the local full width (two: a paragraph's indented first line is short). */
const NEIGHBOURS = 2;
/** In a one-paragraph-per-line document, a line shorter than this is a heading, never cut by a page break. */
const UNWRAPPED_MIN_CUT_WIDTH = 100;

/** Decides where paragraphs begin, from fullness, trailing spaces, stops and enumerators. */
class ParagraphJoiner {
  private readonly shape: DocumentShape;
  private readonly lines: readonly LogicalLine[];

  constructor(shape: DocumentShape, lines: readonly LogicalLine[]) {
    this.shape = shape;
    this.lines = lines;
  }

  /** A line is full when it reaches the width of its wider neighbour (or the document's) less a tolerance. */
  isFull(line: LogicalLine): boolean {
    const { fullWidth } = this.shape;
    let local = 0;
    for (let d = -NEIGHBOURS; d <= NEIGHBOURS; d++) {
      if (d !== 0) local = Math.max(local, this.lines[line.order + d]?.width ?? 0);
    }
    // Two short neighbours (a heading, a paragraph's last line) say nothing: use the document's width. Neighbours
    // much wider than the document (footnote lines in a smaller font) are capped.
    if (local < fullWidth * 0.8) local = fullWidth;
    if (local > fullWidth + 8) local = fullWidth + 8;
    return line.width >= local - FULL_TOLERANCE;
  }

  private endsWithStop(line: LogicalLine): boolean {
    const last = line.content[line.content.length - 1] ?? "";
    if (SENTENCE_STOP.has(last)) return true;
    // 001 lost its 。 and left two spaces at each paragraph end.
    return !this.shape.hasStops && line.trailingSpace >= 2;
  }

  /** Whether text after `line` would continue its paragraph (before looking at the next line). */
  continues(line: LogicalLine): boolean {
    const stop = this.endsWithStop(line);
    if (!this.shape.wrapped) {
      // One paragraph per line (002): only a long line cut mid-sentence by a page break continues.
      const lastCode = line.content.charCodeAt(line.content.length - 1);
      return (
        line.trailingSpace === 0 &&
        !stop &&
        line.width >= UNWRAPPED_MIN_CUT_WIDTH &&
        (isHanCode(lastCode) || isLatinCode(lastCode))
      );
    }
    if (this.isFull(line)) return !(stop && line.trailingSpace > 0);
    // A short line without the trailing space the extractor puts after a paragraph was cut by the layout
    // (a centred heading in two lines, 000:22–24).
    return line.trailingSpace === 0 && !stop;
  }

  /** Whether `next` starts a new paragraph regardless of the line before it. */
  startsParagraph(next: LogicalLine): boolean {
    return ENUMERATOR.test(next.content);
  }
}

/** The string that joins two lines of one paragraph: a space between Latin words, nothing around CJK. */
function joinString(before: string, after: string): string {
  const a = before.charCodeAt(before.length - 1);
  const b = after.charCodeAt(0);
  if (a === 0x2f || a === 0x2d) return ""; // a URL or compound cut after `/` or `-` (003:59–61)
  const latinish = (c: number): boolean => isLatinCode(c) || (c < 0x80 && c > 0x20);
  return latinish(a) && latinish(b) ? " " : "";
}

/** Groups the layout stream into paragraphs (lists of logical lines). */
function groupParagraphs(
  items: readonly LayoutItem[],
  shape: DocumentShape,
  lines: readonly LogicalLine[],
): LogicalLine[][] {
  const joiner = new ParagraphJoiner(shape, lines);
  const paragraphs: LogicalLine[][] = [];
  let current: LogicalLine[] | undefined;
  let inFootnotes = false;
  let footnoteNumberPending = false;
  const flush = (): void => {
    if (current !== undefined && current.length > 0) paragraphs.push(current);
    current = undefined;
  };
  for (const item of items) {
    if (item.kind === "separator") {
      flush();
      inFootnotes = true;
      footnoteNumberPending = false;
      continue;
    }
    if (item.kind === "footnote-number") {
      if (inFootnotes) footnoteNumberPending = true;
      continue;
    }
    const line = item.line;
    const last = current?.[current.length - 1];
    if (inFootnotes) {
      if (footnoteNumberPending || FOOTNOTE_START.test(line.content)) {
        flush();
        line.footnoteStart = !footnoteNumberPending;
        footnoteNumberPending = false;
        current = [line];
        continue;
      }
      if (last !== undefined && joiner.continues(last) && !joiner.startsParagraph(line)) {
        current?.push(line);
        continue;
      }
      // The footnote block is over: the body text of the next page follows.
      inFootnotes = false;
      flush();
      current = [line];
      continue;
    }
    if (FOOTNOTE_START_ALONE.test(line.content) && last !== undefined) {
      // A footnote body without a separator (002:103): its own paragraph.
      flush();
      inFootnotes = true;
      current = [line];
      continue;
    }
    if (last !== undefined && joiner.continues(last) && !joiner.startsParagraph(line)) {
      current?.push(line);
    } else {
      flush();
      current = [line];
    }
  }
  flush();
  return paragraphs;
}

/** Stage 1: raw → one paragraph per line, lines joined, furniture and footnote numbers dropped. */
function layoutDocument(raw: string): Mapped {
  const items = layoutItems(splitLines(raw));
  const lines: LogicalLine[] = [];
  for (const item of items) {
    if (item.kind === "line") {
      item.line.order = lines.length;
      lines.push(item.line);
    }
  }
  const shape = documentShape(lines, raw);
  const paragraphs = groupParagraphs(items, shape, lines);
  const b = new OffsetMapBuilder(raw);
  paragraphs.forEach((para, p) => {
    if (p > 0) b.insert("\n");
    let prevContent = "";
    para.forEach((line, k) => {
      line.pieces.forEach((piece, q) => {
        let start = piece.start;
        if (k === 0 && q === 0 && line.footnoteStart) {
          // `a 后辩论方案…` (003:59): the footnote's own letter goes with the separator, not the text.
          const m = /^[a-z]\s+/.exec(raw.slice(start, piece.end));
          if (m !== null) start += m[0].length;
        }
        const content = raw.slice(start, piece.end);
        if (content === "") return;
        b.drop(start - b.position);
        if (prevContent !== "") b.insert(joinString(prevContent, content));
        b.keep(piece.end - start);
        prevContent = content;
      });
    });
  });
  return b.build();
}

/** Stage 3: drops lines left empty by normalization (a paragraph that was only a marker). */
function dropEmptyLines(text: string): Mapped {
  const b = new OffsetMapBuilder(text);
  let first = true;
  let lineStart = 0;
  for (;;) {
    const nl = text.indexOf("\n", lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    if (lineEnd > lineStart) {
      b.drop(lineStart - b.position);
      if (!first) b.insert("\n");
      b.keep(lineEnd - lineStart);
      first = false;
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return b.build();
}

/** 1-based line number of a raw offset, given the sorted offsets where lines start. */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Normalizes a PDF-extracted document: joins broken lines into paragraphs, drops page furniture and footnote
 * markers, repairs spaces and widths. `text` holds one paragraph per line.
 */
export function normalizeDocument(raw: string): NormalizedDocument {
  const layout = layoutDocument(raw);
  const segment = normalizeSegment(layout.text);
  const cleaned = dropEmptyLines(segment.text);
  const map = compose(compose(layout.map, segment.map), cleaned.map);
  const text = cleaned.text;

  const lineStarts = [0];
  for (let k = raw.indexOf("\n"); k !== -1; k = raw.indexOf("\n", k + 1)) lineStarts.push(k + 1);
  const paragraphs: Paragraph[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    paragraphs.push({ start, end, line: lineOf(lineStarts, map.toOriginal(start)) });
    start = end + 1;
  }
  return { text, map, paragraphs };
}
