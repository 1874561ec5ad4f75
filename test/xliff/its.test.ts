import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, it, expect } from "vitest";
import { validateXML } from "xmllint-wasm";
import {
  ITS_NS,
  itsIssueType,
  itsSeverity,
  markFindings,
  planItsMarks,
  type ItsFinding,
  type TextSpan,
} from "../../src/xliff/its.js";
import { readXliff, type XliffDocument } from "../../src/xliff/read.js";
import { encodeLike } from "../../src/xliff/splice.js";
import { removeInsertions } from "./strip.js";

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/xliff/${name}`, import.meta.url));
const read = (name: string): XliffDocument => readXliff(fixture(name), name);

const SCHEMAS = new URL("../schemas/", import.meta.url).pathname;
const listXsd = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listXsd(join(dir, e.name)) : e.name.endsWith(".xsd") ? [join(dir, e.name)] : [],
  );

/**
 * Validates against the OASIS core schema (2.0 or 1.2 strict) together with the project's ITS attribute
 * declarations: the 1.2 strict `mrk` demands a declaration for every attribute of another namespace.
 */
async function validateWithIts(xml: string, core: "2.0" | "1.2"): Promise<string[]> {
  const preload = listXsd(SCHEMAS)
    .filter((p) => p.includes("/xliff-"))
    .map((p) => ({ fileName: relative(SCHEMAS, p), contents: readFileSync(p, "utf8") }));
  preload.push({
    fileName: "its-lqi-attributes.xsd",
    contents: fixture("its-lqi-attributes.xsd").toString("utf8"),
  });
  const coreNs =
    core === "2.0" ? "urn:oasis:names:tc:xliff:document:2.0" : "urn:oasis:names:tc:xliff:document:1.2";
  const coreXsd = core === "2.0" ? "xliff-2.0/xliff_core_2.0.xsd" : "xliff-1.2/xliff-core-1.2-strict.xsd";
  const entry = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-its-entry">
  <xs:import namespace="${coreNs}" schemaLocation="${coreXsd}"/>
  <xs:import namespace="${ITS_NS}" schemaLocation="its-lqi-attributes.xsd"/>
</xs:schema>`;
  const result = await validateXML({
    xml: { fileName: "document.xlf", contents: xml },
    schema: [{ fileName: "its-entry.xsd", contents: entry }],
    preload,
  });
  return result.errors.map((e) => e.rawMessage);
}

/** The span of the first occurrence of `word` in `text`. */
function spanOf(text: string, word: string): TextSpan {
  const start = text.indexOf(word);
  if (start === -1) throw new Error(`${word} not in ${text}`);
  return { start, end: start + word.length };
}

/** The text between a source/target start tag and its end tag, in one unit of the output. */
function element(xml: string, unitId: string, tag: "source" | "target", nth = 0): string {
  const unitStart = xml.search(new RegExp(`<(?:unit|trans-unit) id="${unitId.replace(/\./g, "\\.")}"`));
  let at = unitStart;
  for (let i = 0; i <= nth; i++) at = xml.indexOf(`<${tag}`, at + 1);
  return xml.slice(xml.indexOf(">", at) + 1, xml.indexOf(`</${tag}>`, at));
}

const LQI = (id: string, type: string, comment: string, severity: number): string =>
  `<mrk xmlns:its="${ITS_NS}" id="${id}" type="its:generic" its:version="2.0" its:locQualityIssueType="${type}" its:locQualityIssueComment="${comment}" its:locQualityIssueSeverity="${severity}">`;
const SM = (id: string, type: string, comment: string, severity: number): string =>
  `<sm xmlns:its="${ITS_NS}" id="${id}" type="its:generic" its:version="2.0" its:locQualityIssueType="${type}" its:locQualityIssueComment="${comment}" its:locQualityIssueSeverity="${severity}"/>`;
const X_ITS = (type: string, comment: string, severity: number): string =>
  `<mrk xmlns:its="${ITS_NS}" mtype="x-its" its:version="2.0" its:locQualityIssueType="${type}" its:locQualityIssueComment="${comment}" its:locQualityIssueSeverity="${severity}">`;

