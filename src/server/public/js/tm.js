// TM search: GET /api/tm/search; each match shows its score, the diff from the user's sentence to the memory's
// source (insertions and deletions marked), the target and where the unit came from.
import { debounce, el, problemText } from "./dom.js";

function diffLine(diff) {
  return el(
    "p",
    { class: "diff", lang: "zh-Hans" },
    ...diff.map((part) => {
      if (part.op === "insert")
        return el("ins", { title: "in the memory's source, not in your sentence" }, part.text);
      if (part.op === "delete")
        return el("del", { title: "in your sentence, not in the memory's source" }, part.text);
      return part.text;
    }),
  );
}

function matchItem(m) {
  const pct = Math.round(m.score * 100);
  const penalties = m.penalties.map((p) => `${p.kind} −${Math.round(p.amount * 100)}%`).join(", ");
  return el(
    "li",
    { class: "card match" },
    el(
      "div",
      { class: "score-line" },
      el("span", { class: `score ${pct === 100 ? "exact" : ""}` }, `${pct}%`),
      el("meter", { min: 0, max: 1, value: m.score, "aria-label": `match score ${pct}%` }),
      m.inContext ? el("span", { class: "pill" }, "in context") : null,
    ),
    diffLine(m.diff),
    el("p", { class: "target", lang: "en" }, m.target),
    el(
      "p",
      { class: "meta" },
      [m.id, m.origin, penalties ? `penalties: ${penalties}` : null].filter(Boolean).join(" · "),
    ),
  );
}

/** Wires the TM view: search on submit and, debounced, as the user types. */
export function initTm() {
  const form = document.getElementById("tm-form");
  const input = document.getElementById("tm-q");
  const min = document.getElementById("tm-min");
  const status = document.getElementById("tm-status");
  const list = document.getElementById("tm-results");
  const key = document.getElementById("tm-legend");
  let latest = 0;

  async function search() {
    const q = input.value.trim();
    const mine = ++latest;
    if (!q) {
      list.replaceChildren();
      status.textContent = "";
      key.hidden = true;
      return;
    }
    const res = await fetch(`/api/tm/search?q=${encodeURIComponent(q)}&min=${min.value}&limit=10`);
    if (mine !== latest) return;
    if (!res.ok) {
      status.textContent = await problemText(res);
      list.replaceChildren();
      return;
    }
    const json = await res.json();
    if (mine !== latest) return;
    const n = json.matches.length;
    status.textContent =
      n === 0 ? `No match of ${Math.round(min.value * 100)}% or more` : `${n} match${n === 1 ? "" : "es"}`;
    key.hidden = n === 0;
    list.replaceChildren(...json.matches.map(matchItem));
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    search();
  });
  input.addEventListener("input", debounce(search, 250));
  min.addEventListener("change", search);
}
