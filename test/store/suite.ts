import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { ReviewDecision } from "../../src/extract/review.js";
import type { Store } from "../../src/store/store.js";
import { parseTbx } from "../../src/termbase/tbx.js";
import type { Concept } from "../../src/termbase/model.js";
import type { TranslationUnit } from "../../src/tm/model.js";
import { parseTmx } from "../../src/tm/tmx.js";

/**
 * The promises every store backend keeps (src/store/store.ts), as one suite that each backend's test file runs
 * with its own factory — translate-toolkit's shared storage test shape (STYLE.md "Shared tests for shared promises").
 */

/** A store under test and a way to open the same store again, as another process would. */
export interface OpenedStore {
  readonly store: Store;
  reopen(): Promise<Store>;
}

/** Makes a new, empty store of one backend. */
export type StoreFactory = () => Promise<OpenedStore>;

const ROOT = path.resolve(import.meta.dirname, "../..");

export const remittances: Concept = {
  id: "c012",
  subject: "remittances and finance",
  definition: "Money sent by migrants to their countries of origin.",
  terms: { zh: [{ term: "汇款", status: "preferred" }], en: [{ term: "remittances", status: "preferred" }] },
  contexts: [{ text: "汇款是发展的重要资金来源。", source: "A/C.2/61/7", lang: "zh" }],
};
export const migrant: Concept = {
  id: "c001",
  terms: { zh: [{ term: "移徙者", status: "preferred" }], en: [{ term: "migrant", status: "preferred" }] },
  contexts: [],
};
export const unit: TranslationUnit = {
  id: "000-0001",
  source: "移徙推动世界经济发展。",
  target: "Migration drives the development of the world economy.",
  sourceLang: "zh-CN",
  targetLang: "en",
};
/** A unit with an inline code (U+FFFC), its XML, traditional characters and an astral character. */
export const codedUnit: TranslationUnit = {
  id: "000-0002",
  source: "國際移徙組織\uFFFC第𠀋號決議",
  target: "International Organization for Migration \uFFFC resolution",
  sourceLang: "zh-TW",
  targetLang: "en",
  sourceXml: '國際移徙組織<ph x="1">&lt;b/&gt;</ph>第𠀋號決議',
  origin: { file: "a.tmx", unit: "7", line: 12 },
  properties: [{ type: "x-note", value: 'quote " and backslash \\' }],
};
export const rejected: ReviewDecision = {
  id: "移民工人",
  term: "移民工人",
  decision: "rejected",
  reason: "not a UN term",
  decidedAt: "2026-11-28T10:00:00.000Z",
};

/** The shipped termbase and memory, as real data of realistic size. */
export function shippedData(): { concepts: Concept[]; units: TranslationUnit[] } {
  const tbx = path.join(ROOT, "glossary/un-migration.tbx");
  const tmx = path.join(ROOT, "tm/un-migration.tmx");
  return {
    concepts: parseTbx(readFileSync(tbx, "utf8"), tbx),
    units: parseTmx(readFileSync(tmx, "utf8"), tmx),
  };
}

