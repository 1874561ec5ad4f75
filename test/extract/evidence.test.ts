import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findEvidence } from "../../src/extract/evidence.js";

const dir = join(import.meta.dirname, "..", "..", "glossary", "sources");
const docs = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
const rawLines = (file: string) => (docs.find((d) => d.file === file)?.text ?? "").split("\n");

describe("findEvidence", () => {
  it("finds 回返移徙者 five times, all in 002 (lines 77 and 225), and quotes two distinct sentences", () => {
    const e = findEvidence("回返移徙者", docs);
    expect(e.frequency).toBe(5);
    expect(e.documents).toBe(1);
    expect(e.contexts.map((c) => [c.file, c.line])).toEqual([
      ["002_f1fd56940989419e.txt", 77],
      ["002_f1fd56940989419e.txt", 225],
    ]);
    expect(e.contexts[0]?.text).toBe(
      "18. 会议强调必需制订政策和方案，促进回返移徙者重新融入社会，并为利用移徙者在国外掌握的技能提供便利。",
    );
    for (const c of e.contexts) expect(rawLines(c.file)[c.line - 1]).toContain("回返移徙者");
  });

  it("finds a traditional-script query (移徙數據) in the simplified text: 003 line 1607 first", () => {
    const e = findEvidence("移徙數據", docs);
    expect(e.term).toBe("移徙數據");
    expect(e.frequency).toBe(4);
    expect(e.contexts[0]).toMatchObject({ file: "003_4ec4a3f0193b5aa8.txt", line: 1607 });
  });

  it("reports nothing for a term the documents do not hold", () => {
    expect(findEvidence("体面工作议程", docs)).toEqual({
      term: "体面工作议程",
      frequency: 0,
      documents: 0,
      contexts: [],
    });
  });
});
