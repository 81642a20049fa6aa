#!/usr/bin/env node
/**
 * gibbs-softmax: the command-line tool for softmax, Gibbs distributions and temperature sweeps.
 * Data goes to standard output (or --out, written atomically); messages and the progress bar go
 * to standard error. Exit codes: 0 success, 2 bad usage or bad input, 1 anything else.
 */
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import {
  gibbs,
  logitsToEnergies,
  logSoftmax,
  partitionFunction,
  softmax,
  solveTemperature,
  sweepRows,
  temperatureGrid,
  thermodynamics,
} from "../index.js";
import { SWEEP_COLUMNS } from "../sweep/engine.js";
import { batchSweepCommand, isBatch, softmaxBatchCommand } from "./batch.js";
import { registerCalibrate } from "./calibrate.js";
import { exitCode, messageOf, OutputError, UsageError } from "./errors.js";
import { checkDistinctOutputs, checkGrid, checkSweepFlags } from "./flags.js";
import { integerFlag, kBFlag, numberFlag, readVector } from "./input.js";
import { checkSize, LIMITS } from "./limits.js";
import { registerNumpyKey } from "./matrix.js";
import { checkOutput, emitTable } from "./npz.js";
import {
  type ModelFlags,
  type Physical,
  physicalTemperature,
  resolveExpression,
  resolveModel,
} from "./physics.js";
import { Progress } from "./progress.js";
import { commandLine, renderReport } from "./report.js";
import { Sink } from "./sink.js";
import { guardStandardStreams } from "./stdout.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Options common to the commands that write a table. */
interface Output {
  format: string;
  out?: string;
}

const formatOption = () =>
  new Option(
    "-f, --format <format>",
    "output format: csv, json, jsonl, table or npz (numpy)",
  ).default("csv");
const outOption = () =>
  new Option("-o, --out <file>", "write the data to FILE (atomically) instead of standard output");

