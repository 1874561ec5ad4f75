import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTbx, writeTbx } from "../../src/termbase/tbx.js";

const TBX = path.resolve(import.meta.dirname, "../../glossary/un-migration.tbx");

describe("TBX v2 (TBX-Basic 2008, <martif>) export for OmegaT and translate-toolkit", () => {
  const concepts = parseTbx(readFileSync(TBX, "utf8"), TBX);
  const v2 = writeTbx(concepts, {}, { version: 2 });

  it("writes a martif document with termEntry/langSet/tig and no DOCTYPE", () => {
    expect(v2).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<martif type="TBX-Basic-V1" xml:lang="en">\n {2}<martifHeader>/);
    expect(v2).not.toContain("<!DOCTYPE");
    expect(v2).toContain('<termEntry id="c101">');
    expect(v2).not.toContain("<conceptEntry");
  });

  it("reads back to the same concepts as the TBX v3 file (lossless for what we model)", () => {
    expect(parseTbx(v2, "v2.tbx")).toEqual(concepts);
  });
});