/** Findings on its-check-2.0.xlf, as the QA rules would report them. */
function findings20(doc: XliffDocument): ItsFinding[] {
  const seg = (unit: string, i = 0) => doc.units.find((u) => u.id === unit)!.segments[i]!;
  return [
    {
      unit: "u1",
      segmentIndex: 0,
      rule: "deprecated-source-term",
      severity: "warning",
      message: "非法移徙 is deprecated; the preferred term is 非正常移徙",
      sourceSpan: spanOf(seg("u1").source.text, "非法移徙"),
    },
    {
      unit: "u1",
      segmentIndex: 0,
      rule: "deprecated-target-term",
      severity: "error",
      message: 'use "migrants in an irregular situation"',
      targetSpan: spanOf(seg("u1").target!.text, "illegal migrants"),
    },
    {
      unit: "u2",
      segmentIndex: 0,
      rule: "variant-source-term",
      severity: "info",
      message: "来源国 is admitted; 原籍国 is preferred",
      sourceSpan: spanOf(seg("u2").source.text, "来源国"),
      targetSpan: spanOf(seg("u2").target!.text, "Countries of origin"),
    },
    {
      unit: "u2",
      segmentIndex: 0,
      rule: "inconsistent-term-translation",
      severity: "warning",
      message: "rendered two ways in this file",
      targetSpan: spanOf(seg("u2").target!.text, "gin and"),
    },
    {
      unit: "u3",
      segmentIndex: 0,
      rule: "inconsistent-translation",
      severity: "warning",
      message: "the same source is translated two ways",
    },
    {
      unit: "u3",
      segmentIndex: 1,
      rule: "term-not-translated",
      severity: "error",
      message: "原籍国 → countries of origin",
      targetSpan: { start: 0, end: 3 },
    },
    {
      unit: "u4",
      segmentIndex: 0,
      rule: "term-not-translated",
      severity: "error",
      message: "来源国 → countries of origin",
      targetSpan: spanOf(seg("u4").target!.text, "Countries of origin"),
    },
    {
      unit: "u4",
      segmentIndex: 0,
      rule: "script-mismatch",
      severity: "warning",
      message: "overlaps the earlier marker",
      targetSpan: spanOf(seg("u4").target!.text, "origin can"),
    },
  ];
}

describe("itsIssueType and itsSeverity (ITS 2.0 §8.15)", () => {
  it("maps term rules to terminology, inconsistent-translation to inconsistency, script-mismatch to characters", () => {
    expect(
      [
        "term-not-translated",
        "deprecated-source-term",
        "deprecated-target-term",
        "variant-source-term",
        "inconsistent-term-translation",
        "inconsistent-translation",
        "script-mismatch",
        "some-future-rule",
      ].map(itsIssueType),
    ).toEqual([
      "terminology",
      "terminology",
      "terminology",
      "terminology",
      "terminology",
      "inconsistency",
      "characters",
      "uncategorized",
    ]);
  });

  it("maps error, warning, info to severities 100, 50, 10", () => {
    expect([itsSeverity("error"), itsSeverity("warning"), itsSeverity("info")]).toEqual([100, 50, 10]);
  });
});

