import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { InputError } from "../../src/errors.js";
import { createXliff, type NewDocument } from "../../src/xliff/create.js";
import { readXliff } from "../../src/xliff/read.js";
import { validateXliff } from "../support/validate.js";

const CORPUS = "002_f1fd56940989419e.txt";
const corpusLines = readFileSync(new URL(`../../glossary/sources/${CORPUS}`, import.meta.url), "utf8").split(
  "\n",
);

/** Sentences of a corpus line, split after each 。 (the real splitter lives in src/text). */
function sentences(line: number): string[] {
  const text = (corpusLines[line - 1] ?? "").trim();
  return text.match(/[^。]+。?/g) ?? [];
}

/** Three paragraphs of 002_f1fd56940989419e.txt: the heading at line 91, and paragraphs 23 (line 93) and 53 (line 201). */
function corpusDocument(): NewDocument {
  return {
    original: CORPUS,
    units: [91, 93, 201].map((line, u) => ({
      id: `p${u + 1}`,
      paragraphLine: line,
      segments: sentences(line).map((source, s) => ({ id: `s${s + 1}`, source })),
    })),
  };
}

describe("createXliff 2.0 (yizhi prepare, 002_f1fd56940989419e.txt:91, :93, :201)", () => {
  const doc = corpusDocument();
  const xml = createXliff(doc, { version: "2.0", srcLang: "zh-CN", trgLang: "en" });

  it("writes one unit per paragraph with its line in a location note, one segment per sentence", () => {
    expect(xml.split("\n").slice(0, 12).join("\n")).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">',
        `  <file id="f1" original="${CORPUS}">`,
        '    <unit id="p1">',
        "      <notes>",
        '        <note category="location">line 91</note>',
        "      </notes>",
        '      <segment id="s1">',
        "        <source>A. 促进以基于权利的办法处理国际移徙问题</source>",
        "      </segment>",
        "    </unit>",
        '    <unit id="p2">',
      ].join("\n"),
    );
  });

  it("is valid against the OASIS XLIFF 2.0 core schema", async () => {
    const result = await validateXliff(xml, "2.0");
    expect(result.errors).toEqual([]);
  });

  it("reads back to the same units, segments and line notes", () => {
    const back = readXliff(xml, "p.xlf");
    expect(back.version).toBe("2.0");
    expect([back.srcLang, back.trgLang]).toEqual(["zh-CN", "en"]);
    expect(back.units.map((u) => [u.id, u.notes, u.fileId])).toEqual([
      ["p1", ["line 91"], "f1"],
      ["p2", ["line 93"], "f1"],
      ["p3", ["line 201"], "f1"],
    ]);
    expect(back.units.map((u) => u.segments.map((s) => [s.id, s.source.text, s.target?.text]))).toEqual(
      doc.units.map((u) => u.segments.map((s) => [s.id, s.source, undefined])),
    );
    expect(back.units[1]!.segments).toHaveLength(6);
  });

  it("writes targets with state translated, escapes markup characters and keeps fragile whitespace", () => {
    const out = createXliff(
      {
        original: "a&b.txt",
        units: [
          {
            id: "p1",
            paragraphLine: 4,
            segments: [
              {
                id: "s1",
                source: "《保护所有移徙工人及其家庭成员权利国际公约》",
                target: "the <Convention> & its  Protocol",
              },
              { id: "s2", source: "其他六项文书", target: " trailing\tspace " },
            ],
          },
        ],
      },
      { version: "2.0", srcLang: "zh-CN", trgLang: "en" },
    );
    expect(out).toContain('<file id="f1" original="a&amp;b.txt">');
    expect(out).toContain(
      '<segment id="s1" state="translated">\n        <source>《保护所有移徙工人及其家庭成员权利国际公约》</source>\n        <target xml:space="preserve">the &lt;Convention&gt; &amp; its  Protocol</target>',
    );
    const back = readXliff(out, "t.xlf");
    expect(back.units[0]!.segments.map((s) => [s.target?.text, s.state])).toEqual([
      ["the <Convention> & its  Protocol", "translated"],
      [" trailing\tspace ", "translated"],
    ]);
  });

  it("writes a character XML cannot hold as <cp> (U+000C form feed from a PDF page break)", async () => {
    const out = createXliff(
      {
        original: "f.txt",
        units: [{ id: "p1", paragraphLine: 1, segments: [{ id: "s1", source: "移徙\f者" }] }],
      },
      { version: "2.0", srcLang: "zh-CN" },
    );
    expect(out).toContain('<source>移徙<cp hex="000C"/>者</source>');
    const result = await validateXliff(out, "2.0");
    expect(result.errors).toEqual([]);
  });
});

