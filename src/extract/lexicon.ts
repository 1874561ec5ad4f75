import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A general-language word list with frequencies and part-of-speech tags: the reference for termhood. */
export interface ReferenceLexicon {
  /** Frequency of the word in the general corpus behind the list, or 0 when it is not listed. */
  frequency(word: string): number;
  /** The word's part-of-speech tag (ICTCLAS set), or undefined when it is not listed. */
  tag(word: string): string | undefined;
  /** Sum of all frequencies: the size of the general corpus. */
  readonly total: number;
}

/**
 * Parses a jieba dictionary (`word frequency tag` per line) into a reference lexicon. The frequencies are
 * counts over a general Chinese corpus, which is what a termhood measure contrasts the domain with.
 */
export function parseJiebaDictionary(text: string): ReferenceLexicon {
  const entries = new Map<string, { f: number; t: string }>();
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const s1 = text.indexOf(" ", pos);
    if (s1 > pos && s1 < nl) {
      const s2 = text.indexOf(" ", s1 + 1);
      const fEnd = s2 > s1 && s2 < nl ? s2 : nl;
      const f = Number(text.slice(s1 + 1, fEnd));
      const t = s2 > s1 && s2 < nl ? text.slice(s2 + 1, nl).trim() : "";
      if (Number.isFinite(f)) {
        const word = text.slice(pos, s1);
        entries.set(word, { f, t });
        total += f;
      }
    }
    pos = nl + 1;
  }
  return {
    frequency: (word) => entries.get(word)?.f ?? 0,
    tag: (word) => entries.get(word)?.t,
    total,
  };
}

let reference: ReferenceLexicon | undefined;

/**
 * The general-language reference: the word list shipped with @node-rs/jieba (MIT; frequencies from jieba's
 * general corpus), read once on first use. I/O at the edge of the core: a data file of an installed package.
 */
export function loadReferenceLexicon(): ReferenceLexicon {
  if (reference === undefined) {
    const require = createRequire(import.meta.url);
    const path = require.resolve("@node-rs/jieba/dict.txt");
    reference = parseJiebaDictionary(readFileSync(path, "utf8"));
  }
  return reference;
}
