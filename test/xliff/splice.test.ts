import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, it, expect } from "vitest";
import { readXliff, type XliffDocument } from "../../src/xliff/read.js";
import { applyInsertions, encodeLike, EncodingWriter, type Insertion } from "../../src/xliff/splice.js";
import { removeInsertions } from "./strip.js";

/** The bytes a client gets back: insertions applied, encoded like the input. */
const spliceXliff = (doc: XliffDocument, insertions: Insertion[]) => encodeLike(doc, applyInsertions(doc, insertions));

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/xliff/${name}`, import.meta.url));

describe("applyInsertions", () => {
  const doc = readXliff(fixture("okapi-2.0.xlf"), "okapi-2.0.xlf");

  it("keeps the given order of insertions at one offset and sorts by offset", () => {
    const mini = readXliff(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh"/>',
      "m.xlf",
    );
    const out = applyInsertions(mini, [
      { offset: 6, text: "B" },
      { offset: 0, text: "<!--0-->" },
      { offset: 6, text: "C" },
    ]);
    expect(out).toBe(
      '<!--0--><xliffBC xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh"/>',
    );
  });

  it("returns the input unchanged with no insertions", () => {
    expect(Buffer.compare(spliceXliff(doc, []), fixture("okapi-2.0.xlf"))).toBe(0);
  });

  it("writes CRLF in what it adds to a CRLF file, and keeps the BOM", () => {
    const crlf = readXliff(fixture("groups-crlf-bom-2.0.xlf"), "g.xlf");
    const out = spliceXliff(crlf, [{ offset: crlf.xml.indexOf("<xliff"), text: "<!-- a\nb -->\n" }]);
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(out.toString("utf8")).toContain("<!-- a\r\nb -->\r\n<xliff ");
  });

  it("writes UTF-16LE with its BOM back as UTF-16LE", () => {
    const u16 = readXliff(fixture("utf16le-bom-1.2.xlf"), "u.xlf");
    const at = u16.units[0]!.moduleInsertAt;
    const out = spliceXliff(u16, [{ offset: at, text: "<note>一致</note>" }]);
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(out.subarray(2).toString("utf16le")).toBe(
      u16.xml.slice(0, at) + "<note>一致</note>" + u16.xml.slice(at),
    );
  });

  it("encodes UTF-16BE by swapping bytes", () => {
    const be = { ...doc, encoding: "utf-16be" as const, bom: true };
    expect(encodeLike(be, "\ufeff<a/>")).toEqual(
      Buffer.from([0xfe, 0xff, 0, 0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e]),
    );
  });

  it("refuses an offset outside the document", () => {
    expect(() => applyInsertions(doc, [{ offset: doc.xml.length + 1, text: "x" }])).toThrow(RangeError);
  });

  for (const name of ["omegat-1.2.xlf", "groups-crlf-bom-2.0.xlf", "utf16le-bom-1.2.xlf"]) {
    it(`property: random insertions then their removal give back the bytes of ${name}`, () => {
      const input = fixture(name);
      const d = readXliff(input, name);
      const insertion = fc.record({
        offset: fc.integer({ min: 0, max: d.xml.length }),
        text: fc.string({ maxLength: 12 }),
      });
      fc.assert(
        fc.property(fc.array(insertion, { maxLength: 20 }), (ins) => {
          const out = applyInsertions(d, ins);
          expect(Buffer.compare(encodeLike(d, removeInsertions(d, out, ins)), input)).toBe(0);
        }),
        { numRuns: 200, seed: 42 },
      );
    });
  }
});

describe("EncodingWriter", () => {
  // Pieces as annotate hands them over: the client's text between insertions and our elements, with CJK, a
  // character outside the BMP (a surrogate pair) and pieces longer than the buffer.
  const pieces = [
    '<unit id="u1">',
    "<source>国际移徙与发展</source>",
    "𠀀 (U+20000)",
    "移".repeat(40),
    "",
    "<target>migration &amp; development</target>",
  ];
  for (const encoding of ["utf-8", "utf-16le", "utf-16be"] as const) {
    // Every other piece is pre-encoded (as annotate keeps a repeated body) and copied in with pushEncoded.
    it(`${encoding}: the chunks concatenate to the joined text encoded at once, and are never changed afterwards`, () => {
      const chunks: Buffer[] = [];
      const copies: Buffer[] = [];
      const writer = new EncodingWriter(encoding, (c) => {
        chunks.push(c);
        copies.push(Buffer.from(c));
      }, 32);
      pieces.forEach((p, i) => (i % 2 === 0 ? writer.push(p) : writer.pushEncoded(writer.encode(p))));
      writer.flush();
      expect(Buffer.concat(chunks).equals(encodeLike({ encoding }, pieces.join("")))).toBe(true);
      expect(chunks.length).toBeGreaterThan(3);
      chunks.forEach((c, i) => expect(c.equals(copies[i]!)).toBe(true));
    });
  }
});