describe("markFindings on XLIFF 2.0 (corpus 001_294214e2a33dbe81.txt:164-165, 000_9269ffeef60731b4.txt:234, :430, :490-492)", () => {
  const input = fixture("its-check-2.0.xlf");
  const doc = read("its-check-2.0.xlf");
  const findings = findings20(doc);
  const out = markFindings(doc, findings);

  it("wraps 非法移徙 in the source and 'illegal migrants' in the target in <mrk type='its:generic'>", () => {
    expect(element(out, "u1", "source")).toBe(
      `另 1 个国家希望,会议也许能有助于使${LQI("yizhi-lqi-1", "terminology", "非法移徙 is deprecated; the preferred term is 非正常移徙", 50)}非法移徙</mrk>者的身份常规化`,
    );
    expect(element(out, "u1", "target")).toBe(
      `another country hoped that the conference might help to regularize the status of ${LQI("yizhi-lqi-2", "terminology", "use &quot;migrants in an irregular situation&quot;", 100)}illegal migrants</mrk>`,
    );
  });

  it("marks inside a <pc> when the span is its content, moves outside it when the span ends where it ends, and uses sm/em for a crossing span", () => {
    expect(element(out, "u2", "source")).toBe(
      `<pc id="1" dataRefStart="d1" dataRefEnd="d2">${LQI("yizhi-lqi-1", "terminology", "来源国 is admitted; 原籍国 is preferred", 10)}来源国</mrk></pc>和目的地国在全球劳工市场上有共同的关切和利益。`,
    );
    expect(element(out, "u2", "target")).toBe(
      `${LQI("yizhi-lqi-2", "terminology", "来源国 is admitted; 原籍国 is preferred", 10)}Countries of <pc id="1" dataRefStart="d1" dataRefEnd="d2">ori${SM("yizhi-lqi-3", "terminology", "rendered two ways in this file", 50)}gin</pc></mrk> and<em startRef="yizhi-lqi-3"/> destination have common concerns and interests in the global labour market.`,
    );
  });

  it("marks the whole target for a finding without a span, and the whole source when the target is missing", () => {
    expect(element(out, "u3", "target")).toBe(
      `${LQI("yizhi-lqi-1", "inconsistency", "the same source is translated two ways", 50)}The discussion focused mainly on remittances &amp; their role</mrk>`,
    );
    expect(element(out, "u3", "source", 1)).toBe(
      `${LQI("yizhi-lqi-2", "terminology", "原籍国 → countries of origin", 100)}原籍国和目的地国都希望看到移徙者能够在东道国实现就业</mrk>`,
    );
  });

  it("skips the id yizhi-lqi-1 already used in the unit, nests inside the client's <mrk>, and splits a span that crosses it", () => {
    expect(element(out, "u4", "target")).toBe(
      `<mrk id="yizhi-lqi-1" type="comment" value="checked in an earlier review">${LQI("yizhi-lqi-2", "terminology", "来源国 → countries of origin", 100)}Countries of ${SM("yizhi-lqi-3", "characters", "overlaps the earlier marker", 50)}origin</mrk></mrk> can<em startRef="yizhi-lqi-3"/> benefit from growing remittances`,
    );
  });

  it("reports how each marker was placed and which findings were skipped", () => {
    const plan = planItsMarks(doc, [
      ...findings,
      { unit: "u9", segmentIndex: 0, rule: "script-mismatch", severity: "warning", message: "x" },
      { unit: "u1", segmentIndex: 3, rule: "script-mismatch", severity: "warning", message: "x" },
    ]);
    expect(plan.marks.map((m) => [m.unit, m.side, m.form, m.id, m.placement, m.reason])).toEqual([
      ["u1", "source", "mrk", "yizhi-lqi-1", "exact", undefined],
      ["u1", "target", "mrk", "yizhi-lqi-2", "exact", undefined],
      ["u2", "source", "mrk", "yizhi-lqi-1", "exact", undefined],
      ["u2", "target", "mrk", "yizhi-lqi-2", "exact", undefined],
      [
        "u2",
        "target",
        "sm",
        "yizhi-lqi-3",
        "exact",
        "the span overlaps an inline element or another marker (sm/em pair)",
      ],
      ["u3", "target", "mrk", "yizhi-lqi-1", "whole-segment", "the finding has no span"],
      ["u3", "source", "mrk", "yizhi-lqi-2", "whole-segment", "the target has no text to mark"],
      ["u4", "target", "mrk", "yizhi-lqi-2", "exact", undefined],
      [
        "u4",
        "target",
        "sm",
        "yizhi-lqi-3",
        "exact",
        "the span overlaps an inline element or another marker (sm/em pair)",
      ],
    ]);
    expect(plan.skipped).toEqual([
      { unit: "u9", segmentIndex: 0, rule: "script-mismatch", reason: "no unit with this id" },
      { unit: "u1", segmentIndex: 3, rule: "script-mismatch", reason: "the unit has no segment 3" },
    ]);
  });

  it("is valid against the XLIFF 2.0 core schema with the ITS attributes declared", async () => {
    expect(await validateWithIts(out, "2.0")).toEqual([]);
  });

  it("gives back the input bytes when our tags are removed, and the same segment texts when read again", () => {
    const plan = planItsMarks(doc, findings);
    expect(Buffer.compare(encodeLike(doc, removeInsertions(doc, out, plan.insertions)), input)).toBe(0);
    // Every insertion is one of our tags: a marker start tag declaring ITS, its end tag, or an <em>.
    for (const ins of plan.insertions)
      expect(ins.text).toMatch(
        /^(<(mrk|sm) xmlns:its="http:\/\/www\.w3\.org\/2005\/11\/its" [^>]*>|<\/mrk>|<em startRef="yizhi-lqi-\d+"\/>)$/,
      );
    const again = readXliff(out, "out.xlf");
    const texts = (d: XliffDocument) =>
      d.units.flatMap((u) => u.segments.map((s) => [s.source.text, s.target?.text]));
    expect(texts(again)).toEqual(texts(doc));
  });

  it("adds annotatorsRef and a profileRef naming the rule when a tool IRI is given (ITS 2.0 §5.8)", () => {
    const withTool = markFindings(doc, findings.slice(0, 1), { toolIri: "https://example.org/yizhi" });
    expect(withTool).toContain(
      'its:locQualityIssueSeverity="50" its:locQualityIssueProfileRef="https://example.org/yizhi#deprecated-source-term" its:annotatorsRef="localization-quality-issue|https://example.org/yizhi">非法移徙</mrk>',
    );
  });
});

