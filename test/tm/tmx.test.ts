import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { TranslationUnit } from "../../src/tm/model.js";
import { parseTmx, writeTmx } from "../../src/tm/tmx.js";
import { validateTmx } from "./validate-dtd.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/tmx/${name}`, import.meta.url), "utf8");
const OBJ = "\uFFFC";

/** Parses, expecting an InputError, and returns its one-line description. */
function parseError(xml: string, file = "bad.tmx"): string {
  try {
    parseTmx(xml, file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).describe();
  }
  throw new Error("no error");
}

const HEADER =
  '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>';

describe("parseTmx on an OmegaT project_save.tmx (000_9269ffeef60731b4.txt lines 38, 48, 56)", () => {
  const units = parseTmx(fixture("omegat-project_save.tmx"), "project_save.tmx");

  it("reads tuv `lang` and `xml:lang`, numbering units without tuid by position", () => {
    expect(units.map((u) => [u.id, u.sourceLang, u.targetLang])).toEqual([
      ["1", "ZH-CN", "EN"],
      ["2", "ZH-CN", "EN"],
      ["3", "ZH-CN", "EN"],
    ]);
    expect(units[0]?.source).toBe("联大第 60/227 号决议请移徙组织为高级别对话作出贡献。");
    expect(units[0]?.target).toBe(
      "General Assembly resolution 60/227 invited IOM to contribute to the High-level Dialogue.",
    );
  });

  it("takes OmegaT's creation and change ids and dates from the target tuv, as ISO 8601", () => {
    expect(units[1]).toMatchObject({
      createdAt: "2024-01-15T09:33:44Z",
      changedAt: "2024-01-16T14:05:01Z",
      createdBy: "translator",
      changedBy: "reviewer",
    });
  });

  it("keeps OmegaT's file/prev/next props of an alternative translation in document order", () => {
    expect(units[2]?.properties).toEqual([
      { type: "file", value: "A_C.2_61_7.txt" },
      {
        type: "prev",
        value:
          "对话旨在促进人们进一步认识现代移徙的发展、促进国家间关于移徙的合作，并促进移徙与有关政策领域的连贯一致性。",
      },
      { type: "next", value: "它们还要求理事会第九十届会议就此专题组建特别小组。" },
    ]);
  });
});

describe("parseTmx on a Trados-style TMX with <bpt>/<ept>/<ph> (000_9269ffeef60731b4.txt lines 296, 432)", () => {
  const units = parseTmx(fixture("trados-inline-codes.tmx"), "trados.tmx");

  it("puts one U+FFFC per code in the plain text and keeps the markup in sourceXml/targetXml", () => {
    expect(units[0]?.source).toBe(
      `会议提请注意${OBJ}《保护所有移徙工人及其家庭成员权利国际公约》${OBJ}（保护移徙工人公约）在加强移徙者人权保护一致性方面的作用。`,
    );
    expect(units[0]?.sourceXml).toBe(
      '会议提请注意<bpt i="1" type="italic" x="1"/>《保护所有移徙工人及其家庭成员权利国际公约》<ept i="1"/>（保护移徙工人公约）在加强移徙者人权保护一致性方面的作用。',
    );
    expect(units[1]?.source).toBe(
      `发展中国家在 2005 年收到的有正式记录的国际汇款估计约为 1 670 亿美元${OBJ}。`,
    );
    expect(units[1]?.targetXml).toBe(
      'Recorded international remittances received by developing countries in 2005 are estimated at some US$ 167 billion<ph x="2" type="0">&lt;fn id="3"/&gt;</ph>.',
    );
  });

  it("reads unit-level dates, ids and usagecount, and keeps unknown props", () => {
    expect(units[0]).toMatchObject({
      createdAt: "2024-03-01T10:18:12Z",
      changedAt: "2024-03-02T08:15:00Z",
      createdBy: "UN\\translator",
      changedBy: "UN\\reviser",
      usageCount: 3,
      properties: [{ type: "x-Document:SingleString", value: "A_C.2_61_7.docx" }],
    });
    expect(units[1]?.usageCount).toBe(0);
  });
});

describe("parseTmx on an Okapi Rainbow TMX (004_c6292b922524f64f.txt lines 186, 196, 168)", () => {
  const units = parseTmx(fixture("okapi-rainbow.tmx"), "okapi.tmx");

  it("uses tuid as id and counts <ph>, <it> and <ut> as codes; <hi> text and no <sub> text stay", () => {
    expect(units.map((u) => u.id)).toEqual(["tu1_1", "tu2_1", "tu3_1"]);
    expect(units[1]?.source).toBe(`认为应区别发展和增长。${OBJ}${OBJ}`);
    expect(units[2]?.source).toBe(`还强调民间社会在此方面的重要作用${OBJ}。`);
    expect(units[2]?.sourceXml).toBe(
      '还强调<hi type="bold">民间社会</hi>在此方面的重要作用<ut>&lt;sup&gt;<sub>脚注</sub>&lt;/sup&gt;</ut>。',
    );
    expect(units[2]?.target).toBe(`Also stressed the important role of civil society in this regard${OBJ}.`);
  });
});