describe("createXliff 1.2 (yizhi prepare --xliff 1.2)", () => {
  const doc = corpusDocument();
  const xml = createXliff(doc, { version: "1.2", srcLang: "zh-CN", trgLang: "en" });

  it("writes one trans-unit per paragraph with seg-source segments and a linenumber context", () => {
    const p1 = xml.slice(xml.indexOf('<trans-unit id="p1">'), xml.indexOf('<trans-unit id="p2">'));
    expect(p1).toBe(
      [
        '<trans-unit id="p1">',
        "        <source>A. 促进以基于权利的办法处理国际移徙问题</source>",
        '        <seg-source><mrk mtype="seg" mid="s1">A. 促进以基于权利的办法处理国际移徙问题</mrk></seg-source>',
        '        <context-group purpose="location">',
        '          <context context-type="linenumber">91</context>',
        "        </context-group>",
        "      </trans-unit>",
        "      ",
      ].join("\n"),
    );
    expect(xml).toContain(
      `<file original="${CORPUS}" source-language="zh-CN" target-language="en" datatype="plaintext">`,
    );
  });

  it("joins Chinese sentences without a space in <source> and <seg-source>", () => {
    const back = readXliff(xml, "p.xlf");
    const p2 = doc.units[1]!;
    expect(xml).toContain(`<source>${p2.segments.map((s) => s.source).join("")}</source>`);
    expect(back.units[1]!.segments.map((s) => s.source.text)).toEqual(p2.segments.map((s) => s.source));
  });

  it("is valid against the OASIS XLIFF 1.2 strict schema", async () => {
    const result = await validateXliff(xml, "1.2");
    expect(result.errors).toEqual([]);
  });

  it("reads back to the same units and segments, with targets where given", async () => {
    const withTargets: NewDocument = {
      original: CORPUS,
      units: [
        {
          id: "p1",
          paragraphLine: 91,
          segments: [
            {
              id: "s1",
              source: "A. 促进以基于权利的办法处理国际移徙问题",
              target: "A. Promoting a rights-based approach",
            },
          ],
        },
        {
          id: "p2",
          paragraphLine: 201,
          segments: sentences(201)
            .slice(0, 2)
            .map((source, i) => ({
              id: `s${i + 1}`,
              source,
              ...(i === 0 ? { target: "Restrictive policies & more" } : {}),
            })),
        },
      ],
    };
    const out = createXliff(withTargets, { version: "1.2", srcLang: "zh-CN", trgLang: "en" });
    expect(out).toContain(
      '<target state="translated"><mrk mtype="seg" mid="s1">A. Promoting a rights-based approach</mrk></target>',
    );
    expect(out).toContain('<target><mrk mtype="seg" mid="s1">Restrictive policies &amp; more</mrk></target>');
    const back = readXliff(out, "t.xlf");
    expect(back.units.map((u) => u.segments.map((s) => [s.id, s.source.text, s.target?.text]))).toEqual([
      [["s1", "A. 促进以基于权利的办法处理国际移徙问题", "A. Promoting a rights-based approach"]],
      [
        ["s1", "53. 与会者认为，限制性的移徙政策致使非正常移徙与日俱增。", "Restrictive policies & more"],
        ["s2", sentences(201)[1], undefined],
      ],
    ]);
    const result = await validateXliff(out, "1.2");
    expect(result.errors).toEqual([]);
  });

  it("refuses a character that XLIFF 1.2 cannot hold, naming file, line and unit", () => {
    const bad: NewDocument = {
      original: "f.txt",
      units: [{ id: "p7", paragraphLine: 12, segments: [{ id: "s1", source: "移徙\f者" }] }],
    };
    expect(() => createXliff(bad, { version: "1.2", srcLang: "zh-CN" })).toThrow(InputError);
    try {
      createXliff(bad, { version: "1.2", srcLang: "zh-CN" });
    } catch (error) {
      expect((error as InputError).describe()).toBe(
        "f.txt:12: unit p7: character U+000C cannot be written in XLIFF 1.2 (use XLIFF 2.0)",
      );
    }
  });
});

