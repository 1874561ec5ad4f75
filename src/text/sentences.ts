/**
 * Sentence splitting for Chinese UN text: sentences end at 。！？； (and half-width ! ?), at an English full stop
 * before a capital, and at every paragraph end ("\n"). Closing quotes and brackets after the stop stay with the
 * sentence; a full stop inside a number (2.14亿) or after an enumerator (`1. `) never ends one.
 */

/** One sentence: its text and its range in the input (leading and trailing spaces excluded). */
export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Sentence stops; half-width ! and ? count too, except inside a word or URL (`?q=`). */
const STOPS = new Set(["。", "！", "？", "；", "!", "?"]);
/** Closing marks that belong to the sentence they follow: `……。”`, `。）`, `！」`. */
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")", "》", "〉", "】", "〕", '"', "'"]);

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\u3000" || ch === "\r";
}

/**
 * An ASCII full stop ends an English sentence only after a lowercase letter and before a space and a capital
 * (or the paragraph end); digits around it (2.14, `1. `) and URLs (`www.gfmd.org`) keep it inside.
 */
function isEnglishStop(text: string, i: number): boolean {
  const before = text[i - 1] ?? "";
  if (!/[a-z]/.test(before)) return false;
  let j = i + 1;
  if (j >= text.length || text[j] === "\n") return true;
  if (!isSpace(text[j])) return false;
  while (isSpace(text[j])) j++;
  return /[A-Z]/.test(text[j] ?? "");
}

/** Splits text into sentences with offsets; empty stretches (only spaces) are skipped. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "\n") {
      push(start, i);
      i++;
      start = i;
      continue;
    }
    const halfWidthInWord = (ch === "!" || ch === "?") && /[A-Za-z0-9=&]/.test(text[i + 1] ?? "");
    if ((STOPS.has(ch) && !halfWidthInWord) || (ch === "." && isEnglishStop(text, i))) {
      let j = i + 1;
      // Repeated stops (？！) and closing marks stay with the sentence.
      while (j < text.length && (STOPS.has(text[j] as string) || CLOSERS.has(text[j] as string))) j++;
      push(start, j);
      start = j;
      i = j;
      continue;
    }
    i++;
  }
  push(start, text.length);
  return out;
}
