// Every route of DESIGN.md's HTTP API (and the two the web page adds), in process with supertest: success,
// problem+json errors with the input's location, security headers and the access log.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type express from "express";
import { createApp } from "../../src/server/app.js";
import { loadSourceDocuments } from "../../src/server/page-routes.js";
import { countOccurrences, occurrencesOf } from "../../src/server/occurrences.js";
import { Yizhi } from "../../src/service/yizhi.js";
import { openStore } from "../../src/store/open.js";
import { buildTermMatcher } from "../../src/termbase/matcher.js";
import { ROOT, tempDir } from "../support/cli.js";

const XLIFF = path.join(ROOT, "test/fixtures/xliff");
const FIXTURE = path.join(XLIFF, "check-untranslated-term-2.0.xlf");
// tm/un-migration.tmx unit 000-0004 has 联大第60/227号决议请移徙组织为高级别对话作出贡献。
const TM_QUERY = "联大第61/208号决议请移徙组织为高级别对话作出贡献。";

let dir: string;
let yizhi: Yizhi;
let app: express.Express;
const accessLog: string[] = [];

beforeAll(async () => {
  dir = await tempDir();
  yizhi = new Yizhi(await openStore({ dataDir: path.join(dir, "store") }));
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      accessLog.push(chunk.toString("utf8"));
      done();
    },
  });
  app = createApp(yizhi, { bodyLimit: "64kb", accessLog: log });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Asserts a problem+json answer and returns its members. */
function problemOf(res: request.Response, status: number): Record<string, unknown> {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(Object.keys(body).slice(0, 4)).toEqual(["type", "title", "status", "detail"]);
  expect(body.status).toBe(status);
  return body;
}

function postXml(url: string, body: Buffer | string, type = "application/xml"): request.Test {
  return request(app).post(url).set("content-type", type).send(body);
}

describe("GET /health", () => {
  it("answers with the seeded store's counts", async () => {
    const res = await request(app).get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", concepts: 395, units: 221 });
  });
});

describe("GET / and security headers", () => {
  it("serves the page with helmet's headers, a same-origin CSP, no HSTS and no X-Powered-By", async () => {
    const res = await request(app).get("/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.text).toContain("<title>yizhi 一致");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("serves the page's scripts and style from the same origin", async () => {
    for (const [file, type] of [
      ["/app.js", "text/javascript; charset=utf-8"],
      ["/js/lookup.js", "text/javascript; charset=utf-8"],
      ["/style.css", "text/css; charset=utf-8"],
      ["/favicon.svg", "image/svg+xml"],
    ]) {
      const res = await request(app).get(file as string);
      expect([file, res.status, res.headers["content-type"]]).toEqual([file, 200, type]);
    }
  });

  it("puts the same security headers on API answers and on problems", async () => {
    for (const res of [await request(app).get("/api/terms?q=x"), await request(app).get("/api/terms")]) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    }
  });
});