describe("createXliff 1.2 with copySource (yizhi prepare --xliff 1.2 --copy-source, 002_f1fd56940989419e.txt:91, :201)", () => {
  const doc: NewDocument = {
    original: CORPUS,
    units: [
      {
        id: "p1",
        paragraphLine: 91,
        segments: [{ id: "s1", source: "A. 促进以基于权利的办法处理国际移徙问题" }],
      },
      {
        id: "p2",
        paragraphLine: 201,
        segments: sentences(201)
          .slice(0, 2)
          .map((source, i) => ({
            id: `s${i + 2}`,
            source,
            ...(i === 1 ? { target: "Policies & more" } : {}),
          })),
      },
      {
        id: "p3",
        paragraphLine: 201,
        segments: [{ id: "s4", source: "汇款", target: "remittances" }],
      },
    ],
  };
  const xml = createXliff(doc, { version: "1.2", srcLang: "zh-CN", trgLang: "en", copySource: true });
  const s2 = sentences(201)[0];

  it("copies each untranslated sentence into the target, needs-translation while any sentence is a copy", () => {
    expect(xml).toContain(
      '<target state="needs-translation"><mrk mtype="seg" mid="s1">A. 促进以基于权利的办法处理国际移徙问题</mrk></target>',
    );
    expect(xml).toContain(
      `<target state="needs-translation"><mrk mtype="seg" mid="s2">${s2}</mrk> <mrk mtype="seg" mid="s3">Policies &amp; more</mrk></target>`,
    );
    expect(xml).toContain('<target state="translated"><mrk mtype="seg" mid="s4">remittances</mrk></target>');
    // The target follows <seg-source>, before the context group (1.2 trans-unit content order).
    const p1 = xml.slice(xml.indexOf('<trans-unit id="p1">'), xml.indexOf('<trans-unit id="p2">'));
    expect(p1.split("\n").map((l) => l.trim().replace(/>.*/, ">"))).toEqual([
      '<trans-unit id="p1">',
      "<source>",
      "<seg-source>",
      '<target state="needs-translation">',
      '<context-group purpose="location">',
      '<context context-type="linenumber">',
      "</context-group>",
      "</trans-unit>",
      "",
    ]);
  });

  it("is valid against the OASIS XLIFF 1.2 strict schema", async () => {
    const result = await validateXliff(xml, "1.2");
    expect(result.errors).toEqual([]);
  });

  it("reads back with the copies as targets and the target's state on every segment", () => {
    const back = readXliff(xml, "c.xlf");
    expect(back.units.map((u) => u.segments.map((s) => [s.id, s.target?.text, s.state]))).toEqual([
      [["s1", "A. 促进以基于权利的办法处理国际移徙问题", "needs-translation"]],
      [
        ["s2", s2, "needs-translation"],
        ["s3", "Policies & more", "needs-translation"],
      ],
      [["s4", "remittances", "translated"]],
    ]);
  });

  it("is refused for XLIFF 2.0, where a segment without <target> is the untranslated segment", () => {
    expect(() =>
      createXliff(doc, { version: "2.0", srcLang: "zh-CN", trgLang: "en", copySource: true }),
    ).toThrow("copySource is for XLIFF 1.2");
  });
});

describe("createXliff refuses what XLIFF cannot carry", () => {
  const one = (id: string, sid = "s1") => ({ id, paragraphLine: 1, segments: [{ id: sid, source: "汇款" }] });
  it("rejects duplicate unit ids, duplicate segment ids, non-NMTOKEN ids, and targets without trgLang", () => {
    expect(() =>
      createXliff({ original: "f", units: [one("p1"), one("p1")] }, { version: "2.0", srcLang: "zh" }),
    ).toThrow('duplicate unit id "p1"');
    expect(() =>
      createXliff(
        {
          original: "f",
          units: [
            {
              id: "p1",
              paragraphLine: 1,
              segments: [
                { id: "s1", source: "a" },
                { id: "s1", source: "b" },
              ],
            },
          ],
        },
        { version: "1.2", srcLang: "zh" },
      ),
    ).toThrow('duplicate segment id "s1" in unit "p1"');
    expect(() =>
      createXliff({ original: "f", units: [one("p 1")] }, { version: "2.0", srcLang: "zh" }),
    ).toThrow('unit id "p 1" is not an XML NMTOKEN');
    expect(() =>
      createXliff(
        {
          original: "f",
          units: [{ id: "p1", paragraphLine: 1, segments: [{ id: "s1", source: "a", target: "b" }] }],
        },
        { version: "2.0", srcLang: "zh" },
      ),
    ).toThrow("targets given but no trgLang");
  });
});
