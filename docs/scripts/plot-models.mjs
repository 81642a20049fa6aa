// Draws the heat capacity C(T) of every model in gibbs-softmax/models, as the library computes
// it: lines are the closed forms (`model.heatCapacity(T)`), dots the model's spectrum through the
// core (`sweep(model.energies, …)`). Writes docs/images/models-heat-capacity.svg, a hand-written
// SVG drawn with the shared helpers of svg.mjs (no browser, no plotting library), deterministic
// so that a regenerated file only changes when the numbers do.
//
//   npm run docs:models        (builds dist/, then runs this script)
//
// It imports the package by name, as a user would (Node resolves "gibbs-softmax" to this
// repository's dist/ through the package's own exports).

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
import { COLORS, figure, writeSvg } from "./svg.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "images", "models-heat-capacity.svg");

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

const svg = figure({
  title:
    "Heat capacity C(T): lines are the closed forms, dots the spectrum through the core (gibbs-softmax)",
  panels,
});
writeSvg(out, svg, `${panels.length} panels`);