describe("GET /api/terms", () => {
  it("finds 汇款 → remittances (c101) as DESIGN.md's lookup JSON", async () => {
    const res = await request(app).get(`/api/terms?q=${encodeURIComponent("汇款")}`);
    expect(res.status).toBe(200);
    expect(res.body.query).toBe("汇款");
    expect(res.body.results[0]).toMatchObject({
      id: "c101",
      score: 1,
      match: "exact",
      terms: {
        zh: [{ term: "汇款", status: "preferred" }],
        en: [{ term: "remittances", status: "preferred" }],
      },
      subject: "remittances and finance",
    });
    expect(res.body.results[0].contexts[0].source).toBe("A/C.2/61/7");
  });

  it("finds traditional, English and pinyin input, and honours limit", async () => {
    const first = async (q: string) =>
      (await request(app).get(`/api/terms?q=${encodeURIComponent(q)}&limit=1`)).body.results;
    expect((await first("匯款")).map((r: { id: string; match: string }) => [r.id, r.match])).toEqual([
      ["c101", "traditional"],
    ]);
    expect((await first("remittances")).map((r: { id: string; match: string }) => [r.id, r.match])).toEqual([
      ["c101", "english"],
    ]);
    expect((await first("huikuan")).map((r: { match: string }) => r.match)).toEqual(["pinyin"]);
  });

  it("answers no query, a blank one, an overlong one and a bad limit with 400", async () => {
    expect(problemOf(await request(app).get("/api/terms"), 400)).toEqual({
      type: "urn:yizhi:problem:bad-query",
      title: "Bad Request",
      status: 400,
      detail: 'query parameter "q" is required',
    });
    expect(problemOf(await request(app).get("/api/terms?q=%20%20"), 400).detail).toBe(
      'query parameter "q" is required',
    );
    expect(problemOf(await request(app).get(`/api/terms?q=${"移".repeat(201)}`), 400).detail).toBe(
      'query parameter "q" is longer than 200 characters',
    );
    expect(problemOf(await request(app).get("/api/terms?q=x&limit=0"), 400).detail).toBe(
      'query parameter "limit" must be a whole number from 1 to 1000',
    );
    expect(problemOf(await request(app).get("/api/terms?q=x&q=y"), 400).detail).toBe(
      'query parameter "q" must be given once, as text',
    );
  });
});

describe("GET /api/terms/:id", () => {
  it("returns the stored concept", async () => {
    const res = await request(app).get("/api/terms/c101");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await yizhi.concept("c101"))));
    expect(res.body.terms.en[0].term).toBe("remittances");
  });

  it("answers an unknown id with 404", async () => {
    expect(problemOf(await request(app).get("/api/terms/c9999"), 404)).toEqual({
      type: "urn:yizhi:problem:not-found",
      title: "Not Found",
      status: 404,
      detail: 'no concept with id "c9999"',
    });
  });
});

describe("GET /api/terms/:id/occurrences (for the page's chart)", () => {
  it("counts the concept's Chinese terms in each of the five corpus documents, as countOccurrences does", async () => {
    const res = await request(app).get("/api/terms/c048/occurrences");
    expect(res.status).toBe(200);
    const docs = await loadSourceDocuments(path.join(ROOT, "glossary/sources"));
    const concepts = await yizhi.store.concepts.list();
    expect(res.body).toEqual(
      occurrencesOf(await yizhi.concept("c048"), countOccurrences(docs, buildTermMatcher(concepts))),
    );
    expect(res.body.documents.map((d: { label: string }) => d.label)).toEqual([
      "A/C.2/61/7",
      "SG report 1997",
      "GA hearings 2006",
      "GFMD 2011",
      "Helsinki 2006",
    ]);
    expect(Object.keys(res.body.documents[0].counts)).toEqual(["原籍国", "来源国", "始发国"]);
  });

  it("answers an unknown id with 404", async () => {
    expect(problemOf(await request(app).get("/api/terms/c9999/occurrences"), 404).detail).toBe(
      'no concept with id "c9999"',
    );
  });
});

describe("GET /api/rules (for the page's explanations)", () => {
  it("lists the seven rules of DESIGN.md in report order with severity and description", async () => {
    const res = await request(app).get("/api/rules");
    expect(res.body.rules.map((r: { id: string; severity: string }) => [r.id, r.severity])).toEqual([
      ["term-not-translated", "error"],
      ["deprecated-source-term", "warning"],
      ["deprecated-target-term", "error"],
      ["variant-source-term", "info"],
      ["inconsistent-translation", "warning"],
      ["inconsistent-term-translation", "warning"],
      ["script-mismatch", "warning"],
    ]);
    expect(res.body.rules[1].description).toBe(
      "The source uses a term whose status is deprecated (e.g. 非法移徙 for 非正常移徙).",
    );
  });
});

