import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { Concept, Context, Term } from "../../src/termbase/model.js";
import { modelLanguage, parseTbx, TBX_NAMESPACE, writeTbx } from "../../src/termbase/tbx.js";
import { validateRelaxNg } from "../support/validate.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = "test/fixtures/tbx";
const CORE_RNG = "test/schemas/tbx/TBXcoreStructV03.rng";

function fixture(name: string): { xml: string; file: string } {
  const file = `${FIXTURES}/${name}`;
  return { xml: readFileSync(path.join(ROOT, file), "utf8"), file };
}

/** The error parseTbx throws, as the CLI prints it. */
function parseError(xml: string, file: string): string {
  try {
    parseTbx(xml, file);
  } catch (error) {
    if (error instanceof InputError) return `${error.code} ${error.describe()}`;
    throw error;
  }
  throw new Error("parseTbx accepted the input");
}

/** The concept of the canonical example in the brief (tbx-shape.md), as the model holds it. */
const MIGRANT: Concept = {
  id: "c001",
  subject: "migration",
  definition:
    "A person who moves away from his or her place of usual residence, whether within a country or across an international border.",
  definitionSource: "yizhi, after IOM Glossary on Migration (2019)",
  note: 'English from the UN English version of A/C.2/61/7, which renders 移徙者 as "migrants" throughout.',
  related: ["c002"],
  terms: {
    zh: [{ term: "移徙者", status: "preferred", partOfSpeech: "noun" }],
    en: [{ term: "migrant", status: "preferred", partOfSpeech: "noun" }],
  },
  contexts: [
    {
      text: "许多发言人和代表强调了保护移徙者人权的重要意义。",
      source: "A/C.2/61/7",
      lang: "zh",
      term: "移徙者",
    },
  ],
};
const REMITTANCE: Concept = {
  id: "c002",
  terms: { zh: [{ term: "汇款", status: "preferred" }], en: [{ term: "remittances", status: "preferred" }] },
  contexts: [],
};
const EXAMPLE_HEADER = {
  title: "yizhi UN international migration termbase (Chinese–English)",
  source:
    "Built by the yizhi team from five Chinese UN documents (glossary/sources/); English as used in the UN's English versions.",
};

// ---------------------------------------------------------------------------------------------------------
// TBX-Basic DCA rules (TBX-Basic_DCA.sch), checked by walking the XML: libxml2 cannot run XSLT 2 Schematron.

interface Node {
  readonly name: string;
  readonly uri: string;
  readonly attributes: Record<string, string>;
  readonly children: Node[];
  readonly parent?: Node;
  text: string;
}

function tree(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Node[] = [];
  let root: Node | undefined;
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, a] of Object.entries(tag.attributes)) attributes[name] = a.value;
    const parent = stack[stack.length - 1];
    const node: Node = {
      name: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      text: "",
      ...(parent ? { parent } : {}),
    };
    parent?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(xml).close();
  return root as Node;
}

const DCA_TYPES: Record<string, readonly string[]> = {
  admin: ["customerSubset", "projectSubset", "source"],
  descrip: ["subjectField", "context", "definition"],
  ref: ["crossReference"],
  termNote: [
    "administrativeStatus",
    "partOfSpeech",
    "geographicalUsage",
    "grammaticalGender",
    "termLocation",
    "termType",
  ],
  transac: ["transactionType"],
  transacNote: ["responsibility"],
  xref: ["externalCrossReference", "xGraphic"],
};
const PICKLISTS: Record<string, readonly string[]> = {
  administrativeStatus: [
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
    "preferredTerm-admn-sts",
  ],
  partOfSpeech: ["adjective", "noun", "other", "verb", "adverb"],
  grammaticalGender: ["masculine", "feminine", "neuter", "other"],
  termType: ["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"],
};

