import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { packageRoot } from "../store/open.js";
import type { TermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";
import type { TmIndex } from "../tm/index.js";
import type { ReadAheadSuggester, UnitSuggestions } from "../xliff/annotate.js";
import type { XliffUnit } from "../xliff/read.js";
import { claim } from "./claims.js";
import {
  basesCache,
  basesFor,
  createSuggester,
  lastSource,
  repetitionKey,
  suggestForSource,
  unitSuggestions,
  type SourceSuggestions,
  type SuggestOptions,
} from "./suggest.js";
import type { SuggestRequests, SuggestWorkerData } from "./suggest-worker.js";

/** Suggestions for units read ahead (see ReadAheadSuggester), looked up on another thread. */
export interface PipelinedSuggester extends ReadAheadSuggester {
  /** Stops the worker; says how many segments each thread looked up. */
  close(): { byWorker: number; byMain: number };
}

/** Tuning knobs (the defaults are what annotate uses; tests set them to reach each path). */
export interface ParallelOptions {
  /** Whether the main thread looks up what the worker has not started when it needs it (default yes). */
  readonly help?: boolean;
  /** Distinct segments looked up on the main thread before the worker is started (default START_AFTER). */
  readonly startAfter?: number;
  /** How long the main thread waits on a silent worker before looking up alone (default GIVE_UP_MS). */
  readonly giveUpMs?: number;
  /** The worker's script (default: the compiled suggest-worker.js). */
  readonly workerFile?: URL;
}

// A worker costs a thread start and competes with this thread's garbage collector for the cores; it pays only
// on a file with many segments to look up, not on one that mostly repeats a few thousand (measured on the
// bench files: 1.6× faster on 86k distinct segments, 10 % slower on 2,800 repeated 33 times each).
export const START_AFTER = 4096;

// Claim slots: more than the requests ever open at once (at most LOOKAHEAD_SEGMENTS units' worth, and past
// half the ring the main thread looks up alone).
const RING = 1 << 16;
// Requests sent to the worker a message at a time: one message per request cost as much as a lookup.
const BATCH = 16;
// Segments read ahead of the one being written once the worker runs: enough to keep it busy while this thread
// writes, few enough that the units waiting (and surviving young-generation collections) cost little.
const LOOKAHEAD_SEGMENTS = 64;
// A worker that answers nothing for this long is taken for dead, and the main thread looks up alone.
const GIVE_UP_MS = 10_000;

/**
 * The worker's compiled file: beside this one, or, when this module runs from the TypeScript sources (the
 * tests, after `npm run build`), under dist/. A worker loading TypeScript through tsx would wait on this
 * thread, which waits on it.
 */
function workerFile(): URL {
  const here = import.meta.url;
  if (here.endsWith(".js")) return new URL("./suggest-worker.js", here);
  return pathToFileURL(path.join(packageRoot(), "dist/src/service/suggest-worker.js"));
}

interface Request {
  readonly source: string;
  readonly previous: string | undefined;
  readonly key: string;
}

type Bases = ReturnType<ReturnType<typeof basesCache>["make"]>;

/** A unit read before the worker runs: the source text before it in the document. */
class Before {
  constructor(readonly source: string | undefined) {}
}

/**
 * The suggester of `createSuggester`, with its glossary and TM lookups made on a worker thread that searches
 * the same TM index memory (TmIndex.snapshot), so that on two cores reading, planning and writing the XLIFF go
 * on while segments further on are looked up. Every repetition is still looked up once. The result is the same
 * as `createSuggester`'s, unit for unit. The TM index must not change until `close`.
 */
export function createParallelSuggester(
  concepts: ReadonlyMap<string, Concept>,
  matcher: TermMatcher,
  tm: TmIndex,
  options: SuggestOptions,
  tuning: ParallelOptions = {},
): PipelinedSuggester {
  const help = tuning.help ?? true;
  const startAfter = tuning.startAfter ?? START_AFTER;
  const giveUpMs = tuning.giveUpMs ?? GIVE_UP_MS;
  const claims = new Int32Array(new SharedArrayBuffer(RING * 4));
  const posted = new Int32Array(new SharedArrayBuffer(4));
  let port: MessagePort | undefined;
  let worker: Worker | undefined;

  /** Starts the worker on a snapshot of the TM index (the same memory). */
  const start = (): void => {
    const { port1, port2 } = new MessageChannel();
    const data: SuggestWorkerData = {
      concepts: [...concepts.values()],
      tm: tm.snapshot(),
      options,
      port: port2,
      claims,
      posted,
    };
    port = port1;
    worker = new Worker(tuning.workerFile ?? workerFile(), { workerData: data, transferList: [port2] });
    worker.unref();
    // A worker that fails answers nothing; the main thread then looks up what it needs itself.
    worker.on("error", () => {});
  };

  if (startAfter <= 0) start();
  const cache = basesCache(concepts, tm);
  const pending = new Map<number, Request>();
  const requestOf = new Map<string, number>();
  const resolved = new Map<number, Bases>();
  const refs = new Map<number, number>();
  // Per unit read: per segment, its bases when already known, or its request; before the worker runs, the source
  // before the unit (it is looked up here).
  const fifo: ({ r?: number; bases?: Bases }[] | Before | undefined)[] = [];
  let batch: { r: number[]; source: string[]; previous: (string | undefined)[] } = {
    r: [],
    source: [],
    previous: [],
  };
  let next = 0;
  const sent: number[] = [];
  let previousSource: string | undefined;
  let byWorker = 0;
  let byMain = 0;
  let dead = false;

  const flush = (): void => {
    if (batch.r.length === 0) return;
    const message: SuggestRequests = batch;
    (port as MessagePort).postMessage(message);
    batch = { r: [], source: [], previous: [] };
  };

  const resolve = (r: number, found: SourceSuggestions): void => {
    const req = pending.get(r);
    // Answered twice (the main thread gave up waiting, then the worker answered): the first answer stands.
    if (req === undefined) return;
    pending.delete(r);
    requestOf.delete(req.key);
    resolved.set(r, cache.make(req.key, found));
  };

  const drain = (): void => {
    if (port === undefined) return;
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      const { r, found } = m.message as { r: number; found: SourceSuggestions };
      if (pending.has(r)) byWorker++;
      resolve(r, found);
    }
  };

  const lookUpHere = (r: number): void => {
    const req = pending.get(r) as Request;
    resolve(r, suggestForSource(matcher, tm, options, req.source, req.previous));
    byMain++;
  };

  /**
   * Looks up the newest pending request here, unless the worker (which works from the oldest) has claimed it
   * too; false when there was none to take.
   */
  const stealNewest = (): boolean => {
    flush();
    // Requests sent, newest last; each is popped once (answered ones are skipped), so stealing costs O(1) each.
    for (let r = sent.pop(); r !== undefined; r = sent.pop()) {
      if (!pending.has(r)) continue;
      // Claimed by the worker: so is every older one still pending (it claims oldest first).
      if (!claim(claims, r, "main")) return false;
      lookUpHere(r);
      return true;
    }
    return false;
  };

  /** Request r's bases, once: waits for the worker, or looks it up here when the worker has not started it. */
  const take = (r: number): Bases => {
    flush();
    let waited = 0;
    while (!resolved.has(r)) {
      const seen = Atomics.load(posted, 0);
      drain();
      if (resolved.has(r)) break;
      if (help && claim(claims, r, "main")) {
        lookUpHere(r);
        break;
      }
      // The worker is on it: rather than wait, look up the newest request it has not started (it works from
      // the oldest), so that both threads are busy.
      if (help && stealNewest()) continue;
      if (dead || waited >= giveUpMs) {
        // The worker is taken for dead: from now on this thread looks up alone.
        dead = true;
        lookUpHere(r);
        break;
      }
      const t0 = performance.now();
      Atomics.wait(posted, 0, seen, Math.min(50, giveUpMs));
      waited += performance.now() - t0;
    }
    const bases = resolved.get(r) as Bases;
    const left = (refs.get(r) ?? 1) - 1;
    if (left === 0) {
      refs.delete(r);
      resolved.delete(r);
    } else refs.set(r, left);
    return bases;
  };

  return {
    prefetch(unit) {
      if (!unit.translate) {
        fifo.push(undefined);
        return worker === undefined ? 0 : LOOKAHEAD_SEGMENTS;
      }
      if (worker === undefined) {
        // Until the worker runs, a unit is looked up here when it is written (at once: nothing is read ahead),
        // as the one-thread suggester does; only the source before it is kept.
        fifo.push(new Before(previousSource));
        previousSource = lastSource(unit, previousSource);
        return 0;
      }
      fifo.push(
        unit.segments.map((segment) => {
          const source = segment.source.text;
          const previous = previousSource;
          previousSource = source;
          const key = repetitionKey(tm, source, previous);
          const known = cache.get(key);
          if (known !== undefined) return { bases: known };
          let r = requestOf.get(key);
          if (r === undefined) {
            r = next++;
            pending.set(r, { source, previous, key });
            requestOf.set(key, r);
            if (pending.size >= RING / 2) lookUpHere(r);
            else {
              batch.r.push(r);
              sent.push(r);
              batch.source.push(source);
              batch.previous.push(previous);
              if (batch.r.length >= BATCH) flush();
            }
          }
          refs.set(r, (refs.get(r) ?? 0) + 1);
          return { r };
        }),
      );
      return LOOKAHEAD_SEGMENTS;
    },
    suggest(unit) {
      const entry = fifo.shift();
      if (entry === undefined) return undefined;
      if (entry instanceof Before) {
        const bases = basesFor(cache, matcher, tm, options, unit, entry.source, () => byMain++);
        // Started after this unit: the units read from now on are looked up ahead.
        if (byMain >= startAfter && worker === undefined) start();
        return unitSuggestions(unit, bases, cache.shared);
      }
      const bases = entry.map(({ r, bases: known }) => known ?? take(r as number));
      return unitSuggestions(unit, bases, cache.shared);
    },
    close() {
      port?.close();
      if (worker !== undefined) void worker.terminate();
      return { byWorker, byMain };
    },
  };
}

// Inputs from this size (1 MiB) are annotated with the parallel suggester.
export const PARALLEL_FROM_BYTES = 1 << 20;

/**
 * The suggester annotate uses for an input of `bytes`: the parallel one for a large file on a machine with a
 * second core (its worker starts only once the file proves to need many lookups), else the one-thread one.
 * `close` stops a worker, if any.
 */
export function suggesterFor(
  concepts: ReadonlyMap<string, Concept>,
  matcher: TermMatcher,
  tm: TmIndex,
  options: SuggestOptions,
  bytes: number,
): {
  readonly suggest: ReadAheadSuggester | ((unit: XliffUnit) => UnitSuggestions | undefined);
  close(): { byWorker: number; byMain: number } | undefined;
} {
  if (bytes >= PARALLEL_FROM_BYTES && availableParallelism() > 1 && tm.size > 0) {
    const parallel = createParallelSuggester(concepts, matcher, tm, options);
    return { suggest: parallel, close: () => parallel.close() };
  }
  return { suggest: createSuggester(concepts, matcher, tm, options), close: () => undefined };
}