describe("POST /api/xliff/check", () => {
  it("reports the untranslated 汇款 in u1 as JSON, with the texts its offsets point into", async () => {
    const res = await postXml(
      "/api/xliff/check?format=json",
      await readFile(FIXTURE),
      "application/xliff+xml",
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.body.findings).toEqual([
      {
        rule: "term-not-translated",
        severity: "error",
        unit: "u1",
        segment: "s1",
        segmentIndex: 0,
        message: '"汇款" should be translated as "remittances"',
        term: "汇款",
        conceptId: "c101",
        expected: ["remittances"],
        suggestion: "remittances",
        sourceSpan: { start: 9, end: 11 },
      },
    ]);
    expect(res.body.segments).toEqual({
      u1: [
        {
          id: "s1",
          source: "积极影响包括移徙者汇款的经济影响、知识、经验交流和能力建设。",
          target:
            "Positive effects include the economic impact of migrants' money transfers, knowledge, exchange of experience and capacity-building.",
        },
      ],
    });
    expect(res.body.segments.u1[0].source.slice(9, 11)).toBe("汇款");
  });

  it("renders text, HTML and ITS-marked XLIFF", async () => {
    const body = await readFile(FIXTURE);
    const text = await postXml("/api/xliff/check?format=text&file=mine.xlf", body);
    expect(text.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(text.text).toBe(
      "unit u1\n" +
        '  segment s1   error   "汇款" should be translated as "remittances"  term-not-translated\n\n' +
        "mine.xlf: 1 finding (1 error, 0 warning, 0 info) in 3 units, 3 segments\n",
    );
    const html = await postXml("/api/xliff/check?format=html", body);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.text).toContain("积极影响包括移徙者<mark>汇款</mark>的经济影响");
    const xliff = await postXml("/api/xliff/check?format=xliff", body)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(xliff.headers["content-type"]).toBe("application/xliff+xml");
    expect((xliff.body as Buffer).toString("utf8")).toMatch(
      /its:locQualityIssueType="terminology"[^>]*>汇款<\/mrk>的经济影响/,
    );
  });

  it("answers a wrong content type with 415, an empty body with 400, an unknown format with 400", async () => {
    expect(problemOf(await postXml("/api/xliff/check", "<xliff/>", "text/plain"), 415)).toEqual({
      type: "urn:yizhi:problem:unsupported-media-type",
      title: "Unsupported Media Type",
      status: 415,
      detail:
        "send the file as the request body with Content-Type application/xml (or application/xliff+xml, application/x-tmx+xml)",
    });
    expect(
      problemOf(
        await request(app).post("/api/xliff/check").set("content-type", "application/json").send("{}"),
        415,
      ).type,
    ).toBe("urn:yizhi:problem:unsupported-media-type");
    expect(problemOf(await postXml("/api/xliff/check", ""), 400).detail).toBe("the request body is empty");
    expect(problemOf(await postXml("/api/xliff/check?format=pdf", await readFile(FIXTURE)), 400).detail).toBe(
      'query parameter "format" must be one of json, text, html, xliff',
    );
  });

  it("answers a body over the limit with 413", async () => {
    const problem = problemOf(await postXml("/api/xliff/check", Buffer.alloc(65 * 1024, 0x20)), 413);
    expect(problem).toMatchObject({ type: "urn:yizhi:problem:entity.too.large", title: "Content Too Large" });
  });

  it("answers XXE with 422 naming the file, line and column", async () => {
    const res = await postXml(
      "/api/xliff/check?file=xxe.xlf",
      await readFile(path.join(XLIFF, "hostile-xxe.xlf")),
    );
    expect(problemOf(res, 422)).toEqual({
      type: "urn:yizhi:problem:bad-xliff",
      title: "Unprocessable Content",
      status: 422,
      detail: "DOCTYPE declarations are not accepted (external entities and entity expansion are refused)",
      file: "xxe.xlf",
      line: 2,
      column: 1,
    });
  });

  it("answers duplicate unit ids with 422 naming the unit, and falls back to upload.xlf for an unprintable ?file=", async () => {
    const res = await postXml(
      "/api/xliff/check?file=%3Cscript%3E.xlf",
      await readFile(path.join(XLIFF, "hostile-duplicate-ids.xlf")),
    );
    expect(problemOf(res, 422)).toEqual({
      type: "urn:yizhi:problem:bad-xliff",
      title: "Unprocessable Content",
      status: 422,
      detail: 'duplicate unit id "u1" (first used at line 4, column 5)',
      file: "upload.xlf",
      line: 9,
      column: 5,
      unit: "u1",
    });
  });

  it("answers a file that is not XML with 422", async () => {
    const problem = problemOf(
      await postXml("/api/xliff/check?file=a.xlf", await readFile(path.join(XLIFF, "hostile-not-xml.xlf"))),
      422,
    );
    expect(problem).toMatchObject({ type: "urn:yizhi:problem:bad-xliff", file: "a.xlf", line: 1, column: 1 });
    expect(problem.detail).toMatch(/^not XML: the file starts with /);
  });
});