export function program(): Command {
  const cli = new Command("gibbs-softmax")
    .description(
      "Softmax and the Boltzmann–Gibbs distribution side by side: distributions, thermodynamics and temperature sweeps.",
    )
    .version(pkg.version)
    .configureOutput({ outputError: () => {} })
    .exitOverride();

  cli
    .command("softmax")
    .description("the softmax distribution of logits: p_i = exp(z_i/τ) / Σ_j exp(z_j/τ)")
    .argument("[logits...]", "the logits (or use --logits FILE|-)")
    .option(
      "-l, --logits <spec>",
      "logits from a list, a file (CSV, JSON, text) or - for standard input",
    )
    .option("-t, --temperature <τ>", "softmax temperature (0 = argmax, Infinity = uniform)", "1")
    .option("--log", "print log-probabilities instead")
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      "after",
      "\nExamples:\n  $ gibbs-softmax softmax 1 2 3 4 1 2 3\n  $ gibbs-softmax softmax 1 2 3 --temperature 0.5 --log\n  $ gibbs-softmax softmax --logits logits.csv --format json --out p.json",
    )
    .action(
      async (
        args: string[],
        opts: { logits?: string; temperature: string; log?: boolean } & Output,
      ) => {
        if (opts.logits !== undefined && args.length > 0)
          throw new UsageError("give the logits either as arguments or with --logits, not both");
        // A 2-D numpy file, with --logits or as the one argument, is a batch of rows.
        const batch = opts.logits ?? (args.length === 1 ? args[0] : undefined);
        if (batch !== undefined && (await isBatch(batch, undefined)))
          return softmaxBatchCommand({ ...opts, logits: batch });
        const z = await logitsFrom(args, opts.logits);
        const tau = numberFlag(opts.temperature, "--temperature");
        const p = opts.log ? logSoftmax(z, { temperature: tau }) : softmax(z, { temperature: tau });
        const label = opts.log ? "log_probability" : "probability";
        await emitTable(
          opts,
          ["index", "logit", label],
          Array.from(p, (v, i) => [i, z[i] as number, v]),
        );
      },
    );

  cli
    .command("gibbs")
    .description("the Gibbs occupations of energy levels: p_i = g_i exp(−E_i/(kB·T)) / Z")
    .requiredOption("-e, --energies <spec>", "energies from a list, a file or -")
    .option("-g, --degeneracies <spec>", "degeneracies (default all 1)")
    .requiredOption(
      "-t, --temperature <T>",
      'temperature: a number (reduced units, kB = 1) or a quantity like "300 K"',
    )
    .option(
      "-u, --energy-unit <unit>",
      "unit of the energies when T has units (meV, eV, J, kJ/mol, cm^-1, K)",
    )
    .option("--kB <value>", "Boltzmann's constant in energy units per temperature unit (default 1)")
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      "after",
      '\nExamples:\n  $ gibbs-softmax gibbs --energies 0,1,1,2 --temperature 0.5\n  $ gibbs-softmax gibbs --energies 0,25,50 --temperature "300 K" --energy-unit meV',
    )
    .action(async (opts: SpectrumFlags & { temperature: string } & Output) => {
      const s = await spectrum(opts);
      const t = await physicalTemperature(opts.temperature, opts);
      const p = gibbs(s.energies, { temperature: t.value, kB: t.kB, ...degeneracyOption(s) });
      await emitTable(
        opts,
        ["index", "energy", "degeneracy", "probability"],
        Array.from(p, (v, i) => [i, s.energies[i] as number, s.degeneracies?.[i] ?? 1, v]),
      );
    });

  cli
    .command("thermo")
    .description("thermodynamics at one temperature: Z, ln Z, F, U, S, C, Var(E)")
    .option("-e, --energies <spec>", "energies from a list, a file or -")
    .option("-l, --logits <spec>", "or logits (energies −z, kB = 1)")
    .option("-g, --degeneracies <spec>", "degeneracies (default all 1)")
    .requiredOption("-t, --temperature <T>", 'temperature: a number or a quantity like "300 K"')
    .option("-u, --energy-unit <unit>", "unit of the energies when T has units")
    .option("--kB <value>", "Boltzmann's constant (default 1)")
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      "after",
      '\nExamples:\n  $ gibbs-softmax thermo --energies 0,1 --temperature 0.4168 --format table\n  $ gibbs-softmax thermo --energies 0,25 --temperature "300 K" --energy-unit meV',
    )
    .action(async (opts: SpectrumFlags & { temperature: string } & Output) => {
      const s = await spectrum(opts);
      const t = await physicalTemperature(opts.temperature, opts);
      const options = { temperature: t.value, kB: t.kB, ...degeneracyOption(s) };
      const th = thermodynamics(s.energies, options);
      const Z = partitionFunction(s.energies, options);
      const columns = ["temperature", "beta", "Z", ...SWEEP_COLUMNS.slice(1)] as const;
      await emitTable(opts, [...columns], [columns.map((k) => (k === "Z" ? Z : th[k]))]);
    });

  cli
    .command("compare")
    .description("softmax(z/τ) and the Gibbs distribution of E = −z at T = τ side by side")
    .argument("[logits...]", "the logits (or use --logits)")
    .option("-l, --logits <spec>", "logits from a list, a file or -")
    .option("-t, --temperature <τ>", "temperature τ", "1")
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      "after",
      "\nThe largest |softmax − Gibbs| is printed to standard error.\n\nExample:\n  $ gibbs-softmax compare 1 2 3 4 1 2 3 --temperature 0.7 --format table",
    )
    .action(async (args: string[], opts: { logits?: string; temperature: string } & Output) => {
      const z = await logitsFrom(args, opts.logits);
      const tau = numberFlag(opts.temperature, "--temperature");
      const p = softmax(z, { temperature: tau });
      const { energies, temperature } = logitsToEnergies(z, { temperature: tau });
      const q = gibbs(energies, { temperature });
      let largest = 0;
      const rows = Array.from(p, (v, i) => {
        const d = Math.abs(v - (q[i] as number));
        largest = Math.max(largest, d);
        return [i, z[i] as number, energies[i] as number, v, q[i] as number, d];
      });
      await emitTable(opts, ["index", "logit", "energy", "softmax", "gibbs", "difference"], rows);
      process.stderr.write(`largest |softmax − gibbs| = ${largest}\n`);
    });

  cli
    .command("sweep")
    .description(
      "a temperature sweep: ln Z, F, U, S, C (and the occupations) at every temperature of a grid",
    )
    .option(
      "-l, --logits <spec>",
      "logits (energies −z, kB = 1); a 2-D .npy/.npz is a batch of rows: batch means per τ",
    )
    .option("-y, --labels <spec>", "with a batch of logits: class labels, adds the mean NLL")
    .option("-e, --energies <spec>", "energies from a list, a file or -")
    .option("-g, --degeneracies <spec>", "degeneracies (default all 1)")
    .option(
      "-m, --model <name>",
      "an exactly solvable model: two-level, oscillator, rotor, paramagnet, ising-chain, ising-2d",
    )
    .option("--gap <Δ>", "two-level: the gap")
    .option("--levels <N>", "oscillator: number of levels; rotor: Jmax; ising: N or L")
    .option("--quantum <ħω>", "oscillator: ħω; rotor: B (rotational constant)")
    .option("--spin <j>", "paramagnet: the spin j")
    .option("--field <h>", "paramagnet and Ising: the field")
    .option("--coupling <J>", "Ising: the coupling J")
    .option(
      "-x, --expression <text>",
      'levels from a formula, e.g. "n + 1/2" over --index n from 0 to --count',
    )
    .option("--degeneracy-expression <text>", 'degeneracy formula, e.g. "2*n + 1"')
    .option("--index <name>", "the expression's index variable", "n")
    .option("--count <N>", "the number of levels an expression makes", "100")
    .requiredOption("--from <T>", 'first temperature (a number or a quantity like "10 K")')
    .requiredOption("--to <T>", "last temperature")
    .option("--points <N>", "number of temperatures", "200")
    .option("--scale <scale>", "log or linear spacing", "log")
    .option("--probabilities", "also output the occupation of every level at every temperature")
    .option("-u, --energy-unit <unit>", "unit of the energies when temperatures have units")
    .option("--kB <value>", "Boltzmann's constant (default 1)")
    .option("--html <file>", "also write a self-contained HTML report with plots (opens offline)")
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      "after",
      '\nExamples:\n  $ gibbs-softmax sweep --model two-level --gap 1 --from 0.01 --to 100 --points 400 --html schottky.html\n  $ gibbs-softmax sweep --energies levels.csv --from "10 K" --to "1000 K" --energy-unit meV --out sweep.csv\n  $ gibbs-softmax sweep --logits 1,2,3,4 --from 0.1 --to 10 --probabilities --format jsonl',
    )
    .action(async (opts: SweepFlags, command: Command) => sweepCommand(opts, command));

  cli
    .command("solve-temperature")
    .description(
      "the temperature at which a spectrum (or softmax) reaches a target entropy or mean energy",
    )
    .option("-l, --logits <spec>", "logits (energies −z, kB = 1): the softmax temperature is found")
    .option("-e, --energies <spec>", "energies from a list, a file or -")
    .option("-g, --degeneracies <spec>", "degeneracies (default all 1)")
    .option("--entropy <S>", "target entropy (nats when kB = 1)")
    .option("--internal-energy <U>", "target internal energy")
    .option(
      "--branch <branch>",
      "for an entropy target: positive or negative temperatures",
      "positive",
    )
    .option("--kB <value>", "Boltzmann's constant (default 1)")
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      "after",
      "\nExamples:\n  $ gibbs-softmax solve-temperature --logits 1,2,3,4 --entropy 1.2\n  $ gibbs-softmax solve-temperature --energies 0,1,2 --internal-energy 0.5",
    )
    .action(
      async (
        opts: SpectrumFlags & {
          entropy?: string;
          internalEnergy?: string;
          branch: string;
        } & Output,
        command: Command,
      ) => {
        if (opts.entropy === undefined && command.getOptionValueSource("branch") === "cli")
          throw new UsageError("--branch applies only to an --entropy target");
        if (opts.branch !== "positive" && opts.branch !== "negative")
          throw new UsageError(
            `--branch must be positive or negative, got ${JSON.stringify(opts.branch)}`,
          );
        const s = await spectrum(opts);
        const kB = opts.kB === undefined ? 1 : kBFlag(opts.kB);
        if ((opts.entropy === undefined) === (opts.internalEnergy === undefined)) {
          throw new UsageError("give exactly one target: --entropy S or --internal-energy U");
        }
        const target =
          opts.entropy !== undefined
            ? { entropy: numberFlag(opts.entropy, "--entropy") }
            : { internalEnergy: numberFlag(opts.internalEnergy as string, "--internal-energy") };
        const T = solveTemperature(s.energies, {
          ...target,
          kB,
          branch: opts.branch as "positive",
          ...degeneracyOption(s),
        });
        await emitTable(opts, ["temperature"], [[T]]);
      },
    );

  registerCalibrate(cli, pkg.version);
  registerNumpyKey(cli);
  return cli;
}

