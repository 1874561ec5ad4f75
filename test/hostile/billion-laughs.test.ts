import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseTbx } from "../../src/termbase/tbx.js";
import { parseTmx } from "../../src/tm/tmx.js";
import { readXliff } from "../../src/xliff/read.js";
import { HOSTILE } from "./support.js";

/**
 * The billion-laughs files expand to 10^10 × 2 characters (20 GB of 汇款) if a parser expands entities. Each
 * reader must refuse them at once: every one of 200 parses well under a second, and the resident set barely
 * moves (an expansion would need gigabytes).
 */

const READERS: readonly { file: string; read: (bytes: Buffer, name: string) => unknown; message: string }[] = [
  {
    file: "billion-laughs.xlf",
    read: (b, n) => readXliff(b, n),
    message: "DOCTYPE declarations are not accepted (external entities and entity expansion are refused)",
  },
  { file: "billion-laughs.tmx", read: (b, n) => parseTmx(b.toString("utf8"), n), message: "DOCTYPE with an internal subset is not accepted" },
  {
    file: "billion-laughs.tbx",
    read: (b, n) => parseTbx(b.toString("utf8"), n),
    message: "DOCTYPE with an internal subset or entity declarations is not accepted",
  },
];

describe("billion laughs", () => {
  for (const { file, read, message } of READERS) {
    it(`${file} is refused in under 50 ms per parse, 200 times, with RSS growing less than 16 MB`, () => {
      const bytes = readFileSync(path.join(HOSTILE, file));
      // One parse first, so that the first-use cost of the modules is not counted as growth.
      expect(() => read(bytes, file)).toThrow(InputError);
      const rssBefore = process.memoryUsage().rss;
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        let caught: unknown;
        try {
          read(bytes, file);
        } catch (error) {
          caught = error;
        }
        times.push(performance.now() - t0);
        expect(caught).toBeInstanceOf(InputError);
        expect((caught as InputError).message).toBe(message);
      }
      const growth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
      expect(Math.max(...times)).toBeLessThan(50);
      expect(growth).toBeLessThan(16);
    });
  }
});