describe("markFindings on XLIFF 1.2 (W3C ITS IG XLIFF 1.2 mapping: <mrk mtype='x-its'>)", () => {
  const input = fixture("its-check-1.2.xlf");
  const doc = read("its-check-1.2.xlf");
  const seg = (unit: string, i = 0) => doc.units.find((u) => u.id === unit)!.segments[i]!;
  const findings: ItsFinding[] = [
    {
      unit: "1",
      segmentIndex: 0,
      rule: "inconsistent-term-translation",
      severity: "warning",
      message: "rendered two ways in this file",
      targetSpan: spanOf(seg("1").target!.text, "gin and"),
    },
    {
      unit: "1",
      segmentIndex: 0,
      rule: "variant-source-term",
      severity: "info",
      message: "来源国 is admitted; 原籍国 is preferred",
      sourceSpan: spanOf(seg("1").source.text, "来源国和"),
    },
    {
      unit: "2",
      segmentIndex: 0,
      rule: "deprecated-target-term",
      severity: "error",
      message: "x & y",
      targetSpan: spanOf(seg("2").target!.text, "remittances & their"),
    },
    {
      unit: "2",
      segmentIndex: 1,
      rule: "term-not-translated",
      severity: "error",
      message: "原籍国 → countries of origin",
      sourceSpan: spanOf(seg("2", 1).source.text, "原籍国"),
    },
    {
      unit: "2",
      segmentIndex: 1,
      rule: "inconsistent-translation",
      severity: "warning",
      message: "no target",
    },
    {
      unit: "3",
      segmentIndex: 0,
      rule: "deprecated-target-term",
      severity: "error",
      message: "illegal",
      targetSpan: spanOf(seg("3").target!.text, "illegal migrants"),
    },
    {
      unit: "3",
      segmentIndex: 0,
      rule: "deprecated-target-term",
      severity: "error",
      message: "overlapping",
      targetSpan: spanOf(seg("3").target!.text, "status of illegal"),
    },
  ];
  const out = markFindings(doc, findings);

  it("widens a span that would cross <g> to the whole <g> (1.2 has no sm/em) and moves a span ending at </g> outside it", () => {
    expect(element(out, "1", "target")).toBe(
      `Countries of ${X_ITS("terminology", "rendered two ways in this file", 50)}<g id="1">origin</g> and</mrk> destination have common concerns and interests in the global labour market.<x id="2"/>`,
    );
    expect(element(out, "1", "source")).toBe(
      `${X_ITS("terminology", "来源国 is admitted; 原籍国 is preferred", 10)}<g id="1">来源国</g>和</mrk>目的地国在全球劳工市场上有共同的关切和利益。<x id="2"/>`,
    );
  });

  it("marks inside the seg-source and target segment markers, across &amp;, and the whole source of an empty target segment", () => {
    expect(out).toContain(
      `<seg-source><mrk mtype="seg" mid="2.1">讨论的主要重点是汇款问题</mrk> <mrk mtype="seg" mid="2.2">${X_ITS("inconsistency", "no target", 50)}${X_ITS("terminology", "原籍国 → countries of origin", 100)}原籍国</mrk>和目的地国都希望看到移徙者能够在东道国实现就业</mrk></mrk></seg-source>`,
    );
    expect(out).toContain(
      `<mrk mtype="seg" mid="2.1">The discussion focused mainly on ${X_ITS("terminology", "x &amp; y", 100)}remittances &amp; their</mrk> role</mrk>`,
    );
  });

  it("widens a span overlapping an earlier marker to enclose it", () => {
    expect(element(out, "3", "target")).toBe(
      `help to regularize the ${X_ITS("terminology", "overlapping", 100)}status of ${X_ITS("terminology", "illegal", 100)}illegal migrants</mrk></mrk>`,
    );
    const plan = planItsMarks(doc, findings);
    expect(plan.marks.map((m) => [m.unit, m.side, m.placement])).toEqual([
      ["1", "target", "widened"],
      ["1", "source", "exact"],
      ["2", "target", "exact"],
      ["2", "source", "exact"],
      ["2", "source", "whole-segment"],
      ["3", "target", "exact"],
      ["3", "target", "widened"],
    ]);
    expect(plan.marks[6]!.reason).toBe(
      "the span crosses an inline element or another marker (XLIFF 1.2 has no sm/em)",
    );
  });

  it("is valid against the XLIFF 1.2 strict schema with the ITS attributes declared", async () => {
    expect(await validateWithIts(out, "1.2")).toEqual([]);
  });

  it("gives back the input bytes when our tags are removed, and the same segment texts when read again", () => {
    const plan = planItsMarks(doc, findings);
    expect(Buffer.compare(encodeLike(doc, removeInsertions(doc, out, plan.insertions)), input)).toBe(0);
    const again = readXliff(out, "out.xlf");
    const texts = (d: XliffDocument) =>
      d.units.flatMap((u) => u.segments.map((s) => [s.source.text, s.target?.text]));
    expect(texts(again)).toEqual(texts(doc));
  });
});

