/**
 * `gibbs-softmax calibrate`: temperature scaling (Guo et al. 2017). Fits the τ that minimises the
 * validation NLL of softmax(z/τ) (`fitTemperature`), then judges the model before (τ = 1) and
 * after (τ = fitted) on the validation set and, when given, a test set: NLL, accuracy, Brier
 * score, ECE and MCE (`calibrationMetrics`). One row per (set, stage), in every table format or
 * `--format npz`; `--html` adds a report with the reliability diagrams and confidence
 * histograms before and after, and the NLL against τ.
 */
import type { Command } from "commander";
import { type CalibrationMetrics, calibrationMetrics, sweepBatch } from "../calibration/index.js";
import { fitTemperature, temperatureGrid } from "../index.js";
import { logitsMatrix } from "./batch.js";
import { UsageError } from "./errors.js";
import { checkDistinctOutputs } from "./flags.js";
import { readVector, toNumber } from "./input.js";
import { LIMITS } from "./limits.js";
import { type Matrix, readLabels } from "./matrix.js";
import { checkOutput, emitTable } from "./npz.js";
import { Sink } from "./output.js";
import { commandLine, type Figure, logTicks, pack, renderPage } from "./report.js";

/** The columns of calibrate's table. */
export const CALIBRATION_COLUMNS = [
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
] as const;

interface CalibrateFlags {
  logits: string;
  labels: string;
  testLogits?: string;
  testLabels?: string;
  bins: string;
  binning: string;
  format: string;
  out?: string;
  html?: string;
}

/** Registers `calibrate` on the program (called from main.ts). */
export function registerCalibrate(cli: Command, version: string): void {
  cli
    .command("calibrate")
    .description(
      "temperature scaling: fit τ on validation logits and labels, report NLL, accuracy, Brier, ECE and MCE before and after",
    )
    .requiredOption(
      "-l, --logits <file>",
      "validation logits, one row per example (.npy, .npz, CSV, text or JSON)",
    )
    .requiredOption("-y, --labels <file>", "validation labels: class indices 0 … classes − 1")
    .option("--test-logits <file>", "test logits, to judge the fitted τ on data it did not see")
    .option("--test-labels <file>", "test labels")
    .option("--bins <B>", `bins of the calibration error (1 … ${LIMITS.bins})`, "15")
    .option(
      "--binning <kind>",
      "width: equal-width bins (lo, hi] as Guo et al.; mass: equal-mass bins",
      "width",
    )
    .option("--html <file>", "also write a self-contained HTML report (reliability diagrams)")
    .option("-f, --format <format>", "output format: csv, json, jsonl, table or npz (numpy)", "csv")
    .option("-o, --out <file>", "write the data to FILE (atomically) instead of standard output")
    .addHelpText(
      "after",
      "\nThe fitted τ is the temperature at which the model's Gibbs distribution best explains the\nlabels: τ > 1 means the model was overconfident (too cold), τ < 1 underconfident.\n\nExamples:\n  $ gibbs-softmax calibrate --logits val_logits.npy --labels val_labels.npy --format table\n  $ gibbs-softmax calibrate --logits val.npz#logits --labels val.npz#labels --test-logits test.npz#logits --test-labels test.npz#labels --html calibration.html\n  $ gibbs-softmax calibrate --logits val_logits.npy --labels val_labels.npy --format npz --out calibration.npz",
    )
    .action(async (opts: CalibrateFlags) => calibrate(opts, version));
}

function binsFlag(text: string): number {
  const b = toNumber(text, "--bins");
  if (!Number.isInteger(b) || b < 1 || b > LIMITS.bins)
    throw new UsageError(`--bins must be an integer from 1 to ${LIMITS.bins}, got ${text}`);
  return b;
}

function binningFlag(text: string): "width" | "mass" {
  if (text !== "width" && text !== "mass")
    throw new UsageError(`--binning must be width or mass, got ${JSON.stringify(text)}`);
  return text;
}

interface SetResult {
  name: "validation" | "test";
  logits: Matrix;
  labels: Float64Array;
  before: CalibrationMetrics;
  after: CalibrationMetrics;
}

