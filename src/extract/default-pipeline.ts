import { normalizeDocument } from "../text/normalize.js";
import { splitSentences } from "../text/sentences.js";
import { createTokenizer } from "../text/tokens.js";
import type { TextPipeline } from "./prepare.js";

/**
 * The text layer extraction uses by default: yizhi's normalizer (PDF repair, one paragraph per line, with an
 * offset map back to the raw file), its sentence splitter, and its jieba tokenizer with the termbase's Chinese
 * terms as user words (so a termbase term is one word and never a boundary-crossing fragment).
 */
export function defaultPipeline(): TextPipeline {
  return {
    normalize(raw) {
      const doc = normalizeDocument(raw);
      return { text: doc.text, toOriginal: (offset) => doc.map.toOriginal(offset) };
    },
    sentences: (text) => splitSentences(text),
    createSegmenter(userWords) {
      const tokenizer = createTokenizer(userWords);
      return (text) => tokenizer.tokenize(text);
    },
  };
}
