import * as OpenCC from "opencc-js";

/** Which Chinese script a text is written in. */
/** "neutral": Han text made only of characters both scripts share (e.g. 移徙者), so it fits either. */
export type Script = "simplified" | "traditional" | "mixed" | "neutral" | "none";

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });

// Per-character caches: the corpus and XLIFF segments reuse a few thousand characters, so converting each
// distinct character once keeps folding at a Map lookup per character.
const foldCache = new Map<string, string>();
const traditionalOnly = new Map<string, boolean>();
const simplifiedOnly = new Map<string, boolean>();

/** Whether a UTF-16 code unit is a Han character: the CJK Unified Ideographs, Extension A and the compatibility block. */
export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

/** The simplified form of one character, or the character itself when the conversion would change length. */
export function foldChar(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    const converted = toSimplified(ch);
    // Folding must keep offsets: a conversion that changes the length (none is known for single BMP Han
    // characters, but OpenCC's tables may grow) is not applied.
    folded = converted.length === ch.length ? converted : ch;
    foldCache.set(ch, folded);
  }
  return folded;
}

/**
 * Folds traditional characters to simplified, character by character, for matching. The result has the same
 * length as the input, so an offset in the folded text is the same offset in the original: no map is needed.
 * Character-level folding is deliberate: OpenCC's phrase tables (e.g. regional vocabulary) would change
 * lengths and offsets, and terms are folded the same way, so both sides meet.
 */
export function foldScript(text: string): string {
  let out = "";
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isHan(code)) {
      out += text[i];
      continue;
    }
    const ch = text[i] as string;
    const folded = foldChar(ch);
    if (folded !== ch) changed = true;
    out += folded;
  }
  return changed ? out : text;
}

function isTraditionalOnly(ch: string): boolean {
  let v = traditionalOnly.get(ch);
  if (v === undefined) {
    v = toSimplified(ch) !== ch;
    traditionalOnly.set(ch, v);
  }
  return v;
}

function isSimplifiedOnly(ch: string): boolean {
  let v = simplifiedOnly.get(ch);
  if (v === undefined) {
    // A character whose traditional form differs and that does not itself fold (发 → 發) is simplified-only;
    // characters shared by both scripts (里, 台) change under s→t too, so they must also be their own
    // traditional fold to count as shared.
    v = toTraditional(ch) !== ch && toSimplified(ch) === ch && toSimplified(toTraditional(ch)) === ch;
    simplifiedOnly.set(ch, v);
  }
  return v;
}

/** Counts of script-specific characters in a text. */
export interface ScriptCounts {
  readonly han: number;
  readonly simplified: number;
  readonly traditional: number;
}

/** Counts Han characters that exist only in simplified or only in traditional script. */
export function countScript(text: string): ScriptCounts {
  let han = 0;
  let simplified = 0;
  let traditional = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isHan(text.charCodeAt(i))) continue;
    han++;
    const ch = text[i] as string;
    if (isTraditionalOnly(ch)) traditional++;
    else if (isSimplifiedOnly(ch)) simplified++;
  }
  return { han, simplified, traditional };
}

/**
 * Detects the script of a Chinese text from its script-specific characters: "none" without Han, "neutral"
 * when every Han character is shared by both scripts, "mixed" when both kinds occur and the minority is more
 * than a fifth of the script-specific characters, otherwise the majority.
 */
export function detectScript(text: string): Script {
  const { han, simplified, traditional } = countScript(text);
  if (han === 0) return "none";
  if (simplified === 0 && traditional === 0) return "neutral";
  const minority = Math.min(simplified, traditional);
  if (minority > 0 && minority * 5 > simplified + traditional) return "mixed";
  return traditional > simplified ? "traditional" : "simplified";
}

/** The script a BCP 47 language tag declares for Chinese, or undefined when the tag does not say. */
export function scriptOfLanguage(tag: string): "simplified" | "traditional" | undefined {
  const t = tag.toLowerCase();
  if (!t.startsWith("zh")) return undefined;
  if (/-hant\b/.test(t) || /-(tw|hk|mo)\b/.test(t)) return "traditional";
  if (/-hans\b/.test(t) || /-(cn|sg|my)\b/.test(t)) return "simplified";
  return undefined;
}
