// Stacked horizontal bar charts as inline SVG: one row per category, one coloured stretch per series.
import { el, svg } from "./dom.js";

/** Colours that stay distinct for the common colour-vision deficiencies (Okabe–Ito palette). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"];

const round = (n) => Math.round(n * 10) / 10;

/**
 * A stacked bar chart. rows: [{ label, values: number[] }], values in series order; series: [{ name, color }].
 * layout "side" puts labels left of the bars; "above" puts each label on its own line (long labels, phones).
 * The SVG has its natural width and only shrinks (max-width in CSS), so text never grows past its size.
 */
export function stackedBars({ rows, series, title, width = 360, labelWidth = 128, layout = "side" }) {
  const side = layout === "side";
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const rowHeight = side ? 24 : 34;
  const height = rows.length * rowHeight + 4;
  const barX = side ? labelWidth : 0;
  const barMax = width - barX - 40; // room for the total after the longest bar
  const root = svg(
    "svg",
    { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title },
    svg("title", {}, title),
  );
  rows.forEach((row, i) => {
    const top = i * rowHeight + 2;
    const barY = side ? top + 4 : top + 17;
    const barH = side ? 14 : 12;
    root.append(
      svg(
        "text",
        {
          class: "chart-label",
          x: side ? labelWidth - 8 : 0,
          y: side ? top + 15.5 : top + 11,
          "text-anchor": side ? "end" : "start",
        },
        row.label,
      ),
      svg("rect", { class: "chart-track", x: barX, y: barY, width: barMax, height: barH, rx: 2 }),
    );
    let x = barX;
    row.values.forEach((v, s) => {
      if (!(v > 0)) return;
      const w = (v / max) * barMax;
      root.append(
        svg(
          "rect",
          { x: round(x), y: barY, width: round(Math.max(w, 1.5)), height: barH, fill: series[s].color },
          svg("title", {}, `${row.label}: ${series[s].name} ${v}`),
        ),
      );
      x += w;
    });
    root.append(
      svg("text", { class: "chart-count", x: round(x + 6), y: barY + barH - 2 }, String(totals[i])),
    );
  });
  return root;
}

/** The chart's key: a swatch and a name per series (names may carry a lang and a CSS class, e.g. a status). */
export function legend(series) {
  return el(
    "ul",
    { class: "legend" },
    ...series.map((s) => {
      const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.background = s.color;
      return el(
        "li",
        { class: s.className },
        swatch,
        el("span", { lang: s.lang }, s.name),
        s.note ? el("span", { class: "note" }, s.note) : null,
      );
    }),
  );
}