/** The level a data category sits at: its parent, or the parent of its *Grp (transacGrp excluded for admin/ref). */
function level(node: Node): string | undefined {
  const parent = node.parent;
  if (parent?.name.endsWith("Grp") && parent.name !== "transacGrp") return parent.parent?.name;
  return parent?.name;
}

/** Every TBX-Basic DCA rule the document breaks, one message each (empty when it conforms). */
function dcaViolations(xml: string): string[] {
  const root = tree(xml);
  const problems: string[] = [];
  const ids = new Set<string>();
  const all: Node[] = [];
  const walk = (n: Node) => {
    all.push(n);
    if (n.attributes["id"] !== undefined) ids.add(n.attributes["id"]);
    n.children.forEach(walk);
  };
  walk(root);
  if (root.name !== "tbx" || root.attributes["type"] !== "TBX-Basic" || root.attributes["style"] !== "dca") {
    problems.push("root must be tbx type=TBX-Basic style=dca");
  }
  for (const n of all) {
    const type = n.attributes["type"];
    if (n.uri !== TBX_NAMESPACE)
      problems.push(`<${n.name}> outside the TBX namespace (DCT element in DCA style)`);
    const allowed = DCA_TYPES[n.name];
    if (allowed !== undefined) {
      if (type === undefined || type === "") problems.push(`<${n.name}> without a data category`);
      else if (!allowed.includes(type))
        problems.push(`<${n.name} type="${type}"> is not a TBX-Basic data category`);
    }
    const where = level(n);
    if (n.name === "termNote" && where !== "termSec") problems.push(`termNote ${type} at ${where}`);
    if (n.name === "termNote" && type !== undefined && PICKLISTS[type] && !PICKLISTS[type].includes(n.text)) {
      problems.push(`${type} "${n.text}" is not in the picklist`);
    }
    if (n.name === "descrip" && type === "subjectField" && where !== "conceptEntry")
      problems.push(`subjectField at ${where}`);
    if (n.name === "descrip" && type === "context" && where !== "termSec")
      problems.push(`context at ${where}`);
    if (n.name === "descrip" && type === "definition" && where !== "conceptEntry" && where !== "langSec")
      problems.push(`definition at ${where}`);
    if (
      n.name === "admin" &&
      type === "source" &&
      !["conceptEntry", "langSec", "termSec"].includes(where ?? "")
    )
      problems.push(`source at ${where}`);
    if (n.name === "ref" && type === "crossReference" && where !== "conceptEntry" && where !== "termSec")
      problems.push(`crossReference at ${where}`);
    const target = n.attributes["target"];
    if (target !== undefined && !/^https?:\/\/.+/.test(target) && !ids.has(target))
      problems.push(`target "${target}" is neither an id nor a URL`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Arbitrary concepts for the round-trip properties.

const TEXT_UNITS = [
  "移",
  "徙",
  "者",
  "汇",
  "款",
  "僑",
  "民",
  "a",
  "Z",
  " ",
  "&",
  "<",
  ">",
  '"',
  "'",
  "]]>",
  "\n",
  "\r\n",
  "\t",
  "é",
  "😀",
  "–",
];
const textArb = fc
  .string({ unit: fc.constantFrom(...TEXT_UNITS), minLength: 1, maxLength: 10 })
  .map((s) => s.trim())
  .filter((s) => s !== "");
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const statusArb = fc.constantFrom("preferred", "admitted", "deprecated" as const);
const termArb: fc.Arbitrary<Term> = fc
  .record({
    term: textArb,
    status: statusArb,
    partOfSpeech: optional(fc.constantFrom("noun", "verb", "adjective", "adverb", "other")),
    note: optional(textArb),
  })
  .map(({ term, status, partOfSpeech, note }) => ({
    term,
    status,
    ...(partOfSpeech !== undefined ? { partOfSpeech } : {}),
    ...(note !== undefined ? { note } : {}),
  }));
const contextArb = fc.record({
  text: textArb,
  source: fc.oneof(fc.constant(""), fc.constantFrom("A/C.2/61/7", "A/61/187"), textArb),
});
const termsWithContexts = (minLength: number) =>
  fc.uniqueArray(fc.record({ term: termArb, contexts: fc.array(contextArb, { maxLength: 2 }) }), {
    minLength,
    maxLength: 3,
    selector: (t) => t.term.term,
  });

/**
 * Concepts in the canonical form the reader produces: contexts grouped by language (zh, en) and term order,
 * each naming its term; at least one Chinese term, so that every conceptEntry has a langSec.
 */
const conceptsArb: fc.Arbitrary<Concept[]> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9._-]{0,5}$/), { minLength: 1, maxLength: 5 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            subject: optional(textArb),
            definition: optional(textArb),
            definitionSource: optional(textArb),
            note: optional(textArb),
            related: optional(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 2 })),
            zh: termsWithContexts(1),
            en: termsWithContexts(0),
          })
          .map((r): Concept => {
            const contexts: Context[] = [];
            for (const lang of ["zh", "en"] as const) {
              for (const t of r[lang])
                for (const c of t.contexts)
                  contexts.push({ text: c.text, source: c.source, lang, term: t.term.term });
            }
            return {
              id,
              ...(r.subject !== undefined ? { subject: r.subject } : {}),
              ...(r.definition !== undefined ? { definition: r.definition } : {}),
              ...(r.definition !== undefined && r.definitionSource !== undefined
                ? { definitionSource: r.definitionSource }
                : {}),
              terms: { zh: r.zh.map((t) => t.term), en: r.en.map((t) => t.term) },
              contexts,
              ...(r.note !== undefined ? { note: r.note } : {}),
              ...(r.related !== undefined ? { related: r.related } : {}),
            };
          }),
      ),
    ),
  );

