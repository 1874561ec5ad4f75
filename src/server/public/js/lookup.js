// Lookup as you type: GET /api/terms?q= renders concept cards; each card then asks
// GET /api/terms/:id/occurrences for its chart.
import { legend, PALETTE, stackedBars } from "./chart.js";
import { debounce, el, marked, problemText, spansOf } from "./dom.js";

const MATCH_NAMES = {
  exact: "exact match",
  prefix: "start of a term",
  fragment: "part of a term",
  english: "English",
  traditional: "traditional characters",
  pinyin: "pinyin",
};

const occurrenceCache = new Map();

function occurrencesOf(id) {
  if (!occurrenceCache.has(id)) {
    const p = fetch(`/api/terms/${encodeURIComponent(id)}/occurrences`).then((res) =>
      res.ok ? res.json() : null,
    );
    occurrenceCache.set(id, p);
  }
  return occurrenceCache.get(id);
}

function termRow(label, terms, lang) {
  return el(
    "div",
    { class: "term-row" },
    el("span", { class: "term-lang" }, label),
    el(
      "ul",
      { class: "term-list", lang },
      ...terms.map((t) =>
        el(
          "li",
          { class: `term ${t.status}` },
          el("span", { class: "term-text" }, t.term),
          " ",
          el("span", { class: `badge ${t.status}` }, t.status),
        ),
      ),
    ),
  );
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-HTTP hosts other than localhost have no Clipboard API: fall back to a selection and execCommand.
  const area = el("textarea", { class: "visually-hidden", readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

function copyButton(term, status) {
  const button = el("button", { type: "button", class: "copy", "aria-label": `Copy “${term}”` }, "Copy");
  button.addEventListener("click", async () => {
    try {
      await copyText(term);
      button.textContent = "Copied";
      status.textContent = `Copied “${term}” to the clipboard`;
    } catch {
      button.textContent = "Copy failed";
    }
    window.setTimeout(() => (button.textContent = "Copy"), 1500);
  });
  return button;
}

function chartFigure(occ, concept) {
  const terms = concept.terms.zh.map((t) => t.term);
  const total = occ.documents.reduce((sum, d) => sum + terms.reduce((s, t) => s + (d.counts[t] ?? 0), 0), 0);
  const caption = el("figcaption", {}, "Occurrences in the source documents");
  if (total === 0) {
    return el(
      "figure",
      { class: "occurrences empty" },
      caption,
      el("p", { class: "meta" }, "Not found in the five source documents."),
    );
  }
  const series = concept.terms.zh.map((t, i) => ({
    name: t.term,
    color: PALETTE[i % PALETTE.length],
    lang: "zh-Hans",
    className: t.status,
    note: t.status,
  }));
  const rows = occ.documents.map((d) => ({ label: d.label, values: terms.map((t) => d.counts[t] ?? 0) }));
  const summary = occ.documents
    .map((d) => `${d.label}: ${terms.map((t) => `${t} ${d.counts[t] ?? 0}`).join(", ")}`)
    .join("; ");
  return el(
    "figure",
    { class: "occurrences" },
    caption,
    stackedBars({
      rows,
      series,
      title: `Occurrences per source document. ${summary}`,
      width: 360,
      labelWidth: 132,
    }),
    legend(series),
  );
}

function card(r, status) {
  const english = r.terms.en[0]?.term;
  const titleId = `concept-${r.id}`;
  const li = el("li", { class: "card concept", "data-id": r.id, "aria-labelledby": titleId });
  const head = el(
    "div",
    { class: "card-head" },
    el("h3", { id: titleId, lang: english ? "en" : "zh-Hans" }, english ?? r.terms.zh[0]?.term ?? r.id),
    english ? copyButton(english, status) : null,
  );
  li.append(head, termRow("中文", r.terms.zh, "zh-Hans"), termRow("English", r.terms.en, "en"));
  if (r.definition) li.append(el("p", { class: "definition" }, r.definition));
  const context = r.contexts[0];
  if (context) {
    const words = r.terms.zh.map((t) => t.term).concat(r.terms.en.map((t) => t.term));
    li.append(
      el(
        "figure",
        { class: "context" },
        el(
          "blockquote",
          { lang: /[\u4e00-\u9fff]/.test(context.text) ? "zh-Hans" : "en" },
          marked(context.text, spansOf(context.text, words)),
        ),
        el("figcaption", {}, "Source: ", el("cite", {}, context.source)),
      ),
    );
  }
  const chartSlot = el("div", { class: "chart-slot" });
  li.append(chartSlot);
  li.append(
    el(
      "p",
      { class: "meta" },
      `${r.id}${r.subject ? ` · ${r.subject}` : ""} · found by ${MATCH_NAMES[r.match] ?? r.match}`,
    ),
  );
  occurrencesOf(r.id).then((occ) => {
    if (occ) chartSlot.replaceChildren(chartFigure(occ, r));
  });
  return li;
}

/** Wires the lookup view: debounced search as the user types, newest answer wins. */
export function initLookup() {
  const input = document.getElementById("q");
  const results = document.getElementById("results");
  const status = document.getElementById("lookup-status");
  let latest = 0;

  async function search() {
    const q = input.value.trim();
    const mine = ++latest;
    if (!q) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    let res;
    try {
      res = await fetch(`/api/terms?q=${encodeURIComponent(q)}`);
    } catch {
      if (mine === latest) status.textContent = "The server cannot be reached.";
      return;
    }
    if (mine !== latest) return;
    if (!res.ok) {
      status.textContent = await problemText(res);
      results.replaceChildren();
      return;
    }
    const json = await res.json();
    if (mine !== latest) return;
    const n = json.results.length;
    status.textContent =
      n === 0 ? `No term found for “${q}”` : `${n} concept${n === 1 ? "" : "s"} for “${q}”`;
    results.replaceChildren(...json.results.map((r) => card(r, status)));
  }

  const later = debounce(search, 120);
  input.addEventListener("input", later);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") search();
  });
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search();
  }
}
