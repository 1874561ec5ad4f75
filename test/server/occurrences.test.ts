import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  countOccurrences,
  describeSource,
  occurrencesOf,
  type SourceDocument,
} from "../../src/server/occurrences.js";
import { buildTermMatcher, type TermMatcher } from "../../src/termbase/matcher.js";
import type { Concept } from "../../src/termbase/model.js";
import { parseTbx } from "../../src/termbase/tbx.js";
import { normalizeDocument } from "../../src/text/normalize.js";
import { ROOT } from "../support/cli.js";

const SOURCES = path.join(ROOT, "glossary/sources");
let concepts: Map<string, Concept>;
let matcher: TermMatcher;

/** Raw lines `from`..`to` (1-based, inclusive) of a corpus file, normalized as the server normalizes it. */
function corpusLines(file: string, from: number, to: number): SourceDocument {
  const raw = readFileSync(path.join(SOURCES, file), "utf8")
    .split("\n")
    .slice(from - 1, to)
    .join("\n");
  return { file, ...describeSource(file), text: normalizeDocument(raw).text };
}

function concept(id: string): Concept {
  const c = concepts.get(id);
  if (c === undefined) throw new Error(`no concept ${id} in the shipped termbase`);
  return c;
}

beforeAll(() => {
  const list = parseTbx(
    readFileSync(path.join(ROOT, "glossary/un-migration.tbx"), "utf8"),
    "un-migration.tbx",
  );
  concepts = new Map(list.map((c) => [c.id, c]));
  matcher = buildTermMatcher(list);
});

describe("countOccurrences and occurrencesOf", () => {
  const a = () => corpusLines("000_9269ffeef60731b4.txt", 306, 308);
  const b = () => corpusLines("004_c6292b922524f64f.txt", 214, 218);

  it("counts 来源国 twice in 000 lines 306–308 and 原籍国 twice in 004 lines 214–218 (认识到…对原籍国, 增加原籍国的), under c048 with its three terms", () => {
    const counts = countOccurrences([a(), b()], matcher);
    expect(occurrencesOf(concept("c048"), counts)).toEqual({
      id: "c048",
      documents: [
        {
          file: "000_9269ffeef60731b4.txt",
          source: "A/C.2/61/7",
          label: "A/C.2/61/7",
          counts: { 原籍国: 0, 来源国: 2, 始发国: 0 },
        },
        {
          file: "004_c6292b922524f64f.txt",
          source: "Letter from Mexico, Helsinki Process conference report (2006)",
          label: "Helsinki 2006",
          counts: { 原籍国: 2, 来源国: 0, 始发国: 0 },
        },
      ],
    });
  });

  it("counts 循环移徙 broken over 004 lines 216–218 (循环移 / blank / 徙) once, because the text is normalized first", () => {
    const raw = readFileSync(path.join(SOURCES, "004_c6292b922524f64f.txt"), "utf8")
      .split("\n")
      .slice(215, 218)
      .join("\n");
    expect(raw).toContain("循环移\n\n徙");
    const counts = countOccurrences([b()], matcher);
    expect(occurrencesOf(concept("c005"), counts).documents.map((d) => d.counts)).toEqual([{ 循环移徙: 1 }]);
    expect(occurrencesOf(concept("c101"), counts).documents.map((d) => d.counts)).toEqual([{ 汇款: 1 }]);
  });

  it("counts 国际移徙组织 in 000 line 28 for the organization (c313), not for 国际移徙 (c002): leftmost-longest", () => {
    const counts = countOccurrences([corpusLines("000_9269ffeef60731b4.txt", 28, 28)], matcher);
    expect(occurrencesOf(concept("c313"), counts).documents[0]?.counts["国际移徙组织"]).toBe(1);
    expect(Object.values(occurrencesOf(concept("c002"), counts).documents[0]?.counts ?? {})).toEqual(
      concept("c002").terms.zh.map(() => 0),
    );
  });

  it("counts traditional 匯款 under the termbase's 汇款 (script-insensitive)", () => {
    // 004 line 214's clause, in traditional characters as a Hong Kong or Taiwan text would write it.
    const doc: SourceDocument = {
      file: "t.txt",
      source: "t",
      label: "t",
      text: "積極影響包括移徙者匯款的經濟影響",
    };
    expect(occurrencesOf(concept("c101"), countOccurrences([doc], matcher)).documents[0]?.counts).toEqual({
      汇款: 1,
    });
  });

  it("gives every document a row with zeros when the concept does not occur", () => {
    const counts = countOccurrences([a(), b()], matcher);
    expect(
      occurrencesOf(concept("c313"), counts).documents.map((d) =>
        Object.values(d.counts).every((n) => n === 0),
      ),
    ).toEqual([true, true]);
  });
});

describe("describeSource", () => {
  it("gives the README's context source for the five corpus files and the file name for others", () => {
    expect(describeSource("000_9269ffeef60731b4.txt")).toEqual({ source: "A/C.2/61/7", label: "A/C.2/61/7" });
    expect(describeSource("001_294214e2a33dbe81.txt").source).toBe("UN SG report, 52nd session (1997)");
    expect(describeSource("new-report.txt")).toEqual({ source: "new-report.txt", label: "new-report" });
  });

  it("uses as sources exactly the strings the shipped termbase's contexts cite for the corpus", () => {
    const cited = new Set([...concepts.values()].flatMap((c) => c.contexts.map((x) => x.source)));
    const ours = ["000", "001", "002", "003", "004"].map(
      (n) =>
        describeSource(
          readFileSync(path.join(SOURCES, "README.md"), "utf8").match(
            new RegExp(`\`(${n}_[0-9a-f]+\\.txt)\``),
          )?.[1] ?? "",
        ).source,
    );
    expect(ours.filter((s) => !cited.has(s))).toEqual([]);
  });
});
