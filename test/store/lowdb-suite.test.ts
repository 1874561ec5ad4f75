import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb.js";
import { storeSuite } from "./suite.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

storeSuite("lowdb", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "yizhi-store-"));
  dirs.push(dir);
  return { store: await openLowdbStore(dir), reopen: () => openLowdbStore(dir) };
});
