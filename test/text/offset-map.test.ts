import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compose, OffsetMap, OffsetMapBuilder } from "../../src/text/offset-map.js";

const raw000 = readFileSync(
  new URL("../../glossary/sources/000_9269ffeef60731b4.txt", import.meta.url),
  "utf8",
);
const lines000 = raw000.split("\n");

/** Raw offset where 1-based line `n` starts. */
function lineStart(n: number): number {
  let off = 0;
  for (let k = 0; k < n - 1; k++) off += (lines000[k] as string).length + 1;
  return off;
}

describe("OffsetMapBuilder", () => {
  it("joins 国际移/徙 across lines 579–581 of 000_9269ffeef60731b4.txt and maps 徙 to line 581", () => {
    const a = lineStart(579);
    const line579 = lines000[578] as string; // "和组织的性质发生变化，…国际移"
    const c = lineStart(581);
    const b = new OffsetMapBuilder(raw000);
    b.drop(a)
      .keep(line579.length)
      .drop(c - (a + line579.length))
      .keep(3);
    const { text, map } = b.build();
    expect(text).toBe("和组织的性质发生变化，国际社会给与更多关注，这些变化带来的挑战，国际移徙问题");
    const xi = text.indexOf("徙");
    expect(map.toOriginal(xi)).toBe(c);
    expect(raw000[map.toOriginal(xi)]).toBe("徙");
    expect(map.rangeToOriginal(xi - 2, xi + 1)).toEqual({ start: a + line579.length - 2, end: c + 1 });
    // The derived end maps to the end of the original, whatever was left unconsumed.
    expect(map.toOriginal(text.length)).toBe(raw000.length);
  });

  it("maps inserted text to the insertion point with an empty source, replaced text to the whole range", () => {
    // 000:432: "1 670 亿" — one space dropped, one replaced, a separator inserted.
    const line = lines000[431] as string;
    const at = line.indexOf("1 670 亿");
    const b = new OffsetMapBuilder(line);
    b.drop(at).keep(1).drop(1).keep(3).replace(1, "").insert("[").keep(1).insert("]");
    const { text, map } = b.build();
    expect(text).toBe("1670[亿]");
    expect(map.rangeToOriginal(0, 4)).toEqual({ start: at, end: at + 5 });
    expect(line.slice(at, at + 5)).toBe("1 670");
    expect(map.rangeToOriginal(4, 5)).toEqual({ start: at + 6, end: at + 6 });
    expect(map.rangeToOriginal(5, 6)).toEqual({ start: at + 6, end: at + 7 });
    expect(map.rangeToOriginal(4, 7)).toEqual({ start: at + 6, end: at + 7 });
  });

  it("replace() gives every produced unit the full source range", () => {
    const b = new OffsetMapBuilder("\t\t年");
    const { text, map } = b.replace(2, " ").keep(1).build();
    expect(text).toBe(" 年");
    expect(map.rangeToOriginal(0, 1)).toEqual({ start: 0, end: 2 });
    expect(map.rangeToOriginal(1, 2)).toEqual({ start: 2, end: 3 });
  });

  it("refuses to consume past the end of the original", () => {
    expect(() => new OffsetMapBuilder("移徙").keep(3)).toThrow(RangeError);
    expect(() => new OffsetMapBuilder("移徙").drop(-1)).toThrow(RangeError);
  });

  it("grows past its initial capacity", () => {
    const src = (lines000[115] as string).repeat(5); // 000:116, ~40 units, ×5 > 64
    const { text, map } = new OffsetMapBuilder(src).keep(src.length).build();
    expect(text).toBe(src);
    for (let i = 0; i <= src.length; i++) expect(map.toOriginal(i)).toBe(i);
  });
});

describe("OffsetMap", () => {
  it("identity maps every offset to itself", () => {
    const m = OffsetMap.identity(4);
    expect([0, 1, 2, 3, 4].map((i) => m.toOriginal(i))).toEqual([0, 1, 2, 3, 4]);
    expect(m.rangeToOriginal(1, 3)).toEqual({ start: 1, end: 3 });
    expect(m.originalLength).toBe(4);
  });

  it("rejects offsets outside 0..length", () => {
    const m = OffsetMap.identity(2);
    expect(() => m.toOriginal(3)).toThrow(RangeError);
    expect(() => m.toOriginal(-1)).toThrow(RangeError);
    expect(() => m.rangeToOriginal(2, 1)).toThrow(RangeError);
  });

  it("an empty range maps to an empty range at the start", () => {
    const m = OffsetMap.identity(3);
    expect(m.rangeToOriginal(2, 2)).toEqual({ start: 2, end: 2 });
  });
});

describe("compose", () => {
  it("chains two stages on 000:116 (drop indent, then keep the 历史 高水平 gap) back to the raw offsets", () => {
    const line = "  1. 对移徙问题的关注程度处于历史 高水平。"; // shape of 000:116 with an indent
    const first = new OffsetMapBuilder(line)
      .drop(2)
      .keep(line.length - 2)
      .build();
    const gap = first.text.indexOf(" 高");
    const second = new OffsetMapBuilder(first.text)
      .drop(3)
      .keep(first.text.length - 3)
      .build();
    expect(second.text).toBe("对移徙问题的关注程度处于历史 高水平。");
    const both = compose(first.map, second.map);
    expect(both.length).toBe(second.text.length);
    const g = second.text.indexOf(" 高");
    expect(both.toOriginal(g)).toBe(line.indexOf(" 高"));
    expect(first.map.toOriginal(gap)).toBe(line.indexOf(" 高"));
    expect(both.rangeToOriginal(0, second.text.length)).toEqual({ start: 5, end: line.length });
    expect(both.toOriginal(second.text.length)).toBe(line.length);
  });

  it("keeps inserted units zero-width through composition", () => {
    const first = new OffsetMapBuilder("移徙").keep(1).insert("·").keep(1).build();
    const second = new OffsetMapBuilder(first.text).keep(3).build();
    const both = compose(first.map, second.map);
    expect(both.rangeToOriginal(1, 2)).toEqual({ start: 1, end: 1 });
    expect(both.rangeToOriginal(0, 3)).toEqual({ start: 0, end: 2 });
  });

  it("rejects maps that do not fit together", () => {
    expect(() => compose(OffsetMap.identity(2), OffsetMap.identity(3))).toThrow(RangeError);
  });
});
