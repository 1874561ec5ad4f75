import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../support/cli.js";
import { requireCommand, runTool, yizhi } from "./tools.js";

/**
 * The system libxml2 `xmllint` (Debian package `libxml2-utils`) validates what yizhi writes against the
 * standards' own schemas, as a second opinion next to xmllint-wasm in the unit tests: XLIFF against the
 * OASIS XSDs, TMX against the TMX 1.4b DTD, TBX against the TBX core RELAX NG schema.
 */

const SCHEMAS = path.join(ROOT, "test/schemas");
const XSD_20 = path.join(SCHEMAS, "xliff-2.0/xliff-2.0-with-modules.xsd");
const XSD_12 = path.join(SCHEMAS, "xliff-1.2/xliff-core-1.2-strict.xsd");
const TMX_DTD = path.join(SCHEMAS, "tmx/tmx14.dtd");
const TBX_RNG = path.join(SCHEMAS, "tbx/TBXcoreStructV03.rng");

let dir: string;
let store: string;

async function xmllint(args: readonly string[]) {
  // --nonet: schemas and DTDs come from test/schemas only.
  return runTool("xmllint", ["--noout", "--nonet", ...args], { cwd: dir });
}

async function annotate(fixture: string, out: string, extra: readonly string[] = []): Promise<string> {
  const file = path.join(dir, out);
  await yizhi(["annotate", path.join(ROOT, fixture), "-o", file, "--data-dir", store, ...extra]);
  return file;
}

beforeAll(async () => {
  requireCommand("xmllint", ["--version"], "libxml2-utils");
  dir = await tempDir("yizhi-xmllint-");
  store = path.join(dir, "store");
});

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("xmllint (libxml2) validates yizhi's output", () => {
  for (const [fixture, extra, tmMatches] of [
    ["test/fixtures/xliff/okapi-2.0.xlf", [], 1],
    ["test/fixtures/xliff/client-modules-2.0.xlf", ["--pretranslate"], 0],
  ] as const) {
    it(`annotated ${path.basename(fixture)}${extra.length > 0 ? " (--pretranslate)" : ""}: valid XLIFF 2.0 with the Glossary and Translation Candidates modules`, async () => {
      const file = await annotate(fixture, `annotated-${path.basename(fixture)}`, extra);
      const xml = await readFile(file, "utf8");
      // Our glossary entries name the concept (yizhi:cNNN); the file's own prefixes are reused.
      expect(xml).toMatch(/<\w+:term source="yizhi:c\d{3}">/);
      expect(
        xml.match(/<\w+:match ref="#[^"]+" similarity="[\d.]+" type="tm" subType="yizhi:tm"/g) ?? [],
      ).toHaveLength(tmMatches);
      const result = await xmllint(["--schema", XSD_20, file]);
      expect(result.stderr).toBe(`${file} validates\n`);
      expect(result.code).toBe(0);
    });
  }

  for (const [fixture, extra] of [
    ["test/fixtures/interop/un-migration-1.2.xlf", []],
    ["test/fixtures/xliff/omegat-1.2.xlf", ["--pretranslate"]],
  ] as const) {
    it(`annotated ${path.basename(fixture)}${extra.length > 0 ? " (--pretranslate)" : ""}: valid against the XLIFF 1.2 strict schema`, async () => {
      const file = await annotate(fixture, `annotated-${path.basename(fixture)}`, extra);
      expect(await readFile(file, "utf8")).toContain('<note from="yizhi" annotates="source">');
      const result = await xmllint(["--schema", XSD_12, file]);
      expect(result.stderr).toBe(`${file} validates\n`);
      expect(result.code).toBe(0);
    });
  }

  it("the XLIFF 1.2 check can fail: an alt-trans before <source> is refused", async () => {
    const file = await annotate("test/fixtures/interop/un-migration-1.2.xlf", "misplaced.xlf");
    const xml = await readFile(file, "utf8");
    const altTrans = /\s*<alt-trans[\s\S]*?<\/alt-trans>/.exec(xml)?.[0] ?? "";
    expect(altTrans).not.toBe("");
    await writeFile(
      file,
      xml
        .replace(altTrans, "")
        .replace(
          '<trans-unit id="1" approved="yes" resname="000_9269ffeef60731b4.txt:38">',
          (m) => m + altTrans,
        ),
    );
    const result = await xmllint(["--schema", XSD_12, file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${file} fails to validate`);
  });

  it("the exported memory (221 units): valid against the TMX 1.4b DTD", async () => {
    const file = path.join(dir, "memory.tmx");
    await yizhi(["tm", "export", "-o", file, "--data-dir", store]);
    // The file names its DTD as "tmx14.dtd", beside it, as TMX tools ship it.
    await copyFile(TMX_DTD, path.join(dir, "tmx14.dtd"));
    const result = await xmllint(["--dtdvalid", TMX_DTD, file]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect((await readFile(file, "utf8")).match(/<tu /g)).toHaveLength(221);
  });

  it("the TMX check can fail: a <tu> without <tuv> is refused", async () => {
    const file = path.join(dir, "broken.tmx");
    await yizhi(["tm", "export", "-o", file, "--data-dir", store]);
    const xml = await readFile(file, "utf8");
    await writeFile(file, xml.replace(/(<tu tuid="000-0002">)[\s\S]*?(<\/tu>)/, "$1$2"));
    await copyFile(TMX_DTD, path.join(dir, "tmx14.dtd"));
    const result = await xmllint(["--dtdvalid", TMX_DTD, file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("Element tu content does not follow the DTD");
  });

  it("the exported termbase (395 concepts, TBX v3): valid against the TBX core structure RELAX NG schema", async () => {
    const file = path.join(dir, "termbase.tbx");
    await yizhi(["termbase", "export", "-o", file, "--data-dir", store]);
    const result = await xmllint(["--relaxng", TBX_RNG, file]);
    expect(result.stderr).toBe(`${file} validates\n`);
    expect(result.code).toBe(0);
    expect((await readFile(file, "utf8")).match(/<conceptEntry /g)).toHaveLength(395);
  });

  it("the TBX check can fail: a termSec without <term> is refused", async () => {
    const file = path.join(dir, "broken.tbx");
    await yizhi(["termbase", "export", "-o", file, "--data-dir", store]);
    const xml = await readFile(file, "utf8");
    await writeFile(file, xml.replace("<term>汇款</term>", ""));
    const result = await xmllint(["--relaxng", TBX_RNG, file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${file} fails to validate`);
  });
});
