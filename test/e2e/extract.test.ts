import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../support/cli.js";
import { startServer, type RunningServer } from "../support/server.js";

const SOURCES = path.join(ROOT, "glossary/sources");
const DOC002 = path.join(SOURCES, "002_f1fd56940989419e.txt");
const DOC003 = path.join(SOURCES, "003_4ec4a3f0193b5aa8.txt");
const DOC004 = path.join(SOURCES, "004_c6292b922524f64f.txt");
const ALL = [
  "000_9269ffeef60731b4.txt",
  "001_294214e2a33dbe81.txt",
  "002_f1fd56940989419e.txt",
  "003_4ec4a3f0193b5aa8.txt",
  "004_c6292b922524f64f.txt",
].map((f) => path.join(SOURCES, f));

interface CandidateJson {
  term: string;
  frequency: number;
  documents: number;
  score: number;
  known: boolean;
  concept?: string;
  english: { term: string; origin: string }[];
  contexts: { file: string; line: number; text: string }[];
}

let dir: string;
let store: string;

beforeAll(async () => {
  dir = await tempDir();
  store = path.join(dir, "store");
  expect((await runCli(["lookup", "汇款", "--data-dir", store])).code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function extractJson(args: readonly string[]): Promise<CandidateJson[]> {
  const r = await runCli(["extract", ...args, "--format", "json", "--data-dir", store]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { candidates: CandidateJson[] }).candidates;
}

describe("yizhi extract", () => {
  it("prints DESIGN.md's JSON for 004: 移徙 first, known as c001, with contexts from 004 lines 5, 13, 17", async () => {
    const c = await extractJson([DOC004, "--top", "3"]);
    expect(c.map((x) => x.term)).toEqual(["移徙", "移徙者", "国际移徙"]);
    expect(c[0]).toMatchObject({
      term: "移徙",
      frequency: 127,
      documents: 1,
      score: 1,
      known: true,
      concept: "c001",
    });
    expect(c[0]?.english).toEqual([{ term: "migration", origin: "termbase" }]);
    expect(c[0]?.contexts.map((x) => [x.file, x.line])).toEqual([
      ["004_c6292b922524f64f.txt", 5],
      ["004_c6292b922524f64f.txt", 13],
      ["004_c6292b922524f64f.txt", 17],
    ]);
    expect(c[0]?.contexts[0]?.text).toBe("全球化和相互依存：国际移徙与发展");
  });

  it("prints a readable table as text, with CJK-aware columns", async () => {
    const r = await runCli(["extract", DOC004, "--top", "3", "--data-dir", store]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "   term       freq  docs  score  known   english",
        "1  移徙        127     1  1.000  c001    migration",
        "2  移徙者       45     1  0.962  c003    migrant",
        "3  国际移徙     34     1  0.924  c002    international migration",
        "",
      ].join("\n"),
    );
  });

  it("prints TSV with a header line", async () => {
    const r = await runCli(["extract", DOC004, "--top", "2", "--format", "tsv", "--data-dir", store]);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(
      "rank\tterm\tfrequency\tdocuments\tscore\tknown\tconcept\tenglish\torigin\tcontext\tfile\tline",
    );
    expect(lines[1]).toBe(
      "1\t移徙\t127\t1\t1\tyes\tc001\tmigration\ttermbase\t全球化和相互依存：国际移徙与发展\t004_c6292b922524f64f.txt\t5",
    );
    expect(lines.length).toBe(4);
  });

  it("exits 2 with one line naming the file for a missing or binary file, and for bad options", async () => {
    const missing = await runCli(["extract", "nope.txt", "--data-dir", store]);
    expect(missing).toMatchObject({ code: 2, stdout: "", stderr: "yizhi: nope.txt: no such file\n" });
    const bin = path.join(dir, "image.bin");
    await writeFile(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(await runCli(["extract", bin, "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: `yizhi: ${bin}: not a text file (contains NUL bytes)\n`,
    });
    const latin1 = path.join(dir, "latin1.txt");
    await writeFile(latin1, Buffer.from([0x6d, 0xe9, 0x6c, 0x61, 0x6e, 0x67, 0x65]));
    expect(await runCli(["extract", latin1, "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: `yizhi: ${latin1}: not valid UTF-8 text\n`,
    });
    expect(await runCli(["extract", DOC004, "--format", "xml", "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: 'yizhi: --format must be one of json, text, tsv (got "xml")\n',
    });
    expect(await runCli(["extract", DOC004, "--top", "0", "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: 'yizhi: --top must be a whole number from 1 to 100000 (got "0")\n',
    });
    expect((await runCli(["extract", "--data-dir", store])).code).toBe(2);
  });
});

describe("yizhi termbase review", () => {
  it("approves 回返移徙 from 002 as c396 with its contexts; lookup then finds it and extract marks it known", async () => {
    // Before: the termbase's 回返移徙者 (c007) is one word to the segmenter, so 回返移徙 is no candidate of its own.
    const before = await extractJson([...ALL, "--top", "5000"]);
    expect(before.find((c) => c.term === "回返移徙者")).toMatchObject({
      known: true,
      concept: "c007",
      frequency: 5,
    });
    expect(before.find((c) => c.term === "回返移徙")).toBeUndefined();

    const r = await runCli([
      "termbase",
      "review",
      "approve",
      "回返移徙",
      "--english",
      "return migration",
      "--from",
      DOC002,
      "--data-dir",
      store,
    ]);
    expect(r).toMatchObject({
      code: 0,
      stdout: "c396  回返移徙  →  return migration  (new concept, 2 contexts)\n",
    });

    const lookup = JSON.parse(
      (await runCli(["lookup", "回返移徙", "--format", "json", "--data-dir", store])).stdout,
    );
    expect(lookup.results[0]).toMatchObject({
      id: "c396",
      match: "exact",
      terms: {
        zh: [{ term: "回返移徙", status: "preferred" }],
        en: [{ term: "return migration", status: "preferred" }],
      },
    });
    expect(lookup.results[0].contexts[0]).toEqual({
      text: "18. 会议强调必需制订政策和方案，促进回返移徙者重新融入社会，并为利用移徙者在国外掌握的技能提供便利。",
      source: "002_f1fd56940989419e.txt, line 77",
    });

    const after = await extractJson([...ALL, "--top", "5000"]);
    expect(after.find((c) => c.term === "回返移徙")).toMatchObject({
      frequency: 5,
      known: true,
      concept: "c396",
      english: [{ term: "return migration", origin: "termbase" }],
    });
  });

  it("refuses to approve a term already in the termbase, and a term that is not in the files given", async () => {
    expect(await runCli(["termbase", "review", "approve", "回返移徙", "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: 'yizhi: "回返移徙" is already a term of concept c396\n',
    });
    expect(
      await runCli([
        "termbase",
        "review",
        "approve",
        "体面工作议程",
        "--english",
        "decent work agenda",
        "--from",
        DOC004,
        "--data-dir",
        store,
      ]),
    ).toMatchObject({
      code: 2,
      stderr: `yizhi: "体面工作议程" does not occur in 004_c6292b922524f64f.txt\n`,
    });
    expect(await runCli(["termbase", "review", "approve", "migration", "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: 'yizhi: the term "migration" has no Chinese character\n',
    });
  });

  it("rejects 与会者: extract leaves it out (12th in 004 before), --all brings it back, undo restores it", async () => {
    const top = async (extra: string[] = []) =>
      (await extractJson([DOC004, "--top", "15", ...extra])).map((c) => c.term);
    expect(await top()).toContain("与会者");
    const r = await runCli([
      "termbase",
      "review",
      "reject",
      "与会者",
      "--reason",
      "meeting-report vocabulary",
      "--data-dir",
      store,
    ]);
    expect(r).toMatchObject({ code: 0, stdout: "rejected 与会者\n" });
    expect(await top()).not.toContain("与会者");
    expect((await top()).length).toBe(15);
    expect(await top(["--all"])).toContain("与会者");

    const list = JSON.parse(
      (await runCli(["termbase", "review", "list", "--format", "json", "--data-dir", store])).stdout,
    );
    expect(list.decisions.map((d: { term: string; decision: string }) => [d.term, d.decision])).toEqual([
      ["回返移徙", "approved"],
      ["与会者", "rejected"],
    ]);
    expect(list.decisions[1].reason).toBe("meeting-report vocabulary");
    const text = (await runCli(["termbase", "review", "list", "--only", "rejected", "--data-dir", store]))
      .stdout;
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} {2}与会者 {2}rejected: meeting-report vocabulary\n$/);

    expect(await runCli(["termbase", "review", "undo", "与会者", "--data-dir", store])).toMatchObject({
      code: 0,
      stdout: "no longer rejected: 与会者\n",
    });
    expect(await top()).toContain("与会者");
  });

  it("refuses to reject a termbase term, and to undo what was not rejected", async () => {
    expect(await runCli(["termbase", "review", "reject", "汇款", "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: 'yizhi: "汇款" is a term of concept c101; change the termbase rather than rejecting it\n',
    });
    expect(await runCli(["termbase", "review", "undo", "行为者", "--data-dir", store])).toMatchObject({
      code: 2,
      stderr: 'yizhi: no review decision on "行为者"\n',
    });
    expect(
      await runCli(["termbase", "review", "list", "--only", "maybe", "--data-dir", store]),
    ).toMatchObject({
      code: 2,
      stderr: 'yizhi: --only must be one of approved, rejected (got "maybe")\n',
    });
  });
});

describe("POST /api/extract and the review routes", () => {
  let server: RunningServer;
  let serverDir: string;
  beforeAll(async () => {
    serverDir = await tempDir();
    server = await startServer(["--data-dir", path.join(serverDir, "store"), "--body-limit", "64kb"]);
  });
  afterAll(async () => {
    await server.stop();
    await rm(serverDir, { recursive: true, force: true });
  });

  const post = (route: string, body: string | Buffer, type: string) =>
    fetch(new URL(route, server.url), { method: "POST", headers: { "content-type": type }, body });
  async function problemOf(res: Response): Promise<Record<string, unknown>> {
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    return (await res.json()) as Record<string, unknown>;
  }

  it("extracts from a text/plain body the same candidates as the CLI, contexts named by ?file=", async () => {
    const text = await readFile(DOC004, "utf8");
    const res = await post("/api/extract?top=3&file=004.txt", text, "text/plain; charset=utf-8");
    expect(res.status).toBe(200);
    const json = (await res.json()) as { candidates: CandidateJson[] };
    expect(json.candidates.map((c) => [c.term, c.frequency, c.concept])).toEqual([
      ["移徙", 127, "c001"],
      ["移徙者", 45, "c003"],
      ["国际移徙", 34, "c002"],
    ]);
    expect(json.candidates[0]?.contexts[0]).toEqual({
      file: "004.txt",
      line: 5,
      text: "全球化和相互依存：国际移徙与发展",
    });
  });

  it("answers an empty body 400, another media type or charset 415, too large 413, bad top 400", async () => {
    expect(await problemOf(await post("/api/extract", "", "text/plain"))).toMatchObject({
      status: 400,
      detail: "the request body is empty",
    });
    expect(await problemOf(await post("/api/extract", "<a/>", "application/xml"))).toMatchObject({
      status: 415,
      type: "urn:yizhi:problem:unsupported-media-type",
    });
    expect(await problemOf(await post("/api/extract", "移徙", "text/plain; charset=gbk"))).toMatchObject({
      status: 415,
      detail: 'charset "gbk" is not supported; send UTF-8',
    });
    expect(
      await problemOf(await post("/api/extract", Buffer.from([0xd2, 0xc6, 0xe1]), "text/plain")),
    ).toMatchObject({ status: 415, detail: "the request body is not valid UTF-8" });
    const big = await readFile(DOC003);
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect((await problemOf(await post("/api/extract", big, "text/plain"))).status).toBe(413);
    expect(await problemOf(await post("/api/extract?top=0", "移徙", "text/plain"))).toMatchObject({
      status: 400,
      detail: 'query parameter "top" must be a whole number from 1 to 100000',
    });
  });

  it("rejects over HTTP: 行动者 leaves the extract; GET /api/review lists the decision", async () => {
    const text = await readFile(DOC004, "utf8");
    const terms = async () =>
      (
        (await (await post("/api/extract?top=30", text, "text/plain")).json()) as {
          candidates: CandidateJson[];
        }
      ).candidates.map((c) => c.term);
    expect(await terms()).toContain("行动者");
    const res = await post(
      "/api/review/reject",
      JSON.stringify({ term: "行动者", reason: "general word" }),
      "application/json",
    );
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { decisions: { term: string; decision: string; reason: string }[] })
        .decisions[0],
    ).toMatchObject({
      term: "行动者",
      decision: "rejected",
      reason: "general word",
    });
    expect(await terms()).not.toContain("行动者");
    const list = (await (await fetch(new URL("/api/review?decision=rejected", server.url))).json()) as {
      decisions: { id: string }[];
    };
    expect(list.decisions.map((d) => d.id)).toEqual(["行动者"]);
  });

  it("approves over HTTP with the contexts /api/extract returned: 201 and the concept, found by /api/terms", async () => {
    const contexts = [
      {
        file: "002.txt",
        line: 77,
        text: "18. 会议强调必需制订政策和方案，促进回返移徙者重新融入社会，并为利用移徙者在国外掌握的技能提供便利。",
      },
    ];
    const res = await post(
      "/api/review/approve",
      JSON.stringify({ term: "回返移徙", english: "return migration", contexts, source: "A/61/187" }),
      "application/json",
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { concept: { id: string; contexts: unknown[] }; created: boolean };
    expect(body.created).toBe(true);
    expect(body.concept.id).toBe("c396");
    expect(body.concept.contexts).toEqual([
      { text: contexts[0]?.text, source: "A/61/187", lang: "zh", term: "回返移徙" },
    ]);
    const found = (await (
      await fetch(new URL(`/api/terms?q=${encodeURIComponent("回返移徙")}`, server.url))
    ).json()) as { results: { id: string }[] };
    expect(found.results[0]?.id).toBe("c396");
    const again = await post(
      "/api/review/approve",
      JSON.stringify({ term: "回返移徙", english: "return migration" }),
      "application/json",
    );
    expect(await problemOf(again)).toMatchObject({
      status: 409,
      detail: '"回返移徙" is already a term of concept c396',
    });
  });

  it("answers a review body of the wrong shape 422, bad JSON 400, not JSON 415", async () => {
    const wrong = await problemOf(
      await post("/api/review/approve", JSON.stringify({ term: 5, colour: "red" }), "application/json"),
    );
    expect(wrong).toMatchObject({ status: 422, type: "urn:yizhi:problem:invalid-body" });
    expect(wrong.detail).toMatch(/^invalid request body: term: .+; body: .*colour/);
    expect((await problemOf(await post("/api/review/reject", "{", "application/json"))).status).toBe(400);
    expect(
      (await problemOf(await post("/api/review/reject", "term=行为者", "application/x-www-form-urlencoded")))
        .status,
    ).toBe(415);
    expect(
      (await problemOf(await post("/api/review/reject", JSON.stringify({ term: "abc" }), "application/json")))
        .detail,
    ).toBe('the term "abc" has no Chinese character');
    expect((await problemOf(await fetch(new URL("/api/review?decision=maybe", server.url)))).status).toBe(
      400,
    );
  });
});
