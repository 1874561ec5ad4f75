import { describe, expect, it } from "vitest";
import { englishKey, englishPhraseKey, englishTokens } from "../../src/termbase/english.js";

describe("englishKey", () => {
  it("singularizes, lower-cases and drops the possessive", () => {
    expect(["Migrants'", "migrant's", "MIGRANTS", "migrant", "migrant’s"].map(englishKey)).toEqual([
      "migrant",
      "migrant",
      "migrant",
      "migrant",
      "migrant",
    ]);
  });

  it("handles irregular and -ies plurals: countries → country, children → child, policies → policy", () => {
    expect(["countries", "children", "policies", "remittances", "diasporas"].map(englishKey)).toEqual([
      "country",
      "child",
      "policy",
      "remittance",
      "diaspora",
    ]);
  });

  it("leaves words pluralize would mangle alone: us, as, its stay themselves", () => {
    expect(["us", "as", "its", "of"].map(englishKey)).toEqual(["us", "as", "its", "of"]);
  });

  it("keeps words without plural forms: status, process, origin", () => {
    expect(["status", "process", "origin", "analysis"].map(englishKey)).toEqual([
      "status",
      "process",
      "origin",
      "analysis",
    ]);
  });
});

describe("englishTokens", () => {
  it("gives offsets into the original text, without the possessive ending", () => {
    const text = "Migrants' remittances and the country's diaspora";
    expect(englishTokens(text)).toEqual([
      { text: "Migrants", key: "migrant", start: 0, end: 8, joined: false },
      { text: "remittances", key: "remittance", start: 10, end: 21, joined: true },
      { text: "and", key: "and", start: 22, end: 25, joined: true },
      { text: "the", key: "the", start: 26, end: 29, joined: true },
      { text: "country", key: "country", start: 30, end: 37, joined: true },
      { text: "diaspora", key: "diaspora", start: 40, end: 48, joined: true },
    ]);
  });

  it("splits hyphenated words so evidence-based and evidence based give the same keys", () => {
    expect(englishPhraseKey("evidence-based policies")).toBe("evidence based policy");
    expect(englishPhraseKey("Evidence based policy")).toBe("evidence based policy");
    expect(englishTokens("evidence-based").map((t) => [t.text, t.start, t.end, t.joined])).toEqual([
      ["evidence", 0, 8, false],
      ["based", 9, 14, true],
    ]);
  });

  it("marks words after other punctuation as not joined (a term cannot run across a comma)", () => {
    expect(englishTokens("irregular, migrants (return) home").map((t) => t.joined)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("reads countries of origin as the key sequence of country of origin", () => {
    expect(englishPhraseKey("countries of origin")).toBe(englishPhraseKey("Country of Origin"));
  });
});
