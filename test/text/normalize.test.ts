import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDocument, normalizeSegment, type NormalizedDocument } from "../../src/text/normalize.js";
import type { OffsetMap } from "../../src/text/offset-map.js";

const FILES = [
  "000_9269ffeef60731b4.txt",
  "001_294214e2a33dbe81.txt",
  "002_f1fd56940989419e.txt",
  "003_4ec4a3f0193b5aa8.txt",
  "004_c6292b922524f64f.txt",
] as const;
type CorpusFile = (typeof FILES)[number];

const cache = new Map<CorpusFile, { raw: string; doc: NormalizedDocument }>();
function load(file: CorpusFile): { raw: string; doc: NormalizedDocument } {
  let entry = cache.get(file);
  if (entry === undefined) {
    const raw = readFileSync(new URL(`../../glossary/sources/${file}`, import.meta.url), "utf8");
    entry = { raw, doc: normalizeDocument(raw) };
    cache.set(file, entry);
  }
  return entry;
}

/** Raw offset where 1-based line `n` starts. */
function lineStart(raw: string, n: number): number {
  let off = 0;
  for (let k = 1; k < n; k++) off = raw.indexOf("\n", off) + 1;
  return off;
}

/** Text of the paragraph that starts on raw line `line`. */
function paragraphAt(doc: NormalizedDocument, line: number): string {
  const p = doc.paragraphs.find((q) => q.line === line);
  if (p === undefined) throw new Error(`no paragraph starts on line ${line}`);
  return doc.text.slice(p.start, p.end);
}

/** The width folding the normalizer applies to one kept character. */
function foldedChar(ch: string): string[] {
  const c = ch.charCodeAt(0);
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) {
    return [String.fromCharCode(c - 0xfee0)];
  }
  if (ch === "\u3000" || ch === "\u00a0" || ch === "\r") return [" "];
  if (ch === "．") return ["．", "."]; // folded after a digit
  if (ch === ",") return [",", "，"];
  if (ch === ";") return [";", "；"];
  if (ch === ":") return [":", "："];
  return [ch];
}

/**
 * Checks the promises of an offset map against the original: bounds, monotonicity, kept characters. Returns the
 * first broken promise (checked in a plain loop, one `expect` per text, to keep the suite fast).
 */
function mapProblem(raw: string, text: string, map: OffsetMap): string | undefined {
  if (map.length !== text.length) return `map length ${map.length} != text length ${text.length}`;
  let prev = 0;
  for (let i = 0; i <= text.length; i++) {
    const o = map.toOriginal(i);
    if (o < 0 || o > raw.length) return `offset ${i} maps outside the original: ${o}`;
    if (o < prev) return `offset ${i} maps to ${o}, before ${prev}`;
    prev = o;
    if (i === text.length) break;
    const end = map.sourceEnd(i);
    const ch = text[i] as string;
    if (end === o) {
      // Inserted: only joins (a space between Latin words) and paragraph breaks are ever inserted.
      if (ch !== " " && ch !== "\n") return `inserted ${JSON.stringify(ch)} at ${i}`;
    } else if (end - o === 1) {
      if (!foldedChar(raw[o] as string).includes(ch))
        return `${JSON.stringify(ch)} at ${i} from ${JSON.stringify(raw[o])}`;
    } else if (
      ch !== "\t" ||
      !/^[ \t\u3000¹²³⁰⁴⁵⁶⁷⁸⁹∗*]*\t[ \t\u3000¹²³⁰⁴⁵⁶⁷⁸⁹∗*]*$/.test(raw.slice(o, end))
    ) {
      // Only a run of spaces holding a tab (maybe around a dropped marker) is replaced by one unit, a tab.
      return `${JSON.stringify(ch)} at ${i} from ${JSON.stringify(raw.slice(o, end))}`;
    }
  }
  return undefined;
}

function checkMap(raw: string, text: string, map: OffsetMap): void {
  expect(mapProblem(raw, text, map)).toBeUndefined();
}

