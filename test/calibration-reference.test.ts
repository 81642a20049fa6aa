/**
 * Temperature scaling and the calibration metrics against independent numpy/scipy references
 * (test/helpers/calibration_reference.py, run here with python3): synthetic over-confident
 * (10⁴ × 10, logits 2.5× too sharp) and under-confident (10³ × 1000, logits 0.4×) validation sets.
 * - fitTemperature and `calibrate` agree with scipy's minimize_scalar on the NLL over ln τ to 1e−6;
 * - at scipy's τ, NLL, accuracy, Brier, ECE and MCE (equal-width and equal-mass bins) agree with
 *   numpy to 1e−12; sweepBatch agrees with numpy's entropy, variance, top probability and NLL;
 * - `calibrate --format npz` is read back by numpy as a dict.
 * Without python3/numpy/scipy (and CI not "true") the suite says so and skips.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calibrationMetrics, sweepBatch } from "../src/calibration/index.js";
import { readNumpy } from "../src/cli/npy.js";
import { fitTemperature } from "../src/index.js";
import { main, root } from "./helpers/faults.js";
import { skipWithoutPython } from "./helpers/python.js";

const skip = skipWithoutPython("numpy, scipy.optimize", "the numpy/scipy calibration references");

interface Metrics {
  nll: number;
  accuracy: number;
  brier: number;
  ece: number;
  mce: number;
  eceMass: number;
  mceMass: number;
}
interface Reference {
  rows: number;
  classes: number;
  temperature: number;
  before: Metrics;
  after: Metrics;
  sweep: Record<string, number[]>;
}

let dir = "";
let refs: Record<string, Reference> = {};

beforeAll(() => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-calibration-"));
  refs = JSON.parse(
    execFileSync("python3", [join(root, "test", "helpers", "calibration_reference.py"), dir], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    }),
  );
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function load(name: string) {
  const z = readNumpy(join(dir, `${name}_logits.npy`), "logits");
  const y = readNumpy(join(dir, `${name}_labels.npy`), "labels");
  return { z: z.data, columns: z.shape[1] as number, y: y.data };
}

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe.skipIf(skip).each(["over", "under"])("the %s-confident set", (name) => {
  it("fitTemperature agrees with scipy's minimize_scalar on ln τ to 1e-6", () => {
    const { z, columns, y } = load(name);
    const ref = refs[name] as Reference;
    expect(columns).toBe(ref.classes);
    const fit = fitTemperature(z, y, { columns });
    expect(rel(fit.temperature, ref.temperature)).toBeLessThan(1e-6);
    // the direction of the miscalibration is recovered: 2.5× too sharp → τ ≈ 2.5; 0.4× → τ ≈ 0.4
    expect(fit.temperature).toBeCloseTo(name === "over" ? 2.5 : 0.4, 0);
    expect(fit.loss).toBeLessThan(fit.lossAtOne);
  });

  it("calibrationMetrics agrees with numpy at τ = 1 and at scipy's τ (ECE to 1e-12)", () => {
    const { z, columns, y } = load(name);
    const ref = refs[name] as Reference;
    for (const [tau, m] of [
      [1, ref.before],
      [ref.temperature, ref.after],
    ] as const) {
      const width = calibrationMetrics(z, y, { columns, temperature: tau });
      const mass = calibrationMetrics(z, y, { columns, temperature: tau, binning: "mass" });
      expect(Math.abs(width.ece - m.ece)).toBeLessThan(1e-12);
      expect(Math.abs(width.mce - m.mce)).toBeLessThan(1e-12);
      expect(Math.abs(mass.ece - m.eceMass)).toBeLessThan(1e-12);
      expect(Math.abs(mass.mce - m.mceMass)).toBeLessThan(1e-12);
      expect(width.accuracy).toBe(m.accuracy);
      expect(rel(width.nll, m.nll)).toBeLessThan(1e-12);
      expect(rel(width.brier, m.brier)).toBeLessThan(1e-12);
      expect(width.bins.count.reduce((a, b) => a + b, 0)).toBe(ref.rows);
    }
  });

  it("sweepBatch agrees with numpy's batch means", () => {
    const { z, columns, y } = load(name);
    const ref = (refs[name] as Reference).sweep;
    const s = sweepBatch(z, { columns, temperatures: ref.temperature as number[], labels: y });
    for (const key of ["entropy", "heatCapacity", "topProbability", "effectiveStates", "nll"]) {
      const got = s[key as keyof typeof s] as Float64Array;
      (ref[key] as number[]).forEach((v, j) => {
        expect(rel(got[j] as number, v), `${key}[${j}]`).toBeLessThan(1e-12);
      });
    }
  });

  it("`calibrate` prints the same τ and metrics, and its npz is a dict for numpy", () => {
    const ref = refs[name] as Reference;
    const args = ["--logits", `${name}_logits.npy`, "--labels", `${name}_labels.npy`];
    const r = spawnSync(process.execPath, [main, "calibrate", ...args, "--format", "json"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(r.stderr).toMatch(/fitted τ = /);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, number | string>[];
    expect(rows.map((x) => [x.set, x.stage])).toEqual([
      ["validation", "before"],
      ["validation", "after"],
    ]);
    expect(rel(rows[1]?.temperature as number, ref.temperature)).toBeLessThan(1e-6);
    expect(Math.abs((rows[0]?.ece as number) - ref.before.ece)).toBeLessThan(1e-12);
    const npz = spawnSync(
      process.execPath,
      [main, "calibrate", ...args, "--format", "npz", "--out", `${name}.npz`],
      { cwd: dir, encoding: "utf8" },
    );
    expect(npz.status).toBe(0);
    const back = JSON.parse(
      execFileSync(
        "python3",
        [
          "-c",
          "import json, sys, numpy as np\nd = np.load(sys.argv[1])\nprint(json.dumps({k: d[k].tolist() for k in d}))",
          join(dir, `${name}.npz`),
        ],
        { encoding: "utf8" },
      ),
    );
    expect(Object.keys(back)).toEqual([
      "set",
      "stage",
      "temperature",
      "samples",
      "nll",
      "accuracy",
      "brier",
      "ece",
      "mce",
      "bins",
    ]);
    expect(back.stage).toEqual(["before", "after"]);
    expect(back.temperature).toEqual(rows.map((x) => x.temperature));
    expect(back.ece).toEqual(rows.map((x) => x.ece));
  });
});
