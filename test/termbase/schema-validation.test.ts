import { describe, expect, it } from "vitest";
import { validateRelaxNg, validateXsd } from "../support/validate.js";

// test/support/validate.ts is shared by the TBX, XLIFF and TMX tests; these cases pin down how it resolves
// schema imports (files preloaded under their paths relative to each other) and how it reports problems.

const XLIFF_12 = "test/schemas/xliff-1.2/xliff-core-1.2-strict.xsd";
const XML_XSD = "test/schemas/xliff-2.0/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd";

const xliff12 = (attributes: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file ${attributes} datatype="plaintext">
    <body>
      <trans-unit id="u1" xml:space="preserve"><source>汇款</source><target>remittances</target></trans-unit>
    </body>
  </file>
</xliff>
`;

describe("validateXsd", () => {
  it("resolves an import in a sibling folder (XLIFF 1.2 strict → ../xliff-2.0/…/xml.xsd) and accepts a valid file", async () => {
    const result = await validateXsd(xliff12('original="a.txt" source-language="zh" target-language="en"'), [
      XLIFF_12,
      XML_XSD,
    ]);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("reports a missing required attribute with its line", async () => {
    const result = await validateXsd(xliff12('original="a.txt" target-language="en"'), [XLIFF_12, XML_XSD]);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "line 3: Schemas validity error : Element '{urn:oasis:names:tc:xliff:document:1.2}file': The attribute 'source-language' is required but missing.",
    ]);
  });
});

describe("validateRelaxNg", () => {
  it("reports an element the TBX core structure does not allow there (text before tbxHeader)", async () => {
    const result = await validateRelaxNg(
      '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text/></tbx>',
      "test/schemas/tbx/TBXcoreStructV03.rng",
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      "line 1: element text: Relax-NG validity error : Did not expect element text there",
    ]);
  });
});