// ---------------------------------------------------------------------------------------------------------

describe("writeTbx", () => {
  it("writes the canonical example of tbx-shape.md byte for byte", () => {
    const expected = fixture("shape-example.tbx").xml;
    // The example shows c001 alone; its crossReference points at c002, which a real export also contains.
    const written = writeTbx([MIGRANT], EXAMPLE_HEADER);
    expect(written).toBe(expected);
  });

  it("validates against the TBX core structure RELAX NG schema (TBXcoreStructV03.rng)", async () => {
    const result = await validateRelaxNg(writeTbx([MIGRANT, REMITTANCE], EXAMPLE_HEADER), CORE_RNG);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("validates with an empty termbase (text without body)", async () => {
    const xml = writeTbx([]);
    expect(xml).toContain("  <text/>\n</tbx>\n");
    expect((await validateRelaxNg(xml, CORE_RNG)).valid).toBe(true);
  });

  it("the schema check can fail: a termSec without term is rejected by the core RNG", async () => {
    const broken = writeTbx([MIGRANT, REMITTANCE]).replace("<term>汇款</term>", "");
    const result = await validateRelaxNg(broken, CORE_RNG);
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toBe(
      "line 40: element termSec: Relax-NG validity error : Expecting element term, got termNote",
    );
  });

  it("validates generated termbases (random concepts, seed 7) against the core RNG and the TBX-Basic DCA rules", async () => {
    const [concepts] = fc.sample(
      fc.array(conceptsArb, { minLength: 4, maxLength: 4 }).map((groups) => {
        // Make ids unique across groups (each group's ids are unique only among themselves).
        return groups.flatMap((g, i) =>
          g.map((c) => ({
            ...c,
            id: `${c.id}g${i}`,
            ...(c.related ? { related: c.related.map((r) => `${r}g${i}`) } : {}),
          })),
        );
      }),
      { seed: 7, numRuns: 1 },
    );
    const xml = writeTbx(concepts as Concept[]);
    expect(dcaViolations(xml)).toEqual([]);
    const result = await validateRelaxNg(xml, CORE_RNG);
    expect(result.errors).toEqual([]);
  });

  it("uses only TBX-Basic data categories, at their levels, with picklist values (every generated termbase)", () => {
    fc.assert(
      fc.property(conceptsArb, (concepts) => {
        expect(dcaViolations(writeTbx(concepts))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("the DCA walk can fail: a context at conceptEntry level and a partOfSpeech outside the picklist are reported", () => {
    const xml = writeTbx([MIGRANT, REMITTANCE])
      .replace(
        '<descrip type="subjectField">migration</descrip>',
        '<descrip type="context">移徙</descrip><descrip type="usageNote">x</descrip>',
      )
      .replace(
        '<termNote type="partOfSpeech">noun</termNote>',
        '<termNote type="partOfSpeech">properNoun</termNote>',
      );
    expect(dcaViolations(xml)).toEqual([
      "context at conceptEntry",
      '<descrip type="usageNote"> is not a TBX-Basic data category',
      'partOfSpeech "properNoun" is not in the picklist',
    ]);
  });

  it("escapes markup characters and keeps CR, tab and LF through attribute and text", () => {
    const concept: Concept = {
      id: "c-esc",
      note: "a & b < c > d \"e\" 'f' ]]> g\r\nh\ti",
      terms: { zh: [{ term: "移徙<者>", status: "admitted" }], en: [{ term: "R&D", status: "preferred" }] },
      contexts: [],
    };
    const xml = writeTbx([concept]);
    expect(xml).toContain("<note>a &amp; b &lt; c &gt; d \"e\" 'f' ]]&gt; g&#xD;\nh\ti</note>");
    expect(xml).toContain("<term>移徙&lt;者&gt;</term>");
    expect(xml).toContain("<term>R&amp;D</term>");
    expect(parseTbx(xml, "esc.tbx")).toStrictEqual([concept]);
  });

  it("refuses a character XML 1.0 cannot carry, naming the concept", () => {
    const concept: Concept = {
      id: "c009",
      terms: { zh: [{ term: "移徙\u0001者", status: "preferred" }], en: [] },
      contexts: [],
    };
    let error: unknown;
    try {
      writeTbx([concept]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe("unit c009: character U+0001 cannot be written in XML 1.0");
    expect((error as InputError).code).toBe("bad-tbx");
  });

  it("puts a context without term into the first termSec of its language and leaves out one whose language has no term", () => {
    const concept: Concept = {
      id: "c004",
      terms: {
        zh: [
          { term: "原籍国", status: "preferred" },
          { term: "来源国", status: "admitted" },
        ],
        en: [],
      },
      contexts: [
        { text: "来源国能够得益于日益增加的汇款", source: "A/C.2/61/7", lang: "zh", term: "来源国" },
        { text: "原籍国和目的地国都希望看到移徙者能够在东道国实现就业", source: "A/C.2/61/7", lang: "zh" },
        { text: "countries of origin", source: "", lang: "en" },
      ],
    };
    expect(parseTbx(writeTbx([concept]), "ctx.tbx")[0]?.contexts).toStrictEqual([
      {
        text: "原籍国和目的地国都希望看到移徙者能够在东道国实现就业",
        source: "A/C.2/61/7",
        lang: "zh",
        term: "原籍国",
      },
      { text: "来源国能够得益于日益增加的汇款", source: "A/C.2/61/7", lang: "zh", term: "来源国" },
    ]);
  });
});

describe("parseTbx ∘ writeTbx", () => {
  it("reads back the canonical example of tbx-shape.md into the model", () => {
    const { xml, file } = fixture("shape-example.tbx");
    expect(parseTbx(xml, file)).toStrictEqual([MIGRANT]);
  });

  it("round-trips every modelled field of arbitrary concepts (fast-check)", () => {
    fc.assert(
      fc.property(conceptsArb, (concepts) => {
        expect(parseTbx(writeTbx(concepts), "roundtrip.tbx")).toStrictEqual(concepts);
      }),
      { numRuns: 300 },
    );
  });

  it("writes the same bytes again after a read, whatever the order of contexts (fast-check)", () => {
    const shuffled = conceptsArb.chain((concepts) =>
      fc.tuple(
        ...concepts.map((c) =>
          fc.shuffledSubarray([...c.contexts], { minLength: c.contexts.length }).map((contexts) => ({
            ...c,
            // Drop the term of every other context: the writer then places it in the first term of its language.
            contexts: contexts.map((ctx, i) =>
              i % 2 === 0 ? { text: ctx.text, source: ctx.source, lang: ctx.lang } : ctx,
            ),
          })),
        ),
      ),
    );
    fc.assert(
      fc.property(shuffled, (concepts) => {
        const once = writeTbx(concepts);
        expect(writeTbx(parseTbx(once, "idempotent.tbx"))).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe("parseTbx rejects bad input with file, line, column and concept", () => {
  const cases: [string, string][] = [
    [
      "malformed.tbx",
      "bad-tbx test/fixtures/tbx/malformed.tbx:13:29: unit c001: not well-formed XML: unexpected close tag.",
    ],
    [
      "duplicate-id.tbx",
      'bad-tbx test/fixtures/tbx/duplicate-id.tbx:18:7: unit c002: duplicate conceptEntry id "c002" (first used on line 10)',
    ],
    [
      "unknown-status.tbx",
      'bad-tbx test/fixtures/tbx/unknown-status.tbx:18:13: unit c004: unknown administrativeStatus "approvedTerm-admn-sts"',
    ],
    [
      "doctype-entity.tbx",
      "bad-tbx test/fixtures/tbx/doctype-entity.tbx:2:1: DOCTYPE with an internal subset or entity declarations is not accepted",
    ],
    ["missing-id.tbx", "bad-tbx test/fixtures/tbx/missing-id.tbx:13:7: conceptEntry without id"],
    [
      "termsec-without-term.tbx",
      "bad-tbx test/fixtures/tbx/termsec-without-term.tbx:17:11: unit c006: termSec without term",
    ],
    [
      "langsec-without-lang.tbx",
      "bad-tbx test/fixtures/tbx/langsec-without-lang.tbx:11:9: unit c007: <langSec> without xml:lang",
    ],
    [
      "wrong-namespace.tbx",
      "bad-tbx test/fixtures/tbx/wrong-namespace.tbx:2:1: root element must be <tbx> in namespace urn:iso:std:iso:30042:ed-2 (or TBX v2 <martif>), found <tbx> in namespace urn:iso:std:iso:30042",
    ],
  ];
  for (const [name, message] of cases) {
    it(`${name} → ${message.slice(message.indexOf(": ") + 2)}`, () => {
      const { xml, file } = fixture(name);
      expect(parseError(xml, file)).toBe(message);
    });
  }

  it("refuses an undeclared entity reference as not well-formed", () => {
    expect(parseError(`<tbx xmlns="${TBX_NAMESPACE}">\n  &nbsp;</tbx>`, "x.tbx")).toBe(
      "bad-tbx x.tbx:2:8: not well-formed XML: undefined entity.",
    );
  });

  it("refuses an empty file", () => {
    expect(parseError("", "empty.tbx")).toBe(
      "bad-tbx empty.tbx:1:1: not well-formed XML: document must contain a root element.",
    );
  });

  it("refuses a root from another vocabulary (an XLIFF file given as TBX)", () => {
    expect(parseError('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>', "a.xlf")).toBe(
      "bad-tbx a.xlf:1:1: root element must be <tbx> in namespace urn:iso:std:iso:30042:ed-2 (or TBX v2 <martif>), found <xliff> in namespace urn:oasis:names:tc:xliff:document:2.0",
    );
  });
});

describe("parseTbx reads TBX from other tools", () => {
  it("maps zh-CN / zh-Hant / en-US to zh / en, skips French, defaults a missing status to admitted, superseded → deprecated", () => {
    const { xml, file } = fixture("other-tool.tbx");
    expect(parseTbx(xml, file)).toStrictEqual([
      {
        id: "diaspora",
        definition: "Migrants or descendants of migrants who maintain links with their countries of origin.",
        terms: {
          zh: [
            { term: "侨民", status: "preferred" },
            { term: "僑民", status: "admitted" },
          ],
          en: [
            { term: "diaspora", status: "admitted", partOfSpeech: "noun" },
            { term: "expatriate community", status: "deprecated" },
          ],
        },
        contexts: [
          {
            text: "讨论的主要重点是汇款问题，这是侨民为消除贫困和促进发展做出贡献的重要方式。",
            source: "",
            lang: "zh",
            term: "侨民",
          },
        ],
      },
    ]);
  });

  it("reads legacy TBX v2 (martif / termEntry / langSet / tig / ntig), numbering an entry without id", () => {
    const { xml, file } = fixture("legacy-martif.tbx");
    expect(parseTbx(xml, file)).toStrictEqual([
      {
        id: "eid-remittance",
        subject: "migration and development",
        definition: "Money sent by migrants to their countries of origin.",
        terms: {
          zh: [{ term: "汇款", status: "preferred", partOfSpeech: "noun" }],
          en: [
            { term: "remittances", status: "preferred" },
            { term: "remittance", status: "admitted" },
          ],
        },
        contexts: [
          {
            text: "会议确认了汇款的重要性，与会者呼吁加大工作力度，尽可能发挥汇款促进发展的潜力。",
            source: "A/61/187",
            lang: "zh",
            term: "汇款",
          },
        ],
      },
      {
        id: "termEntry2",
        terms: {
          zh: [{ term: "循环移徙", status: "admitted" }],
          en: [{ term: "circular migration", status: "admitted" }],
        },
        contexts: [],
      },
    ]);
  });

  it("reads DCT-style data category elements (min:administrativeStatus, basic:definition, basic:crossReference)", () => {
    const { xml, file } = fixture("dct-style.tbx");
    expect(parseTbx(xml, file)).toStrictEqual([
      {
        id: "c004",
        subject: "migration",
        definition: "The country of which a migrant is a national or from which he or she moved.",
        definitionSource: "yizhi",
        related: ["c001"],
        terms: {
          zh: [
            { term: "原籍国", status: "preferred", partOfSpeech: "noun" },
            { term: "来源国", status: "admitted" },
          ],
          en: [{ term: "country of origin", status: "preferred" }],
        },
        contexts: [],
      },
      { id: "c001", terms: { zh: [{ term: "移徙者", status: "admitted" }], en: [] }, contexts: [] },
    ]);
  });

  it("accepts a byte-order mark and a DOCTYPE without internal subset", () => {
    const xml = `\uFEFF<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "tbx.dtd">\n${writeTbx([REMITTANCE]).replace(/^<\?xml[^>]*>\n/, "")}`;
    expect(parseTbx(xml, "bom.tbx")).toStrictEqual([REMITTANCE]);
  });

  it("maps language tags: zh-CN, zh-Hans, zh_TW → zh; en-US, EN → en; fr, es → none", () => {
    expect(["zh-CN", "zh-Hans", "zh_TW", "en-US", "EN", "fr", "es"].map(modelLanguage)).toEqual([
      "zh",
      "zh",
      "zh",
      "en",
      "en",
      undefined,
      undefined,
    ]);
  });
});

describe("parseTbx positions stay exact on any layout; nesting is bounded", () => {
  const SHIPPED = "glossary/un-migration.tbx";
  const shipped = () => parseTbx(readFileSync(path.join(ROOT, SHIPPED), "utf8"), SHIPPED);

  /** Line and column of the element at `offset` by searching back from it: the slow, obvious oracle. */
  function searchBack(xml: string, offset: number): { line: number; column: number } {
    const before = xml.slice(0, offset);
    const line = (before.match(/\r\n|\r|\n/g) ?? []).length + 1;
    let lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
    if (lineStart === 0 && xml.startsWith("\uFEFF")) lineStart = 1;
    return { line, column: [...xml.slice(lineStart, offset)].length + 1 };
  }

  it("names the line and code-point column after LF, CR or CR LF line ends, a BOM and astral characters (fast-check)", () => {
    // MIGRANT's note gains 𠮷 (U+20BB7, a surrogate pair) so that columns after it count code points.
    const base = writeTbx([{ ...MIGRANT, note: `${MIGRANT.note ?? ""} 𠮷` }, REMITTANCE]);
    const breaks = base.split("\n").length - 1;
    const layout = fc.record({
      ends: fc.array(fc.constantFrom("\n", "\r", "\r\n", ""), { minLength: breaks, maxLength: breaks }),
      bom: fc.boolean(),
      // Which of the four administrativeStatus values gets a value outside the picklist.
      bad: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(layout, ({ ends, bom, bad }) => {
        const lines = base.split("\n");
        let xml = (bom ? "\uFEFF" : "") + lines.map((l, i) => l + (ends[i] ?? "")).join("");
        let at = -1;
        for (let k = 0; k <= bad; k++) at = xml.indexOf("preferredTerm-admn-sts", at + 1);
        xml = `${xml.slice(0, at)}approvedTerm-admn-sts${xml.slice(at + "preferredTerm-admn-sts".length)}`;
        const tag = xml.lastIndexOf("<termNote", at);
        const { line, column } = searchBack(xml, tag);
        const unit = bad < 2 ? "c001" : "c002";
        expect(parseError(xml, "layout.tbx")).toBe(
          `bad-tbx layout.tbx:${line}:${column}: unit ${unit}: unknown administrativeStatus "approvedTerm-admn-sts"`,
        );
      }),
      { numRuns: 150 },
    );
  });

  // Speed (linear in size, also on one line and with CR-only line ends) is measured in bench/termbase.ts, not
  // asserted here; these check that the reshaped files read to the same concepts.
  for (const [layout, reshape] of [
    ["on one line", (xml: string) => xml.replace(/\n\s*/g, "")],
    ["with CR-only line ends", (xml: string) => xml.replace(/\n/g, "\r")],
  ] as const) {
    it(`reads ${SHIPPED} ${layout} to the same concepts`, () => {
      const concepts = shipped();
      expect(parseTbx(reshape(writeTbx(concepts)), "reshaped.tbx")).toStrictEqual(concepts);
    });
  }

  it("accepts 1,000 nested elements and refuses 100,000 at the 1,001st", () => {
    const nest = (depth: number) =>
      writeTbx([REMITTANCE]).replace(
        "<conceptEntry id=\"c002\">",
        // tbx, text, body, conceptEntry, note: 5 levels before the first <hi>.
        `<conceptEntry id="c002"><note>${"<hi>".repeat(depth - 5)}汇款${"</hi>".repeat(depth - 5)}</note>`,
      );
    expect(parseTbx(nest(1000), "deep.tbx")).toStrictEqual([{ ...REMITTANCE, note: "汇款" }]);
    const xml = nest(100_000);
    const message = parseError(xml, "deep.tbx");
    const line = xml.slice(0, xml.indexOf("<note>")).split("\n").length;
    // The 996th <hi> is the 1,001st open element; the line starts with 6 spaces and the conceptEntry tag.
    const column = '      <conceptEntry id="c002"><note>'.length + 995 * "<hi>".length + 1;
    expect(message).toBe(`bad-tbx deep.tbx:${line}:${column}: unit c002: elements nested deeper than 1000 levels`);
  });
});