async function calibrate(opts: CalibrateFlags, version: string): Promise<void> {
  checkOutput(opts.format, opts.out);
  checkDistinctOutputs(opts.out, opts.html);
  const bins = binsFlag(opts.bins);
  const binning = binningFlag(opts.binning);
  if ((opts.testLogits === undefined) !== (opts.testLabels === undefined))
    throw new UsageError("give both --test-logits and --test-labels, or neither");
  const val = await logitsMatrix(opts.logits, "--logits");
  if (val.columns < 2)
    throw new UsageError(`${val.source}: each row has one class; calibration needs at least two`);
  const valLabels = await readLabels(opts.labels, "--labels", val, readVector);
  let test: { logits: Matrix; labels: Float64Array } | undefined;
  if (opts.testLogits !== undefined) {
    const logits = await logitsMatrix(opts.testLogits, "--test-logits");
    if (logits.columns !== val.columns)
      throw new UsageError(
        `--test-logits has ${logits.columns} class${logits.columns === 1 ? "" : "es"} per row but --logits has ${val.columns}`,
      );
    const labels = await readLabels(opts.testLabels as string, "--test-labels", logits, readVector);
    test = { logits, labels };
  }
  let fit: ReturnType<typeof fitTemperature>;
  try {
    fit = fitTemperature(val.data, valLabels, { columns: val.columns });
  } catch (error) {
    // A label on a masked (−Infinity) logit (its loss is infinite at every τ), or logits that
    // span beyond the double range: the library names the row, counted from 0.
    throw new UsageError(
      `--logits and --labels: ${(error as Error).message.replace(/^fitTemperature: /, "")} (rows count from 0)`,
    );
  }
  const tau = fit.temperature;
  const judge = (m: Matrix, y: Float64Array, temperature: number) =>
    calibrationMetrics(m.data, y, { columns: m.columns, temperature, bins, binning });
  const sets: SetResult[] = [
    {
      name: "validation",
      logits: val,
      labels: valLabels,
      before: judge(val, valLabels, 1),
      after: judge(val, valLabels, tau),
    },
  ];
  if (test !== undefined)
    sets.push({
      name: "test",
      logits: test.logits,
      labels: test.labels,
      before: judge(test.logits, test.labels, 1),
      after: judge(test.logits, test.labels, tau),
    });
  const rows: (number | string)[][] = [];
  for (const s of sets)
    for (const [stage, m] of [
      ["before", s.before],
      ["after", s.after],
    ] as const)
      rows.push([
        s.name,
        stage,
        m.temperature,
        m.samples,
        m.nll,
        m.accuracy,
        m.brier,
        m.ece,
        m.mce,
        bins,
      ]);
  // As in sweep: the report's file is opened before the data is written, and both files are
  // renamed into place only once both are complete.
  const report = opts.html === undefined ? undefined : new Sink(opts.html, "--html");
  let data: Sink | undefined;
  try {
    data = await emitTable(opts, [...CALIBRATION_COLUMNS], rows, false);
    if (report !== undefined) {
      await report.write(calibrationReport(sets, tau, binning, bins, version));
      await report.commit();
    }
    await data.commit();
  } catch (error) {
    report?.abort();
    data?.abort();
    throw error;
  }
  const last = sets[sets.length - 1] as SetResult;
  process.stderr.write(
    `fitted τ = ${tau} (${explainTau(tau)}); ${last.name} NLL ${fmt(last.before.nll)} → ${fmt(last.after.nll)}, ECE ${fmt(last.before.ece)} → ${fmt(last.after.ece)}\n`,
  );
}

function fmt(x: number): string {
  return Number.isFinite(x) && x !== 0 ? x.toPrecision(4) : String(x);
}

/** What a fitted τ says about the model. */
export function explainTau(tau: number): string {
  if (tau === 0)
    return "every validation label is its row's strict argmax: the NLL falls to 0 as τ → 0";
  if (tau === Number.POSITIVE_INFINITY)
    return "the labels are explained no better than by a uniform guess";
  if (tau > 1) return "the model was overconfident: its logits run too cold";
  if (tau < 1) return "the model was underconfident: its logits run too hot";
  return "the model was calibrated as it was";
}