describe("markFindings at unsafe offsets", () => {
  it("steps out of a CDATA section and keeps BOM and CRLF (groups-crlf-bom-2.0.xlf)", async () => {
    const input = fixture("groups-crlf-bom-2.0.xlf");
    const doc = readXliff(input, "g.xlf");
    const text = doc.units[1]!.segments[0]!.source.text;
    expect(text).toBe("政府内部政策一致性 & <原籍国> 一致");
    const f: ItsFinding = {
      unit: "u1",
      segmentIndex: 0,
      rule: "variant-source-term",
      severity: "info",
      message: "原籍国",
      sourceSpan: spanOf(text, "原籍国"),
    };
    const plan = planItsMarks(doc, [f]);
    const out = encodeLike(doc, markFindings(doc, [f]));
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const xml = out.toString("utf8");
    expect(xml).toContain(
      `<source>政府内部政策一致性 &amp; ${LQI("yizhi-lqi-1", "terminology", "原籍国", 10)}<![CDATA[<原籍国>]]></mrk> &#x4E00;致</source>\r\n`,
    );
    expect(plan.marks[0]!.placement).toBe("widened");
    expect(plan.marks[0]!.reason).toBe(
      "the span starts inside a CDATA section; the span ends inside a CDATA section",
    );
    expect(Buffer.compare(encodeLike(doc, removeInsertions(doc, xml, plan.insertions)), input)).toBe(0);
    expect(await validateWithIts(xml.slice(1), "2.0")).toEqual([]);
  });

  it("moves an end that falls inside a surrogate-pair reference to the reference's edge (synthetic: 𠮷 U+20BB7 as &#x20BB7;)", () => {
    const doc = readXliff(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN"><file id="f"><unit id="u"><segment><source>&#x20BB7;野家的移徙者</source></segment></unit></file></xliff>',
      "s.xlf",
    );
    const out = markFindings(doc, [
      {
        unit: "u",
        segmentIndex: 0,
        rule: "x",
        severity: "info",
        message: "m",
        sourceSpan: { start: 1, end: 3 },
      },
    ]);
    expect(out).toContain(
      `<source>${LQI("yizhi-lqi-1", "uncategorized", "m", 10)}&#x20BB7;野</mrk>家的移徙者</source>`,
    );
    expect(
      planItsMarks(doc, [
        {
          unit: "u",
          segmentIndex: 0,
          rule: "x",
          severity: "info",
          message: "m",
          sourceSpan: { start: 1, end: 3 },
        },
      ]).marks[0]!.placement,
    ).toBe("widened");
  });

  it("treats an empty or out-of-range span as a whole-segment issue (okapi-2.0.xlf tu3)", () => {
    const doc = read("okapi-2.0.xlf");
    const plan = planItsMarks(doc, [
      {
        unit: "tu3",
        segmentIndex: 0,
        rule: "x",
        severity: "info",
        message: "a",
        targetSpan: { start: 4, end: 4 },
      },
      {
        unit: "tu3",
        segmentIndex: 0,
        rule: "x",
        severity: "info",
        message: "b",
        sourceSpan: { start: 2, end: 99 },
      },
    ]);
    expect(plan.marks.map((m) => [m.side, m.placement, m.reason])).toEqual([
      ["target", "whole-segment", "span 4..4 is empty"],
      ["source", "whole-segment", "span 2..99 is outside the source text"],
    ]);
  });

  it("names the XLIFF namespace under its own prefix when the unit does not use it as default", async () => {
    const input =
      '<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en"><x:file id="f"><x:unit id="u"><x:segment><x:source>汇款</x:source><x:target>remittances</x:target></x:segment></x:unit></x:file></x:xliff>';
    const doc = readXliff(input, "p.xlf");
    const out = markFindings(doc, [
      {
        unit: "u",
        segmentIndex: 0,
        rule: "term-not-translated",
        severity: "error",
        message: "m",
        targetSpan: { start: 0, end: 11 },
      },
    ]);
    expect(out).toContain(
      `<x:target><yzx:mrk xmlns:yzx="urn:oasis:names:tc:xliff:document:2.0" xmlns:its="${ITS_NS}" id="yizhi-lqi-1" type="its:generic" its:version="2.0" its:locQualityIssueType="terminology" its:locQualityIssueComment="m" its:locQualityIssueSeverity="100">remittances</yzx:mrk></x:target>`,
    );
    expect(await validateWithIts(out, "2.0")).toEqual([]);
  });
});

