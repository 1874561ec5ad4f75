/**
 * Word segmentation with jieba (@node-rs/jieba), with offsets into the input and a user dictionary so that
 * termbase terms (移徙概况报告, 循环移徙, 非正常移徙者) come out as one token.
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { foldScript } from "./script.js";

/** One word (or punctuation mark, number, Latin word) with its range in the input. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A word segmenter; build one with {@link createTokenizer}. */
export interface Tokenizer {
  /** Segments `text` into tokens in reading order; whitespace is not returned. */
  tokenize(text: string): Token[];
}

/** Options of {@link createTokenizer}. */
export interface TokenizerOptions {
  /** Let jieba's HMM guess words missing from its dictionary (default true, jieba's own default). */
  readonly hmm?: boolean;
}

/**
 * Frequency given to user words. jieba picks the segmentation with the highest product of word probabilities;
 * a frequency above the dictionary's most common multi-character words makes a user term beat any split of it.
 */
const USER_WORD_FREQUENCY = 1_000_000;

/** A user-dictionary line for `word`, or undefined when jieba's line format cannot carry it. */
function userDictLine(word: string): string | undefined {
  const w = foldScript(word.trim());
  // The dictionary format is "word freq [tag]" separated by spaces, one per line.
  if (w === "" || /\s/.test(w)) return undefined;
  return `${w} ${USER_WORD_FREQUENCY}`;
}

/**
 * Creates a tokenizer; `userWords` (termbase terms) are added to jieba's dictionary. The dictionary is loaded on
 * the first `tokenize` call, once per tokenizer (about 0.2 s). Text is folded to simplified script first (length
 * preserving), so traditional input segments like simplified; token texts are taken from the input.
 */
export function createTokenizer(
  userWords: readonly string[] = [],
  options: TokenizerOptions = {},
): Tokenizer {
  const hmm = options.hmm ?? true;
  let jieba: Jieba | undefined;
  const instance = (): Jieba => {
    if (jieba === undefined) {
      const j = Jieba.withDict(dict);
      const lines = userWords.map(userDictLine).filter((l): l is string => l !== undefined);
      if (lines.length > 0) j.loadDict(new TextEncoder().encode(lines.join("\n") + "\n"));
      jieba = j;
    }
    return jieba;
  };
  return {
    tokenize(text: string): Token[] {
      if (text === "") return [];
      const folded = foldScript(text);
      const words = instance().cut(folded, hmm);
      const tokens: Token[] = [];
      let pos = 0;
      for (const word of words) {
        let start = pos;
        if (!folded.startsWith(word, pos)) {
          // jieba returns the input cut into pieces; should a piece ever differ, find it rather than drift.
          const found = folded.indexOf(word, pos);
          if (found === -1) continue;
          start = found;
        }
        const end = start + word.length;
        pos = end;
        if (word.trim() === "") continue;
        tokens.push({ text: text.slice(start, end), start, end });
      }
      return tokens;
    },
  };
}