/** Registers the shared store suite for one backend. */
export function storeSuite(backend: string, open: StoreFactory): void {
  describe(`store suite: ${backend}`, () => {
    it("starts empty: nothing to get, list or count in any collection", async () => {
      const { store } = await open();
      for (const repo of [store.concepts, store.tm, store.reviews]) {
        expect(await repo.count()).toBe(0);
        expect(await repo.list()).toEqual([]);
      }
      expect(await store.concepts.get("c012")).toBeUndefined();
      await store.close();
    });

    it("keeps concepts, units and review decisions across reopening", async () => {
      const { store, reopen } = await open();
      expect(await store.concepts.importMany([remittances, migrant])).toEqual({ added: 2, updated: 0 });
      await store.tm.upsert(unit);
      await store.tm.upsert(codedUnit);
      await store.reviews.upsert(rejected);
      const again = await reopen();
      expect(await again.concepts.get("c012")).toEqual(remittances);
      expect(await again.concepts.count()).toBe(2);
      expect(await again.tm.list()).toEqual([unit, codedUnit]);
      expect(await again.tm.get("000-0002")).toEqual(codedUnit);
      expect(await again.reviews.get("移民工人")).toEqual(rejected);
      await again.close();
      await store.close();
    });

    it("round-trips the shipped termbase (395 concepts) and memory (221 units) unchanged and in order", async () => {
      const { concepts, units } = shippedData();
      const { store, reopen } = await open();
      expect(await store.concepts.importMany(concepts)).toEqual({ added: 395, updated: 0 });
      expect(await store.tm.importMany(units)).toEqual({ added: 221, updated: 0 });
      const again = await reopen();
      // JSON equality: what a store returns is what JSON.stringify of the input says (undefined fields dropped).
      expect(JSON.stringify(await again.concepts.list())).toBe(JSON.stringify(concepts));
      expect(JSON.stringify(await again.tm.list())).toBe(JSON.stringify(units));
      await again.close();
      await store.close();
    });

    it("counts an import of a known id as an update, replaces the record and keeps its place in the list", async () => {
      const { store } = await open();
      await store.concepts.importMany([remittances, migrant]);
      const edited = { ...remittances, definition: "Transfers of money by migrants." };
      const third = { ...migrant, id: "c003" };
      expect(await store.concepts.importMany([third, edited])).toEqual({ added: 1, updated: 1 });
      expect((await store.concepts.get("c012"))?.definition).toBe("Transfers of money by migrants.");
      expect((await store.concepts.list()).map((c) => c.id)).toEqual(["c012", "c001", "c003"]);
      await store.close();
    });

    it("refuses an import with a duplicate id and writes none of it", async () => {
      const { store } = await open();
      await store.concepts.importMany([remittances]);
      const attempt = store.concepts.importMany([migrant, migrant]);
      await expect(attempt).rejects.toThrow(InputError);
      await expect(store.concepts.importMany([migrant, migrant])).rejects.toThrow(
        'duplicate id "c001" in one import',
      );
      expect(await store.concepts.get("c001")).toBeUndefined();
      expect(await store.concepts.count()).toBe(1);
      await store.close();
    });

    it("leaves the old records when a replacing import fails half-way (a record that cannot be serialized)", async () => {
      const { store, reopen } = await open();
      await store.tm.importMany([unit, codedUnit]);
      // JSON.stringify throws on a BigInt: the failure comes after the replace has begun.
      const broken = { ...unit, id: "000-0003", usageCount: 10n } as unknown as TranslationUnit;
      await expect(
        store.tm.importMany([{ ...unit, id: "000-0004" }, broken], { replaceAll: true }),
      ).rejects.toThrow(/BigInt/);
      expect(await store.tm.list()).toEqual([unit, codedUnit]);
      const again = await reopen();
      expect(await again.tm.list()).toEqual([unit, codedUnit]);
      await again.close();
      await store.close();
    });

    it("replaces a whole collection with replaceAll, counting every record as added", async () => {
      const { store } = await open();
      await store.concepts.importMany([remittances, migrant]);
      const third = { ...migrant, id: "c003" };
      expect(await store.concepts.importMany([third, remittances], { replaceAll: true })).toEqual({
        added: 2,
        updated: 0,
      });
      expect((await store.concepts.list()).map((c) => c.id)).toEqual(["c003", "c012"]);
      expect(await store.tm.count()).toBe(0);
      await store.close();
    });

    it("loses no record when twenty imports run at once", async () => {
      const { store, reopen } = await open();
      const units = Array.from({ length: 20 }, (_, i) => ({ ...unit, id: `u${i}` }));
      const results = await Promise.all(units.map((u) => store.tm.importMany([u])));
      expect(results).toEqual(units.map(() => ({ added: 1, updated: 0 })));
      const again = await reopen();
      expect((await again.tm.list()).map((u) => u.id).sort()).toEqual(units.map((u) => u.id).sort());
      await again.close();
      await store.close();
    });

    it("removes a record and says whether it was there", async () => {
      const { store, reopen } = await open();
      await store.concepts.importMany([remittances, migrant]);
      expect(await store.concepts.remove("c001")).toBe(true);
      expect(await store.concepts.remove("c001")).toBe(false);
      const again = await reopen();
      expect(await again.concepts.count()).toBe(1);
      expect(await again.concepts.get("c001")).toBeUndefined();
      await again.close();
      await store.close();
    });

    it("keeps collections apart: the same id in two collections is two records", async () => {
      const { store } = await open();
      await store.concepts.upsert(remittances);
      await store.reviews.upsert({ ...rejected, id: "c012" });
      expect(await store.concepts.get("c012")).toEqual(remittances);
      expect((await store.reviews.get("c012"))?.decision).toBe("rejected");
      expect(await store.concepts.remove("c012")).toBe(true);
      expect(await store.reviews.count()).toBe(1);
      await store.close();
    });
  });
}
