import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { parseTbx } from "../../src/termbase/tbx.js";
import type { Concept, Term, TermStatus } from "../../src/termbase/model.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tbxFile = `${root}glossary/un-migration.tbx`;
const sourcesDir = `${root}glossary/sources/`;

const SUBJECTS = new Set([
  "migration",
  "development",
  "remittances and finance",
  "labour mobility",
  "diaspora",
  "protection",
  "integration and return",
  "data and statistics",
  "governance",
  "organizations and processes",
]);

// The context sources, one per corpus file (glossary/sources/README.md explains each).
const SOURCES = new Map([
  ["000_9269ffeef60731b4.txt", "A/C.2/61/7"],
  ["001_294214e2a33dbe81.txt", "UN SG report, 52nd session (1997)"],
  ["002_f1fd56940989419e.txt", "GA informal interactive hearings summary, 61st session (2006)"],
  ["003_4ec4a3f0193b5aa8.txt", "GFMD 2011 final debate report (Switzerland)"],
  ["004_c6292b922524f64f.txt", "Letter from Mexico, Helsinki Process conference report (2006)"],
]);

// Page furniture of the PDF extraction: the running symbol, "page job-number" footers, bare page numbers.
const FURNITURE = [
  /^\s*A\/C\.2\/61\/7\s*$/,
  /^\s*\d+\s+\d{2}-\d{5}\s*$/,
  /^\s*\d{2}-\d{5}\s+\d+\s*$/,
  /^\s*\d{1,3}\s*$/,
];
const CJK = "\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef";
// A line break (with the blanks around it) touching a CJK character is PDF wrapping, not a word space: 国际移\n\n徙.
const WRAP = new RegExp(`(?<=[${CJK}])[ \\t\\u3000]*\\n\\s*|[ \\t\\u3000]*\\n\\s*(?=[${CJK}])`, "gu");

function joinBrokenLines(raw: string): string {
  const kept = raw.split("\n").filter((line) => !FURNITURE.some((re) => re.test(line)));
  return kept.join("\n").replace(WRAP, "");
}

const corpus = new Map<string, string>();
for (const name of readdirSync(sourcesDir)
  .filter((n) => n.endsWith(".txt"))
  .sort()) {
  corpus.set(name, joinBrokenLines(readFileSync(`${sourcesDir}${name}`, "utf8")));
}
const joined = [...corpus.values()].join("\n");

const concepts: Concept[] = parseTbx(readFileSync(tbxFile, "utf8"), "glossary/un-migration.tbx");
const byPreferredZh = new Map<string, Concept>();
for (const c of concepts) {
  const zh = c.terms.zh.find((t) => t.status === "preferred");
  if (zh !== undefined) byPreferredZh.set(zh.term, c);
}

function conceptOf(zh: string): Concept {
  const c = byPreferredZh.get(zh);
  if (c === undefined) throw new Error(`no concept with preferred zh term ${zh}`);
  return c;
}

function statuses(terms: readonly Term[]): Record<string, TermStatus> {
  return Object.fromEntries(terms.map((t) => [t.term, t.status]));
}

