import { describe, expect, it } from "vitest";
import { cleanGlosses, parseCedict } from "../../src/extract/dictionary.js";
import { composeEnglish, indexTermbase, proposeEnglish, splitIntoKnownParts } from "../../src/extract/english.js";
import type { Concept } from "../../src/termbase/model.js";

// Lines as they stand in CC-CEDICT (cedict_ts.u8, 2019-05-27).
const cedict = parseCedict(
  [
    "# CC-CEDICT",
    "匯款 汇款 [hui4 kuan3] /to remit money/remittance/",
    "數據 数据 [shu4 ju4] /data/numbers/digital/",
    "人才外流 人才外流 [ren2 cai2 wai4 liu2] /brain drain/",
    "與 与 [yu3] /and/to give/together with/",
    "的 的 [de5] /of/~'s (possessive particle)/(used after an attribute)/",
    "瑞士 瑞士 [Rui4 shi4] /Switzerland/Swiss/",
    "工人 工人 [gong1 ren2] /worker/CL:個|个[ge4],名[ming2]/",
  ].join("\n"),
);

function concept(id: string, zh: string, en: string, status: "preferred" | "deprecated" = "preferred"): Concept {
  return { id, terms: { zh: [{ term: zh, status: "preferred" }], en: [{ term: en, status }] }, contexts: [] };
}

describe("CC-CEDICT", () => {
  it("parses glosses by simplified headword", () => {
    expect(cedict.lookup("汇款")).toEqual(["to remit money", "remittance"]);
    expect(cedict.lookup("移徙")).toBeUndefined();
  });
  it("cleans glosses: nominal first, no 'to ', no classifier notes", () => {
    expect(cleanGlosses(cedict.lookup("汇款") ?? [])).toEqual(["remittance", "remit money"]);
    expect(cleanGlosses(cedict.lookup("工人") ?? [])).toEqual(["worker"]);
  });
  it("knows a proper-noun-only headword as a name", () => {
    expect(cedict.isName?.("瑞士")).toBe(true);
    expect(cedict.isName?.("工人")).toBe(false);
  });
});

describe("proposeEnglish", () => {
  const termbase = indexTermbase([
    concept("c1", "移徙", "migration"),
    concept("c2", "循环移徙", "circular migration"),
    concept("c3", "侨民", "diaspora"),
    concept("c4", "非法移徙", "illegal migration", "deprecated"),
  ]);

  it("gives only the termbase English for a termbase term", () => {
    expect(proposeEnglish("循环移徙", termbase, cedict)).toEqual([{ term: "circular migration", origin: "termbase" }]);
  });
  it("composes a made-up combination head-final: 移徙 + 数据 → migration data", () => {
    expect(proposeEnglish("移徙数据", termbase, cedict)).toEqual([{ term: "migration data", origin: "composed" }]);
  });
  it("composes 侨民 + 汇款 from a termbase part and a dictionary part", () => {
    expect(splitIntoKnownParts("侨民汇款", termbase, cedict)?.map((p) => p.zh)).toEqual(["侨民", "汇款"]);
    expect(proposeEnglish("侨民汇款", termbase, cedict)).toEqual([{ term: "diaspora remittance", origin: "composed" }]);
  });
  it("turns A 的 B into 'B of A'", () => {
    const parts = splitIntoKnownParts("移徙的数据", termbase, cedict) ?? [];
    expect(composeEnglish(parts)).toBe("data of migration");
  });
  it("gives the dictionary gloss for a dictionary word", () => {
    expect(proposeEnglish("人才外流", termbase, cedict)).toEqual([{ term: "brain drain", origin: "dictionary" }]);
  });
  it("keeps deprecated English out of proposals", () => {
    expect(proposeEnglish("非法移徙", termbase, cedict).map((p) => p.term)).not.toContain("illegal migration");
  });
});
