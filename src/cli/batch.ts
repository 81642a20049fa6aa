/**
 * Batches of logits on the command line (a 2-D .npy/.npz, one row per example, or any logits
 * file with --labels): `sweep --logits batch.npy [--labels y.npy]` gives the batch means of
 * `sweepBatch` per temperature, `softmax --logits batch.npy` the softmax of every row.
 */

import type { Command } from "commander";
import { sweepBatch } from "../calibration/index.js";
import { logSoftmaxRows, softmaxRows, temperatureGrid } from "../index.js";
import { UsageError } from "./errors.js";
import { checkGrid, checkSweepFlags } from "./flags.js";
import { integerFlag, isNumberText, numberFlag, readVector } from "./input.js";
import { type Matrix, readLabels, readMatrix } from "./matrix.js";
import { checkOutput, emitTable } from "./npz.js";

/**
 * Reads a batch of logits and checks every value, naming a bad one numpy-style, [row, column]
 * counted from 0.
 */
export async function logitsMatrix(spec: string, flag: string): Promise<Matrix> {
  const m = await readMatrix(spec, flag);
  const { data, columns } = m;
  for (let r = 0; r < m.rows; r++) {
    let active = 0;
    for (let c = 0; c < columns; c++) {
      const v = data[r * columns + c] as number;
      if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY)
        throw new UsageError(
          `${m.source}[${r}, ${c}] is ${v}; logits must be numbers below +Infinity (rows and columns count from 0)`,
        );
      if (v !== Number.NEGATIVE_INFINITY) active++;
    }
    if (active === 0)
      throw new UsageError(
        `${m.source}: row ${r} has every class masked (-Infinity) (rows count from 0)`,
      );
  }
  return m;
}

/** The flags `sweep` passes on for a batch of logits. */
export interface BatchSweepFlags {
  logits?: string;
  labels?: string;
  from: string;
  to: string;
  points: string;
  scale: string;
  format: string;
  out?: string;
  html?: string;
}

/** The columns of a batch sweep's table. */
export const BATCH_COLUMNS = [
  "temperature",
  "entropy",
  "heatCapacity",
  "topProbability",
  "effectiveStates",
] as const;

/**
 * True when `sweep --logits SPEC` is a batch: a 2-D numpy array with more than one row, or any
 * logits file when --labels is given (then each line or row is one example).
 */
export async function isBatch(spec: string, labels: string | undefined): Promise<boolean> {
  if (labels !== undefined) return true;
  if (!/\.np[yz](#.*)?$/i.test(spec)) return false;
  const m = await readMatrix(spec, "--logits");
  return m.rows > 1;
}

/**
 * `sweep --logits batch.npy [--labels y.npy]`: batch means per temperature (sweepBatch). Flags
 * that do not apply to a batch are refused by name, and the grid is checked as flags.
 */
export async function batchSweepCommand(opts: BatchSweepFlags, command: Command): Promise<void> {
  checkSweepFlags(command, "batch");
  checkOutput(opts.format, opts.out);
  const temperature = (text: string, flag: string) => {
    if (!isNumberText(text))
      throw new UsageError(
        `${flag}: ${JSON.stringify(text)} is not a number; a batch of logits is swept over the softmax temperature τ, a plain number`,
      );
    return numberFlag(text, flag);
  };
  const from = temperature(opts.from, "--from");
  const to = temperature(opts.to, "--to");
  const points = integerFlag(opts.points, "--points");
  checkGrid(from, to, points, opts.scale, false);
  const temperatures = temperatureGrid({ from, to, points, scale: opts.scale as "log" | "linear" });
  const m = await logitsMatrix(opts.logits as string, "--logits");
  const labels =
    opts.labels === undefined
      ? undefined
      : await readLabels(opts.labels, "--labels", m, readVector);
  const s = sweepBatch(m.data, {
    columns: m.columns,
    temperatures,
    ...(labels === undefined ? {} : { labels }),
  });
  const columns: string[] = [...BATCH_COLUMNS];
  if (s.nll !== undefined) columns.push("nll");
  const rows = Array.from(temperatures, (_, j) => {
    const row = BATCH_COLUMNS.map((k) => s[k][j] as number);
    if (s.nll !== undefined) row.push(s.nll[j] as number);
    return row;
  });
  await emitTable(opts, columns, rows);
}

/** `softmax --logits batch.npy`: the softmax (or log-softmax) of every row. */
export async function softmaxBatchCommand(opts: {
  logits?: string;
  temperature: string;
  log?: boolean;
  format: string;
  out?: string;
}): Promise<void> {
  checkOutput(opts.format, opts.out);
  const tau = numberFlag(opts.temperature, "--temperature");
  const m = await logitsMatrix(opts.logits as string, "--logits");
  const options = { columns: m.columns, temperature: tau };
  const p = opts.log ? logSoftmaxRows(m.data, options) : softmaxRows(m.data, options);
  const label = opts.log ? "log_probability" : "probability";
  await emitTable(
    opts,
    ["row", "index", "logit", label],
    Array.from(p, (v, k) => [Math.floor(k / m.columns), k % m.columns, m.data[k] as number, v]),
  );
}
