// Hand-written SVG charts for the docs: panels with axes, ticks, a legend, line and dot series,
// laid out in a grid and written as one deterministic file (no browser, no plotting library), so
// that a regenerated image only changes when the numbers do. Shared by plot-models.mjs and
// plot-sweep.mjs.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Series colours, in order (matplotlib's "tab10"). */
export const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

/** The size of one panel and its margins, in SVG pixels. */
export const PANEL = { width: 380, height: 250, left: 52, right: 12, top: 30, bottom: 40 };

/** A coordinate with at most two decimals, trailing zeros dropped. */
export const f = (x) => (Math.round(x * 100) / 100).toFixed(2).replace(/\.?0+$/, "");

/** Text escaped for SVG. */
export function xml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A round tick spacing (1, 2 or 5 times a power of ten) giving about five ticks over `span`. */
export function niceStep(span) {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** A tick label: six significant digits at most. */
export function label(v) {
  return Number(v.toPrecision(6)).toString();
}

function dashOf(kind) {
  return kind === "dashed"
    ? ' stroke-dasharray="5 3"'
    : kind === "dotted"
      ? ' stroke-dasharray="1.5 2.5"'
      : "";
}

/**
 * One panel at (x0, y0): axes, ticks, a legend, and line or dot series.
 *
 * spec: { title, xlabel, ylabel, xlog, xmin, xmax, ymin, ymax?, legendShift?, legendBottom?,
 * marks?, series } where each series is { x, y, kind?: "line" | "dashed" | "dotted" | "dots",
 * color?, label? } and each mark is a vertical dashed line { x, text }. Without ymax the y range
 * goes up to a round number above the largest value drawn. The legend lists the labelled series
 * in the top right corner (the bottom right with legendBottom), moved right by legendShift px.
 */
export function panel(x0, y0, spec) {
  const { xlog, xmin, xmax, ymin } = spec;
  // The y range: to a round number above the largest value drawn, unless given.
  let top = 0;
  for (const s of spec.series) {
    Array.from(s.x).forEach((x, k) => {
      if (x >= xmin && x <= xmax && Number.isFinite(s.y[k])) top = Math.max(top, s.y[k]);
    });
  }
  const ymax = spec.ymax ?? Math.ceil((top * 1.08) / niceStep(top)) * niceStep(top);
  const w = PANEL.width - PANEL.left - PANEL.right;
  const h = PANEL.height - PANEL.top - PANEL.bottom;
  const X = (x) =>
    x0 +
    PANEL.left +
    (xlog
      ? (Math.log10(x) - Math.log10(xmin)) / (Math.log10(xmax) - Math.log10(xmin))
      : (x - xmin) / (xmax - xmin)) *
      w;
  const Y = (y) => y0 + PANEL.top + (1 - (y - ymin) / (ymax - ymin)) * h;
  const parts = [];
  parts.push(
    `<rect x="${f(x0 + PANEL.left)}" y="${f(y0 + PANEL.top)}" width="${f(w)}" height="${f(h)}" fill="#fff" stroke="#888"/>`,
  );
  parts.push(
    `<text x="${f(x0 + PANEL.left + w / 2)}" y="${f(y0 + 18)}" text-anchor="middle" font-size="13" font-weight="bold">${xml(spec.title)}</text>`,
  );
  // x ticks
  const xt = [];
  if (xlog) {
    for (let k = Math.ceil(Math.log10(xmin) - 1e-9); k <= Math.floor(Math.log10(xmax) + 1e-9); k++)
      xt.push(10 ** k);
  } else {
    const s = niceStep(xmax - xmin);
    for (let v = Math.ceil(xmin / s) * s; v <= xmax + 1e-9; v += s) xt.push(v);
  }
  for (const v of xt) {
    parts.push(
      `<line x1="${f(X(v))}" x2="${f(X(v))}" y1="${f(Y(ymin))}" y2="${f(Y(ymax))}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${f(X(v))}" y="${f(Y(ymin) + 14)}" text-anchor="middle" font-size="10">${label(v)}</text>`,
    );
  }
  const ys = niceStep(ymax - ymin);
  for (let v = Math.ceil(ymin / ys) * ys; v <= ymax + 1e-9; v += ys) {
    parts.push(
      `<line x1="${f(X(xmin))}" x2="${f(X(xmax))}" y1="${f(Y(v))}" y2="${f(Y(v))}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${f(X(xmin) - 5)}" y="${f(Y(v) + 3)}" text-anchor="end" font-size="10">${label(v)}</text>`,
    );
  }
  parts.push(
    `<text x="${f(x0 + PANEL.left + w / 2)}" y="${f(y0 + PANEL.height - 6)}" text-anchor="middle" font-size="11">${xml(spec.xlabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(${f(x0 + 13)} ${f(y0 + PANEL.top + h / 2)}) rotate(-90)" text-anchor="middle" font-size="11">${xml(spec.ylabel)}</text>`,
  );
  for (const extra of spec.marks ?? []) {
    parts.push(
      `<line x1="${f(X(extra.x))}" x2="${f(X(extra.x))}" y1="${f(Y(ymin))}" y2="${f(Y(ymax))}" stroke="#999" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${f(X(extra.x) + 3)}" y="${f(Y(ymax) + 11)}" font-size="10" fill="#555">${xml(extra.text)}</text>`,
    );
  }
  spec.series.forEach((s, i) => {
    const color = s.color ?? COLORS[i % COLORS.length];
    const pts = Array.from(s.x, (x, k) => [x, s.y[k]]).filter(
      ([x, y]) => x >= xmin && x <= xmax && Number.isFinite(y),
    );
    if (s.kind === "dots") {
      for (const [x, y] of pts) {
        parts.push(
          `<circle cx="${f(X(x))}" cy="${f(Y(Math.min(y, ymax)))}" r="2.2" fill="${color}"/>`,
        );
      }
    } else {
      const d = pts
        .map(([x, y], k) => `${k === 0 ? "M" : "L"}${f(X(x))},${f(Y(Math.min(y, ymax)))}`)
        .join("");
      parts.push(
        `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"${dashOf(s.kind)}/>`,
      );
    }
    if (s.label) {
      const before = spec.series.filter((t, j) => j < i && t.label).length;
      const labelled = spec.series.filter((t) => t.label).length;
      const ly = spec.legendBottom
        ? y0 + PANEL.top + h - 6 - 13 * (labelled - 1 - before)
        : y0 + PANEL.top + 12 + 13 * before;
      const lx = x0 + PANEL.left + w - 118 + (spec.legendShift ?? 0);
      const sample =
        s.kind === "dots"
          ? `<circle cx="${f(lx + 8)}" cy="${f(ly - 3)}" r="2.2" fill="${color}"/>`
          : `<line x1="${f(lx)}" x2="${f(lx + 16)}" y1="${f(ly - 3)}" y2="${f(ly - 3)}" stroke="${color}" stroke-width="1.6"${dashOf(s.kind)}/>`;
      parts.push(
        `${sample}<text x="${f(lx + 20)}" y="${f(ly)}" font-size="10">${xml(s.label)}</text>`,
      );
    }
  });
  return parts.join("\n");
}

/** The panels laid out `cols` to a row under a one-line title: the text of an SVG file. */
export function figure({ title, panels, cols = 2 }) {
  const rows = Math.ceil(panels.length / cols);
  const width = Math.min(cols, panels.length) * PANEL.width;
  const height = rows * PANEL.height + 26;
  const body = panels
    .map((p, i) => panel((i % cols) * PANEL.width, 26 + Math.floor(i / cols) * PANEL.height, p))
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">
<rect width="${width}" height="${height}" fill="#fafafa"/>
<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${xml(title)}</text>
${body}
</svg>
`;
}

/** Writes an SVG file (creating its folder) and reports it on standard output. */
export function writeSvg(path, svg, what = "") {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg);
  console.log(
    `wrote ${path}${what ? ` (${what}, ${svg.length} bytes)` : ` (${svg.length} bytes)`}`,
  );
}
