/**
 * Calibration (issue 14): temperature scaling and the calibration metrics on 10⁵ × 100 logits,
 * against scipy and numpy in the same run (bench/calibration_peers.py on the same .npy files):
 * - fitTemperature vs scipy.optimize.minimize_scalar on the NLL over ln τ (each to full accuracy);
 * - calibrationMetrics (NLL, accuracy, Brier, ECE) vs the same metrics in numpy;
 * - `gibbs-softmax calibrate` end to end on the .npy files (read, fit, metrics before and after,
 *   table out), the "in a few seconds".
 * Paired rounds: ours and the peer's timed back to back, the ratio taken per round.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** @param {import("./context.mjs").SuiteContext} ctx */
export default async function suite(ctx) {
  const { fitTemperature } = await ctx.dist("index.js");
  const { calibrationMetrics } = await ctx.dist("calibration/index.js");
  const { npyBytes } = await ctx.dist("cli/npz.js");
  const rows = ctx.smoke ? 1000 : 100_000;
  const classes = ctx.smoke ? 10 : 100;
  // Overconfident logits: labels drawn from softmax(z), logits 2.5·z (a fixed LCG, like timing.mjs).
  const z = ctx.logits(rows * classes, Float64Array, 7);
  const u = ctx.logits(rows, Float64Array, 11);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = z.subarray(r * classes, (r + 1) * classes);
    for (let i = 0; i < classes; i++) row[i] = (row[i] / 10) * 3; // uniform in [−3, 3]
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    let target = ((u[r] + 10) / 20) * sum;
    let k = 0;
    for (; k < classes - 1; k++) {
      target -= Math.exp(row[k] - max);
      if (target <= 0) break;
    }
    y[r] = k;
    for (let i = 0; i < classes; i++) row[i] *= 2.5;
  }
  const dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-bench-calibration-"));
  const logitsFile = join(dir, "logits.npy");
  const labelsFile = join(dir, "labels.npy");
  writeFileSync(logitsFile, npyBytes(z, [rows, classes]));
  writeFileSync(labelsFile, npyBytes(y, [rows]));
  const lines = [];
  const goals = [];
  const size = `${rows.toLocaleString("en")} × ${classes}`;
  try {
    let peer;
    const python = () => {
      peer = ctx.python("calibration_peers.py", [logitsFile, labelsFile]);
      return peer;
    };
    let ourFit;
    const fit = await ctx.paired(
      ctx.rounds,
      async () => {
        const t0 = performance.now();
        ourFit = fitTemperature(z, y, { columns: classes });
        return (performance.now() - t0) / 1000;
      },
      () => python().fit,
    );
    const metrics = await ctx.paired(
      ctx.rounds,
      async () => {
        const t0 = performance.now();
        calibrationMetrics(z, y, { columns: classes });
        return (performance.now() - t0) / 1000;
      },
      () => python().metrics,
    );
    const agree = Math.abs(ourFit.temperature / peer.temperature - 1);
    const cli = [];
    for (let r = 0; r < ctx.rounds; r++) {
      const t0 = performance.now();
      execFileSync(
        process.execPath,
        [
          join(ctx.root, "dist", "cli", "main.js"),
          "calibrate",
          "--logits",
          logitsFile,
          "--labels",
          labelsFile,
        ],
        { stdio: "pipe" },
      );
      cli.push((performance.now() - t0) / 1000);
    }
    cli.sort((a, b) => a - b);
    const cliTime = cli[cli.length >> 1];
    const s = (x) => `${x.toFixed(3)} s`;
    lines.push(
      `Data: ${size} float64 logits, labels drawn from softmax(z) and logits reported 2.5× too sharp; ` +
        `fitted τ = ${ourFit.temperature.toFixed(6)} (${ourFit.iterations} Newton passes), scipy's ${peer.temperature.toFixed(6)} ` +
        `(${peer.evaluations} NLL evaluations), relative difference ${agree.toExponential(1)}. Rounds: ${ctx.rounds}.`,
      "",
      "| task | gibbs-softmax | peer | peer time | ratio (ours/peer, median of rounds) |",
      "| --- | --- | --- | --- | --- |",
      `| fit τ | fitTemperature ${s(fit.ours)} | scipy minimize_scalar on ln τ (logsumexp) | ${s(fit.theirs)} | ${fit.ratio.toFixed(2)} (${fit.lo.toFixed(2)}–${fit.hi.toFixed(2)}) |`,
      `| NLL, accuracy, Brier, ECE at τ = 1 | calibrationMetrics ${s(metrics.ours)} | numpy | ${s(metrics.theirs)} | ${metrics.ratio.toFixed(2)} (${metrics.lo.toFixed(2)}–${metrics.hi.toFixed(2)}) |`,
      `| \`calibrate\` end to end (node start, read .npy, fit, metrics before and after, CSV out) | ${s(cliTime)} | — | — | — |`,
    );
    goals.push({
      label: `calibrate ${size} logits end to end in a few seconds (≤ 5 s)`,
      value: `${s(cliTime)} (fit ${s(fit.ours)}; scipy's fit ${s(fit.theirs)})`,
      met: ctx.smoke ? "smoke run" : cliTime <= 5 ? "met" : "not met",
    });
    goals.push({
      label: "fitted τ agrees with scipy's to 1e-6 relative",
      value: agree.toExponential(1),
      met: agree <= 1e-6 ? "met" : "not met",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { title: "Calibration (issue 14)", goals, lines };
}
