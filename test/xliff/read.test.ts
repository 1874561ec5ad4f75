import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { InputError } from "../../src/errors.js";
import { readXliff, textOffsetToXml, type InlineText, type XliffDocument } from "../../src/xliff/read.js";

const FIXTURES = new URL("../fixtures/xliff/", import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));
const read = (name: string): XliffDocument => readXliff(fixture(name), name);
/** A corpus line as the fixtures quote it (PDF extraction leaves trailing spaces, which we trim). */
const corpus = (file: string, line: number): string => {
  const lines = readFileSync(new URL(`../../glossary/sources/${file}`, import.meta.url), "utf8").split("\n");
  return lines[line - 1]!.trim();
};

const codes = (t: InlineText | undefined) =>
  t?.codes.map((c) => `${c.kind}#${c.id ?? ""}@${c.offset}-${c.end}`);
/** The XML under each text run, to check the text ↔ XML map. */
const xmlOfText = (doc: XliffDocument, t: InlineText) =>
  t.runs.map((r) => doc.xml.slice(r.xmlStart, r.xmlStart + r.xmlLength)).join("|");

function errorOf(run: () => unknown): { text: string; code: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return { text: e.describe(), code: e.code };
    throw e;
  }
  throw new Error("no error");
}

describe("readXliff: OmegaT-style XLIFF 1.2", () => {
  const doc = read("omegat-1.2.xlf");

  it("reads version, languages and the six trans-units in order", () => {
    expect([doc.version, doc.srcLang, doc.trgLang, doc.encoding, doc.bom, doc.eol]).toEqual([
      "1.2",
      "zh-CN",
      "en",
      "utf-8",
      false,
      "\n",
    ]);
    expect(doc.units.map((u) => [u.id, u.translate, u.groupPath.join("/"), u.fileId])).toEqual([
      ["1", true, "", "A_61_187.txt"],
      ["2", true, "", "A_61_187.txt"],
      ["3", true, "", "A_61_187.txt"],
      ["4", false, "", "A_61_187.txt"],
      ["5", true, "g1", "A_61_187.txt"],
      ["6", true, "g1", "A_61_187.txt"],
    ]);
  });

  it("reads source 002_f1fd56940989419e.txt:155 with its translated target, state and note", () => {
    const [u] = doc.units;
    expect(u!.segments).toHaveLength(1);
    const s = u!.segments[0]!;
    expect(s.source.text).toBe(corpus("002_f1fd56940989419e.txt", 155));
    expect(s.target?.text).toBe("6. Coherence of international migration and development policies");
    expect([s.id, s.state, s.subState, s.hasStateAttribute]).toEqual([
      undefined,
      "translated",
      undefined,
      true,
    ]);
    expect(u!.notes).toEqual(["Heading, section II"]);
  });

  it("keeps g and x as codes around 移徙者 (002_f1fd56940989419e.txt:199)", () => {
    const s = doc.units[2]!.segments[0]!;
    expect(s.source.text).toBe(corpus("002_f1fd56940989419e.txt", 199));
    expect(codes(s.source)).toEqual(["g#1@9-12", "x#2@12-12"]);
    expect(s.target).toBeUndefined();
  });

  it("takes segments from seg-source <mrk mtype=seg> and pairs targets by mid", () => {
    const u = doc.units[4]!;
    expect(u.segmented).toBe(true);
    expect(u.segments.map((s) => [s.id, s.source.text, s.target?.text])).toEqual([
      ["5.1", corpus("002_f1fd56940989419e.txt", 203), "5. Integration of international migrants"],
      ["5.2", corpus("002_f1fd56940989419e.txt", 209), ""],
    ]);
  });

  it("leaves native code (bpt, ept, ph) out of the text, resolves &amp; and ignores alt-trans", () => {
    const u = doc.units[5]!;
    const s = u.segments[0]!;
    expect(s.source.text).toBe(`${corpus("000_9269ffeef60731b4.txt", 189)} & `);
    expect(codes(s.source)).toEqual(["bpt#1@0-0", "ept#1@9-9", "ph12#2@12-12"]);
    expect([s.target?.text, s.state, s.targetSelfClosing]).toEqual(["", "needs-translation", true]);
    expect(u.segments).toHaveLength(1);
    expect(xmlOfText(doc, s.source)).toBe("政府内部政策一致性| |&amp;| ");
  });

  it("puts notes and alt-trans after the last core child, before </trans-unit>", () => {
    const u = doc.units[5]!;
    expect(doc.xml.slice(u.moduleInsertAt - 12, u.moduleInsertAt)).toBe("</alt-trans>");
    const u1 = doc.units[0]!;
    expect(doc.xml.slice(u1.moduleInsertAt - 7, u1.moduleInsertAt)).toBe("</note>");
    expect([u1.childLeadingSpace, u1.indent]).toEqual(["\n        ", "      "]);
  });
});