/** The calibration report: reliability diagrams and confidence histograms, before and after. */
function calibrationReport(
  sets: SetResult[],
  tau: number,
  binning: "width" | "mass",
  bins: number,
  version: string,
): string {
  const shown = sets[sets.length - 1] as SetResult;
  const widthBins = (m: CalibrationMetrics) =>
    binning === "width"
      ? m.bins
      : calibrationMetrics(shown.logits.data, shown.labels, {
          columns: shown.logits.columns,
          temperature: m.temperature,
          bins,
          binning: "width",
        }).bins;
  const reliability = (id: string, stage: string, m: CalibrationMetrics): Figure => {
    const b = m.bins;
    const mid = Array.from(b.lower, (lo, k) => (lo + (b.upper[k] as number)) / 2);
    const width = Array.from(b.lower, (lo, k) => Math.max((b.upper[k] as number) - lo, 0.004));
    const keep = Array.from(b.count.keys()).filter((k) => (b.count[k] as number) > 0);
    return {
      id,
      traces: [
        {
          type: "bar",
          x: pack(keep.map((k) => mid[k] as number)),
          y: pack(keep.map((k) => b.accuracy[k] as number)),
          width: pack(keep.map((k) => width[k] as number)),
          name: "accuracy",
          marker: { color: "#3b6fb6" },
        },
        {
          type: "scatter",
          mode: "markers",
          x: pack(keep.map((k) => b.confidence[k] as number)),
          y: pack(keep.map((k) => b.confidence[k] as number)),
          name: "mean confidence",
          marker: { color: "#d1495b", size: 7 },
        },
        {
          type: "scatter",
          mode: "lines",
          x: [0, 1],
          y: [0, 1],
          name: "perfect calibration",
          line: { dash: "dot", color: "#777" },
        },
      ],
      layout: {
        title: { text: `Reliability ${stage} (τ = ${fmt(m.temperature)}): ECE ${fmt(m.ece)}` },
        xaxis: { title: { text: "confidence (top-1 probability)" }, range: [0, 1] },
        yaxis: { title: { text: "accuracy" }, range: [0, 1] },
        showlegend: false,
        bargap: 0,
      },
    };
  };
  const histogram = (id: string, stage: string, m: CalibrationMetrics): Figure => {
    const b = widthBins(m);
    return {
      id,
      traces: [
        {
          type: "bar",
          x: pack(Array.from(b.lower, (lo, k) => (lo + (b.upper[k] as number)) / 2)),
          y: pack(Array.from(b.count, (c) => c / m.samples)),
          width: pack(Array.from(b.lower, (lo, k) => (b.upper[k] as number) - lo)),
          name: "fraction of examples",
          marker: { color: "#6c8f3a" },
        },
      ],
      layout: {
        title: {
          text: `Confidence ${stage}: accuracy ${fmt(m.accuracy)}, mean confidence ${fmt(meanConfidence(b))}`,
        },
        xaxis: { title: { text: "confidence (top-1 probability)" }, range: [0, 1] },
        yaxis: { title: { text: "fraction of examples" }, rangemode: "tozero" },
        showlegend: false,
        bargap: 0,
      },
    };
  };
  const wide: Figure[] = [];
  if (Number.isFinite(tau) && tau > 0) {
    const lo = Math.min(tau, 1) / 4;
    const hi = Math.max(tau, 1) * 4;
    const temperatures = temperatureGrid({ from: lo, to: hi, points: 41 });
    const val = sets[0] as SetResult;
    const curves = sets.map((s) => ({
      name: s.name,
      nll: sweepBatch(s.logits.data, {
        columns: s.logits.columns,
        temperatures,
        labels: s.labels,
      }).nll as Float64Array,
    }));
    wide.push({
      id: "nll",
      traces: [
        ...curves.map((c) => ({
          type: "scatter",
          mode: "lines",
          x: pack(temperatures),
          y: pack(c.nll),
          name: `${c.name} NLL`,
        })),
        {
          type: "scatter",
          mode: "markers",
          x: [tau],
          y: [val.after.nll],
          name: `fitted τ = ${fmt(tau)}`,
          marker: { size: 10, color: "#d1495b" },
        },
      ],
      layout: {
        title: { text: "Mean NLL against the temperature τ" },
        xaxis: { title: { text: "τ" }, type: "log", ...logTicks(lo, hi) },
        yaxis: { title: { text: "NLL (nats)" } },
      },
    });
  }
  const n = shown.logits;
  return renderPage({
    title: `Temperature scaling: τ = ${fmt(tau)}`,
    notes: [
      `Fitted on ${sets[0]?.logits.rows} validation examples of ${n.columns} classes: ${explainTau(tau)}. The diagrams show the ${shown.name} set (${shown.logits.rows} examples), ${bins} ${binning === "width" ? "equal-width" : "equal-mass"} bins.`,
      "τ is the temperature at which the model's Gibbs distribution (energies −z) best explains the labels: there the mean energy of the true classes equals the model's mean internal energy.",
    ],
    table: {
      columns: ["set", "stage", "τ", "NLL", "accuracy", "Brier", "ECE", "MCE"],
      rows: sets.flatMap((s) =>
        [
          ["before", s.before],
          ["after", s.after],
        ].map(([stage, m]) => {
          const x = m as CalibrationMetrics;
          return [
            s.name,
            stage as string,
            fmt(x.temperature),
            fmt(x.nll),
            fmt(x.accuracy),
            fmt(x.brier),
            fmt(x.ece),
            fmt(x.mce),
          ];
        }),
      ),
    },
    grid: [
      reliability("reliabilityBefore", "before", shown.before),
      reliability("reliabilityAfter", "after", shown.after),
      histogram("confidenceBefore", "before", shown.before),
      histogram("confidenceAfter", "after", shown.after),
    ],
    wide,
    command: commandLine(process.argv.slice(2)),
    version,
  });
}

function meanConfidence(b: { count: Float64Array; confidence: Float64Array }): number {
  let n = 0;
  let s = 0;
  for (let k = 0; k < b.count.length; k++) {
    n += b.count[k] as number;
    s += (b.count[k] as number) * (b.confidence[k] as number);
  }
  return s / n;
}
