/**
 * A separate yizhi process for the concurrency test: opens the PostgreSQL store and imports `count` units whose
 * ids start with `prefix`, in batches of `batch` (each batch one importMany transaction).
 * Usage: node --import tsx test/store/pg-writer.ts URL PREFIX COUNT BATCH
 */
import { openPostgresStore } from "../../src/store/postgres.js";
import type { TranslationUnit } from "../../src/tm/model.js";

const [url, prefix, count, batch] = process.argv.slice(2);
if (!url || !prefix || !count || !batch) throw new Error("usage: pg-writer.ts URL PREFIX COUNT BATCH");
const store = await openPostgresStore(url);
const units: TranslationUnit[] = Array.from({ length: Number(count) }, (_, i) => ({
  id: `${prefix}-${i}`,
  source: `移徙推动世界经济发展（${prefix} ${i}）。`,
  target: `Migration drives the world economy (${prefix} ${i}).`,
  sourceLang: "zh-CN",
  targetLang: "en",
}));
let added = 0;
for (let i = 0; i < units.length; i += Number(batch)) {
  added += (await store.tm.importMany(units.slice(i, i + Number(batch)))).added;
}
await store.close();
process.stdout.write(`${added}\n`);
