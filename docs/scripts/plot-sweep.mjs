// The temperature-sweep tutorial (docs/tutorials/temperature-sweep.md), end to end: runs the
// sweeps with the library, runs the same sweep through the command-line tool and reads its CSV and
// JSON Lines back, checks that every number agrees bit for bit, times sweepParallel against sweep
// on a big spectrum, and draws the tutorial's figures as hand-written SVG (svg.mjs) into
// docs/images/:
//
//   sweep-two-level.svg      F, U, S and C of a two-level system (gap 1), with the closed forms
//   sweep-occupations.svg    occupations against T and against β = 1/T (through T = ±∞), and the
//                            entropy and occupations of the seed example's softmax against τ
//
//   npm run docs:tutorial      (builds dist/, then runs this script)
//
// It imports the package by name, as a user would (Node resolves "gibbs-softmax" to this
// repository's dist/ through the package's own exports). It stops with an error if any check
// fails, so a drawn figure always comes from numbers that were checked.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solveTemperature, sweep, temperatureGrid } from "gibbs-softmax";
import { twoLevelSystem } from "gibbs-softmax/models";
import { sweepParallel } from "gibbs-softmax/parallel";
import { COLORS, figure, writeSvg } from "./svg.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const images = join(here, "..", "images");
const cli = join(here, "..", "..", "dist", "cli", "main.js");

function check(condition, message) {
  if (!condition) throw new Error(`plot-sweep: ${message}`);
  console.log(`ok  ${message}`);
}

// 1. The library: a two-level system (levels 0 and Δ = 1) from T = 0.01 to 100, 400 points. The
// spectrum is the model's, { energies: [0, 1], degeneracies: [1, 1] }, exactly what the CLI's
// `--model two-level` sums, so that the CLI's output can be compared bit for bit below.
const temperatures = temperatureGrid({ from: 0.01, to: 100, points: 400 });
const model = twoLevelSystem({ gap: 1 });
const two = sweep(model.energies, {
  temperatures,
  degeneracies: model.degeneracies,
  probabilities: true,
});

let worst = 0;
for (const [k, T] of temperatures.entries()) {
  const exact = model.exact(T);
  for (const key of ["logZ", "freeEnergy", "internalEnergy", "entropy", "heatCapacity"]) {
    const a = two[key][k];
    const b = exact[key];
    worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));
  }
}
check(worst < 1e-13, `sweep agrees with the closed forms to ${worst.toExponential(1)} relative`);

let residual = 0;
for (const [k, T] of temperatures.entries()) {
  const F = two.freeEnergy[k];
  const U = two.internalEnergy[k];
  const S = two.entropy[k];
  residual = Math.max(residual, Math.abs(F - (U - T * S)));
}
check(residual < 1e-13, `F = U − T·S on every row (largest residual ${residual.toExponential(1)})`);

const peak = Math.max(...two.heatCapacity);
const kPeak = two.heatCapacity.indexOf(peak);
console.log(`    grid peak of C: C = ${peak} at T = ${temperatures[kPeak]}`);

