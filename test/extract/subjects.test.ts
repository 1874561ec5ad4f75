import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultPipeline } from "../../src/extract/default-pipeline.js";
import { loadCedict } from "../../src/extract/dictionary.js";
import { loadReferenceLexicon } from "../../src/extract/lexicon.js";
import type { StatDocument } from "../../src/extract/ngrams.js";
import { prepareDocument } from "../../src/extract/prepare.js";
import { findSubjects } from "../../src/extract/subjects.js";

const reference = loadReferenceLexicon();
const dictionary = loadCedict();

/** A one-line document whose segmenter word boundaries are marked with "|". */
function doc(segmented: string): StatDocument {
  const text = segmented.replaceAll("|", "");
  const boundaries = new Uint8Array(text.length + 1);
  let i = 0;
  boundaries[0] = 1;
  for (const ch of segmented) {
    if (ch === "|") boundaries[i] = 1;
    else i++;
  }
  boundaries[text.length] = 1;
  return { text, boundaries };
}

describe("findSubjects", () => {
  it("counts a noun followed by a verb in at least a third of its uses, with enough evidence", () => {
    // Words of the corpus in a made-up sequence: 与会者 before a verb 2 times of 3; 会议 never before a verb.
    const d = doc("与会者|指出|，|与会者|强调|，|与会者|的|意见|，|会议|报告|。");
    expect([...findSubjects([d], reference, dictionary, { minCount: 3 })]).toEqual(["与会者"]);
    expect([...findSubjects([d], reference, dictionary, { minCount: 4 })]).toEqual([]);
    expect([...findSubjects([d], reference, dictionary, { minCount: 3, minShare: 0.7 })]).toEqual([]);
  });
  it("ignores words that are not nouns (重新 'a' before 融入)", () => {
    const d = doc("重新|融入|，|重新|融入|，|重新|融入|。");
    expect([...findSubjects([d], reference, dictionary, { minCount: 3 })]).toEqual([]);
  });

  describe("on the five corpus documents", () => {
    let subjects: Set<string>;
    beforeAll(() => {
      const dir = join(import.meta.dirname, "..", "..", "glossary", "sources");
      const pipeline = defaultPipeline();
      const segment = pipeline.createSegmenter([]);
      const docs = readdirSync(dir)
        .filter((f) => f.endsWith(".txt"))
        .sort()
        .map((f) => prepareDocument(f, readFileSync(join(dir, f), "utf8"), pipeline, segment));
      subjects = findSubjects(docs, reference, dictionary);
    });
    it("finds the speakers of the meeting reports, 与会者 and 代表 (与会者建议, 000 line 521; 代表重申, 003 line 1862)", () => {
      expect(subjects.has("与会者")).toBe(true);
      expect(subjects.has("代表")).toBe(true);
    });
    it("does not take the field's nouns for subjects (移徙, 会议, 政府, 政策, 劳工 of 劳工组织)", () => {
      for (const w of ["移徙", "会议", "政府", "政策", "劳工", "发展"]) expect(subjects.has(w)).toBe(false);
    });
  });
});
