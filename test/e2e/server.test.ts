import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../support/cli.js";
import { startServer, type RunningServer } from "../support/server.js";

const FIXTURE = path.join(ROOT, "test/fixtures/xliff/check-untranslated-term-2.0.xlf");
let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await tempDir();
  server = await startServer(["--data-dir", path.join(dir, "store"), "--body-limit", "64kb"]);
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function problemOf(res: Response): Promise<Record<string, unknown>> {
  expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  return (await res.json()) as Record<string, unknown>;
}

describe("yizhi serve", () => {
  it("listens on 127.0.0.1 and answers /health with the store's counts", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(new URL("/health", server.url));
    expect(await res.json()).toEqual({ status: "ok", concepts: 395, units: 221 });
  });

  it("GET /api/terms?q=汇款 returns remittances, the same JSON as the CLI", async () => {
    const res = await fetch(new URL(`/api/terms?q=${encodeURIComponent("汇款")}`, server.url));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { results: { id: string; terms: { en: { term: string }[] } }[] };
    expect(json.results[0]?.id).toBe("c101");
    expect(json.results[0]?.terms.en[0]?.term).toBe("remittances");
  });

  it("GET /api/terms/:id returns one concept, and 404 problem+json for an unknown id", async () => {
    expect(((await (await fetch(new URL("/api/terms/c101", server.url))).json()) as { id: string }).id).toBe("c101");
    const res = await fetch(new URL("/api/terms/c9999", server.url));
    expect(res.status).toBe(404);
    expect(await problemOf(res)).toEqual({
      type: "urn:yizhi:problem:not-found",
      title: "Not Found",
      status: 404,
      detail: 'no concept with id "c9999"',
    });
  });

  it("answers a missing or absurd query parameter with 400", async () => {
    expect((await problemOf(await fetch(new URL("/api/terms", server.url)))).detail).toBe('query parameter "q" is required');
    const res = await fetch(new URL(`/api/terms?q=x&limit=${"9".repeat(40)}`, server.url));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).detail).toBe('query parameter "limit" must be a whole number from 1 to 1000');
  });

  it("POST /api/xliff/check reports the untranslated term", async () => {
    const res = await fetch(new URL("/api/xliff/check?format=json", server.url), {
      method: "POST",
      headers: { "content-type": "application/xliff+xml" },
      body: await readFile(FIXTURE),
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { findings: { rule: string; unit: string; term: string }[] };
    expect(json.findings.map((f) => [f.rule, f.unit, f.term])).toEqual([["term-not-translated", "u1", "汇款"]]);
  });

  it("refuses XXE with 422 naming line and column, and keeps serving", async () => {
    const res = await fetch(new URL("/api/xliff/check?file=xxe.xlf", server.url), {
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: await readFile(path.join(ROOT, "test/fixtures/xliff/hostile-xxe.xlf")),
    });
    expect(res.status).toBe(422);
    expect(await problemOf(res)).toMatchObject({ file: "xxe.xlf", line: 2, column: 1 });
    expect((await fetch(new URL("/health", server.url))).status).toBe(200);
  });

  it("answers a wrong content type with 415 and an oversized body with 413", async () => {
    const wrong = await fetch(new URL("/api/xliff/check", server.url), { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    expect(wrong.status).toBe(415);
    const big = await fetch(new URL("/api/xliff/check", server.url), {
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: Buffer.alloc(100 * 1024, 0x20),
    });
    expect(big.status).toBe(413);
    expect((await problemOf(big)).title).toBe("Content Too Large");
  });

  it("answers an unknown route with 404 problem+json, not HTML", async () => {
    const res = await fetch(new URL("/api/nothing", server.url));
    expect(res.status).toBe(404);
    expect((await problemOf(res)).detail).toBe("no route GET /api/nothing");
  });

  it("serves the web page at /", async () => {
    const res = await fetch(server.url);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toContain("<title>yizhi 一致");
  });

  it("GET /api/tm/search finds the shipped memory's sentence for a query with another resolution number", async () => {
    // tm/un-migration.tmx unit 000-0004 has 联大第60/227号决议请移徙组织为高级别对话作出贡献。
    const q = "联大第61/208号决议请移徙组织为高级别对话作出贡献。";
    const res = await fetch(new URL(`/api/tm/search?q=${encodeURIComponent(q)}`, server.url));
    const json = (await res.json()) as { query: string; matches: { id: string; target: string; score: number; penalties: { kind: string }[] }[] };
    expect(json.query).toBe(q);
    expect(json.matches[0]?.id).toBe("000-0004");
    expect(json.matches[0]?.target).toBe("General Assembly resolution 60/227 invited IOM to contribute to the High-level Dialogue.");
    expect(json.matches[0]?.penalties.map((p) => p.kind)).toContain("number");
    expect(json.matches[0]?.score).toBeLessThan(0.95);
  });

  it("POST /api/prepare turns a corpus paragraph into XLIFF 2.0 with the glossary hit for 汇款", async () => {
    // 004_c6292b922524f64f.txt lines 214–216, joined.
    const text = "认识到国际移徙对原籍国的积极和消极影响。积极影响包括移徙者汇款的经济影响、知识、经验交流和能力建设。\n";
    const res = await fetch(new URL("/api/prepare?file=004.txt", server.url), {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: text,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-yizhi-segments")).toBe("2");
    const xml = await res.text();
    expect(xml).toContain('<file id="f1" original="004.txt">');
    expect(xml).toContain("<source>积极影响包括移徙者汇款的经济影响、知识、经验交流和能力建设。</source>");
    expect(xml).toContain('<gls:term source="yizhi:c101">汇款</gls:term>');
    const bad = await fetch(new URL("/api/prepare?xliff=3.0", server.url), { method: "POST", headers: { "content-type": "text/plain" }, body: text });
    expect(bad.status).toBe(400);
  });
});
