import { readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startServer, type RunningServer } from "../support/server.js";
import { hashTree, hostileWorkspace, STACK_FRAME, treeText, type HostileWorkspace } from "./support.js";

/**
 * Hostile requests against a real server: each answer is a problem+json 4xx with the exact status and detail,
 * the server still answers GET /health after each, nothing it sends or logs carries a stack trace or the
 * secret, and the store is byte-identical at the end.
 */

let ws: HostileWorkspace;
let server: RunningServer;
let serverLog = "";
let storeBefore: Record<string, string>;
let dataDir: string;

beforeAll(async () => {
  ws = await hostileWorkspace();
  dataDir = path.join(ws.dir, "data");
  const seeded = await runCli(["--data-dir", dataDir, "lookup", "汇款"]);
  expect(seeded.code).toBe(0);
  storeBefore = await hashTree(dataDir);
  // A small body limit, so that "too large" costs 100 KB, not 50 MB.
  server = await startServer(["--data-dir", dataDir, "--body-limit", "64kb"]);
  server.child.stderr?.on("data", (d: Buffer) => (serverLog += d.toString("utf8")));
});

afterAll(async () => {
  await server?.stop();
  await rm(ws.dir, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

async function send(method: string, url: string, body?: Buffer | string, contentType?: string): Promise<Answer> {
  const res = await fetch(new URL(url, server.url), {
    method,
    ...(body !== undefined ? { body } : {}),
    headers: contentType ? { "content-type": contentType } : {},
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

async function fixture(name: string): Promise<Buffer> {
  return readFile(path.join(ws.dir, name));
}

/** Asserts a problem+json answer with this status, code and detail (and location where given). */
function expectProblem(a: Answer, status: number, code: string, detail: string, location: object = {}): void {
  expect(a.type).toBe("application/problem+json; charset=utf-8");
  expect(JSON.parse(a.body)).toEqual({ type: `urn:yizhi:problem:${code}`, title: expect.any(String), status, detail, ...location });
  expect(a.status).toBe(status);
  expect(a.body).not.toMatch(STACK_FRAME);
  expect(a.body).not.toContain(ws.secret);
}

async function expectHealthy(): Promise<void> {
  const health = await send("GET", "/health");
  expect([health.status, JSON.parse(health.body)]).toEqual([200, { status: "ok", concepts: 395, units: 221 }]);
}

const XML = "application/xml";
const DOCTYPE = "DOCTYPE declarations are not accepted (external entities and entity expansion are refused)";

describe("hostile request bodies", () => {
  const xliffCases: readonly [string, number, string, string, object][] = [
    ["truncated.xlf", 422, "bad-xml", "unexpected end of file: unclosed tag: source", { file: "upload.xlf", line: 13, column: 1, unit: "u2" }],
    ["not-xml.xlf", 422, "bad-xliff", 'not XML: the file starts with "移徙者的汇款等贡献固然可", not with "<"', { file: "upload.xlf", line: 1, column: 1 }],
    ["xxe.xlf", 422, "bad-xliff", DOCTYPE, { file: "upload.xlf", line: 2, column: 1 }],
    ["billion-laughs.xlf", 422, "bad-xliff", DOCTYPE, { file: "upload.xlf", line: 2, column: 1 }],
    [
      "version-3.0.xlf",
      422,
      "bad-xliff",
      'unsupported XLIFF version "3.0" (namespace urn:oasis:names:tc:xliff:document:2.0 carries 2.0 and 2.1)',
      { file: "upload.xlf", line: 2, column: 1 },
    ],
    [
      "no-namespace.xlf",
      422,
      "bad-xliff",
      "<xliff> has no XLIFF namespace (expected urn:oasis:names:tc:xliff:document:1.2 or :2.0)",
      { file: "upload.xlf", line: 2, column: 1 },
    ],
    ["duplicate-ids.xlf", 422, "bad-xliff", 'duplicate unit id "u1" (first used at line 4, column 5)', { file: "upload.xlf", line: 10, column: 5, unit: "u1" }],
    ["utf16le-no-bom.xlf", 422, "bad-encoding", "UTF-16 text without a byte order mark (XML 1.0 §4.3.3 requires one)", { file: "upload.xlf", line: 1, column: 1 }],
    ["utf16le-truncated.xlf", 422, "bad-encoding", "UTF-16 text with an odd number of bytes (truncated)", { file: "upload.xlf" }],
    ["invalid-utf8.xlf", 422, "bad-encoding", "invalid UTF-8 at byte 394 (bytes c3 28 72 65)", { file: "upload.xlf", line: 7, column: 49 }],
  ];

  for (const [name, status, code, detail, location] of xliffCases) {
    it(`POST /api/xliff/check, /api/xliff/annotate and /api/tm/import refuse ${name} with ${status} ${code}; the server keeps serving`, async () => {
      const body = await fixture(name);
      expectProblem(await send("POST", "/api/xliff/check", body, XML), status, code, detail, location);
      expectProblem(await send("POST", "/api/xliff/annotate", body, XML), status, code, detail, location);
      const imported = await send("POST", "/api/tm/import", body, XML);
      if (name === "not-xml.xlf") {
        // The import route takes TMX or XLIFF: text with neither root is an unsupported format.
        expectProblem(imported, 415, "unsupported-format", "not a TMX or XLIFF file (no <tmx> or <xliff> root element)", { file: "upload.tmx" });
      } else {
        expectProblem(imported, status, code, detail, { ...location, file: "upload.tmx" });
      }
      await expectHealthy();
    });
  }

  it("refuses an empty body with 400 empty-body", async () => {
    expectProblem(await send("POST", "/api/xliff/check", Buffer.alloc(0), XML), 400, "empty-body", "the request body is empty");
    expectProblem(await send("POST", "/api/tm/import", Buffer.alloc(0), XML), 400, "empty-body", "the request body is empty");
    await expectHealthy();
  });

  it("refuses a body over --body-limit with 413, on the XML and the text routes", async () => {
    const big = Buffer.alloc(100 * 1024, "汇款");
    expectProblem(await send("POST", "/api/xliff/check", big, XML), 413, "entity.too.large", "request entity too large");
    expectProblem(await send("POST", "/api/extract", big, "text/plain; charset=utf-8"), 413, "entity.too.large", "request entity too large");
    await expectHealthy();
  });

  it("refuses TMX files with a missing seg, entities or invalid UTF-8 on POST /api/tm/import", async () => {
    expectProblem(await send("POST", "/api/tm/import", await fixture("missing-seg.tmx"), XML), 422, "bad-tmx", '<tuv xml:lang="en"> has no <seg>', {
      file: "upload.tmx",
      line: 11,
      column: 31,
      unit: "t2",
    });
    // The TMX reader places a DOCTYPE error where the DOCTYPE ends (its "]>" line).
    for (const [name, line] of [["xxe.tmx", 4], ["billion-laughs.tmx", 13]] as const) {
      const a = await send("POST", "/api/tm/import", await fixture(name), XML);
      expectProblem(a, 422, "bad-tmx", "DOCTYPE with an internal subset is not accepted", { file: "upload.tmx", line, column: 2 });
    }
    expectProblem(await send("POST", "/api/tm/import", await fixture("invalid-utf8.tmx"), XML), 422, "bad-encoding", "invalid UTF-8 at byte 319 (bytes c3 3c 2f 73)", {
      file: "upload.tmx",
      line: 7,
      column: 41,
    });
    expectProblem(
      await send("POST", "/api/tm/import", await fixture("schema-broken.tbx"), XML),
      415,
      "unsupported-format",
      "not a TMX or XLIFF file (no <tmx> or <xliff> root element)",
      { file: "upload.tmx" },
    );
    await expectHealthy();
  });

  it("refuses a body of the wrong media type with 415", async () => {
    expectProblem(
      await send("POST", "/api/xliff/check", await fixture("valid-2.0.xlf"), "application/json"),
      415,
      "unsupported-media-type",
      "send the file as the request body with Content-Type application/xml (or application/xliff+xml, application/x-tmx+xml)",
    );
    expectProblem(
      await send("POST", "/api/extract", '{"text":"汇款"}', "application/json"),
      415,
      "unsupported-media-type",
      "send the document as the request body with Content-Type text/plain; charset=utf-8",
    );
    expectProblem(await send("POST", "/api/extract", await fixture("invalid-utf8.xlf"), "text/plain"), 415, "not-utf8", "the request body is not valid UTF-8");
    await expectHealthy();
  });

  it("refuses JSON bodies of the wrong shape with 422 naming the field, and broken JSON with 400", async () => {
    const json = "application/json";
    expectProblem(await send("POST", "/api/review/approve", '{"term": 5}', json), 422, "invalid-body", "invalid request body: term: Invalid input: expected string, received number");
    expectProblem(await send("POST", "/api/review/reject", "[1,2,3]", json), 422, "invalid-body", "invalid request body: body: Invalid input: expected object, received array");
    expectProblem(await send("POST", "/api/review/undo", '{"term": "汇款", "admin": true}', json), 422, "invalid-body", 'invalid request body: body: Unrecognized key: "admin"');
    expectProblem(await send("POST", "/api/review/approve", '{"term": ', json), 400, "entity.parse.failed", "Unexpected end of JSON input");
    await expectHealthy();
  });
});

describe("absurd query parameters", () => {
  const lookupLimit = 'query parameter "limit" must be a whole number from 1 to 1000';
  const tmMin = 'query parameter "min" must be a number from 0 to 1';
  const cases: readonly [string, number, string, string][] = [
    ["/api/terms?q=汇款&limit=99999999999", 400, "bad-query", lookupLimit],
    ["/api/terms?q=汇款&limit=-1", 400, "bad-query", lookupLimit],
    ["/api/terms?q=汇款&limit=NaN", 400, "bad-query", lookupLimit],
    ["/api/terms?q=汇款&limit=1.5", 400, "bad-query", lookupLimit],
    ["/api/terms?q=a&q=b", 400, "bad-query", 'query parameter "q" must be given once, as text'],
    // Express 5's query parser keeps "q[a]" as a name of its own: no q was given.
    ["/api/terms?q[a]=b", 400, "bad-query", 'query parameter "q" is required'],
    ["/api/terms?q=汇款&limit=5&limit=6", 400, "bad-query", 'query parameter "limit" must be given once, as text'],
    ["/api/tm/search?q=汇款&q=汇款", 400, "bad-query", 'query parameter "q" must be given once, as text'],
    ["/api/terms", 400, "bad-query", 'query parameter "q" is required'],
    [`/api/terms?q=${"汇".repeat(201)}`, 400, "bad-query", 'query parameter "q" is longer than 200 characters'],
    ["/api/tm/search?q=汇款&min=-1", 400, "bad-query", tmMin],
    ["/api/tm/search?q=汇款&min=NaN", 400, "bad-query", tmMin],
    ["/api/tm/search?q=汇款&min=1e400", 400, "bad-query", tmMin],
    ["/api/tm/search?q=汇款&min=0.7&min=0.8", 400, "bad-query", 'query parameter "min" must be given once, as text'],
    ["/api/tm/search?q=汇款&limit=100000", 400, "bad-query", 'query parameter "limit" must be a whole number from 1 to 100'],
    [`/api/tm/search?q=${"x".repeat(10_000)}`, 400, "bad-query", 'query parameter "q" is longer than 2000 characters'],
    ["/api/extract?top=-5", 415, "unsupported-media-type", "send the document as the request body with Content-Type text/plain; charset=utf-8"],
    ["/api/terms/%ZZ", 400, "bad-request", "Failed to decode param '%ZZ'"],
    ["/api/terms/..%2F..%2Fetc%2Fpasswd", 404, "not-found", 'no concept with id "../../etc/passwd"'],
  ];
  for (const [url, status, code, detail] of cases) {
    it(`${url.length > 80 ? `${url.slice(0, 60)}… (${url.length} chars)` : url} → ${status} ${code}`, async () => {
      const method = url.startsWith("/api/extract") ? "POST" : "GET";
      expectProblem(await send(method, url), status, code, detail);
      await expectHealthy();
    });
  }

  it("repeated parameters on routes that take a body: check ?format twice, extract ?top twice → 400 bad-query", async () => {
    const xliff = await fixture("valid-2.0.xlf");
    const once = 'must be given once, as text';
    expectProblem(await send("POST", "/api/xliff/check?format=json&format=html", xliff, "application/xliff+xml"), 400, "bad-query", `query parameter "format" ${once}`);
    // glossary/sources/004_c6292b922524f64f.txt line 326.
    const text = "专题辩论 4：国际移徙与发展的多层面方面，包括汇款。";
    expectProblem(await send("POST", "/api/extract?top=5&top=6", text, "text/plain; charset=utf-8"), 400, "bad-query", `query parameter "top" ${once}`);
    await expectHealthy();
  });

  it("a yes/no parameter that is neither: annotate ?pretranslate=yes, prepare ?copySource=maybe → 400 bad-query", async () => {
    const xliff = await fixture("valid-2.0.xlf");
    expectProblem(await send("POST", "/api/xliff/annotate?pretranslate=yes", xliff, "application/xliff+xml"), 400, "bad-query", 'query parameter "pretranslate" must be true or false');
    // glossary/sources/004_c6292b922524f64f.txt line 326.
    const text = "专题辩论 4：国际移徙与发展的多层面方面，包括汇款。";
    expectProblem(await send("POST", "/api/prepare?xliff=1.2&copySource=maybe", text, "text/plain; charset=utf-8"), 400, "bad-query", 'query parameter "copySource" must be true or false');
    await expectHealthy();
  });

  it("a query with raw UTF-8 bytes (what curl sends for ?q=汇款) → 400 bad-url naming the fix, and the server keeps serving", async () => {
    // fetch percent-encodes; a raw socket sends the bytes as curl does.
    const { port, hostname } = new URL(server.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end(Buffer.from("GET /api/terms?q=汇款 HTTP/1.1\r\nHost: x\r\n\r\n")));
      let answer = "";
      socket.on("data", (d) => (answer += d.toString("utf8")));
      socket.on("end", () => resolve(answer));
      socket.on("error", reject);
    });
    const [head, body] = raw.split("\r\n\r\n");
    expect(head?.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(body ?? "")).toEqual({
      type: "urn:yizhi:problem:bad-url",
      title: "Bad Request",
      status: 400,
      detail: "the URL holds characters that must be percent-encoded (e.g. curl -G --data-urlencode 'q=汇款')",
    });
    // The same query percent-encoded (as fetch and browsers send it) is answered.
    const encoded = await send("GET", "/api/terms?q=汇款&limit=1");
    expect([encoded.status, JSON.parse(encoded.body).results[0].id]).toEqual([200, "c101"]);
    await expectHealthy();
  });

  it("a 100 KB query string (over Node's 16 KB header limit) → 431 as problem+json, and the server keeps serving", async () => {
    const a = await send("GET", `/api/terms?q=${"x".repeat(100 * 1024)}`);
    expect(a.status).toBe(431);
    expect(a.type).toBe("application/problem+json");
    expect(JSON.parse(a.body)).toEqual({
      type: "urn:yizhi:problem:header-too-large",
      title: "Request Header Fields Too Large",
      status: 431,
      detail: "the request line and headers are larger than 16 KB (a query string that long is refused)",
    });
    await expectHealthy();
  });
});

describe("after every hostile request", () => {
  it("the store is byte-identical, and neither answers nor the server log hold a stack trace or the secret", async () => {
    await expectHealthy();
    expect(await hashTree(dataDir)).toEqual(storeBefore);
    expect(await treeText(dataDir)).not.toContain(ws.secret);
    expect(serverLog).not.toMatch(STACK_FRAME);
    expect(serverLog).not.toContain(ws.secret);
  });
});