// 2. The command-line tool: the same sweep, written as CSV and as JSON Lines, read back.
const work = mkdtempSync(join(tmpdir(), "gibbs-softmax-sweep-"));
try {
  const base = ["sweep", "--model", "two-level", "--gap", "1", "--from", "0.01", "--to", "100"];
  const run = (args) => {
    const r = spawnSync(process.execPath, [cli, ...base, "--points", "400", ...args], {
      cwd: work,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`plot-sweep: the CLI failed: ${r.stderr}`);
    return r;
  };
  run(["--out", "sweep.csv"]);
  const csv = readFileSync(join(work, "sweep.csv"), "utf8").trim().split("\n");
  const header = csv[0].split(",");
  const rows = csv.slice(1).map((line) => line.split(",").map(Number));
  const column = (name) => Float64Array.from(rows, (r) => r[header.indexOf(name)]);
  const same = header.every((name) => column(name).every((v, k) => Object.is(v, two[name][k])));
  check(rows.length === 400 && same, "the CLI's CSV, read back, equals sweep() bit for bit");

  const jsonl = run(["--format", "jsonl"])
    .stdout.trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  check(
    jsonl.every((row, k) => row.heatCapacity === two.heatCapacity[k]),
    "the CLI's JSON Lines, read back, equal sweep() bit for bit",
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 3. A big sweep over worker threads: 100 000 levels × 400 temperatures.
{
  const n = 100_000;
  const E = Float64Array.from({ length: n }, (_, i) => Math.sqrt(i)); // a dense spectrum
  const grid = temperatureGrid({ from: 0.1, to: 1000, points: 400 });
  let t0 = performance.now();
  const single = sweep(E, { temperatures: grid });
  const tSingle = performance.now() - t0;
  t0 = performance.now();
  const parallel = await sweepParallel(E, { temperatures: grid });
  const tParallel = performance.now() - t0;
  const identical = Object.keys(single).every((key) =>
    single[key].every((v, k) => Object.is(v, parallel[key][k])),
  );
  check(identical, "sweepParallel gives the columns of sweep bit for bit (10⁵ levels × 400 T)");
  console.log(
    `    sweep ${tSingle.toFixed(0)} ms, sweepParallel ${tParallel.toFixed(0)} ms on ${availableParallelism()} threads`,
  );
}

// 4. The seed example's softmax as a physical system: E = −z, T = τ.
const z = [1, 2, 3, 4, 1, 2, 3];
const E = z.map((v) => -v);
const tauOneNat = solveTemperature(E, { entropy: 1 });
const seed = sweep(E, { temperatures, probabilities: true });
console.log(`    softmax entropy 1 nat at τ = ${tauOneNat}`);

// 5. The figures.
const LN2 = Math.log(2);
const tStar = 0.4167782798004823; // the exact peak of C (docs/theory.md)
const coarse = temperatureGrid({ from: 0.012, to: 80, points: 26 });
const exactAt = (key) => Array.from(coarse, (T) => model.exact(T)[key]);
const row = (x, key, label, extra = {}) => ({ x, y: Array.from(two[key]), label, ...extra });
const closed = (key, label) => ({
  x: coarse,
  y: exactAt(key),
  kind: "dots",
  color: COLORS[1],
  label,
});
const flat = (y, label) => ({ x: [0.01, 100], y: [y, y], kind: "dotted", color: "#555", label });
const logT = { xlabel: "T (kB = 1, gap Δ = 1)", xlog: true, xmin: 0.01, xmax: 100 };

writeSvg(
  join(images, "sweep-two-level.svg"),
  figure({
    title: "Two-level system, gap 1: sweep() on 400 temperatures (lines), closed forms (dots)",
    panels: [
      {
        ...logT,
        title: "Free energy F = −T·ln Z",
        ylabel: "F",
        ymin: -70,
        ymax: 0,
        legendShift: -190,
        legendBottom: true,
        series: [row(temperatures, "freeEnergy", "sweep()"), closed("freeEnergy", "closed form")],
      },
      {
        ...logT,
        title: "Internal energy U = ⟨E⟩",
        ylabel: "U",
        ymin: 0,
        ymax: 0.6,
        series: [
          row(temperatures, "internalEnergy"),
          closed("internalEnergy"),
          flat(0.5, "Δ/2 (T → ∞)"),
        ],
      },
      {
        ...logT,
        title: "Entropy S = (U − F)/T",
        ylabel: "S (nats)",
        ymin: 0,
        ymax: 1,
        series: [row(temperatures, "entropy"), closed("entropy"), flat(LN2, "ln 2 (T → ∞)")],
      },
      {
        ...logT,
        title: "Heat capacity C = Var(E)/T²",
        ylabel: "C",
        ymin: 0,
        ymax: 0.5,
        marks: [{ x: tStar, text: "T* = 0.4168" }],
        series: [row(temperatures, "heatCapacity"), closed("heatCapacity")],
      },
    ],
  }),
  "4 panels",
);

// Occupations against β = 1/T, through β = 0 (T = ±∞) into negative temperatures.
const betas = temperatureGrid({ from: -6, to: 6, points: 241, scale: "linear" });
const throughInfinity = sweep([0, 1], {
  temperatures: Array.from(betas, (b) => 1 / b),
  probabilities: true,
});
const level = (s, i) => s.probabilities.map((p) => p[i]);
const seedLevels = [
  [3, "z = 4 (ground state)"],
  [2, "z = 3 (each of 2)"],
  [1, "z = 2 (each of 2)"],
  [0, "z = 1 (each of 2)"],
];

writeSvg(
  join(images, "sweep-occupations.svg"),
  figure({
    title:
      "Occupations from sweep(…, { probabilities: true }), and the softmax of the seed example",
    panels: [
      {
        ...logT,
        title: "Two-level occupations against T",
        ylabel: "p",
        ymin: 0,
        ymax: 1,
        marks: [{ x: 1 / Math.log(3), text: "p₁ = 1/4" }],
        series: [
          { x: temperatures, y: level(two, 0), label: "p₀ (E = 0)" },
          { x: temperatures, y: level(two, 1), label: "p₁ (E = 1)" },
        ],
      },
      {
        title: "Through T = ±∞: against β = 1/T",
        xlabel: "β = 1/T   (β < 0: negative temperature)",
        ylabel: "p",
        xlog: false,
        xmin: -6,
        xmax: 6,
        ymin: 0,
        ymax: 1.3,
        marks: [{ x: 0, text: "T = ±∞" }],
        series: [
          { x: betas, y: level(throughInfinity, 0), label: "p₀ (E = 0)" },
          { x: betas, y: level(throughInfinity, 1), label: "p₁ (E = 1)" },
        ],
      },
      {
        title: "Seed softmax: entropy against τ",
        xlabel: "softmax temperature τ (= T, E = −z)",
        ylabel: "S (nats)",
        xlog: true,
        xmin: 0.01,
        xmax: 100,
        ymin: 0,
        ymax: 2.5,
        legendBottom: true,
        marks: [{ x: tauOneNat, text: `τ = ${tauOneNat.toFixed(4)}` }],
        series: [
          { x: temperatures, y: Array.from(seed.entropy), label: "S(τ)" },
          { x: [0.01, 100], y: [1, 1], kind: "dashed", color: COLORS[1], label: "S = 1 nat" },
          flat(Math.log(7), "ln 7"),
        ],
      },
      {
        title: "Seed softmax: p_i against τ",
        xlabel: "softmax temperature τ",
        ylabel: "p_i",
        xlog: true,
        xmin: 0.01,
        xmax: 100,
        ymin: 0,
        ymax: 1,
        series: seedLevels.map(([i, text]) => ({
          x: temperatures,
          y: level(seed, i),
          label: text,
        })),
      },
    ],
  }),
  "4 panels",
);
