import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTmx } from "../../src/tm/tmx.js";
import { validateTmx } from "./validate-dtd.js";

const ROOT = new URL("../../", import.meta.url);
const xml = readFileSync(new URL("tm/un-migration.tmx", ROOT), "utf8");
const units = parseTmx(xml, "tm/un-migration.tmx");

/** A corpus document with its PDF line breaks joined; whitespace is dropped, as the memory's sources drop the PDF's spaces. */
const joined = (file: string): string => readFileSync(new URL(file, ROOT), "utf8").replace(/\s+/g, "");

describe("tm/un-migration.tmx", () => {
  it("has at least 200 zh-CN → en units with yizhi tuids", () => {
    expect(units.length).toBeGreaterThanOrEqual(200);
    for (const u of units) {
      expect(u.id).toMatch(/^00[0-4]-\d{4}$/);
      expect([u.sourceLang, u.targetLang]).toEqual(["zh-CN", "en"]);
      expect(u.target).not.toBe("");
    }
  });

  it("is valid against the TMX 1.4b DTD", () => {
    expect(validateTmx(xml)).toEqual([]);
  });

  it("has every Chinese source in its origin document, and the origin line holds the sentence's first characters", () => {
    const docs = new Map<string, string>();
    for (const u of units) {
      const file = u.origin?.file as string;
      expect(file).toMatch(/^glossary\/sources\/00\d_[0-9a-f]{16}\.txt$/);
      if (!docs.has(file)) docs.set(file, joined(file));
      expect(docs.get(file)).toContain(u.source.replace(/\s+/g, ""));
      const lines = readFileSync(new URL(file, ROOT), "utf8").split("\n");
      const line = (lines[(u.origin?.line as number) - 1] ?? "").replace(/\s+/g, "");
      expect(line.length).toBeGreaterThan(0);
      expect(
        u.source.replace(/\s+/g, "").startsWith(line.slice(0, 2)) ||
          line.includes(u.source.replace(/\s+/g, "").slice(0, 2)),
      ).toBe(true);
    }
    expect(
      [...docs.keys()].every((f) =>
        readdirSync(new URL("glossary/sources/", ROOT)).includes(f.split("/")[2] as string),
      ),
    ).toBe(true);
  });

  it("gives x-previous-source exactly when the document's previous sentence is also a unit", () => {
    const ids = new Set(units.map((u) => u.id));
    for (const u of units) {
      const [doc, n] = u.id.split("-") as [string, string];
      const prevId = `${doc}-${String(Number(n) - 1).padStart(4, "0")}`;
      if (ids.has(prevId)) expect(u.previousSource).toBe(units.find((p) => p.id === prevId)?.source);
      else expect(u.previousSource).toBeUndefined();
    }
  });

  it("uses UN English for migration: never 'illegal migra…'", () => {
    for (const u of units) expect(u.target).not.toMatch(/illegal migra/i);
  });
});
