import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { hashTree, hostileWorkspace, STACK_FRAME, treeText, type HostileWorkspace } from "./support.js";

/**
 * Every hostile file through the built CLI: exit 2, exactly one line on stderr naming file, line, column and
 * unit where known, nothing on stdout, no stack trace, no byte of secret.txt anywhere, and a store that is
 * byte-identical afterwards.
 */

const DOCTYPE = "DOCTYPE declarations are not accepted (external entities and entity expansion are refused)";

/** What each XLIFF-reading command (check, annotate, tm import) says about each hostile XLIFF file. */
const XLIFF_CASES: readonly (readonly [string, string])[] = [
  ["truncated.xlf", "truncated.xlf:13:1: unit u2: unexpected end of file: unclosed tag: source"],
  ["empty.xlf", "empty.xlf:1:1: the file is empty"],
  ["xxe.xlf", `xxe.xlf:2:1: ${DOCTYPE}`],
  ["billion-laughs.xlf", `billion-laughs.xlf:2:1: ${DOCTYPE}`],
  [
    "version-3.0.xlf",
    'version-3.0.xlf:2:1: unsupported XLIFF version "3.0" (namespace urn:oasis:names:tc:xliff:document:2.0 carries 2.0 and 2.1)',
  ],
  [
    "no-namespace.xlf",
    "no-namespace.xlf:2:1: <xliff> has no XLIFF namespace (expected urn:oasis:names:tc:xliff:document:1.2 or :2.0)",
  ],
  ["duplicate-ids.xlf", 'duplicate-ids.xlf:10:5: unit u1: duplicate unit id "u1" (first used at line 4, column 5)'],
  ["utf16le-no-bom.xlf", "utf16le-no-bom.xlf:1:1: UTF-16 text without a byte order mark (XML 1.0 §4.3.3 requires one)"],
  ["utf16le-truncated.xlf", "utf16le-truncated.xlf: UTF-16 text with an odd number of bytes (truncated)"],
  // Line 7: 8 spaces, `<target>` and "Contributions such as migrants' " (48 characters) precede the bad byte.
  ["invalid-utf8.xlf", "invalid-utf8.xlf:7:49: invalid UTF-8 at byte 394 (bytes c3 28 72 65)"],
];

const NOT_XML = 'not-xml.xlf:1:1: not XML: the file starts with "移徙者的汇款等贡献固然可", not with "<"';

const TM_CASES: readonly (readonly [string, string])[] = [
  ["missing-seg.tmx", 'missing-seg.tmx:11:31: unit t2: <tuv xml:lang="en"> has no <seg>'],
  ["billion-laughs.tmx", "billion-laughs.tmx:13:2: DOCTYPE with an internal subset is not accepted"],
  ["xxe.tmx", "xxe.tmx:4:2: DOCTYPE with an internal subset is not accepted"],
  ["not-a-tmx.tmx", "not-a-tmx.tmx: not a TMX or XLIFF file (no <tmx> or <xliff> root element)"],
  ["invalid-utf8.tmx", "invalid-utf8.tmx:7:41: invalid UTF-8 at byte 319 (bytes c3 3c 2f 73)"],
  ["not-xml.xlf", "not-xml.xlf: not a TMX or XLIFF file (no <tmx> or <xliff> root element)"],
];

const TBX_CASES: readonly (readonly [string, string])[] = [
  ["schema-broken.tbx", "schema-broken.tbx:8:9: unit c900: <termSec> outside a langSec"],
  ["xxe.tbx", "xxe.tbx:2:1: DOCTYPE with an internal subset or entity declarations is not accepted"],
  ["billion-laughs.tbx", "billion-laughs.tbx:2:1: DOCTYPE with an internal subset or entity declarations is not accepted"],
  ["invalid-utf8.tbx", "invalid-utf8.tbx:8:47: invalid UTF-8 at byte 386 (bytes ff 72 65 6d)"],
  // Line 7: 8 spaces, <note> and 995 <hi> precede the 1,001st open element.
  ["deep-nesting.tbx", "deep-nesting.tbx:7:3995: unit c901: elements nested deeper than 1000 levels"],
  ["empty.xlf", "empty.xlf:1:1: not well-formed XML: document must contain a root element."],
  ["not-xml.xlf", "not-xml.xlf:3:1: not well-formed XML: text data outside of root node."],
  [
    "valid-2.0.xlf",
    "valid-2.0.xlf:2:1: root element must be <tbx> in namespace urn:iso:std:iso:30042:ed-2 (or TBX v2 <martif>), found <xliff> in namespace urn:oasis:names:tc:xliff:document:2.0",
  ],
];

