import { workerData, type MessagePort } from "node:worker_threads";
import { buildTermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";
import { createTmIndex, type TmIndexSnapshot } from "../tm/index.js";
import { claim } from "./claims.js";
import { suggestForSource, type SuggestOptions } from "./suggest.js";

/** What the main thread hands this worker (see parallel-suggest.ts). */
export interface SuggestWorkerData {
  readonly concepts: readonly Concept[];
  readonly tm: TmIndexSnapshot;
  readonly options: SuggestOptions;
  readonly port: MessagePort;
  /** Claim ring (claims.ts) and a counter bumped after each result is posted. */
  readonly claims: Int32Array;
  readonly posted: Int32Array;
}

/** A batch of requests: numbers, source texts and previous sources. */
export interface SuggestRequests {
  readonly r: readonly number[];
  readonly source: readonly string[];
  readonly previous: readonly (string | undefined)[];
}

const data = workerData as SuggestWorkerData;
const matcher = buildTermMatcher(data.concepts);
const tm = createTmIndex(data.tm);

data.port.on("message", (batch: SuggestRequests) => {
  batch.r.forEach((r, i) => {
    // The main thread computes a request itself when it needs the answer before this worker has started it.
    if (!claim(data.claims, r, "worker")) return;
    const found = suggestForSource(matcher, tm, data.options, batch.source[i] as string, batch.previous[i]);
    data.port.postMessage({ r, found });
    Atomics.add(data.posted, 0, 1);
    Atomics.notify(data.posted, 0);
  });
});