describe("POST /api/xliff/annotate", () => {
  it("returns the file with the glossary hit for 汇款 and counts in headers", async () => {
    const res = await postXml("/api/xliff/annotate", await readFile(FIXTURE))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/xliff+xml");
    expect(res.headers["x-yizhi-glossary-hits"]).toBe("9");
    expect(res.headers["x-yizhi-tm-matches"]).toBe("2");
    const xml = (res.body as Buffer).toString("utf8");
    expect(xml).toContain('<gls:term source="yizhi:c101">汇款</gls:term>');
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"',
      ),
    ).toBe(true);
  });

  it("answers a bad min with 400, a wrong type with 415, a truncated file with 422", async () => {
    expect(problemOf(await postXml("/api/xliff/annotate?min=2", await readFile(FIXTURE)), 400).detail).toBe(
      'query parameter "min" must be a number from 0 to 1',
    );
    expect(problemOf(await postXml("/api/xliff/annotate", "x", "text/plain"), 415).title).toBe(
      "Unsupported Media Type",
    );
    const truncated = problemOf(
      await postXml(
        "/api/xliff/annotate?file=t.xlf",
        await readFile(path.join(XLIFF, "hostile-truncated.xlf")),
      ),
      422,
    );
    expect(truncated).toEqual({
      type: "urn:yizhi:problem:bad-xml",
      title: "Unprocessable Content",
      status: 422,
      detail: "unexpected end of file: unclosed tag: segment",
      file: "t.xlf",
      line: 7,
      column: 1,
      unit: "u1",
    });
  });
});

describe("GET /api/tm/search", () => {
  it("finds the shipped memory's sentence with another resolution number, with a diff and a number penalty", async () => {
    const res = await request(app).get(`/api/tm/search?q=${encodeURIComponent(TM_QUERY)}`);
    expect(res.status).toBe(200);
    expect(res.body.query).toBe(TM_QUERY);
    const m = res.body.matches[0];
    expect(m).toMatchObject({
      id: "000-0004",
      target: "General Assembly resolution 60/227 invited IOM to contribute to the High-level Dialogue.",
    });
    expect(m.penalties.map((p: { kind: string }) => p.kind)).toContain("number");
    const ops = m.diff as { op: string; text: string }[];
    expect(
      ops
        .filter((d) => d.op !== "delete")
        .map((d) => d.text)
        .join(""),
    ).toBe(m.source);
    expect(
      ops
        .filter((d) => d.op !== "insert")
        .map((d) => d.text)
        .join(""),
    ).toBe(TM_QUERY);
  });

  it("answers a missing q, a bad min and a bad limit with 400", async () => {
    expect(problemOf(await request(app).get("/api/tm/search"), 400).detail).toBe(
      'query parameter "q" is required',
    );
    expect(problemOf(await request(app).get("/api/tm/search?q=x&min=high"), 400).detail).toBe(
      'query parameter "min" must be a number from 0 to 1',
    );
    expect(problemOf(await request(app).get("/api/tm/search?q=x&limit=101"), 400).detail).toBe(
      'query parameter "limit" must be a whole number from 1 to 100',
    );
  });
});

