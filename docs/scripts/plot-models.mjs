// Draws the heat capacity C(T) of every model in gibbs-softmax/models, as the library computes
// it: lines are the closed forms (`model.heatCapacity(T)`), dots the model's spectrum through the
// core (`sweep(model.energies, …)`). Writes docs/images/models-heat-capacity.svg, a hand-written
// SVG (no browser, no plotting library), deterministic so that a regenerated file only changes
// when the numbers do.
//
//   npm run docs:models        (builds dist/, then runs this script)
//
// It imports the package by name, as a user would (Node resolves "gibbs-softmax" to this
// repository's dist/ through the package's own exports).

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sweep, temperatureGrid } from "gibbs-softmax";
import {
  harmonicOscillator,
  isingChain,
  isingSquare,
  paramagnet,
  rigidRotor,
  twoLevelSystem,
} from "gibbs-softmax/models";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "images", "models-heat-capacity.svg");

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
const PANEL = { width: 380, height: 250, left: 52, right: 12, top: 30, bottom: 40 };

const f = (x) => (Math.round(x * 100) / 100).toFixed(2).replace(/\.?0+$/, "");

function xml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function niceStep(span) {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

function label(v) {
  return Number(v.toPrecision(6)).toString();
}

/** One panel: axes, ticks, a legend, and line or dot series. */
function panel(x0, y0, spec) {
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
      const dash =
        s.kind === "dashed"
          ? ' stroke-dasharray="5 3"'
          : s.kind === "dotted"
            ? ' stroke-dasharray="1.5 2.5"'
            : "";
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"${dash}/>`);
    }
    if (s.label) {
      const ly = y0 + PANEL.top + 12 + 13 * spec.series.filter((t, j) => j < i && t.label).length;
      const lx = x0 + PANEL.left + w - 118 + (spec.legendShift ?? 0);
      const sample =
        s.kind === "dots"
          ? `<circle cx="${f(lx + 8)}" cy="${f(ly - 3)}" r="2.2" fill="${color}"/>`
          : `<line x1="${f(lx)}" x2="${f(lx + 16)}" y1="${f(ly - 3)}" y2="${f(ly - 3)}" stroke="${color}" stroke-width="1.6"${s.kind === "dashed" ? ' stroke-dasharray="5 3"' : s.kind === "dotted" ? ' stroke-dasharray="1.5 2.5"' : ""}/>`;
      parts.push(
        `${sample}<text x="${f(lx + 20)}" y="${f(ly)}" font-size="10">${xml(s.label)}</text>`,
      );
    }
  });
  return parts.join("\n");
}

/** Closed form on a fine grid, and the spectrum through the core's sweep on a coarse one. */
function curves(model, fine, coarse, scale = 1) {
  const exact = Array.from(fine, (T) => model.heatCapacity(T) / scale);
  const s = sweep(model.energies, {
    temperatures: coarse,
    degeneracies: model.degeneracies,
    kB: model.kB,
  });
  return { exact, numeric: Array.from(s.heatCapacity, (c) => c / scale) };
}

const panels = [];

// 1. Two-level system: the Schottky anomaly.
{
  const fine = temperatureGrid({ from: 0.05, to: 20, points: 300 });
  const coarse = temperatureGrid({ from: 0.06, to: 15, points: 28 });
  const series = [];
  for (const [g1, i] of [
    [1, 0],
    [3, 1],
    [0.2, 2],
  ]) {
    const c = curves(twoLevelSystem({ gap: 1, g1 }), fine, coarse);
    series.push({ x: fine, y: c.exact, label: `g₁/g₀ = ${g1}`, color: COLORS[i] });
    series.push({ x: coarse, y: c.numeric, kind: "dots", color: COLORS[i] });
  }
  panels.push({
    title: "Two-level system (Schottky anomaly)",
    xlabel: "kB·T / Δ",
    ylabel: "C / kB",
    xlog: true,
    xmin: 0.05,
    xmax: 20,
    ymin: 0,
    series,
  });
}

// 2. Harmonic oscillator: Einstein's C, and what truncating the ladder does.
{
  const fine = temperatureGrid({ from: 0.05, to: 100, points: 300 });
  const coarse = temperatureGrid({ from: 0.06, to: 80, points: 30 });
  const exact = harmonicOscillator({ levels: 1 });
  const series = [
    { x: fine, y: Array.from(fine, (T) => exact.heatCapacity(T)), label: "∞ levels (exact)" },
  ];
  for (const [levels, i] of [
    [5, 1],
    [50, 2],
  ]) {
    const m = harmonicOscillator({ levels });
    const s = sweep(m.energies, { temperatures: coarse });
    series.push({
      x: coarse,
      y: Array.from(s.heatCapacity),
      kind: "dots",
      color: COLORS[i],
      label: `${levels} levels (core)`,
    });
  }
  panels.push({
    title: "Harmonic oscillator (Einstein)",
    xlabel: "kB·T / ħω",
    ylabel: "C / kB",
    xlog: true,
    xmin: 0.05,
    xmax: 100,
    ymin: 0,
    ymax: 1.6,
    series,
  });
}

