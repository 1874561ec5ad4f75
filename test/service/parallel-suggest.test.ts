import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createParallelSuggester, type ParallelOptions } from "../../src/service/parallel-suggest.js";
import { createSuggester } from "../../src/service/suggest.js";
import { buildTermMatcher } from "../../src/termbase/matcher.js";
import { parseTbx } from "../../src/termbase/tbx.js";
import { createTmIndex } from "../../src/tm/index.js";
import type { TranslationUnit } from "../../src/tm/model.js";
import { parseTmx } from "../../src/tm/tmx.js";
import { annotateStream } from "../../src/xliff/annotate.js";

// The worker runs the compiled dist/src/service/suggest-worker.js, which `npm test` builds first.

const TBX = new URL("../../glossary/un-migration.tbx", import.meta.url);
const concepts = parseTbx(readFileSync(TBX, "utf8"), "un-migration.tbx");
const byId = new Map(concepts.map((c) => [c.id, c]));
const matcher = buildTermMatcher(concepts);
const shipped = parseTmx(
  readFileSync(new URL("../../tm/un-migration.tmx", import.meta.url), "utf8"),
  "un-migration.tmx",
);

const SOURCES = new URL("../../glossary/sources/", import.meta.url);
const lines = readdirSync(SOURCES)
  .filter((n) => n.endsWith(".txt"))
  .sort()
  .flatMap((n) => readFileSync(new URL(n, SOURCES), "utf8").split("\n"))
  .map((l) => l.trim())
  .filter((l) => l.length >= 12);

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/**
 * 1,500 units of 1,009 corpus lines (a third of them twice), every 50th unit of two segments,
 * every 70th translate="no".
 */
function document(): Buffer {
  const units: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const line = lines[(i * 37) % 1009] as string;
    const no = i % 70 === 69 ? ' translate="no"' : "";
    const second =
      i % 50 === 49
        ? `\n   <segment id="t${i}">\n    <source>${esc(lines[(i * 13) % 1009] as string)}</source>\n   </segment>`
        : "";
    units.push(
      `  <unit id="u${i}"${no}>\n   <segment id="s${i}">\n    <source>${esc(line)}</source>\n   </segment>${second}\n  </unit>\n`,
    );
  }
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">\n <file id="f">\n${units.join("")} </file>\n</xliff>\n`,
  );
}

function annotateWith(tm: ReturnType<typeof createTmIndex>, tuning?: ParallelOptions) {
  const options = { minMatch: 0.7, maxMatches: 3 };
  const pieces: Buffer[] = [];
  const parallel =
    tuning !== undefined ? createParallelSuggester(byId, matcher, tm, options, tuning) : undefined;
  const result = annotateStream(
    document(),
    "doc.xlf",
    parallel ?? createSuggester(byId, matcher, tm, options),
    (c) => pieces.push(c),
  );
  return { bytes: Buffer.concat(pieces), result, counts: parallel?.close() };
}

describe("createParallelSuggester", () => {
  // The shipped memory plus, for some corpus lines, two translations remembered after different sentences, so
  // that in-context matches (which depend on the previous segment) are part of what is compared: the one after
  // the line before it in the document ranks first only in context (otherwise ids decide, and ctx…b < ctx…z).
  const withContext: TranslationUnit[] = Array.from(
    { length: 40 },
    (_, i) => lines[(i * 37) % 1009] as string,
  ).flatMap((line, i) => [
    {
      id: `ctx${i}z`,
      source: line,
      target: `EN ${i} after its own previous line`,
      sourceLang: "zh-CN",
      targetLang: "en",
      previousSource: lines[((((i - 1) * 37) % 1009) + 1009) % 1009] as string,
    },
    {
      id: `ctx${i}b`,
      source: line,
      target: `EN ${i} elsewhere`,
      sourceLang: "zh-CN",
      targetLang: "en",
      previousSource: "别处",
    },
  ]);
  const tm = createTmIndex();
  tm.add([...shipped, ...withContext]);
  const sequential = annotateWith(tm);

  it("annotates a document byte for byte as the one-thread suggester, the worker looking up everything", () => {
    expect(tm.withContext).toBeGreaterThan(0);
    expect(sequential.bytes.toString("utf8")).toContain("EN 3 after its own previous line</target>");
    expect(sequential.result.tmMatches).toBeGreaterThan(100);
    // help off: the main thread never looks up what the worker has not answered, so the worker does it all.
    const parallel = annotateWith(tm, { startAfter: 0, help: false });
    expect(parallel.counts?.byMain).toBe(0);
    expect(parallel.counts?.byWorker).toBeGreaterThan(500);
    expect(parallel.bytes.equals(sequential.bytes)).toBe(true);
    expect(parallel.result).toEqual(sequential.result);
  });

  it("gives the same bytes when both threads look up (the worker started after some segments)", () => {
    const parallel = annotateWith(tm, { startAfter: 100 });
    expect((parallel.counts?.byMain ?? 0) + (parallel.counts?.byWorker ?? 0)).toBeGreaterThan(500);
    expect(parallel.counts?.byMain).toBeGreaterThanOrEqual(100);
    expect(parallel.bytes.equals(sequential.bytes)).toBe(true);
  });

  it("looks everything up itself when the worker cannot start, after waiting giveUpMs", () => {
    const missing = new URL("./no-such-worker.js", import.meta.url);
    const parallel = annotateWith(tm, { startAfter: 0, help: false, giveUpMs: 20, workerFile: missing });
    expect(parallel.counts?.byWorker).toBe(0);
    expect(parallel.bytes.equals(sequential.bytes)).toBe(true);
  });

  it("looks up once per distinct text, as the one-thread suggester does", () => {
    const parallel = annotateWith(tm, { startAfter: 0, help: false });
    const distinct = new Set<string>();
    // Units' segments in order; a translate="no" unit is not looked up and is not the previous segment.
    const doc = document().toString("utf8");
    for (const m of doc.matchAll(/<unit id="u\d+"( translate="no")?>[\s\S]*?<\/unit>/g)) {
      if (m[1] !== undefined) continue;
      for (const s of m[0].matchAll(/<source>([^<]*)<\/source>/g)) distinct.add(s[1] as string);
    }
    // With a memory that records contexts, a text is looked up again after a different previous segment.
    expect(parallel.counts?.byWorker).toBeGreaterThanOrEqual(distinct.size);
    // The shipped memory records contexts too (144 of its units); without them each text is looked up once.
    const noContext = createTmIndex();
    noContext.add(shipped.map(({ previousSource: _, ...u }) => u));
    expect(noContext.withContext).toBe(0);
    expect(annotateWith(noContext, { startAfter: 0, help: false }).counts?.byWorker).toBe(distinct.size);
  });
});