describe("readXliff: Okapi-style XLIFF 2.0", () => {
  const doc = read("okapi-2.0.xlf");

  it("reads pc and ph with originalData (000_9269ffeef60731b4.txt:181)", () => {
    const u = doc.units[0]!;
    expect([u.id, u.name]).toEqual(["tu1", "p1"]);
    expect(u.originalData).toEqual({ d1: "<b>", d2: "</b>", d3: "<br/>" });
    const s = u.segments[0]!;
    expect([s.id, s.source.text]).toEqual(["s1", corpus("000_9269ffeef60731b4.txt", 181)]);
    expect(codes(s.source)).toEqual(["pc#1@0-6", "ph#2@13-13"]);
    expect(s.source.codes[0]!.attributes).toEqual({ id: "1", dataRefEnd: "d2", dataRefStart: "d1" });
    expect(doc.xml.slice(s.source.codes[1]!.xmlStart, s.source.codes[1]!.xmlEnd)).toBe(
      '<ph id="2" dataRef="d3"/>',
    );
  });

  it("puts unit-level module elements right after <unit> when the client has none (core schema order)", () => {
    const u = doc.units[0]!;
    expect(doc.xml.slice(u.moduleInsertAt - 25, u.moduleInsertAt)).toBe('<unit id="tu1" name="p1">');
    expect([u.childLeadingSpace, u.indent]).toEqual(["\n", ""]);
  });

  it("reads state and target (003_4ec4a3f0193b5aa8.txt:334)", () => {
    const s = doc.units[2]!.segments[0]!;
    expect([s.source.text, s.target?.text, s.state]).toEqual([
      corpus("003_4ec4a3f0193b5aa8.txt", 334),
      "Independence of the civil society process",
      "translated",
    ]);
  });
});