describe("normalizeDocument on the corpus", () => {
  it("joins 国际移/徙 broken across lines 579–581 of 000_9269ffeef60731b4.txt, and 徙 maps to the 徙 of line 581", () => {
    const { raw, doc } = load("000_9269ffeef60731b4.txt");
    expect(paragraphAt(doc, 575)).toBe(
      "56. 移徙组织成员国同该组织行政管理部门合作，积极履行各自的责任，审查并反思组织的作用和未来发展。成员国也正在结合以下原因进行审查和反思：移徙和组织的性质发生变化，国际社会给与更多关注，这些变化带来的挑战，国际移徙问题全球委员会报告提出的建议，联大将于2006年9月举行的国际移徙和发展问题高级别对话期间的讨论，以及当前的联合国改革工作。",
    );
    const at = doc.text.indexOf("挑战，国际移徙问题全球") + "挑战，国际移".length;
    expect(doc.text[at]).toBe("徙");
    expect(doc.map.toOriginal(at)).toBe(lineStart(raw, 581));
    expect(raw[doc.map.toOriginal(at)]).toBe("徙");
    expect(doc.map.rangeToOriginal(at - 1, at + 1)).toEqual({
      start: lineStart(raw, 580) - 2,
      end: lineStart(raw, 581) + 1,
    });
  });

  it("joins 非正常/移徙 across lines 870–872 of 003_4ec4a3f0193b5aa8.txt", () => {
    const { raw, doc } = load("003_4ec4a3f0193b5aa8.txt");
    const para = paragraphAt(doc, 868);
    expect(
      para.startsWith(
        "77. 就流动问题建立公平的伙伴关系，培养技能和技能匹配，包括循环移徙在内的适当移徙方案，以及明智的移徙政策，能够 有效、高效地应对导致非正常移徙、且相互关联的人口问题与生计问题。但Münz先生指出，",
      ),
    ).toBe(true);
    const p = doc.paragraphs.find((q) => q.line === 868);
    const at = (p?.start ?? 0) + para.indexOf("非正常移徙、") + 3;
    expect(raw[doc.map.toOriginal(at)]).toBe("移");
    expect(doc.map.toOriginal(at)).toBe(lineStart(raw, 872));
  });

  it("never lets the page furniture of 000_9269ffeef60731b4.txt (A/C.2/61/7 on 561, 10 06-58180 on 564) into the text", () => {
    const { doc } = load("000_9269ffeef60731b4.txt");
    expect(doc.text).not.toContain("A/C.2/61/7");
    expect(doc.text).not.toContain("06-58180");
    expect(doc.text).not.toMatch(/^10 ?06/m);
    const lines = doc.paragraphs.map((p) => p.line);
    // Paragraph 54 (line 549) is followed directly by paragraph 55 (line 567).
    expect(lines[lines.indexOf(549) + 1]).toBe(567);
    expect(paragraphAt(doc, 567).startsWith("55. 移徙推动世界经济发展。")).toBe(true);
  });

  it("drops the lone footnote number 1 of 000_9269ffeef60731b4.txt line 263 and joins the sentence around it", () => {
    const { raw, doc } = load("000_9269ffeef60731b4.txt");
    expect(paragraphAt(doc, 260)).toBe(
      "21. 移徙组织认识到吸引关键的利益相关者的重要意义，组建并在理事会第九十届会议上启动了业务顾问委员会。代表们普遍表示，有兴趣了解有关业务顾问委员会会议结果及其今后工作计划的情况。",
    );
    const at = doc.text.indexOf("代表们普遍表示");
    expect(doc.map.toOriginal(at)).toBe(raw.indexOf("代表们普遍表示"));
    expect(doc.map.toOriginal(at)).toBe(lineStart(raw, 264) + 1);
  });

  it("keeps the footnote body after the separator on line 287 of 000_9269ffeef60731b4.txt as its own paragraph", () => {
    const { doc } = load("000_9269ffeef60731b4.txt");
    expect(paragraphAt(doc, 282).endsWith("应在扩大后的日内瓦移徙集团和成员国之间建立联络渠道。")).toBe(true);
    expect(paragraphAt(doc, 291)).toBe(
      "业务顾问委员会的五名成员和移徙组织总干事就前一天举行的顾问委员会第一次会议做了报告。",
    );
    expect(paragraphAt(doc, 294)).toBe("移徙者的人权");
    expect(doc.text).not.toContain("__");
  });

  it("keeps the space of the lost 最 in 历史 高水平 (000_9269ffeef60731b4.txt line 116)", () => {
    const { raw, doc } = load("000_9269ffeef60731b4.txt");
    expect(paragraphAt(doc, 116)).toBe(
      "1. 对移徙问题的关注程度处于历史 高水平。国际社会越来越认识到移徙为增长、发展和稳定带来的机遇。",
    );
    const gap = doc.text.indexOf("历史 高水平") + 2;
    expect(raw[doc.map.toOriginal(gap)]).toBe(" ");
    expect(doc.map.toOriginal(gap)).toBe(raw.indexOf("历史 高水平") + 2);
  });

  it("keeps the spaces that stand for lost 、 in 跨部门 区域间 区域 (001_294214e2a33dbe81.txt line 15)", () => {
    const { doc } = load("001_294214e2a33dbe81.txt");
    expect(paragraphAt(doc, 14)).toContain(
      "说明如何从跨部门 区域间 区域和分区的角度，设法解决国际移徙与发展问题",
    );
  });

  it("keeps the space of the lost 最 in ， 后辩论 and drops the footnote letter a (003_4ec4a3f0193b5aa8.txt line 16)", () => {
    const { raw, doc } = load("003_4ec4a3f0193b5aa8.txt");
    expect(paragraphAt(doc, 16)).toBe(
      "2. 瑞士政府有幸提交关于 后辩论的本报告，这次辩论是瑞士作为主席国主持召开的全球移徙与发展论坛的 后活动。",
    );
    const at = doc.text.indexOf("报告，这次") + 3;
    expect(doc.map.toOriginal(at)).toBe(raw.indexOf("报告，a 这次") + 5);
  });

  it("drops spaced footnote letters: 会议 p 的 (003 line 1257) and 发展 n (003 line 1064)", () => {
    const { doc } = load("003_4ec4a3f0193b5aa8.txt");
    expect(doc.text).toContain(
      "会议的讨论成果，以及“保护移徙者，增强其权能以促进发展”特设工作组在这一年里开展的相关工作。",
    );
    expect(paragraphAt(doc, 1064)).toBe("A. 专题组一：劳动力流动与发展");
  });

  it("drops ∗ and * footnote references: 鸣谢 ∗ (003 line 2), 临时议程*项目 (001 line 3), 临时议程* 项目 (002 line 7)", () => {
    expect(paragraphAt(load("003_4ec4a3f0193b5aa8.txt").doc, 2)).toBe("一、鸣谢");
    expect(paragraphAt(load("001_294214e2a33dbe81.txt").doc, 3)).toBe("临时议程项目99(d)");
    expect(paragraphAt(load("002_f1fd56940989419e.txt").doc, 7)).toBe("临时议程项目54(b)");
  });

  it("keeps footnote bodies of 003_4ec4a3f0193b5aa8.txt apart from the body text (separators on lines 56 and 181)", () => {
    const { doc } = load("003_4ec4a3f0193b5aa8.txt");
    expect(paragraphAt(doc, 46).endsWith("继续与非政府合作伙伴进行富有成果的密切交流。")).toBe(true);
    expect(paragraphAt(doc, 58)).toBe(
      "作者Edward Gnesa先生，移徙问题国际合作特别大使，瑞士，全球论坛第五次会议主席。",
    );
    // The URL cut after `/` on line 59 is joined without a space; the footnote letter a is dropped.
    expect(paragraphAt(doc, 59)).toBe(
      "后辩论方案见附件A。本报告附件见于：http://www.gfmd.org/en/documents-library/switzerland-2011.html。",
    );
    expect(paragraphAt(doc, 62).startsWith("6. 本届论坛秉承其一贯宗旨")).toBe(true);
    expect(paragraphAt(doc, 182)).toBe("2011年论坛“民间社会日”活动方案见附件C。");
    expect(paragraphAt(doc, 183)).toBe(
      "移徙问题小组、其他国际组织、民间社会以及私营部门合作，先后举办了14次规模较小、重点突出且务实的会议。",
    );
    expect(doc.text).not.toMatch(/_{3,}/);
  });

  it("drops the superscript ¹ and joins the page break of 002_f1fd56940989419e.txt lines 85/87 (one paragraph per line)", () => {
    const { doc } = load("002_f1fd56940989419e.txt");
    expect(paragraphAt(doc, 85)).toContain(
      "一些与会者指出，秘书长在他的报告中介绍他提议设立的协商论坛的运作情况时说",
    );
    expect(paragraphAt(doc, 103)).toBe("A/60/871。");
    expect(paragraphAt(doc, 105).startsWith("和基于性别的暴力。")).toBe(true);
  });

  it("keeps the table columns of 002_f1fd56940989419e.txt lines 24 and 27 apart (one tab between columns)", () => {
    const { doc } = load("002_f1fd56940989419e.txt");
    expect(paragraphAt(doc, 24)).toBe("一. 导言\t1-7\t3");
    expect(paragraphAt(doc, 27)).toBe("A. 促进以基于权利的办法处理国际移徙问题\t23-25\t6");
  });

  it("removes spaces in 1 670 亿 (000_9269ffeef60731b4.txt line 432) and maps 1670 back to 1 670", () => {
    const { raw, doc } = load("000_9269ffeef60731b4.txt");
    expect(paragraphAt(doc, 430)).toContain(
      "发展中国家在2005年收到的有正式记录的国际汇款估计约为1670亿美元，",
    );
    const at = doc.text.indexOf("1670亿");
    const r = doc.map.rangeToOriginal(at, at + 5);
    expect(raw.slice(r.start, r.end)).toBe("1 670 亿");
  });

  it("removes digit-group spaces in 2 155 232 美元 and 1 280 487 美元 (003_4ec4a3f0193b5aa8.txt lines 286, 290)", () => {
    const { doc } = load("003_4ec4a3f0193b5aa8.txt");
    expect(doc.text).toContain("提交了金额为2155232美元的核心预算，");
    expect(doc.text).toContain("总计1280487美元。资金缺口由瑞士政府补足。");
  });

  it("removes spaces between digits and Han in 2006 年 10 月 12 日 (000_9269ffeef60731b4.txt line 11)", () => {
    const { raw, doc } = load("000_9269ffeef60731b4.txt");
    expect(paragraphAt(doc, 11)).toBe("2006年10月12日巴基斯坦常驻联合国代表团给联大主席的普通照会");
    const p = doc.paragraphs.find((q) => q.line === 11);
    expect(doc.map.toOriginal(p?.start ?? -1)).toBe(lineStart(raw, 11) + 2);
  });

  it("folds the full-width ． of 38． (000_9269ffeef60731b4.txt line 415)", () => {
    const { doc } = load("000_9269ffeef60731b4.txt");
    expect(paragraphAt(doc, 415).startsWith("38. 一个代表团曾在2001年资助召开返乡峰会，")).toBe(true);
  });

  it("starts a paragraph at an enumerator even after a full line: （b） on 003_4ec4a3f0193b5aa8.txt line 1263", () => {
    const { doc } = load("003_4ec4a3f0193b5aa8.txt");
    expect(paragraphAt(doc, 1261)).toBe(
      "106. 这次会议围绕四个问题展开：（a）降低移徙成本的良好做法的共同因素；",
    );
    expect(
      paragraphAt(doc, 1263).startsWith(
        "（b）私营部门中介机构在保护流动劳动力方面的作用；（c）政府和私营部门如何协作",
      ),
    ).toBe(true);
  });

  it("joins a bullet's two lines in the narrower bullet block of 004_c6292b922524f64f.txt (lines 107–109)", () => {
    const { doc } = load("004_c6292b922524f64f.txt");
    expect(paragraphAt(doc, 107)).toBe(
      "强调各国有义务根据国际法和国际法律文书确保充分尊重和保护所有移徙者的所有人权。",
    );
    expect(paragraphAt(doc, 13)).toBe(
      "墨西哥政府以国际移徙与发展赫尔辛基进程国际移徙问题协调员的身份于7月25日和26日主持召开国际移徙赫尔辛基进程会议。",
    );
  });

  it("ends paragraphs of 004_c6292b922524f64f.txt at a full line ending 。 plus the extractor's trailing space (line 19)", () => {
    const { doc } = load("004_c6292b922524f64f.txt");
    expect(paragraphAt(doc, 17).endsWith("特别是大会关于国际移徙与发展及其后续行动的高级别对话。")).toBe(
      true,
    );
    expect(paragraphAt(doc, 21).startsWith("谨转递上述会议最后报告（见附件）")).toBe(true);
  });

  for (const file of FILES) {
    it(`maps every character of normalized ${file} back to an equal raw character, paragraphs to their lines`, () => {
      const { raw, doc } = load(file);
      checkMap(raw, doc.text, doc.map);
      const rawLines = raw.split("\n");
      for (const p of doc.paragraphs) {
        expect(p.end).toBeGreaterThan(p.start);
        const o = doc.map.toOriginal(p.start);
        expect(lineStart(raw, p.line)).toBeLessThanOrEqual(o);
        expect(o).toBeLessThan(lineStart(raw, p.line) + (rawLines[p.line - 1] as string).length + 1);
      }
      expect(doc.paragraphs.map((p) => doc.text.slice(p.start, p.end)).join("\n")).toBe(doc.text);
      expect(doc.text).not.toMatch(
        /^[ \t]|[ \t]$| {2}|[0-9A-Za-z] \p{Script=Han}|\p{Script=Han} [0-9A-Za-z]/mu,
      );
    });
  }
});