describe("POST /api/tm/import", () => {
  let empty: express.Express;
  beforeAll(async () => {
    empty = createApp(new Yizhi(await openStore({ dataDir: path.join(dir, "empty"), seed: false })));
  });

  it("imports a translated XLIFF's two translated units, then finds them", async () => {
    const res = await request(empty)
      .post("/api/tm/import?file=check.xlf")
      .set("content-type", "application/xml")
      .send(await readFile(FIXTURE));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ added: 2, updated: 0, units: 2 });
    // The same file under the same name is the same units again: updated, not added twice.
    const again = await request(empty)
      .post("/api/tm/import?file=check.xlf")
      .set("content-type", "application/xml")
      .send(await readFile(FIXTURE));
    expect(again.body).toEqual({ added: 0, updated: 2, units: 2 });
    const search = await request(empty).get(
      `/api/tm/search?q=${encodeURIComponent("移徙者的汇款等贡献可以产生重要的发展效应。")}`,
    );
    expect(search.body.matches[0].source).toBe("移徙者的汇款等贡献固然可以产生重要的发展效应。");
  });

  it("imports a TMX file", async () => {
    const res = await request(empty)
      .post("/api/tm/import")
      .set("content-type", "application/x-tmx+xml")
      .send(await readFile(path.join(ROOT, "test/fixtures/tmx/omegat-project_save.tmx")));
    expect(res.status).toBe(200);
    expect(res.body.added).toBeGreaterThan(0);
  });

  it("answers a body that is neither TMX nor XLIFF with 415, a TMX header without srclang with 422, text/plain with 415", async () => {
    expect(
      problemOf(
        await request(empty)
          .post("/api/tm/import?file=x.xml")
          .set("content-type", "application/xml")
          .send("<foo/>"),
        415,
      ),
    ).toEqual({
      type: "urn:yizhi:problem:unsupported-format",
      title: "Unsupported Media Type",
      status: 415,
      detail: "not a TMX or XLIFF file (no <tmx> or <xliff> root element)",
      file: "x.xml",
    });
    const broken = problemOf(
      await request(empty)
        .post("/api/tm/import?file=b.tmx")
        .set("content-type", "application/xml")
        .send('<tmx version="1.4"><header/><body><tu><tuv'),
      422,
    );
    expect(broken).toEqual({
      type: "urn:yizhi:problem:bad-tmx",
      title: "Unprocessable Content",
      status: 422,
      detail: "<header> has no srclang",
      file: "b.tmx",
      line: 1,
      column: 28,
    });
    expect(
      problemOf(await request(empty).post("/api/tm/import").set("content-type", "text/plain").send("x"), 415)
        .title,
    ).toBe("Unsupported Media Type");
  });
});

describe("exports", () => {
  it("GET /api/termbase.tbx downloads the 395 concepts as TBX", async () => {
    const res = await request(app).get("/api/termbase.tbx");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/x-tbx+xml; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe("attachment; filename=yizhi-termbase.tbx");
    const xml = res.body instanceof Buffer ? res.body.toString("utf8") : res.text;
    expect(xml.match(/<conceptEntry /g)).toHaveLength(395);
  });

  it("GET /api/tm.tmx downloads the 221 units as TMX 1.4", async () => {
    const res = await request(app).get("/api/tm.tmx");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/x-tmx+xml; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe("attachment; filename=yizhi-memory.tmx");
    const xml = res.body instanceof Buffer ? res.body.toString("utf8") : res.text;
    expect(xml).toContain('<tmx version="1.4">');
    expect(xml.match(/<tu[ >]/g)).toHaveLength(221);
  });
});