interface SpectrumFlags {
  energies?: string;
  logits?: string;
  degeneracies?: string;
  energyUnit?: string;
  kB?: string;
}

interface Spectrum {
  energies: Float64Array;
  degeneracies: Float64Array | undefined;
  /** True when the energies came from logits (kB = 1, no units). */
  fromLogits: boolean;
}

function degeneracyOption(s: Spectrum): { degeneracies?: Float64Array } {
  return s.degeneracies === undefined ? {} : { degeneracies: s.degeneracies };
}

async function logitsFrom(args: string[], spec: string | undefined): Promise<Float64Array> {
  if (spec !== undefined && args.length > 0)
    throw new UsageError("give the logits either as arguments or with --logits, not both");
  if (spec !== undefined) return readVector(spec, "--logits");
  if (args.length === 0)
    throw new UsageError(
      "no logits: give them as arguments (softmax 1 2 3) or with --logits FILE|-",
    );
  return readVector(args.join(","), "logits");
}

async function spectrum(opts: SpectrumFlags): Promise<Spectrum> {
  if ((opts.energies === undefined) === (opts.logits === undefined)) {
    throw new UsageError("give the spectrum as --energies or as --logits (exactly one)");
  }
  const flag = opts.logits !== undefined ? "--logits" : "--energies";
  if (opts.degeneracies === "-" && (opts.logits ?? opts.energies) === "-") {
    throw new UsageError(
      `${flag} and --degeneracies both ask for standard input (-), which can be read only once; put one of them in a file`,
    );
  }
  const first = await readVector((opts.logits ?? opts.energies) as string, flag);
  const degeneracies =
    opts.degeneracies === undefined
      ? undefined
      : await readVector(opts.degeneracies, "--degeneracies");
  if (opts.logits !== undefined) {
    return { energies: logitsToEnergies(first).energies, degeneracies, fromLogits: true };
  }
  return { energies: first, degeneracies, fromLogits: false };
}

