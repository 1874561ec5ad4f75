// Small DOM helpers shared by the views. Everything is built with createElement: no innerHTML, so text from
// the termbase, the memory or an uploaded file can never become markup.

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== undefined && c !== null && c !== false) node.append(c);
  return node;
}

/** An HTML element with attributes and children (strings or nodes; null/undefined/false are left out). */
export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, likewise. */
export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** The text with the [start, end) spans (UTF-16 offsets, sorted, not overlapping) wrapped in <mark>. */
export function marked(text, spans) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at || end > text.length || start >= end) continue;
    frag.append(text.slice(at, start), el("mark", {}, text.slice(start, end)));
    at = end;
  }
  frag.append(text.slice(at));
  return frag;
}

/** Spans of every occurrence of any of the words in the text, longest word first where they overlap. */
export function spansOf(text, words) {
  const sorted = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  const taken = new Array(text.length).fill(false);
  const spans = [];
  for (const w of sorted) {
    for (let i = text.indexOf(w); i !== -1; i = text.indexOf(w, i + 1)) {
      let free = true;
      for (let k = i; k < i + w.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = i; k < i + w.length; k++) taken[k] = true;
      spans.push({ start: i, end: i + w.length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Calls fn once the calls have stopped for `ms` milliseconds. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...args), ms);
  };
}

/** The problem+json detail of a failed response, with file:line:column where the server knows them. */
export async function problemText(res) {
  let p;
  try {
    p = await res.json();
  } catch {
    return `${res.status} ${res.statusText}`;
  }
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(":");
  const unit = p.unit !== undefined ? `unit ${p.unit}: ` : "";
  return `${where ? `${where}: ` : ""}${unit}${p.detail ?? p.title ?? res.statusText}`;
}

/** Offers bytes as a file download. */
export function download(blob, name) {
  const url = window.URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => window.URL.revokeObjectURL(url), 10_000);
}