// 3. Rigid rotor: overshoot above the classical limit.
{
  const fine = temperatureGrid({ from: 0.1, to: 100, points: 300 });
  const coarse = temperatureGrid({ from: 0.12, to: 80, points: 30 });
  const m = rigidRotor({ maxJ: 60 });
  const c = curves(m, fine, coarse);
  const high = temperatureGrid({ from: 0.5, to: 100, points: 200 });
  panels.push({
    title: "Rigid rotor",
    xlabel: "kB·T / B",
    ylabel: "C / kB",
    xlog: true,
    xmin: 0.1,
    xmax: 100,
    ymin: 0,
    ymax: 1.4,
    series: [
      { x: fine, y: c.exact, label: "exact sum" },
      { x: coarse, y: c.numeric, kind: "dots", color: COLORS[0] },
      {
        x: high,
        y: Array.from(high, (T) => m.highTemperature.heatCapacity(T)),
        kind: "dashed",
        label: "Mulholland series",
      },
      { x: [0.1, 100], y: [1, 1], kind: "dotted", color: "#555", label: "classical kB" },
    ],
  });
}

// 4. Paramagnet: spins 1/2, 1, 7/2 in a field.
{
  const fine = temperatureGrid({ from: 0.05, to: 50, points: 300 });
  const coarse = temperatureGrid({ from: 0.06, to: 40, points: 28 });
  const series = [];
  for (const [spin, i] of [
    [0.5, 0],
    [1, 1],
    [3.5, 2],
  ]) {
    const c = curves(paramagnet({ spin, field: 1 }), fine, coarse);
    series.push({ x: fine, y: c.exact, label: `j = ${spin}`, color: COLORS[i] });
    series.push({ x: coarse, y: c.numeric, kind: "dots", color: COLORS[i] });
  }
  panels.push({
    title: "Paramagnet (spin j, Zeeman splitting ε)",
    xlabel: "kB·T / ε",
    ylabel: "C / kB",
    xlog: true,
    xmin: 0.05,
    xmax: 50,
    ymin: 0,
    series,
  });
}

// 5. Ising chain: transfer matrix vs counted spectrum, per spin.
{
  const N = 12;
  const fine = temperatureGrid({ from: 0.1, to: 50, points: 300 });
  const coarse = temperatureGrid({ from: 0.12, to: 40, points: 28 });
  const series = [];
  for (const [field, i] of [
    [0, 0],
    [0.5, 1],
    [2, 2],
  ]) {
    const c = curves(isingChain({ spins: N, coupling: 1, field }), fine, coarse, N);
    series.push({ x: fine, y: c.exact, label: `h/J = ${field}`, color: COLORS[i] });
    series.push({ x: coarse, y: c.numeric, kind: "dots", color: COLORS[i] });
  }
  panels.push({
    title: `Ising chain, N = ${N} (per spin)`,
    xlabel: "kB·T / J",
    ylabel: "C / (N·kB)",
    xlog: true,
    xmin: 0.1,
    xmax: 50,
    ymin: 0,
    series,
  });
}

// 6. 2D Ising: Kaufman vs enumeration, per spin, L = 2 … 5.
{
  const fine = temperatureGrid({ from: 0.8, to: 5, points: 300, scale: "linear" });
  const coarse = temperatureGrid({ from: 0.9, to: 4.9, points: 21, scale: "linear" });
  const series = [];
  for (const [L, i] of [
    [2, 0],
    [3, 1],
    [4, 2],
    [5, 3],
  ]) {
    const c = curves(isingSquare({ size: L }), fine, coarse, L * L);
    series.push({ x: fine, y: c.exact, label: `${L}×${L}`, color: COLORS[i] });
    series.push({ x: coarse, y: c.numeric, kind: "dots", color: COLORS[i] });
  }
  panels.push({
    title: "2D Ising, L×L torus (per spin)",
    xlabel: "kB·T / J",
    ylabel: "C / (L²·kB)",
    xlog: false,
    xmin: 0.8,
    xmax: 5,
    ymin: 0,
    legendShift: 40,
    marks: [{ x: 2 / Math.log(1 + Math.SQRT2), text: "T_c (Onsager)" }],
    series,
  });
}

const cols = 2;
const rows = Math.ceil(panels.length / cols);
const width = cols * PANEL.width;
const height = rows * PANEL.height + 26;
const body = panels
  .map((p, i) => panel((i % cols) * PANEL.width, 26 + Math.floor(i / cols) * PANEL.height, p))
  .join("\n");
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">
<rect width="${width}" height="${height}" fill="#fafafa"/>
<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">Heat capacity C(T): lines are the closed forms, dots the spectrum through the core (gibbs-softmax)</text>
${body}
</svg>
`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, svg);
console.log(`wrote ${out} (${panels.length} panels, ${svg.length} bytes)`);