interface SweepFlags extends SpectrumFlags, ModelFlags, Output {
  labels?: string;
  model?: string;
  expression?: string;
  degeneracyExpression?: string;
  index: string;
  count: string;
  from: string;
  to: string;
  points: string;
  scale: string;
  probabilities?: boolean;
  html?: string;
}

async function sweepCommand(opts: SweepFlags, command: Command): Promise<void> {
  if (opts.logits !== undefined && (await isBatch(opts.logits, opts.labels)))
    return batchSweepCommand(opts, command);
  checkOutput(opts.format, opts.out);
  if (opts.labels !== undefined) throw new UsageError("--labels goes with --logits (a batch)");
  const sources = [opts.energies, opts.logits, opts.model, opts.expression].filter(
    (x) => x !== undefined,
  );
  if (sources.length !== 1)
    throw new UsageError(
      "give exactly one spectrum: --energies, --logits, --model or --expression",
    );
  checkSweepFlags(
    command,
    opts.model !== undefined
      ? "model"
      : opts.expression !== undefined
        ? "expression"
        : opts.logits !== undefined
          ? "logits"
          : "energies",
    opts.model,
  );
  if (opts.expression !== undefined)
    checkSize("--count", integerFlag(opts.count, "--count"), 1, LIMITS.count);
  if (opts.levels !== undefined && (opts.model === "oscillator" || opts.model === "rotor"))
    checkSize("--levels", integerFlag(opts.levels, "--levels"), 1, LIMITS.levels);
  const points = integerFlag(opts.points, "--points");
  checkDistinctOutputs(opts.out, opts.html);
  let s: Spectrum;
  if (opts.model !== undefined)
    s = { ...(await resolveModel(opts.model, opts)), fromLogits: false };
  else if (opts.expression !== undefined)
    s = { ...(await resolveExpression(opts)), fromLogits: false };
  else s = await spectrum(opts);
  const from = await physicalTemperature(opts.from, opts, "--from");
  const to = await physicalTemperature(opts.to, opts, "--to");
  if (from.unit !== to.unit)
    throw new UsageError("--from and --to must both have units, or both be plain numbers");
  checkGrid(from.value, to.value, points, opts.scale, opts.html !== undefined);
  const temperatures = temperatureGrid({
    from: from.value,
    to: to.value,
    points,
    scale: opts.scale as "log" | "linear",
  });
  const kB = from.kB;
  const n = s.energies.length;
  const wantP = opts.probabilities === true;
  const columns: string[] = [...SWEEP_COLUMNS];
  if (wantP) for (let i = 0; i < n; i++) columns.push(`p${i}`);
  // The report keeps the occupations of at most 40 states, the lowest energies.
  const tracked = opts.html === undefined ? [] : lowest(s.energies, 40);
  const report = {
    T: [] as number[],
    F: [] as number[],
    U: [] as number[],
    S: [] as number[],
    C: [] as number[],
    P: tracked.map(() => [] as number[]),
  };
  const progress = new Progress(temperatures.length);
  async function* rows(): AsyncGenerator<(number | string)[]> {
    const options = {
      temperatures,
      kB,
      probabilities: wantP || tracked.length > 0,
      ...degeneracyOption(s),
    };
    for (const row of sweepRows(s.energies, options)) {
      progress.tick();
      if (opts.html !== undefined) {
        report.T.push(row.temperature);
        report.F.push(row.freeEnergy);
        report.U.push(row.internalEnergy);
        report.S.push(row.entropy);
        report.C.push(row.heatCapacity);
        for (const [k, i] of tracked.entries()) report.P[k]?.push(row.probabilities?.[i] as number);
      }
      const values: number[] = [
        row.temperature,
        row.logZ,
        row.freeEnergy,
        row.internalEnergy,
        row.entropy,
        row.heatCapacity,
        row.energyVariance,
      ];
      if (wantP && row.probabilities !== undefined)
        for (const p of row.probabilities) values.push(p);
      yield values;
    }
  }
  // The report's file is opened first, so a bad --html path fails before the sweep runs; both
  // files are renamed into place only once both are complete.
  const html = opts.html === undefined ? undefined : new Sink(opts.html, "--html");
  let data: Sink;
  try {
    data = await emitTable(opts, columns, rows(), false);
  } catch (error) {
    html?.abort();
    throw error;
  } finally {
    progress.stop();
  }
  if (html !== undefined) {
    const sink = html;
    try {
      await sink.write(
        renderReport({
          title: `Temperature sweep: ${describeSource(opts)}`,
          temperatureLabel: from.unit === undefined ? "T (kB = 1)" : `T (${from.unit})`,
          energyLabel: opts.energyUnit ?? "energy",
          logScale: opts.scale === "log",
          temperature: report.T,
          freeEnergy: report.F,
          internalEnergy: report.U,
          entropy: report.S,
          heatCapacity: report.C,
          states: tracked.map((i, k) => ({
            label: `E${i} = ${s.energies[i]}`,
            p: report.P[k] ?? [],
          })),
          command: commandLine(process.argv.slice(2)),
          version: pkg.version,
          note: `${n} levels, ${temperatures.length} temperatures from ${opts.from} to ${opts.to} (${opts.scale}). Made by gibbs-softmax ${pkg.version}.${tracked.length < n ? ` Occupations shown for the ${tracked.length} lowest levels.` : ""}`,
        }),
      );
    } catch (error) {
      sink.abort();
      data.abort();
      throw error;
    }
  }
  try {
    await data.commit();
  } catch (error) {
    html?.abort();
    throw error;
  }
  await html?.commit();
}