describe("readXliff: XLIFF 2.0 with groups, CRLF, BOM, comments, PIs, CDATA and references", () => {
  const doc = read("groups-crlf-bom-2.0.xlf");

  it("detects the BOM and CRLF, and inherits translate=no from a group", () => {
    expect([doc.bom, doc.eol, doc.xml.startsWith("<?xml")]).toEqual([true, "\r\n", true]);
    expect(doc.units.map((u) => [u.id, u.translate, u.groupPath])).toEqual([
      ["u-no", false, ["g1", "g1.1"]],
      ["u1", true, ["g1"]],
    ]);
  });

  it("resolves &amp;, CDATA and &#x4E00; and maps every run back to the XML", () => {
    const s = doc.units[1]!.segments[0]!;
    expect(s.source.text).toBe("政府内部政策一致性 & <原籍国> 一致");
    expect(xmlOfText(doc, s.source)).toBe("政府内部政策一致性 |&amp;| |<原籍国>| |&#x4E00;|致");
    expect(s.state).toBe("initial");
  });

  it("normalises CRLF to LF in text, skips the PI, and keeps xml:space content", () => {
    const s = doc.units[1]!.segments[1]!;
    expect(s.source.text).toBe(`${corpus("000_9269ffeef60731b4.txt", 181)}\n  第二行`);
    expect(xmlOfText(doc, s.source)).toBe("在移徙问题上实现政策一致性|\r\n|  第二行");
  });

  it("keeps <ignorable> out of the segments", () => {
    const u = doc.units[1]!;
    expect(u.segments.map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(u.ignorables.map((i) => i.source.text)).toEqual(["  "]);
  });

  it("inserts module elements after the client's unknown-namespace element <my:meta>", () => {
    const u = doc.units[1]!;
    expect(doc.xml.slice(u.moduleInsertAt - 30, u.moduleInsertAt)).toBe(
      "<my:meta id='m1'>reviewed</my:meta>".slice(-30),
    );
  });
});

describe("readXliff: other versions and encodings", () => {
  it("reads a 2.1 file and a segment without id", () => {
    const doc = read("version-2.1.xlf");
    expect(doc.version).toBe("2.1");
    expect(doc.units[0]!.segments[0]!.id).toBeUndefined();
    expect(doc.units[0]!.segments[0]!.source.text).toBe(corpus("004_c6292b922524f64f.txt", 184));
    expect(doc.units[1]!.segments.map((s) => [s.id, s.target?.text, s.targetSelfClosing])).toEqual([
      ["s1", "", true],
      ["s2", undefined, false],
    ]);
  });

  it("reads a 2.2 file in the urn:oasis:names:tc:xliff:document:2.2 namespace", () => {
    const doc = read("version-2.2.xlf");
    expect([doc.version, doc.namespace, doc.units[0]!.segments[0]!.source.text]).toEqual([
      "2.2",
      "urn:oasis:names:tc:xliff:document:2.2",
      corpus("003_4ec4a3f0193b5aa8.txt", 334),
    ]);
  });

  it("decodes UTF-16LE with a BOM", () => {
    const doc = read("utf16le-bom-1.2.xlf");
    expect([doc.encoding, doc.bom, doc.units[0]!.segments[0]!.source.text]).toEqual([
      "utf-16le",
      true,
      corpus("000_9269ffeef60731b4.txt", 181),
    ]);
  });

  it("reads the client's existing gls:glossary and mtc:matches containers", () => {
    const doc = read("client-modules-2.0.xlf");
    const u = doc.units[0]!;
    expect(doc.xml.slice(u.glossary!.insertAt - 17, u.glossary!.insertAt)).toBe("</gls:glossEntry>");
    expect(doc.xml.slice(u.matches!.insertAt - 10, u.matches!.insertAt)).toBe("</m:match>");
    expect([u.glossary!.childLeadingSpace, u.matches!.coreIsDefault]).toEqual(["\n\t\t\t\t", true]);
    expect(u.notes).toEqual(["Heading, document A/61/187"]);
    expect(doc.xml.slice(u.moduleInsertAt - 12, u.moduleInsertAt)).toBe("</m:matches>");
  });
});

describe("readXliff refuses hostile and broken input with file, line, column and unit", () => {
  const cases: [string, string, string][] = [
    [
      "hostile-truncated.xlf",
      "hostile-truncated.xlf:7:1: unit u1: unexpected end of file: unclosed tag: segment",
      "bad-xml",
    ],
    [
      "hostile-not-xml.xlf",
      'hostile-not-xml.xlf:1:1: not XML: the file starts with "yizhi 一致: th", not with "<"',
      "bad-xliff",
    ],
    ["hostile-empty.xlf", "hostile-empty.xlf:1:1: the file is empty", "bad-xliff"],
    [
      "hostile-xxe.xlf",
      "hostile-xxe.xlf:2:1: DOCTYPE declarations are not accepted (external entities and entity expansion are refused)",
      "bad-xliff",
    ],
    [
      "hostile-billion-laughs.xlf",
      "hostile-billion-laughs.xlf:2:1: DOCTYPE declarations are not accepted (external entities and entity expansion are refused)",
      "bad-xliff",
    ],
    [
      "hostile-version-3.0.xlf",
      'hostile-version-3.0.xlf:2:1: unsupported XLIFF version "3.0" (namespace urn:oasis:names:tc:xliff:document:2.0 carries 2.0 and 2.1)',
      "bad-xliff",
    ],
    [
      "hostile-no-namespace.xlf",
      "hostile-no-namespace.xlf:2:1: <xliff> has no XLIFF namespace (expected urn:oasis:names:tc:xliff:document:1.2 or :2.0)",
      "bad-xliff",
    ],
    [
      "hostile-duplicate-ids.xlf",
      'hostile-duplicate-ids.xlf:9:5: unit u1: duplicate unit id "u1" (first used at line 4, column 5)',
      "bad-xliff",
    ],
    [
      "hostile-invalid-utf8.xlf",
      "hostile-invalid-utf8.xlf:6:19: invalid UTF-8 at byte 205 (bytes e8 bf e8 80)",
      "bad-encoding",
    ],
    [
      "hostile-utf16-no-bom.xlf",
      "hostile-utf16-no-bom.xlf:1:1: UTF-16 text without a byte order mark (XML 1.0 §4.3.3 requires one)",
      "bad-encoding",
    ],
  ];
  for (const [name, text, code] of cases) {
    it(`${name} → ${code}`, () => {
      expect(errorOf(() => read(name))).toEqual({ text, code });
    });
  }

  it("names the unit and position of a mismatched end tag", () => {
    const xml =
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh">\n<file id="f"><unit id="u7"><segment><source>移徙</target>';
    expect(errorOf(() => readXliff(xml, "in.xlf"))).toEqual({
      text: "in.xlf:2:47: unit u7: not well-formed XML: end tag </target> does not match <source> (line 2, column 37)",
      code: "bad-xml",
    });
  });

  it("refuses a declared encoding it would mis-decode", () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><xliff/>';
    expect(errorOf(() => readXliff(xml, "in.xlf")).text).toBe(
      'in.xlf:1:31: encoding "ISO-8859-1" is not supported (UTF-8 and UTF-16 are)',
    );
  });

  it("refuses a root element that is not <xliff>", () => {
    expect(errorOf(() => readXliff("<tmx version='1.4'/>", "in.tmx")).text).toBe(
      "in.tmx:1:1: not an XLIFF document: the root element is <tmx>",
    );
  });
});

