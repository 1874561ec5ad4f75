import { describe, it, expect } from "vitest";
import { isUntranslatedSegment, isUntranslatedState } from "../../src/xliff/states.js";

// 004_c6292b922524f64f.txt line 1, and line 40 as the normalizer joins it (the first sentence of paragraph 1 of the annex).
const HEADING = "第六十一届会议";
const SENTENCE = "赫尔辛基进程国际移徙问题会议于2006年7月25日和26日在墨西哥城举行。";

describe("isUntranslatedState", () => {
  it("names the XLIFF 2.0 initial state and the 1.2 new and needs-translation states, nothing else", () => {
    expect(["initial", "new", "needs-translation"].map(isUntranslatedState)).toEqual([true, true, true]);
    expect(
      ["translated", "needs-review-translation", "final", "signed-off", "reviewed", undefined].map(
        isUntranslatedState,
      ),
    ).toEqual([false, false, false, false, false, false]);
  });
});

describe("isUntranslatedSegment (004_c6292b922524f64f.txt:1, :40; 000_9269ffeef60731b4.txt:561)", () => {
  it("a missing or blank target is untranslated whatever the state", () => {
    expect(isUntranslatedSegment({ source: HEADING })).toBe(true);
    expect(isUntranslatedSegment({ source: HEADING, target: " \n", state: "translated" })).toBe(true);
  });

  it("a 1.2 copy of the source under needs-translation or new is untranslated; OmegaT's overwrite is translated", () => {
    expect(isUntranslatedSegment({ source: SENTENCE, target: SENTENCE, state: "needs-translation" })).toBe(
      true,
    );
    expect(isUntranslatedSegment({ source: HEADING, target: ` ${HEADING}\n`, state: "new" })).toBe(true);
    const english =
      "The Helsinki Process conference on international migration was held in Mexico City on 25 and 26 July 2006.";
    expect(isUntranslatedSegment({ source: SENTENCE, target: english, state: "needs-translation" })).toBe(
      false,
    );
    expect(isUntranslatedSegment({ source: HEADING, target: "Sixty-first session", state: "new" })).toBe(
      false,
    );
  });

  it("2.0 initial is untranslated even with English in the target", () => {
    expect(isUntranslatedSegment({ source: HEADING, target: "Sixty-first session", state: "initial" })).toBe(
      true,
    );
  });

  it("a target equal to its source without a not-yet state is a translation (a document symbol stays as it is)", () => {
    expect(isUntranslatedSegment({ source: "A/C.2/61/7", target: "A/C.2/61/7" })).toBe(false);
    expect(isUntranslatedSegment({ source: "A/C.2/61/7", target: "A/C.2/61/7", state: "translated" })).toBe(
      false,
    );
    expect(
      isUntranslatedSegment({
        source: HEADING,
        target: "Sixty-first session",
        state: "needs-review-translation",
      }),
    ).toBe(false);
  });
});
