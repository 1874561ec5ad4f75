import { describe, expect, it } from "vitest";
import { countScript, detectScript, foldScript, scriptOfLanguage } from "../../src/text/script.js";

describe("foldScript", () => {
  it("folds 僑民 to 侨民 and 匯款 to 汇款 keeping the length", () => {
    expect(foldScript("僑民匯款")).toBe("侨民汇款");
    expect(foldScript("國際移徙與發展").length).toBe("國際移徙與發展".length);
  });

  it("returns the same string object when nothing folds (no copy on the hot path)", () => {
    const s = "移徙者的汇款等贡献";
    expect(foldScript(s)).toBe(s);
  });

  it("leaves Latin, digits and punctuation alone", () => {
    expect(foldScript("IOM 2006，發展。")).toBe("IOM 2006，发展。");
  });
});

describe("detectScript", () => {
  it("tells simplified from traditional by script-specific characters (002 line 91 and its traditional form)", () => {
    expect(detectScript("侨民可以为本国发展做出巨大贡献")).toBe("simplified");
    expect(detectScript("僑民可以為本國發展做出巨大貢獻")).toBe("traditional");
  });

  it("calls text of shared characters neutral, text without Han none, and a real mix mixed", () => {
    expect(detectScript("移徙者")).toBe("neutral");
    expect(detectScript("IOM 2006")).toBe("none");
    expect(detectScript("国際移徙與发展问題")).toBe("mixed");
  });

  it("counts script-specific characters", () => {
    expect(countScript("僑民汇款")).toEqual({ han: 4, simplified: 1, traditional: 1 });
  });
});

describe("scriptOfLanguage", () => {
  it("reads the script a language tag declares", () => {
    expect(
      ["zh-CN", "zh-Hans", "zh-Hans-SG", "zh-TW", "zh-HK", "zh-Hant", "zh", "en"].map(scriptOfLanguage),
    ).toEqual([
      "simplified",
      "simplified",
      "simplified",
      "traditional",
      "traditional",
      "traditional",
      undefined,
      undefined,
    ]);
  });
});
