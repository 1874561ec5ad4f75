// States that mean "no translation yet": XLIFF 2.0 §4.3.1.40 `initial`; XLIFF 1.2 `new` and
// `needs-translation` (1.2 §2.5.4 state values).
const UNTRANSLATED_STATES = new Set(["initial", "new", "needs-translation"]);

/** True when a segment's state (either XLIFF version) says its target is not a translation yet. */
export function isUntranslatedState(state: string | undefined): boolean {
  return state !== undefined && UNTRANSLATED_STATES.has(state);
}
