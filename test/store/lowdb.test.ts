import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { openLowdbStore, STORE_FILES } from "../../src/store/lowdb.js";
import type { Concept } from "../../src/termbase/model.js";

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
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "yizhi-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// What every backend promises is in the shared suite (suite.ts, run by lowdb-suite.test.ts); here, the files.
describe("lowdb store", () => {
  it("leaves the file byte-identical when an import fails half-way (duplicate id)", async () => {
    const store = await openLowdbStore(dir);
    await store.concepts.importMany([remittances]);
    const file = path.join(dir, STORE_FILES.concepts);
    const before = await readFile(file);
    await expect(store.concepts.importMany([migrant, migrant])).rejects.toThrow(InputError);
    expect(await readFile(file)).toEqual(before);
    expect(await store.concepts.get("c001")).toBeUndefined();
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
});
