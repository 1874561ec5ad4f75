// The lookup page: results as you type, from GET /api/terms.
const input = document.getElementById("q");
const results = document.getElementById("results");
const status = document.getElementById("status");
let latest = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function termList(terms, lang) {
  const box = el("div", { class: "terms", lang });
  for (const t of terms) {
    box.append(el("span", { class: t.status }, t.term, el("span", { class: "badge" }, t.status)));
  }
  return box;
}

function highlight(text, terms) {
  const p = el("p", { class: "context", lang: "zh" });
  const hit = terms.map((t) => t.term).find((t) => text.includes(t));
  if (!hit) {
    p.append(text);
    return p;
  }
  const i = text.indexOf(hit);
  p.append(text.slice(0, i), el("mark", {}, hit), text.slice(i + hit.length));
  return p;
}

function card(r) {
  const li = el("li", { class: "card" });
  li.append(el("h3", {}, r.terms.en[0]?.term ?? r.id));
  li.append(termList(r.terms.zh, "zh"), termList(r.terms.en, "en"));
  if (r.definition) li.append(el("p", {}, r.definition));
  for (const c of r.contexts.slice(0, 1)) {
    li.append(highlight(c.text, r.terms.zh), el("p", { class: "meta" }, `Source: ${c.source}`));
  }
  li.append(el("p", { class: "meta" }, `${r.id} · ${r.subject ?? ""} · matched by ${r.match}`));
  return li;
}

async function search() {
  const q = input.value.trim();
  const mine = ++latest;
  if (!q) {
    results.replaceChildren();
    status.textContent = "";
    return;
  }
  const res = await fetch(`/api/terms?q=${encodeURIComponent(q)}`);
  if (mine !== latest) return;
  if (!res.ok) {
    status.textContent = (await res.json()).detail;
    return;
  }
  const json = await res.json();
  status.textContent = json.results.length ? `${json.results.length} concepts` : `No term found for “${q}”`;
  results.replaceChildren(...json.results.map(card));
}

input.addEventListener("input", search);