describe("markFindings property: any spans give a well-formed file that strips back to the input", () => {
  for (const name of ["its-check-2.0.xlf", "its-check-1.2.xlf", "omegat-1.2.xlf", "okapi-2.0.xlf"]) {
    it(`random overlapping spans on ${name}`, () => {
      const input = fixture(name);
      const doc = readXliff(input, name);
      const slots = doc.units.flatMap((u) =>
        u.segments.flatMap((s, i) => [
          { unit: u.id, segmentIndex: i, side: "source" as const, length: s.source.text.length },
          { unit: u.id, segmentIndex: i, side: "target" as const, length: s.target?.text.length ?? 0 },
        ]),
      );
      const finding = fc
        .record({ slot: fc.nat(slots.length - 1), a: fc.nat(60), b: fc.nat(60) })
        .map(({ slot, a, b }): ItsFinding => {
          const s = slots[slot]!;
          const span = { start: Math.min(a, b) % (s.length + 1), end: Math.max(a, b) % (s.length + 1) };
          return {
            unit: s.unit,
            segmentIndex: s.segmentIndex,
            rule: "inconsistent-term-translation",
            severity: "warning",
            message: "m",
            ...(s.side === "source" ? { sourceSpan: span } : { targetSpan: span }),
          };
        });
      const texts = (d: XliffDocument) =>
        d.units.flatMap((u) => u.segments.map((s) => [s.source.text, s.target?.text]));
      fc.assert(
        fc.property(fc.array(finding, { maxLength: 8 }), (findings) => {
          const plan = planItsMarks(doc, findings);
          const out = markFindings(doc, findings);
          expect(texts(readXliff(out, "out.xlf"))).toEqual(texts(doc));
          expect(Buffer.compare(encodeLike(doc, removeInsertions(doc, out, plan.insertions)), input)).toBe(0);
        }),
        { numRuns: 150, seed: 7 },
      );
    });
  }
});
