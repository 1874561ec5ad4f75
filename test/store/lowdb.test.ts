import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { openLowdbStore, STORE_FILES } from "../../src/store/lowdb.js";
import type { Concept } from "../../src/termbase/model.js";
import type { TranslationUnit } from "../../src/tm/model.js";

const remittances: Concept = {
  id: "c012",
  subject: "remittances and finance",
  definition: "Money sent by migrants to their countries of origin.",
  terms: { zh: [{ term: "汇款", status: "preferred" }], en: [{ term: "remittances", status: "preferred" }] },
  contexts: [{ text: "汇款是发展的重要资金来源。", source: "A/C.2/61/7", lang: "zh" }],
};
const migrant: Concept = {
  id: "c001",
  terms: { zh: [{ term: "移徙者", status: "preferred" }], en: [{ term: "migrant", status: "preferred" }] },
  contexts: [],
};
const unit: TranslationUnit = {
  id: "000-0001",
  source: "移徙推动世界经济发展。",
  target: "Migration drives the development of the world economy.",
  sourceLang: "zh-CN",
  targetLang: "en",
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "yizhi-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("lowdb store", () => {
  it("keeps concepts and units across reopening", async () => {
    const store = await openLowdbStore(dir);
    expect(await store.concepts.importMany([remittances, migrant])).toEqual({ added: 2, updated: 0 });
    await store.tm.upsert(unit);
    const reopened = await openLowdbStore(dir);
    expect(await reopened.concepts.get("c012")).toEqual(remittances);
    expect(await reopened.concepts.count()).toBe(2);
    expect(await reopened.tm.list()).toEqual([unit]);
  });

  it("counts an import of a known id as an update and replaces the record", async () => {
    const store = await openLowdbStore(dir);
    await store.concepts.importMany([remittances]);
    const edited = { ...remittances, definition: "Transfers of money by migrants." };
    expect(await store.concepts.importMany([edited, migrant])).toEqual({ added: 1, updated: 1 });
    expect((await store.concepts.get("c012"))?.definition).toBe("Transfers of money by migrants.");
  });

  it("leaves the file byte-identical when an import fails half-way (duplicate id)", async () => {
    const store = await openLowdbStore(dir);
    await store.concepts.importMany([remittances]);
    const file = path.join(dir, STORE_FILES.concepts);
    const before = await readFile(file);
    await expect(store.concepts.importMany([migrant, migrant])).rejects.toThrow(InputError);
    expect(await readFile(file)).toEqual(before);
    expect(await store.concepts.get("c001")).toBeUndefined();
  });

  it("serializes concurrent imports so that no update is lost", async () => {
    const store = await openLowdbStore(dir);
    const units = Array.from({ length: 20 }, (_, i) => ({ ...unit, id: `u${i}` }));
    await Promise.all(units.map((u) => store.tm.importMany([u])));
    const reopened = await openLowdbStore(dir);
    expect((await reopened.tm.list()).map((u) => u.id).sort()).toEqual(units.map((u) => u.id).sort());
  });

  it("writes through a temporary file and leaves none behind", async () => {
    const store = await openLowdbStore(dir);
    await store.concepts.importMany([remittances]);
    expect((await readdir(dir)).sort()).toEqual([STORE_FILES.concepts].sort());
  });

  it("refuses a store file that is not JSON, naming the file", async () => {
    await writeFile(path.join(dir, STORE_FILES.concepts), "{ not json");
    const file = path.join(dir, STORE_FILES.concepts);
    await expect(openLowdbStore(dir)).rejects.toMatchObject({ location: { file } });
    await expect(openLowdbStore(dir)).rejects.toThrow(/^store file is not valid JSON/);
  });

  it("removes a record and says whether it was there", async () => {
    const store = await openLowdbStore(dir);
    await store.concepts.importMany([remittances, migrant]);
    expect(await store.concepts.remove("c001")).toBe(true);
    expect(await store.concepts.remove("c001")).toBe(false);
    await expect((await openLowdbStore(dir)).concepts.count()).resolves.toBe(1);
  });
});