describe("normalizeSegment", () => {
  it("repairs a segment of 000_9269ffeef60731b4.txt line 30 without joining lines", () => {
    const raw = " 移徙组织及其成员欢迎联大于 2006 年 9 月 14 日和 15 日举行国际移徙与发\n展问题高级别对话。 ";
    const { text, map } = normalizeSegment(raw);
    expect(text).toBe("移徙组织及其成员欢迎联大于2006年9月14日和15日举行国际移徙与发\n展问题高级别对话。");
    expect(map.toOriginal(text.indexOf("2006"))).toBe(raw.indexOf("2006"));
    expect(map.rangeToOriginal(text.indexOf("\n") + 1, text.length)).toEqual({
      start: raw.indexOf("\n") + 1,
      end: raw.length - 1,
    });
    expect(map.toOriginal(text.length)).toBe(raw.length);
  });

  it("folds full-width digits and Latin letters, keeps Chinese punctuation full-width", () => {
    expect(normalizeSegment("国际移徙组织（ＩＯＭ）２００６年报告，第１６段。").text).toBe(
      "国际移徙组织（IOM）2006年报告，第16段。",
    );
  });

  it("turns 001's half-width commas after Han into Chinese commas (001_294214e2a33dbe81.txt line 14)", () => {
    expect(normalizeSegment("大会在讨论国际移徙与发展问题时,通过了第 50/123 号决议,其中请秘书长").text).toBe(
      "大会在讨论国际移徙与发展问题时，通过了第50/123号决议，其中请秘书长",
    );
  });

  it("drops a footnote letter after Chinese punctuation: 会议。d at the end of 003_4ec4a3f0193b5aa8.txt line 185", () => {
    const raw = "规模较小、重点突出且务实的会议。d  ";
    const { text, map } = normalizeSegment(raw);
    expect(text).toBe("规模较小、重点突出且务实的会议。");
    expect(map.rangeToOriginal(0, text.length)).toEqual({ start: 0, end: raw.indexOf("d") });
  });

  it("leaves Latin letters that are words alone: Edward Gnesa 先生, 附件 A。 (003_4ec4a3f0193b5aa8.txt lines 58–59)", () => {
    expect(normalizeSegment(" ∗ 作者 Edward Gnesa 先生，移徙问题国际合作特别大使").text).toBe(
      "作者Edward Gnesa先生，移徙问题国际合作特别大使",
    );
    expect(normalizeSegment("后辩论方案见附件 A。").text).toBe("后辩论方案见附件A。");
  });

  it("keeps 2.14 亿 a decimal (003_4ec4a3f0193b5aa8.txt line 6) and does not group years: 2011 年 1 月", () => {
    expect(normalizeSegment("面对世界各地大约 2.14 亿名国际移徙者").text).toBe(
      "面对世界各地大约2.14亿名国际移徙者",
    );
    expect(normalizeSegment("2011 年 1 月至 10 月间").text).toBe("2011年1月至10月间");
  });

  it("returns an empty text for a segment that is only spaces and a marker", () => {
    const { text, map } = normalizeSegment("  ∗  ");
    expect(text).toBe("");
    expect(map.toOriginal(0)).toBe(5);
  });
});