describe("writeTmx", () => {
  for (const name of ["omegat-project_save.tmx", "trados-inline-codes.tmx", "okapi-rainbow.tmx"]) {
    it(`round-trips ${name}: parse → write → parse gives equal units, and the output is DTD-valid`, () => {
      const units = parseTmx(fixture(name), name);
      const written = writeTmx(units, {
        srcLang: units[0]?.sourceLang ?? "",
        creationTool: "yizhi",
        creationToolVersion: "0.1.0",
      });
      expect(validateTmx(written)).toEqual([]);
      expect(parseTmx(written, "written.tmx")).toEqual(units);
    });
  }

  it("writes exact TMX 1.4b bytes: header, props, escaped text, codes without kept XML as <ph/>", () => {
    const unit: TranslationUnit = {
      id: "000-0004",
      source: `联大第60/227号决议请移徙组织为高级别对话作出贡献${OBJ}。`,
      target: 'Resolution 60/227 & "IOM" <b>',
      sourceLang: "zh-CN",
      targetLang: "en",
      origin: { file: "glossary/sources/000_9269ffeef60731b4.txt", line: 38 },
      previousSource: "a < b",
      changedAt: "2026-11-28T08:00:00Z",
      usageCount: 2,
    };
    expect(
      writeTmx([unit], {
        srcLang: "zh-CN",
        creationTool: "yizhi",
        creationToolVersion: "0.1.0",
        note: "A & B",
      }),
    ).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<tmx version="1.4">',
        '  <header creationtool="yizhi" creationtoolversion="0.1.0" segtype="sentence" o-tmf="yizhi" adminlang="en" srclang="zh-CN" datatype="plaintext">',
        "    <note>A &amp; B</note>",
        "  </header>",
        "  <body>",
        '    <tu tuid="000-0004" changedate="20261128T080000Z" usagecount="2">',
        '      <prop type="x-origin-file">glossary/sources/000_9269ffeef60731b4.txt</prop>',
        '      <prop type="x-origin-line">38</prop>',
        '      <prop type="x-previous-source">a &lt; b</prop>',
        '      <tuv xml:lang="zh-CN"><seg>联大第60/227号决议请移徙组织为高级别对话作出贡献<ph/>。</seg></tuv>',
        '      <tuv xml:lang="en"><seg>Resolution 60/227 &amp; "IOM" &lt;b&gt;</seg></tuv>',
        "    </tu>",
        "  </body>",
        "</tmx>",
        "",
      ].join("\n"),
    );
  });
});

describe("parseTmx progress", () => {
  it("reports characters read, rising, ending at (total, total)", () => {
    const xml = fixture("okapi-rainbow.tmx");
    const calls: [number, number][] = [];
    parseTmx(xml, "okapi.tmx", { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.at(-1)).toEqual([xml.length, xml.length]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });
});

describe("parseTmx refuses bad input with file, line, column and unit", () => {
  it("accepts a plain DOCTYPE without internal subset, as tools write it", () => {
    expect(parseTmx(`<!DOCTYPE tmx SYSTEM "tmx14.dtd">${HEADER}</body></tmx>`, "ok.tmx")).toEqual([]);
  });

  it("refuses a DOCTYPE with an internal subset (entity expansion, billion laughs)", () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n${HEADER}<tu><tuv xml:lang="zh-CN"><seg>&b;</seg></tuv></tu></body></tmx>`;
    expect(parseError(bomb)).toMatch(/^bad\.tmx:5:\d+: DOCTYPE with an internal subset is not accepted$/);
  });

  it("reports a truncated file as malformed XML at its end", () => {
    const xml = fixture("okapi-rainbow.tmx");
    const cut = xml.slice(0, xml.indexOf("认为应区别"));
    expect(parseError(cut, "okapi.tmx")).toMatch(
      /^okapi\.tmx:11:27: unit tu2_1: malformed XML: unclosed tag: seg$/,
    );
  });

  it("reports an undefined entity", () => {
    expect(
      parseError(`${HEADER}\n<tu tuid="t1"><tuv xml:lang="zh-CN"><seg>&nbsp;</seg></tuv></tu></body></tmx>`),
    ).toMatch(/^bad\.tmx:2:\d+: unit t1: malformed XML: undefined entity/);
  });

  it("reports a tuv without <seg>, naming the unit by tuid", () => {
    expect(
      parseError(
        `${HEADER}\n<tu tuid="t7">\n<tuv xml:lang="zh-CN"><seg>移徙</seg></tuv>\n<tuv xml:lang="en"></tuv></tu></body></tmx>`,
      ),
    ).toMatch(/^bad\.tmx:4:\d+: unit t7: <tuv xml:lang="en"> has no <seg>$/);
  });

  it("reports a tuv without language, naming an unnamed unit by ordinal", () => {
    expect(parseError(`${HEADER}\n<tu><tuv><seg>移徙</seg></tuv></tu></body></tmx>`)).toMatch(
      /^bad\.tmx:2:\d+: unit #1: <tuv> has no xml:lang$/,
    );
  });

  it("reports a unit with no variant in the source language", () => {
    expect(
      parseError(
        `${HEADER}\n<tu tuid="x"><tuv xml:lang="fr"><seg>migrants</seg></tuv><tuv xml:lang="en"><seg>migrants</seg></tuv></tu></body></tmx>`,
      ),
    ).toMatch(/^bad\.tmx:2:\d+: unit x: no <tuv> for the source language zh-CN$/);
  });

  it("reports a document that is not TMX", () => {
    expect(parseError("<xliff/>")).toBe("bad.tmx:1:1: not a TMX document: no <tmx> element");
  });
});

describe("parseTmx language handling", () => {
  it("with srclang *all* takes the sourceLang option, else the first variant", () => {
    const xml =
      HEADER.replace('srclang="zh-CN"', 'srclang="*all*"') +
      '<tu><tuv xml:lang="en"><seg>migrants</seg></tuv><tuv xml:lang="zh-TW"><seg>移徙者</seg></tuv></tu></body></tmx>';
    expect(parseTmx(xml, "all.tmx").map((u) => [u.sourceLang, u.source])).toEqual([["en", "migrants"]]);
    expect(
      parseTmx(xml, "all.tmx", { sourceLang: "zh" }).map((u) => [u.sourceLang, u.source, u.target]),
    ).toEqual([["zh-TW", "移徙者", "migrants"]]);
  });
});
