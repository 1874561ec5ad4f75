import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { createXliff } from "../../src/xliff/create.js";
import { mergeXliff } from "../../src/xliff/merge.js";
import { isUntranslatedSegment } from "../../src/xliff/states.js";
import { readXliff, type XliffDocument } from "../../src/xliff/read.js";

const read = (name: string): XliffDocument =>
  readXliff(readFileSync(new URL(`../fixtures/xliff/${name}`, import.meta.url)), name);

describe("mergeXliff", () => {
  it("merges an OmegaT 1.2 file: translated targets, source for empty/missing/needs-translation, translate=no kept (omegat-1.2.xlf)", () => {
    const result = mergeXliff(read("omegat-1.2.xlf"));
    expect(result.text).toBe(
      [
        "6. Coherence of international migration and development policies",
        "2. 脆弱群体：移徙妇女、移徙儿童及土著人民",
        "4. 身份不正常的移徙者",
        "A/61/187",
        "5. Integration of international migrants D. 国际移徙问题政府间合作及民间社会的作用",
        "政府内部政策一致性 &",
      ].join("\n\n") + "\n",
    );
    // Units 2, 3, segment 5.2 and unit 6 are untranslated; unit 4 is translate="no" and not counted.
    expect([result.untranslated, result.segments]).toEqual([4, 7]);
  });

  it("merges an Okapi 2.0 file, where only tu3 has a target (okapi-2.0.xlf, 004_c6292b922524f64f.txt)", () => {
    expect(mergeXliff(read("okapi-2.0.xlf"))).toEqual({
      text: "在移徙问题上实现政策一致性\n\n专题辩论 2：国际移徙对经济和社会发展的影响。\n\nIndependence of the civil society process\n",
      untranslated: 2,
      segments: 3,
    });
  });

  it("treats state initial as untranslated even with target text, and joins CJK segments without a space (groups-crlf-bom-2.0.xlf)", () => {
    const doc = read("groups-crlf-bom-2.0.xlf");
    const seg = doc.units[1]!.segments[0]!;
    expect(seg.state).toBe("initial");
    expect(
      isUntranslatedSegment({ source: seg.source.text, target: seg.source.text, state: seg.state }),
    ).toBe(true);
    expect(mergeXliff(doc)).toEqual({
      text: "A/61/515\n\n政府内部政策一致性 & <原籍国> 一致在移徙问题上实现政策一致性\n  第二行\n",
      untranslated: 2,
      segments: 3,
    });
  });

  it("gives back the English paragraphs of a prepared and translated document (002_f1fd56940989419e.txt:91, :201)", () => {
    const xml = createXliff(
      {
        original: "002_f1fd56940989419e.txt",
        units: [
          {
            id: "p1",
            paragraphLine: 91,
            segments: [
              {
                id: "s1",
                source: "A. 促进以基于权利的办法处理国际移徙问题",
                target: "A. Promoting a rights-based approach to international migration",
              },
            ],
          },
          {
            id: "p2",
            paragraphLine: 201,
            segments: [
              {
                id: "s1",
                source: "53. 与会者认为，限制性的移徙政策致使非正常移徙与日俱增。",
                target:
                  "53. Participants considered that restrictive migration policies had increased irregular migration.",
              },
              {
                id: "s2",
                source:
                  "不正常移徙之所以呈上升趋势，另外的助长原因是管理临时劳工移徙所涉延期程序既繁琐又冗长。",
                target: " Lengthy and cumbersome extension procedures also contributed. ",
              },
              { id: "s3", source: "与会者强调身份不正常的移徙者更容易受到剥削和虐待。" },
            ],
          },
        ],
      },
      { version: "2.0", srcLang: "zh-CN", trgLang: "en" },
    );
    expect(mergeXliff(readXliff(xml, "p.xlf"))).toEqual({
      text:
        "A. Promoting a rights-based approach to international migration\n\n" +
        "53. Participants considered that restrictive migration policies had increased irregular migration. Lengthy and cumbersome extension procedures also contributed. 与会者强调身份不正常的移徙者更容易受到剥削和虐待。\n",
      untranslated: 1,
      segments: 4,
    });
  });

  it("merges a --copy-source 1.2 file after OmegaT: overwritten copies are English, copies left alone are counted untranslated (002_f1fd56940989419e.txt:201)", () => {
    const sources = [
      "53. 与会者认为，限制性的移徙政策致使非正常移徙与日俱增。",
      "不正常移徙之所以呈上升趋势，另外的助长原因是管理临时劳工移徙所涉延期程序既繁琐又冗长。",
    ];
    const prepared = createXliff(
      {
        original: "002_f1fd56940989419e.txt",
        units: [
          {
            id: "p1",
            paragraphLine: 201,
            segments: sources.map((source, i) => ({ id: `s${i + 1}`, source })),
          },
        ],
      },
      { version: "1.2", srcLang: "zh-CN", trgLang: "en", copySource: true },
    );
    // What OmegaT 3.6 does: the text of one <mrk> in <target> replaced, state="needs-translation" left as it was.
    const english =
      "53. Participants considered that restrictive migration policies had increased irregular migration.";
    const translated = prepared.replace(
      `<target state="needs-translation"><mrk mtype="seg" mid="s1">${sources[0]}</mrk>`,
      `<target state="needs-translation"><mrk mtype="seg" mid="s1">${english}</mrk>`,
    );
    expect(translated).not.toBe(prepared);
    expect(mergeXliff(readXliff(prepared, "p.xlf"))).toEqual({
      text: `${sources.join("")}\n`,
      untranslated: 2,
      segments: 2,
    });
    expect(mergeXliff(readXliff(translated, "p.xlf"))).toEqual({
      text: `${english} ${sources[1]}\n`,
      untranslated: 1,
      segments: 2,
    });
  });

  it("returns empty text for a document without units", () => {
    const doc = readXliff(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh"/>',
      "e.xlf",
    );
    expect(mergeXliff(doc)).toEqual({ text: "", untranslated: 0, segments: 0 });
  });
});