describe("readXliff: positions and depth on unusual layouts", () => {
  const units = (n: number, sep: string) =>
    Array.from({ length: n }, (_, i) => `<unit id="u${i}"><segment><source>移徙者${i}</source></segment></unit>`).join(sep);
  const wrap = (body: string, sep: string) =>
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN">${sep}<file id="f">${sep}${body}${sep}</file>${sep}</xliff>`;

  /** Where each unit starts, counted by hand from the text (LF, CRLF and lone CR each end a line). */
  function expectedPositions(xml: string): { line: number; column: number }[] {
    const out: { line: number; column: number }[] = [];
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < xml.length; i++) {
      if (xml.startsWith("<unit ", i)) out.push({ line, column: i - lineStart + 1 });
      const c = xml[i];
      if (c === "\n" || (c === "\r" && xml[i + 1] !== "\n")) {
        line++;
        lineStart = i + 1;
      }
    }
    return out;
  }

  for (const [label, sep] of [
    ["one line", ""],
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["lone CR (XML 1.0 §2.11)", "\r"],
    ["mixed CR and CRLF", "\r\r\n "],
  ] as const) {
    it(`gives every unit its line and column: ${label}`, () => {
      const xml = wrap(units(50, sep), sep);
      const doc = readXliff(xml, "layout.xlf");
      expect(doc.units.map((u) => ({ line: u.line, column: u.column }))).toEqual(expectedPositions(xml));
    });
  }

  it("tells thousands of unit ids apart, and names where a repeated one was first used", () => {
    const xml = wrap(units(6000, "\n"), "\n");
    expect(readXliff(xml, "many.xlf").units.map((u) => u.id)).toEqual(Array.from({ length: 6000 }, (_, i) => `u${i}`));
    // Units start on line 3; u1500 again after the 6,000th.
    const again = wrap(`${units(6000, "\n")}\n<unit id="u1500"><segment><source>汇款</source></segment></unit>`, "\n");
    expect(errorOf(() => readXliff(again, "many.xlf"))).toEqual({
      text: 'many.xlf:6003:1: unit u1500: duplicate unit id "u1500" (first used at line 1503, column 1)',
      code: "bad-xliff",
    });
  });

  it("refuses elements nested deeper than 1000 levels, naming where", () => {
    const depth = 5000;
    const xml = wrap(`<unit id="u1"><segment><source>${"<pc id=\"p\">".repeat(depth)}移徙${"</pc>".repeat(depth)}</source></segment></unit>`, "\n");
    const error = errorOf(() => readXliff(xml, "deep.xlf"));
    // Refused at the 1001st element: after <xliff>, <file>, <unit>, <segment>, <source> and 995 <pc>.
    const column = xml.split("\n")[2]!.indexOf("<pc") + 995 * '<pc id="p">'.length + 1;
    expect(error).toEqual({ text: `deep.xlf:3:${column}: unit u1: elements nested deeper than 1000 levels`, code: "bad-xliff" });
  });
});

describe("textOffsetToXml", () => {
  const doc = read("groups-crlf-bom-2.0.xlf");
  const src = doc.units[1]!.segments[0]!.source;

  it("maps offsets around &amp; and &#x4E00; to their edges in the XML", () => {
    // text: "政府内部政策一致性 & <原籍国> 一致"
    const amp = src.text.indexOf("&");
    expect(doc.xml.slice(textOffsetToXml(src, amp)!, textOffsetToXml(src, amp + 1, "end")!)).toBe("&amp;");
    const yi = src.text.lastIndexOf("一");
    expect(doc.xml.slice(textOffsetToXml(src, yi)!, textOffsetToXml(src, yi + 2, "end")!)).toBe("&#x4E00;致");
    expect(doc.xml.slice(textOffsetToXml(src, 0)!, textOffsetToXml(src, 9, "end")!)).toBe(
      "政府内部政策一致性",
    );
  });

  it("keeps a code outside a span that ends or starts at it (Okapi pc/ph)", () => {
    const okapi = read("okapi-2.0.xlf");
    const s = okapi.units[0]!.segments[0]!.source;
    // "在移徙问题上" is inside <pc>; 实现政策一致性 follows </pc>.
    expect(okapi.xml.slice(textOffsetToXml(s, 6)!, textOffsetToXml(s, 13, "end")!)).toBe("实现政策一致性");
    expect(okapi.xml.slice(textOffsetToXml(s, 0)!, textOffsetToXml(s, 6, "end")!)).toBe("在移徙问题上");
    expect(textOffsetToXml(s, 14)).toBeUndefined();
  });
});
