// The web page: three views behind an ARIA tab list (WAI-ARIA Authoring Practices "Tabs" pattern: arrow keys
// move between tabs, Tab moves into the panel). The view is kept in the URL hash so it survives a reload.
import { initCheck } from "./js/check.js";
import { initLookup } from "./js/lookup.js";
import { initTm } from "./js/tm.js";

const tabs = [...document.querySelectorAll('[role="tab"]')];
const FOCUS = { "view-lookup": "q", "view-tm": "tm-q", "view-check": "xliff-file" };

function select(tab, { focus = true, focusInput = false } = {}) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
  }
  const panel = tab.getAttribute("aria-controls");
  if (window.location.hash !== `#${tab.id.slice(4)}`)
    window.history.replaceState(null, "", `#${tab.id.slice(4)}`);
  if (focus) tab.focus();
  if (focusInput) document.getElementById(FOCUS[panel])?.focus();
}

tabs.forEach((tab, i) => {
  tab.addEventListener("click", () => select(tab, { focus: false, focusInput: true }));
  tab.addEventListener("keydown", (e) => {
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length]);
  });
});

const fromHash = document.getElementById(`tab-${window.location.hash.slice(1)}`);
if (fromHash && tabs.includes(fromHash)) select(fromHash, { focus: false, focusInput: true });

initLookup();
initCheck();
initTm();