function describeSource(opts: SweepFlags): string {
  if (opts.model !== undefined) return `model ${opts.model}`;
  if (opts.expression !== undefined) return `E = ${opts.expression}`;
  if (opts.logits !== undefined) return `logits ${opts.logits}`;
  return `energies ${opts.energies}`;
}

/** Indices of the k lowest finite energies, in index order. */
function lowest(E: Float64Array, k: number): number[] {
  const idx = Array.from(E.keys()).filter((i) => Number.isFinite(E[i] as number));
  idx.sort((a, b) => (E[a] as number) - (E[b] as number) || a - b);
  return idx.slice(0, k).sort((a, b) => a - b);
}

export type { Physical };

/** The flags behind the library options a command passes on, for the library's messages. */
const OPTION_FLAGS: Record<string, string> = {
  temperature: "--temperature",
  kB: "--kB",
  degeneracies: "--degeneracies",
  entropy: "--entropy",
  internalEnergy: "--internal-energy",
  branch: "--branch",
};

/** Runs the CLI and returns the exit code (never throws, never prints a stack trace). */
export async function run(argv: string[]): Promise<number> {
  guardStandardStreams();
  const cli = program();
  try {
    await cli.parseAsync(argv);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === "commander.helpDisplayed" ||
      code === "commander.version" ||
      code === "commander.help"
    )
      return 0;
    let message = messageOf(error).replace(/^error: /, "");
    if (!(error instanceof UsageError || error instanceof OutputError)) {
      // A library message names its options (options.kB); the user typed flags (--kB).
      message = message.replace(
        /\boptions\.(\w+)/g,
        (text, key: string) => OPTION_FLAGS[key] ?? text,
      );
      // The library names a state by its 0-based index (energies[3]); say so.
      if (/\w\[\d+\]/.test(message)) message += " (indices count from 0)";
    }
    const hint = code?.startsWith("commander.") ? "\n(run gibbs-softmax --help for usage)" : "";
    process.stderr.write(`gibbs-softmax: ${message}${hint}\n`);
    return exitCode(error);
  }
}

/** The command (bin/gibbs-softmax.js calls it): runs with process.argv and sets the exit status. */
export async function main(): Promise<void> {
  const code = await run(process.argv);
  // An error may leave standard input half read (a refused stream); do not wait for its end.
  if (code !== 0) process.exit(code);
  process.exitCode = code;
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url ===
    new URL(`file://${(await import("node:fs")).realpathSync(process.argv[1])}`).href;
if (invokedDirectly) await main();
