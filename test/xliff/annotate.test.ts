import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, it, expect } from "vitest";
import {
  annotateStream,
  annotateXliff,
  formatSimilarity,
  planAnnotations,
  type UnitSuggestions,
} from "../../src/xliff/annotate.js";
import { readXliff, type XliffDocument, type XliffUnit } from "../../src/xliff/read.js";
import { applyInsertions, encodeLike } from "../../src/xliff/splice.js";
import { removeInsertions, stripOurAdditions } from "./strip.js";
import { validateXliff } from "../support/validate.js";

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/xliff/${name}`, import.meta.url));
const read = (name: string): XliffDocument => readXliff(fixture(name), name);

/** Synthetic suggestions for every unit: a glossary hit with characters to escape, and a fuzzy and an exact match per segment. */
function suggestionsFor(doc: XliffDocument): Map<string, UnitSuggestions> {
  return new Map(
    doc.units.map((u) => [
      u.id,
      {
        glossary: [
          {
            conceptId: "c012",
            term: "移徙者",
            translations: ["migrants", 'migrant\'s "kin"'],
            status: "preferred",
            definition: "persons who move <across> borders & stay",
          },
        ],
        matches: u.segments.flatMap((s) => [
          {
            ...(s.id !== undefined ? { segmentId: s.id } : {}),
            similarity: 0.875,
            source: `${s.source.text}的`,
            target: "Fuzzy & <near>",
            origin: "yizhi-tm",
          },
          {
            ...(s.id !== undefined ? { segmentId: s.id } : {}),
            similarity: 1,
            source: s.source.text,
            target: `EN ${s.source.text.slice(0, 6)}`,
            origin: "yizhi-tm",
          },
        ]),
      },
    ]),
  );
}

/** The text of one unit's element in a document. */
const unitXml = (xml: string, id: string, tag: string) => {
  const start = xml.indexOf(`<${tag} id="${id}"`);
  return xml.slice(start, xml.indexOf(`</${tag}>`, start) + tag.length + 3);
};

describe("annotateXliff: XLIFF 2.0 Glossary and Translation Candidates modules", () => {
  it("writes gls:glossary and mtc:matches first in the unit and pre-translates an empty segment (Okapi layout, 004_c6292b922524f64f.txt:186)", () => {
    const doc = read("okapi-2.0.xlf");
    const src = doc.units[1]!.segments[0]!.source.text;
    const s: Map<string, UnitSuggestions> = new Map([
      [
        "tu2",
        {
          glossary: [
            {
              segmentId: "s2",
              conceptId: "c031",
              term: "国际移徙",
              translations: ["international migration"],
              definition: "movement of persons across borders",
            },
          ],
          matches: [
            {
              segmentId: "s2",
              similarity: 1,
              source: src,
              target:
                "Thematic debate 2: impact of international migration on economic and social development.",
              origin: "yizhi:tm",
            },
          ],
        },
      ],
    ]);
    const out = annotateXliff(doc, s, { pretranslate: true });
    expect(unitXml(out, "tu2", "unit")).toBe(
      [
        '<unit id="tu2" name="p2">',
        '<gls:glossary xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0">',
        '<gls:glossEntry ref="#s2">',
        '<gls:term source="yizhi:c031">国际移徙</gls:term>',
        '<gls:translation source="yizhi">international migration</gls:translation>',
        '<gls:definition source="yizhi">movement of persons across borders</gls:definition>',
        "</gls:glossEntry>",
        "</gls:glossary>",
        '<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0">',
        '<mtc:match ref="#s2" similarity="100" type="tm" subType="yizhi:tm" origin="yizhi:tm">',
        `<source>${src}</source>`,
        "<target>Thematic debate 2: impact of international migration on economic and social development.</target>",
        "</mtc:match>",
        "</mtc:matches>",
        '<segment id="s2" state="translated" subState="yizhi:exact-match">',
        `<source>${src}</source>`,
        "<target>Thematic debate 2: impact of international migration on economic and social development.</target>",
        "</segment>",
        "</unit>",
      ].join("\n"),
    );
  });

  it("adds entries inside the client's gls:glossary and m:matches, declaring our prefixes locally", () => {
    const doc = read("client-modules-2.0.xlf");
    const out = annotateXliff(
      doc,
      new Map([
        [
          "u1",
          {
            glossary: [
              {
                conceptId: "c040",
                term: "身份不正常的移徙者",
                translations: ["migrants in an irregular situation"],
              },
            ],
            matches: [],
          },
        ],
      ]),
    );
    expect(out).toContain(
      "\t\t\t\t</gls:glossEntry>\n" +
        '\t\t\t\t<gls:glossEntry xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0">\n' +
        '\t\t\t\t\t<gls:term source="yizhi:c040">身份不正常的移徙者</gls:term>\n' +
        '\t\t\t\t\t<gls:translation source="yizhi">migrants in an irregular situation</gls:translation>\n' +
        "\t\t\t\t</gls:glossEntry>\n" +
        "\t\t\t</gls:glossary>",
    );
  });

  it("skips a match for a segment without id (mtc:match@ref is required) and never adds ids", () => {
    const doc = read("version-2.1.xlf");
    const plan = planAnnotations(doc, suggestionsFor(doc), { pretranslate: true });
    expect(plan.skipped).toEqual([
      { unit: "u1", kind: "match", reason: 'the segment has no id, and <mtc:match> needs ref="#id"' },
      { unit: "u1", kind: "match", reason: 'the segment has no id, and <mtc:match> needs ref="#id"' },
      {
        unit: "u2",
        kind: "pretranslate",
        reason: "the target is written <target/> and cannot be filled by insertion",
        segment: "s1",
      },
    ]);
    const u1 = unitXml(applyInsertions(doc, plan.insertions), "u1", "unit");
    expect(u1).toContain('<segment state="translated" subState="yizhi:exact-match">');
    expect(u1).not.toContain("mtc:");
  });

  it("leaves translate=no units alone and reports unknown unit ids", () => {
    const doc = read("groups-crlf-bom-2.0.xlf");
    const plan = planAnnotations(
      doc,
      new Map([
        ...suggestionsFor(doc),
        ["nope", { glossary: [], matches: [{ similarity: 1, source: "a", target: "b", origin: "x" }] }],
      ]),
    );
    expect(plan.skipped).toEqual([
      { unit: "nope", kind: "unit", reason: "no unit with this id" },
      { unit: "u-no", kind: "unit", reason: 'the unit is translate="no"' },
    ]);
    expect(plan.insertions.every((i) => i.offset > doc.units[0]!.xmlEnd)).toBe(true);
  });

  it("never overwrites a target with content, nor a segment whose state is set", () => {
    const doc = read("okapi-2.0.xlf");
    const plan = planAnnotations(
      doc,
      new Map([
        [
          "tu3",
          { glossary: [], matches: [{ similarity: 1, source: "x", target: "OTHER", origin: "yizhi-tm" }] },
        ],
      ]),
      { pretranslate: true },
    );
    expect(plan.insertions.map((i) => i.text)).toEqual([
      '\n<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0">\n<mtc:match ref="#s3" similarity="100" type="tm" subType="yizhi:tm" origin="yizhi-tm">\n<source>x</source>\n<target>OTHER</target>\n</mtc:match>\n</mtc:matches>',
    ]);
  });
});

describe("annotateXliff: XLIFF 1.2 notes and alt-trans", () => {
  it("writes a note and alt-trans after the target, and fills the empty target (002_f1fd56940989419e.txt:173)", () => {
    const doc = read("omegat-1.2.xlf");
    const src = doc.units[1]!.segments[0]!.source.text;
    const out = annotateXliff(
      doc,
      new Map([
        [
          "2",
          {
            glossary: [
              {
                conceptId: "c007",
                term: "移徙儿童",
                translations: ["migrant children"],
                status: "preferred",
              },
            ],
            matches: [
              {
                similarity: 1,
                source: src,
                target: "2. Vulnerable groups: migrant women, migrant children and indigenous peoples",
                origin: "yizhi-tm",
              },
            ],
          },
        ],
      ]),
      { pretranslate: true },
    );
    expect(unitXml(out, "2", "trans-unit")).toBe(
      [
        '<trans-unit id="2">',
        `        <source xml:lang="zh-CN">${src}</source>`,
        '        <target xml:lang="en" state="needs-review-translation" state-qualifier="exact-match">2. Vulnerable groups: migrant women, migrant children and indigenous peoples</target>',
        '        <note from="yizhi" annotates="source">移徙儿童 → migrant children (yizhi:c007, preferred)</note>',
        '        <alt-trans match-quality="100" origin="yizhi-tm">',
        `          <source>${src}</source>`,
        "          <target>2. Vulnerable groups: migrant women, migrant children and indigenous peoples</target>",
        "        </alt-trans>",
        "      </trans-unit>",
      ].join("\n"),
    );
  });

  it("gives alt-trans the mid of a seg-source segment", () => {
    const doc = read("omegat-1.2.xlf");
    const plan = planAnnotations(
      doc,
      new Map([
        [
          "5",
          {
            glossary: [],
            matches: [{ segmentId: "5.2", similarity: 0.9, source: "s", target: "t", origin: "yizhi-tm" }],
          },
        ],
      ]),
    );
    expect(plan.insertions.map((i) => i.text)).toEqual([
      '\n          <alt-trans mid="5.2" match-quality="90" origin="yizhi-tm">\n            <source>s</source>\n            <target>t</target>\n          </alt-trans>',
    ]);
  });
});

describe("formatSimilarity", () => {
  it("writes 0..1 as a 0–100 decimal with at most two decimals", () => {
    expect([0.875, 1, 0, 0.33333, 1.2, -1].map(formatSimilarity)).toEqual([
      "87.5",
      "100",
      "0",
      "33.33",
      "100",
      "0",
    ]);
  });
});

describe("round trip: annotate, then remove our additions → the client's bytes", () => {
  const good: [string, "1.2" | "2.0" | undefined][] = [
    ["omegat-1.2.xlf", "1.2"],
    ["utf16le-bom-1.2.xlf", "1.2"],
    ["okapi-2.0.xlf", "2.0"],
    ["groups-crlf-bom-2.0.xlf", "2.0"],
    ["client-modules-2.0.xlf", "2.0"],
    ["version-2.1.xlf", "2.0"],
    // The 2.2 core namespace has no schema in test/schemas: round trip only.
    ["version-2.2.xlf", undefined],
  ];
  for (const [name, xsd] of good) {
    it(`${name}: byte-identical after removing our spans and after recognising our elements${xsd !== undefined ? "; valid against the schema" : ""}`, async () => {
      const input = fixture(name);
      const doc = readXliff(input, name);
      const plan = planAnnotations(doc, suggestionsFor(doc), { pretranslate: true });
      expect(plan.insertions.length).toBeGreaterThan(0);
      const out = applyInsertions(doc, plan.insertions);
      const bytes = encodeLike(doc, out);
      expect(Buffer.compare(encodeLike(doc, removeInsertions(doc, out, plan.insertions)), input)).toBe(0);
      expect(Buffer.compare(encodeLike(doc, stripOurAdditions(out)), input)).toBe(0);
      // The output reads back with the same units and segments.
      expect(readXliff(bytes, name).units.map((u) => u.segments.map((s) => s.source.text))).toEqual(
        doc.units.map((u) => u.segments.map((s) => s.source.text)),
      );
      if (xsd !== undefined) {
        const result = await validateXliff(new Uint8Array(bytes), xsd);
        expect(result.errors).toEqual([]);
        expect(result.valid).toBe(true);
      }
    });
  }

  it("the schema check can fail: a gls:glossary after <segment> is refused by the core schema", async () => {
    const doc = read("okapi-2.0.xlf");
    const seg = doc.units[1]!.segments[0]!;
    const out = applyInsertions(doc, [
      {
        offset: seg.targetInsertAt,
        text: '<gls:glossary xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"><gls:glossEntry><gls:term>x</gls:term></gls:glossEntry></gls:glossary>',
      },
    ]);
    const result = await validateXliff(out, "2.0");
    expect(result.valid).toBe(false);
  });

  it("property: any mix of suggestions on any units strips back to the input bytes", () => {
    const docs = ["omegat-1.2.xlf", "groups-crlf-bom-2.0.xlf", "client-modules-2.0.xlf", "okapi-2.0.xlf"].map(
      (n) => [fixture(n), read(n)] as const,
    );
    const text = fc.string({ maxLength: 10 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: docs.length - 1 }),
        fc.array(
          fc.record({
            unit: fc.nat(),
            term: text,
            translation: text,
            similarity: fc.double({ min: 0, max: 1, noNaN: true }),
            target: text,
            pre: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        (which, picks) => {
          const [input, doc] = docs[which]!;
          const map = new Map<string, UnitSuggestions>();
          for (const p of picks) {
            const u = doc.units[p.unit % doc.units.length]!;
            const seg = u.segments[0]!;
            const entry = map.get(u.id) ?? { glossary: [], matches: [] };
            map.set(u.id, {
              glossary: [...entry.glossary, { conceptId: "c1", term: p.term, translations: [p.translation] }],
              matches: [
                ...entry.matches,
                {
                  ...(seg.id !== undefined ? { segmentId: seg.id } : {}),
                  similarity: p.pre ? 1 : p.similarity,
                  source: p.term,
                  target: p.target,
                  origin: "yizhi-tm",
                },
              ],
            });
          }
          const plan = planAnnotations(doc, map, { pretranslate: true });
          const out = applyInsertions(doc, plan.insertions);
          expect(Buffer.compare(encodeLike(doc, removeInsertions(doc, out, plan.insertions)), input)).toBe(0);
          // Whatever the strings hold, the output stays well-formed XLIFF.
          expect(readXliff(out, "out.xlf").units.length).toBe(doc.units.length);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe("annotateStream: unit by unit, output in pieces", () => {
  const fixtures = [
    "okapi-2.0.xlf",
    "omegat-1.2.xlf",
    "groups-crlf-bom-2.0.xlf",
    "utf16le-bom-1.2.xlf",
    "client-modules-2.0.xlf",
    "version-2.2.xlf",
    "precision-45-2.0.xlf",
  ];
  for (const name of fixtures) {
    it(`gives the same bytes as planning the whole document at once: ${name}`, () => {
      const doc = read(name);
      const suggestions = suggestionsFor(doc);
      const whole = encodeLike(doc, applyInsertions(doc, planAnnotations(doc, suggestions, { pretranslate: true }).insertions));
      const pieces: Buffer[] = [];
      const seen: string[] = [];
      const result = annotateStream(
        fixture(name),
        name,
        (unit) => {
          seen.push(unit.id);
          return suggestions.get(unit.id);
        },
        (chunk) => pieces.push(chunk),
        { pretranslate: true },
      );
      expect(Buffer.concat(pieces).equals(whole)).toBe(true);
      expect(seen).toEqual(doc.units.filter((u) => u.translate).map((u) => u.id));
      expect(result.units).toBe(doc.units.length);
      expect(result.doc.srcLang).toBe(doc.srcLang);
    });
  }

  it("writes a repeated suggestion in each unit's own layout (nesting depth, one-line units)", () => {
    // The same glossary hit and match (国际移徙, 004_c6292b922524f64f.txt:186) in three layouts: a unit indented
    // two spaces a level, the same inside a <group> (deeper), and a unit written on one line. Each unit must come
    // out exactly as it does when annotated alone.
    const units = [
      '  <unit id="a">\n   <segment id="s1">\n    <source>国际移徙</source>\n   </segment>\n  </unit>\n',
      '  <group id="g">\n   <unit id="b">\n    <segment id="s2">\n     <source>国际移徙</source>\n    </segment>\n   </unit>\n  </group>\n',
      '  <unit id="c"><segment id="s3"><source>国际移徙</source></segment></unit>\n',
    ];
    const wrap = (body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN">\n <file id="f">\n${body} </file>\n</xliff>\n`;
    const suggest = (unit: { segments: readonly { id?: string }[] }): UnitSuggestions => {
      const segmentId = unit.segments[0]?.id;
      return {
        glossary: [{ segmentId, conceptId: "c031", term: "国际移徙", translations: ["international migration"], definition: "movement of persons across borders" }],
        matches: [{ segmentId, similarity: 0.9, source: "国际移徙问题", target: "international migration & <development>", origin: "yizhi-tm" }],
      };
    };
    const annotate = (xml: string) => {
      const pieces: Buffer[] = [];
      annotateStream(Buffer.from(xml), "layouts.xlf", suggest, (c) => pieces.push(c));
      return Buffer.concat(pieces).toString("utf8");
    };
    const together = annotate(wrap(units.join("")));
    const alone = units.map((u) => annotate(wrap(u)));
    const body = (xml: string) => xml.slice(xml.indexOf(' <file id="f">\n') + 15, xml.lastIndexOf(" </file>"));
    expect(body(together)).toBe(alone.map(body).join(""));
    // The three layouts differ: the group's entries are one level deeper, the one-line unit has no line breaks.
    expect(body(alone[1]!)).toContain('\n     <gls:glossEntry ref="#s2">\n      <gls:term');
    expect(body(alone[2]!)).toContain('<gls:glossEntry ref="#s3"><gls:term source="yizhi:c031">国际移徙</gls:term>');
  });

  for (const pretranslate of [false, true]) {
    it(`writes units marked as repeats exactly as each would be written alone (every fixture, pretranslate ${pretranslate})`, () => {
      // Every unit gets the same suggestions, naming its own first segment, marked as repeats of one another: a
      // repeated unit is then written from the first one's rendering with its segment id put in. Units that
      // cannot be (several segments, no segment id, the client's own module container, a pre-translation, a
      // segmented 1.2 unit) take the ordinary path. Either way the bytes must be those of the ordinary path.
      const shared = {};
      // Besides the fixtures, one document repeating a unit in three layouts (two spaces a level, one level
      // deeper inside a group, on one line) and again in the first.
      const layouts = Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN">\n <file id="f">\n` +
          '  <unit id="a">\n   <segment id="s1">\n    <source>国际移徙</source>\n   </segment>\n  </unit>\n' +
          '  <group id="g">\n   <unit id="b">\n    <segment id="s2">\n     <source>国际移徙</source>\n    </segment>\n   </unit>\n  </group>\n' +
          '  <unit id="c"><segment id="s3"><source>国际移徙</source></segment></unit>\n' +
          '  <unit id="d">\n   <segment id="s4">\n    <source>国际移徙</source>\n   </segment>\n  </unit>\n </file>\n</xliff>\n',
      );
      const inputs: [string, Buffer][] = [...fixtures.map((n): [string, Buffer] => [n, fixture(n)]), ["layouts.xlf", layouts]];
      for (const [name, input] of inputs) {
        const suggest = (u: XliffUnit, repeats?: object): UnitSuggestions => {
          const segmentId = u.segments[0]?.id;
          return {
            glossary: [{ segmentId, conceptId: "c012", term: "移徙者", translations: ["migrants", 'migrant\'s "kin"'], definition: "persons who move <across> borders & stay" }],
            matches: [
              { segmentId, similarity: 0.875, source: "移徙者的", target: "Fuzzy & <near>", origin: "yizhi-tm" },
              { segmentId, similarity: pretranslate ? 1 : 0.75, source: "移徙者", target: "migrants", origin: "yizhi-tm" },
            ],
            ...(repeats !== undefined ? { repeats } : {}),
          };
        };
        const run = (repeats?: object) => {
          const pieces: Buffer[] = [];
          const result = annotateStream(input, name, (u) => suggest(u, repeats), (c) => pieces.push(c), { pretranslate });
          return { bytes: Buffer.concat(pieces), skipped: result.skipped };
        };
        const ordinary = run();
        const repeated = run(shared);
        expect(repeated.bytes.equals(ordinary.bytes), name).toBe(true);
        expect(repeated.skipped).toEqual(ordinary.skipped);
      }
    });
  }

  it("puts each repeated unit's own segment id, escaped, into the rendering it shares", () => {
    const ids = ["s1", 's&"2', "s<3>"];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN">\n <file id="f">\n${ids
      .map((id, i) => `  <unit id="u${i}">\n   <segment id="${id.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}">\n    <source>国际移徙</source>\n   </segment>\n  </unit>\n`)
      .join("")} </file>\n</xliff>\n`;
    const shared = {};
    const pieces: Buffer[] = [];
    annotateStream(
      Buffer.from(xml),
      "ids.xlf",
      (u) => ({
        glossary: [{ segmentId: u.segments[0]?.id, conceptId: "c031", term: "国际移徙", translations: ["international migration"] }],
        matches: [{ segmentId: u.segments[0]?.id, similarity: 0.9, source: "国际移徙问题", target: "international migration", origin: "yizhi-tm" }],
        repeats: shared,
      }),
      (c) => pieces.push(c),
    );
    const out = Buffer.concat(pieces).toString("utf8");
    expect(out.match(/<mtc:match ref="#s1"/g)?.length).toBe(1);
    expect(out.match(/<mtc:match ref="#s&amp;&quot;2"/g)?.length).toBe(1);
    expect(out.match(/<gls:glossEntry ref="#s&lt;3&gt;"/g)?.length).toBe(1);
    expect(readXliff(out, "out.xlf").units.map((u) => u.segments[0]?.id)).toEqual(ids);
    expect(out.match(/<gls:glossEntry /g)?.length).toBe(3);
  });

  it("writes repeated bodies with the file's byte order and line ends (UTF-16 BE, CRLF), each with its own content", () => {
    // Repeated entries are kept encoded once written; in a big-endian CRLF file they must still come out big-endian
    // with CRLF. Two entries share concept and term but not their English: neither may take the other's body.
    const unit = (i: number) =>
      `  <unit id="u${i}">\r\n   <segment id="s${i}">\r\n    <source>国际移徙</source>\r\n   </segment>\r\n  </unit>\r\n`;
    const xml = `<?xml version="1.0" encoding="UTF-16"?>\r\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN">\r\n <file id="f">\r\n${[0, 1, 2, 3].map(unit).join("")} </file>\r\n</xliff>\r\n`;
    const input = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, "utf16le").swap16()]);
    const suggest = (u: { id: string; segments: readonly { id?: string }[] }): UnitSuggestions => ({
      glossary: [
        {
          segmentId: u.segments[0]?.id,
          conceptId: "c031",
          term: "国际移徙",
          translations: [u.id === "u3" ? "migration across borders" : "international migration"],
        },
      ],
      matches: [
        { segmentId: u.segments[0]?.id, similarity: 0.9, source: "国际移徙问题", target: "international migration", origin: "yizhi-tm", id: "t1" },
      ],
    });
    const pieces: Buffer[] = [];
    annotateStream(input, "be.xlf", suggest, (c) => pieces.push(c));
    const doc = readXliff(input, "be.xlf");
    expect(doc.encoding).toBe("utf-16be");
    const whole = encodeLike(doc, annotateXliff(doc, new Map(doc.units.map((u) => [u.id, suggest(u)]))));
    const out = Buffer.concat(pieces);
    expect(out.equals(whole)).toBe(true);
    const text = Buffer.from(out).swap16().toString("utf16le");
    expect(text.split("\r\n").some((l) => l.includes("\n"))).toBe(false);
    expect(text.match(/>international migration</g)?.length).toBe(3 + 4);
    expect(text.match(/>migration across borders</g)?.length).toBe(1);
  });

  it("hands a large document to the writer in several pieces, in order", () => {
    const units = Array.from(
      { length: 3000 },
      (_, i) => `  <unit id="u${i}">\n   <segment id="s${i}">\n    <source>国际移徙与发展高级别对话第${i}段</source>\n   </segment>\n  </unit>\n`,
    );
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN">\n <file id="f">\n${units.join("")} </file>\n</xliff>\n`;
    const pieces: Buffer[] = [];
    const suggest = (): UnitSuggestions => ({
      glossary: [{ conceptId: "c031", term: "国际移徙", translations: ["international migration"] }],
      matches: [],
    });
    annotateStream(Buffer.from(xml), "big.xlf", suggest, (c) => pieces.push(c));
    expect(pieces.length).toBeGreaterThan(3);
    const doc = readXliff(xml, "big.xlf");
    const all = new Map(doc.units.map((u) => [u.id, suggest()]));
    expect(Buffer.concat(pieces).toString("utf8")).toBe(annotateXliff(doc, all));
  });

  it("reports progress after each unit (where it ends in the decoded document, of its length) and at the end", () => {
    const doc = read("precision-45-2.0.xlf");
    const calls: [number, number][] = [];
    annotateStream(fixture("precision-45-2.0.xlf"), "p.xlf", () => undefined, () => undefined, {
      onProgress: (done, total) => calls.push([done, total]),
    });
    const length = doc.xml.length;
    expect(calls).toEqual([...doc.units.map((u) => [u.xmlEnd, length]), [length, length]]);
    expect(doc.xml.slice(doc.units.at(-1)!.xmlEnd).trim()).toBe("</file>\n</xliff>");
  });

  it("stops with the reader's error on a duplicate unit id (the CLI then discards its temporary file)", () => {
    const pieces: Buffer[] = [];
    expect(() =>
      annotateStream(fixture("hostile-duplicate-ids.xlf"), "hostile-duplicate-ids.xlf", () => undefined, (c) => pieces.push(c)),
    ).toThrow(/duplicate unit id/);
  });
});