describe("normalization properties", () => {
  const corpusChars = [..."国际移徙与发展问题高级别对话，。、：；（）“”《》"];
  const unit = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...corpusChars) },
    { weight: 3, arbitrary: fc.constantFrom(" ", " ", "\u3000", "\t") },
    { weight: 2, arbitrary: fc.constant("\n") },
    { weight: 3, arbitrary: fc.constantFrom(..."0123456789") },
    { weight: 2, arbitrary: fc.constantFrom(..."ＡＢＣａｂ０１２３．") },
    { weight: 1, arbitrary: fc.constantFrom("a", "b", "A", "*", "∗", "¹", "_", ",", ".", "/", "-") },
  );
  const rawText = fc.string({ unit, maxLength: 160 });

  it("normalizeSegment: offsets stay in [0, raw.length], never decrease, and kept characters equal their originals", () => {
    fc.assert(
      fc.property(rawText, (raw) => {
        const { text, map } = normalizeSegment(raw);
        checkMap(raw, text, map);
        expect(map.toOriginal(text.length)).toBe(raw.length);
      }),
      { numRuns: 300 },
    );
  });

  it("normalizeDocument: the same for whole documents, with one non-empty paragraph per line", () => {
    fc.assert(
      fc.property(rawText, (raw) => {
        const doc = normalizeDocument(raw);
        checkMap(raw, doc.text, doc.map);
        expect(doc.paragraphs.map((p) => doc.text.slice(p.start, p.end)).join("\n")).toBe(doc.text);
        for (const p of doc.paragraphs) expect(p.end).toBeGreaterThan(p.start);
      }),
      { numRuns: 300 },
    );
  });

  it("normalizing twice changes nothing more (idempotent on segments)", () => {
    fc.assert(
      fc.property(rawText, (raw) => {
        const once = normalizeSegment(raw).text;
        expect(normalizeSegment(once).text).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
