// States that mean "no translation yet": XLIFF 2.0 §4.3.1.40 `initial`; XLIFF 1.2 `new` and
// `needs-translation` (1.2 §2.5.4 state values).
const UNTRANSLATED_STATES = new Set(["initial", "new", "needs-translation"]);

// The 1.2 "not yet" states, under which a target may hold a copy of the source waiting to be overwritten.
const COPY_AWAITING_STATES = new Set(["new", "needs-translation"]);

/** True when a segment's state (either XLIFF version) is one of the "no translation yet" states. */
export function isUntranslatedState(state: string | undefined): boolean {
  return state !== undefined && UNTRANSLATED_STATES.has(state);
}

/** What decides whether a segment is translated: its plain source and target text and its state. */
export interface SegmentTexts {
  readonly source: string;
  readonly target?: string | undefined;
  readonly state?: string | undefined;
}

/**
 * True when a segment has no translation yet — the one definition that merge, check and TM import share.
 *
 * - No target, or a target without text: untranslated, whatever the state.
 * - XLIFF 2.0 `state="initial"`: untranslated even with target text (2.0 `state`: "initial" comes before
 *   "translated", which a tool sets when it translates).
 * - XLIFF 1.2 `state="needs-translation"` or `"new"`: untranslated while the target is still a copy of the
 *   source (after trimming), translated once its text differs. A 1.2 target may carry a copy of the source
 *   (`yizhi prepare --copy-source`, the Okapi Rainbow kit for OmegaT) because OmegaT 3.6's XLIFF filter
 *   translates only text already in `<target>`; OmegaT then overwrites the copy and leaves the state
 *   attribute as it found it (observed: `<target state="needs-translation"><mrk …>Sixty-first session</mrk>`),
 *   so the text is the only evidence of a translation.
 * - Any other state, or none: translated. A target equal to its source without a "not yet" state is a
 *   translation (a symbol "A/61/187" or a number stays as it is in English).
 */
export function isUntranslatedSegment(segment: SegmentTexts): boolean {
  const target = segment.target?.trim() ?? "";
  if (target === "") return true;
  if (segment.state === undefined || !isUntranslatedState(segment.state)) return false;
  return COPY_AWAITING_STATES.has(segment.state) ? target === segment.source.trim() : true;
}