/** Every command with every file it must refuse, and the one line it must print. */
const CASES: readonly { args: string[]; line: string }[] = [
  ...XLIFF_CASES.flatMap(([file, line]) => [
    { args: ["check", file], line },
    { args: ["annotate", file], line },
    { args: ["tm", "import", file], line },
  ]),
  { args: ["check", "not-xml.xlf"], line: NOT_XML },
  { args: ["annotate", "not-xml.xlf"], line: NOT_XML },
  ...TM_CASES.map(([file, line]) => ({ args: ["tm", "import", file], line })),
  ...TBX_CASES.map(([file, line]) => ({ args: ["termbase", "import", file], line })),
];

let ws: HostileWorkspace;
let storeBefore: Record<string, string>;

beforeAll(async () => {
  ws = await hostileWorkspace();
  // Seed the store once, so that no hostile run prints the "created …" line.
  const seeded = await runCli(["--data-dir", "data", "lookup", "汇款"], { cwd: ws.dir });
  expect(seeded.code).toBe(0);
  storeBefore = await hashTree(path.join(ws.dir, "data"));
});

afterAll(async () => {
  await rm(ws.dir, { recursive: true, force: true });
});

/** Runs the cases a few at a time (each is a process start), in order of the table. */
async function runAll(): Promise<{ args: string[]; line: string; code: number; stdout: string; stderr: string }[]> {
  const results = new Array<{ args: string[]; line: string; code: number; stdout: string; stderr: string }>(CASES.length);
  let next = 0;
  const worker = async () => {
    while (next < CASES.length) {
      const i = next++;
      const c = CASES[i]!;
      const r = await runCli(["--data-dir", "data", ...c.args], { cwd: ws.dir });
      results[i] = { ...c, ...r };
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

describe("hostile files through the CLI", () => {
  it(`refuses each of ${CASES.length} command × file pairs with exit 2 and its exact one-line message, store untouched`, async () => {
    const results = await runAll();
    for (const r of results) {
      const label = r.args.join(" ");
      expect({ label, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
        label,
        code: 2,
        stderr: `yizhi: ${r.line}\n`,
        stdout: "",
      });
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stderr + r.stdout).not.toContain(ws.secret);
    }
    expect(await hashTree(path.join(ws.dir, "data"))).toEqual(storeBefore);
    expect(await treeText(path.join(ws.dir, "data"))).not.toContain(ws.secret);
  }, 120_000);

  it("reads UTF-16 files with a byte order mark (XML 1.0 §4.3.3) in every format", async () => {
    const dir = "data-utf16";
    const tmx = await runCli(["--data-dir", dir, "--no-seed", "tm", "import", "utf16le-bom.tmx"], { cwd: ws.dir });
    expect([tmx.code, tmx.stderr]).toEqual([0, "utf16le-bom.tmx: 1 translation units added, 0 updated\n"]);
    const xlf = await runCli(["--data-dir", dir, "--no-seed", "tm", "import", "utf16le-bom.xlf"], { cwd: ws.dir });
    expect([xlf.code, xlf.stderr]).toEqual([0, "utf16le-bom.xlf: 1 translation units added, 0 updated\n"]);
    const tbx = await runCli(["--data-dir", dir, "--no-seed", "termbase", "import", "utf16le-bom.tbx"], { cwd: ws.dir });
    expect([tbx.code, tbx.stderr]).toEqual([0, "utf16le-bom.tbx: 1 concepts added, 0 updated\n"]);
    const found = await runCli(["--data-dir", dir, "lookup", "remittances", "--format", "json"], { cwd: ws.dir });
    expect(JSON.parse(found.stdout).results[0].terms).toEqual({
      zh: [{ term: "汇款", status: "admitted" }],
      en: [{ term: "remittances", status: "admitted" }],
    });
  });

  it("never opens the file an external DTD names: the TMX imports and secret.txt's marker is nowhere", async () => {
    const dir = "data-dtd";
    const r = await runCli(["--data-dir", dir, "--no-seed", "tm", "import", "external-dtd.tmx"], { cwd: ws.dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "", "external-dtd.tmx: 1 translation units added, 0 updated\n"]);
    const exported = await runCli(["--data-dir", dir, "tm", "export"], { cwd: ws.dir });
    expect(exported.stdout).toContain("<seg>remittances</seg>");
    expect(exported.stdout + exported.stderr).not.toContain(ws.secret);
    expect(await treeText(path.join(ws.dir, dir))).not.toContain(ws.secret);
  });
});
