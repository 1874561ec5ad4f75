// Check an uploaded XLIFF: POST /api/xliff/check?format=json, a summary chart by rule and severity, then the
// findings grouped by rule with source and target highlighted at the findings' offsets.
import { legend, stackedBars } from "./chart.js";
import { download, el, marked, problemText } from "./dom.js";

const SEVERITIES = [
  { name: "error", color: "#C0392B" },
  { name: "warning", color: "#E69F00" },
  { name: "info", color: "#0072B2" },
];

let rules = null;

function ruleInfo() {
  rules ??= fetch("/api/rules")
    .then((res) => (res.ok ? res.json() : { rules: [] }))
    .then((json) => new Map(json.rules.map((r) => [r.id, r])))
    .catch(() => new Map());
  return rules;
}

/** A name the server accepts in ?file= (letters, digits and a few signs), so problems name the user's file. */
function safeName(name) {
  return name.replace(/[^\w .,()-]/g, "_").slice(0, 120) || "upload.xlf";
}

function stem(name) {
  return name.replace(/\.[^.]+$/, "");
}

function textWithSpan(text, span, lang, label) {
  if (text === undefined)
    return el(
      "div",
      { class: `seg ${label}` },
      el("span", { class: "seg-label" }, label),
      el("span", { class: "none" }, "(no target)"),
    );
  return el(
    "div",
    { class: `seg ${label}` },
    el("span", { class: "seg-label" }, label),
    el("span", { lang }, span ? marked(text, [span]) : text),
  );
}

function findingItem(f, segments, langs) {
  const seg = segments?.[f.unit]?.[f.segmentIndex];
  const where = `unit ${f.unit}${f.segment !== undefined ? ` · segment ${f.segment}` : ""}`;
  const li = el(
    "li",
    { class: `finding ${f.severity}` },
    el(
      "div",
      { class: "finding-head" },
      el("span", { class: `sev ${f.severity}` }, f.severity),
      " ",
      el("span", { class: "where" }, where),
    ),
    el("p", { class: "message" }, f.message),
  );
  if (seg)
    li.append(
      el(
        "div",
        { class: "pair" },
        textWithSpan(seg.source, f.sourceSpan, langs.source, "source"),
        textWithSpan(seg.target, f.targetSpan, langs.target, "target"),
      ),
    );
  if (f.suggestion)
    li.append(el("p", { class: "suggestion" }, "Suggestion: ", el("strong", { lang: "en" }, f.suggestion)));
  if (f.related?.length) {
    li.append(
      el(
        "p",
        { class: "meta" },
        "Also in: ",
        f.related.map((r) => `unit ${r.unit}${r.target ? ` (“${r.target}”)` : ""}`).join("; "),
      ),
    );
  }
  return li;
}

async function render(json, container, summaryBox) {
  const info = await ruleInfo();
  const byRule = new Map();
  for (const f of json.findings) {
    if (!byRule.has(f.rule)) byRule.set(f.rule, []);
    byRule.get(f.rule).push(f);
  }
  const order = [...info.keys()]
    .filter((id) => byRule.has(id))
    .concat([...byRule.keys()].filter((id) => !info.has(id)));
  const s = json.summary;
  const counts = el(
    "dl",
    { class: "counts" },
    ...[
      ["units", s.units],
      ["segments", s.segments],
      ["findings", s.findings],
      ...SEVERITIES.map((x) => [x.name, s.bySeverity[x.name] ?? 0]),
    ].flatMap(([k, v]) => [el("div", { class: `count ${k}` }, el("dt", {}, k), el("dd", {}, String(v)))]),
  );
  summaryBox.replaceChildren(el("figcaption", {}, "Findings by rule and severity"), counts);
  if (order.length > 0) {
    const rows = order.map((id) => ({
      label: id,
      values: SEVERITIES.map((x) => byRule.get(id).filter((f) => f.severity === x.name).length),
    }));
    const title = `Findings by rule: ${rows.map((r) => `${r.label} ${r.values.reduce((a, b) => a + b, 0)}`).join(", ")}`;
    summaryBox.append(
      stackedBars({ rows, series: SEVERITIES, title, width: 330, layout: "above" }),
      legend(SEVERITIES),
    );
  }
  // Chinese→English is what yizhi checks; lang attributes let the browser pick CJK glyphs for the source.
  const langs = { source: "zh-Hans", target: "en" };
  container.replaceChildren(
    ...(order.length === 0
      ? [el("p", { class: "all-clear" }, "No findings: the translation uses the termbase consistently.")]
      : []),
    ...order.map((id) => {
      const list = byRule.get(id);
      return el(
        "section",
        { class: "rule-group", id: `rule-${id}`, "aria-labelledby": `rule-title-${id}` },
        el(
          "h3",
          { id: `rule-title-${id}` },
          el("code", {}, id),
          " ",
          el("span", { class: "pill" }, `${list.length} finding${list.length === 1 ? "" : "s"}`),
        ),
        info.get(id) ? el("p", { class: "rule-desc" }, info.get(id).description) : null,
        el("ol", { class: "findings" }, ...list.map((f) => findingItem(f, json.segments, langs))),
      );
    }),
  );
}

/** Wires the check view: file chooser, drag and drop, and the two downloads. */
export function initCheck() {
  const drop = document.getElementById("drop");
  const input = document.getElementById("xliff-file");
  const status = document.getElementById("check-status");
  const error = document.getElementById("check-error");
  const result = document.getElementById("check-result");
  let current = null; // { bytes, name }

  async function post(path, format) {
    const res = await fetch(
      `${path}?${format ? `format=${format}&` : ""}file=${encodeURIComponent(safeName(current.name))}`,
      {
        method: "POST",
        headers: { "content-type": "application/xml" },
        body: current.bytes,
      },
    );
    if (!res.ok) throw new Error(await problemText(res));
    return res;
  }

  async function check(file) {
    current = { bytes: await file.arrayBuffer(), name: file.name };
    error.hidden = true;
    result.hidden = true;
    status.textContent = `Checking ${file.name} …`;
    try {
      const json = await (await post("/api/xliff/check", "json")).json();
      await render(json, document.getElementById("findings"), document.getElementById("check-summary"));
      const n = json.summary.findings;
      status.textContent = `${file.name}: ${n} finding${n === 1 ? "" : "s"} in ${json.summary.units} units`;
      result.hidden = false;
    } catch (e) {
      status.textContent = "";
      error.textContent = `${file.name} cannot be checked: ${e.message}`;
      error.hidden = false;
    }
  }

  input.addEventListener("change", () => {
    if (input.files?.[0]) check(input.files[0]);
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const file = e.dataTransfer?.files?.[0];
    if (file) check(file);
  });

  async function offer(button, path, format, suffix) {
    if (!current) return;
    button.disabled = true;
    try {
      const res = await post(path, format);
      download(await res.blob(), `${stem(current.name)}${suffix}`);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  }
  const html = document.getElementById("download-html");
  const xliff = document.getElementById("download-xliff");
  html.addEventListener("click", () => offer(html, "/api/xliff/check", "html", ".report.html"));
  xliff.addEventListener("click", () => offer(xliff, "/api/xliff/annotate", null, ".annotated.xlf"));
}