describe("POST /api/extract and POST /api/prepare", () => {
  // 004_c6292b922524f64f.txt lines 200–260: a page of the Helsinki Process report.
  async function page004(): Promise<string> {
    return (await readFile(path.join(ROOT, "glossary/sources/004_c6292b922524f64f.txt"), "utf8"))
      .split("\n")
      .slice(199, 260)
      .join("\n");
  }

  it("extracts candidates from a corpus page, marking termbase terms known", async () => {
    const res = await request(app)
      .post("/api/extract?file=004.txt&top=5")
      .set("content-type", "text/plain; charset=utf-8")
      .send(await page004());
    expect(res.status).toBe(200);
    expect(res.body.candidates).toHaveLength(5);
    // 移徙 (20 times) and 移徙者 (9) lead the page with nearly equal scores; which is first is not the point here.
    const terms = res.body.candidates.map((c: { term: string }) => c.term);
    expect(terms.slice(0, 2).sort()).toEqual(["移徙", "移徙者"]);
    const migration = res.body.candidates.find((c: { term: string }) => c.term === "移徙");
    expect(migration).toMatchObject({
      term: "移徙",
      known: true,
      concept: "c001",
      english: [{ term: "migration", origin: "termbase" }],
    });
    expect(migration.contexts[0]).toMatchObject({ file: "004.txt", line: 3 });
    expect(res.body.candidates.find((c: { term: string }) => c.term === "与会者")).toMatchObject({ known: false });
  });

  it("answers extraction with JSON with 415, an empty body with 400, Latin-1 with 415", async () => {
    expect(
      problemOf(
        await request(app).post("/api/extract").set("content-type", "application/json").send('{"a":1}'),
        415,
      ).type,
    ).toBe("urn:yizhi:problem:unsupported-media-type");
    expect(
      problemOf(await request(app).post("/api/extract").set("content-type", "text/plain").send("  \n"), 400)
        .detail,
    ).toBe("the request body is empty");
    expect(
      problemOf(
        await request(app).post("/api/extract").set("content-type", "text/plain; charset=latin1").send("abc"),
        415,
      ).detail,
    ).toBe('charset "latin1" is not supported; send UTF-8');
  });

  it("prepares a corpus paragraph as XLIFF 2.0 and refuses xliff=3.0 with 400", async () => {
    const text =
      "认识到国际移徙对原籍国的积极和消极影响。积极影响包括移徙者汇款的经济影响、知识、经验交流和能力建设。\n";
    const res = await request(app)
      .post("/api/prepare?file=004.txt")
      .set("content-type", "text/plain; charset=utf-8")
      .send(text);
    expect(res.status).toBe(200);
    expect(res.headers["x-yizhi-segments"]).toBe("2");
    const xml = res.body instanceof Buffer ? res.body.toString("utf8") : res.text;
    expect(xml).toContain('<gls:term source="yizhi:c101">汇款</gls:term>');
    expect(
      problemOf(
        await request(app).post("/api/prepare?xliff=3.0").set("content-type", "text/plain").send(text),
        400,
      ).detail,
    ).toBe('query parameter "xliff" must be 2.0 or 1.2');
  });
});

describe("anything else", () => {
  it("answers an unknown route or method with 404 problem+json, not HTML", async () => {
    expect(problemOf(await request(app).get("/api/nothing"), 404).detail).toBe("no route GET /api/nothing");
    expect(problemOf(await request(app).delete("/api/terms/c101"), 404).detail).toBe(
      "no route DELETE /api/terms/c101",
    );
  });

  it("answers malformed JSON with 400 problem+json without a stack trace", async () => {
    const res = await request(app)
      .post("/api/review/approve")
      .set("content-type", "application/json")
      .send('{"term": ');
    const problem = problemOf(res, 400);
    expect(problem.type).toBe("urn:yizhi:problem:entity.parse.failed");
    expect(res.text).not.toContain("    at ");
  });

  it("writes one Apache combined-format line per request to the access log", () => {
    const health = accessLog.find((l) => l.includes('"GET /health HTTP/1.1"'));
    expect(health).toMatch(
      /^\S+ - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/health HTTP\/1\.1" 200 \d+ "-" "[^"]*"\n$/,
    );
    const missing = accessLog.find((l) => l.includes('"GET /api/terms/c9999 HTTP/1.1"'));
    expect(missing).toMatch(/" 404 \d+ "-" "[^"]*"\n$/);
  });
});