describe("glossary/un-migration.tbx content", () => {
  it("has at least 250 concepts with ids c001, c002, ... in order", () => {
    expect(concepts.length).toBeGreaterThanOrEqual(250);
    expect(concepts.map((c) => c.id)).toEqual(concepts.map((_, i) => `c${String(i + 1).padStart(3, "0")}`));
  });

  it("gives every concept a zh and an en preferred term, a definition with its source, a subject, a note", () => {
    const incomplete = concepts.filter(
      (c) =>
        c.terms.zh.filter((t) => t.status === "preferred").length !== 1 ||
        c.terms.en.filter((t) => t.status === "preferred").length !== 1 ||
        c.terms.zh[0]?.status !== "preferred" ||
        c.terms.en[0]?.status !== "preferred" ||
        !c.definition ||
        !c.definitionSource ||
        !c.note ||
        !SUBJECTS.has(c.subject ?? ""),
    );
    expect(incomplete.map((c) => c.id)).toEqual([]);
  });

  it("gives every term a TBX-Basic part of speech", () => {
    const pos = new Set(["noun", "verb", "adjective", "adverb", "other"]);
    const bad = concepts.flatMap((c) =>
      [...c.terms.zh, ...c.terms.en]
        .filter((t) => !pos.has(t.partOfSpeech ?? ""))
        .map((t) => `${c.id} ${t.term}`),
    );
    expect(bad).toEqual([]);
  });

  it("gives every concept a zh context with a known source, containing its term, at most 120 characters", () => {
    const sources = new Set(SOURCES.values());
    const missing = concepts.filter((c) => !c.contexts.some((x) => x.lang === "zh" && sources.has(x.source)));
    expect(missing.map((c) => c.id)).toEqual([]);
    const bad = concepts.flatMap((c) =>
      c.contexts
        .filter((x) => x.text.length > 120 || x.term === undefined || !x.text.includes(x.term))
        .map((x) => `${c.id} ${x.text}`),
    );
    expect(bad).toEqual([]);
  });

  it("quotes every context from the corpus file it names (pieces around … each occur verbatim)", () => {
    const notFound = concepts.flatMap((c) =>
      c.contexts
        .filter((x) => {
          const file = [...SOURCES].find(([, symbol]) => symbol === x.source)?.[0];
          const text = file === undefined ? undefined : corpus.get(file);
          return (
            text === undefined || x.text.split("…").some((piece) => piece !== "" && !text.includes(piece))
          );
        })
        .map((x) => `${c.id} ${x.text}`),
    );
    expect(notFound).toEqual([]);
  });

  it("lists only Chinese terms that occur in the corpus once broken lines are joined", () => {
    const absent = concepts.flatMap((c) =>
      c.terms.zh.filter((t) => !joined.includes(t.term)).map((t) => `${c.id} ${t.term}`),
    );
    expect(absent).toEqual([]);
  });

  it("never gives two concepts the same preferred Chinese term", () => {
    const preferred = concepts.map((c) => c.terms.zh[0]?.term);
    expect(preferred.filter((t, i) => preferred.indexOf(t) !== i)).toEqual([]);
  });

  it("points every crossReference at another existing concept", () => {
    const ids = new Set(concepts.map((c) => c.id));
    const dangling = concepts.flatMap((c) =>
      (c.related ?? []).filter((r) => !ids.has(r) || r === c.id).map((r) => `${c.id} → ${r}`),
    );
    expect(dangling).toEqual([]);
  });

  it("models country of origin: 原籍国 preferred, 来源国 and 始发国 admitted", () => {
    const c = conceptOf("原籍国");
    expect(statuses(c.terms.zh)).toEqual({ 原籍国: "preferred", 来源国: "admitted", 始发国: "admitted" });
    expect(c.terms.en[0]).toMatchObject({ term: "country of origin", status: "preferred" });
  });

  it("models destination (目的地国/接受国/目的国) and host country (东道国/所在国) as two cross-referenced concepts", () => {
    const destination = conceptOf("目的地国");
    const host = conceptOf("东道国");
    expect(statuses(destination.terms.zh)).toEqual({
      目的地国: "preferred",
      接受国: "admitted",
      目的国: "admitted",
    });
    expect(statuses(host.terms.zh)).toEqual({ 东道国: "preferred", 所在国: "admitted" });
    expect(destination.terms.en[0]?.term).toBe("country of destination");
    expect(host.terms.en[0]?.term).toBe("host country");
    expect(destination.related).toContain(host.id);
    expect(host.related).toContain(destination.id);
  });

  it("deprecates 非法移徙 and 'illegal migration' in favour of 非正常移徙 / 'irregular migration'", () => {
    const c = conceptOf("非正常移徙");
    expect(statuses(c.terms.zh)).toMatchObject({ 非正常移徙: "preferred", 非法移徙: "deprecated" });
    expect(statuses(c.terms.en)).toEqual({
      "irregular migration": "preferred",
      "illegal migration": "deprecated",
    });
  });

  it("deprecates 非法移徙者, which 003_4ec4a3f0193b5aa8.txt line 1012 itself calls an inappropriate term", () => {
    expect(corpus.get("003_4ec4a3f0193b5aa8.txt")).toContain("“非法移徙者”等不恰当的用词");
    const c = conceptOf("非正常移徙者");
    expect(statuses(c.terms.zh)).toMatchObject({ 非正常移徙者: "preferred", 非法移徙者: "deprecated" });
    expect(statuses(c.terms.en)).toMatchObject({
      "irregular migrant": "preferred",
      "illegal migrant": "deprecated",
      "illegal immigrant": "deprecated",
      "illegal alien": "deprecated",
    });
  });

  it("admits 移民 for 'migrant' (A/C.2/61/7 usage) and keeps immigration compounds as their own concepts", () => {
    const migrant = conceptOf("移徙者");
    expect(statuses(migrant.terms.zh)).toEqual({ 移徙者: "preferred", 移民: "admitted" });
    expect(migrant.terms.en[0]?.term).toBe("migrant");
    expect(conceptOf("移民法").terms.en[0]?.term).toBe("immigration law");
    expect(conceptOf("移民国家").terms.en[0]?.term).toBe("country of immigration");
  });

  it("keeps nested terms as separate concepts linked by crossReference", () => {
    const migration = conceptOf("移徙");
    const international = conceptOf("国际移徙");
    expect(migration.terms.en[0]?.term).toBe("migration");
    expect(international.terms.en[0]?.term).toBe("international migration");
    expect(conceptOf("循环移徙").terms.en[0]?.term).toBe("circular migration");
    expect(conceptOf("移徙概况报告").terms.en[0]?.term).toBe("migration profile");
    expect(conceptOf("移徙工人").terms.en[0]?.term).toBe("migrant worker");
    expect(migration.related).toContain(international.id);
    expect(international.related).toContain(migration.id);
  });

  it("groups the three renderings of trafficking in persons and of stakeholders", () => {
    expect(statuses(conceptOf("贩运人口").terms.zh)).toEqual({
      贩运人口: "preferred",
      人口贩运: "admitted",
      贩卖人口: "admitted",
    });
    expect(statuses(conceptOf("利益攸关方").terms.zh)).toEqual({
      利益攸关方: "preferred",
      利益相关者: "admitted",
      利益有关者: "admitted",
    });
  });
});
