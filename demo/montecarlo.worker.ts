/**
 * The Monte Carlo panel's Web Worker: it owns the lattice (`IsingLattice` from
 * gibbs-softmax/montecarlo) and the canvas (an OffscreenCanvas handed over by the page), so the
 * sweeps and the drawing never block the page. About 60 times a second it does the sweeps the
 * panel asks for, paints the spins, and every quarter second posts what happened: E and |M| of
 * every sweep, frames and sweeps per second measured here, where the work is done.
 *
 * A temperature sweep (the panel's button) heats the lattice from T = 1 to 4 step by step:
 * at each T some sweeps to settle, then sweeps that are measured (⟨|M|⟩/N and C/N = N·Var(e)/T²
 * with e = E/N), while the picture goes on showing the lattice.
 */
import { whenKernelReady } from "gibbs-softmax";
import { type IsingAlgorithm, IsingLattice } from "gibbs-softmax/montecarlo";

/** What the page sends. */
export type ToWorker =
  | { type: "canvas"; canvas: OffscreenCanvas }
  | {
      type: "settings";
      size: number;
      algorithm: IsingAlgorithm;
      temperature: number;
      speed: number;
      running: boolean;
    }
  | { type: "reset" }
  | { type: "sweep"; temperatures: number[]; settle: number; measure: number }
  | { type: "stopSweep" };

/** What the worker sends back. */
export type FromWorker =
  | {
      type: "stats";
      size: number;
      temperature: number;
      algorithm: IsingAlgorithm;
      /** Total energy and |M| after each sweep since the last message. */
      energy: Float64Array;
      magnetization: Float64Array;
      framesPerSecond: number;
      sweepsPerSecond: number;
      spinUpdatesPerSecond: number;
      sweeps: number;
      /** The sweeps were those of a temperature sweep (not at the page's temperature). */
      sweeping: boolean;
    }
  | {
      type: "point";
      temperature: number;
      magnetization: number;
      heatCapacity: number;
      energy: number;
      index: number;
      total: number;
    }
  | { type: "sweepDone"; completed: boolean }
  | { type: "error"; message: string };

interface Scope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

const FRAME_MS = 1000 / 60;
/** Milliseconds of sweeping per frame at most (the rest of the frame paints). */
const BUDGET_MS = 12;
const REPORT_MS = 250;

let settings = {
  size: 64,
  algorithm: "metropolis" as IsingAlgorithm,
  temperature: 2.269,
  speed: 1,
  running: false,
};
let lattice = new IsingLattice({ size: settings.size, seed: 1, start: "hot" });
let seed = 1;
let context: OffscreenCanvasRenderingContext2D | null = null;
let canvas: OffscreenCanvas | null = null;
let image: ImageData | null = null;
let energies: number[] = [];
let magnetizations: number[] = [];
let frames = 0;
let sweeps = 0;
let updates = 0;
let windowStart = performance.now();
let totalSweeps = 0;
/** The running mean size of a Wolff cluster, so a displayed "sweep" flips about L² spins. */
let meanCluster = 1;

interface SweepTask {
  temperatures: number[];
  settle: number;
  measure: number;
  index: number;
  done: number;
  /** This temperature's settle and measure counts (for Wolff, scaled to clusters). */
  settleNow: number;
  measureNow: number;
  sumM: number;
  sumE: number;
  sumE2: number;
}
let task: SweepTask | null = null;

function newLattice(): void {
  lattice = new IsingLattice({ size: settings.size, seed: seed++, start: "hot" });
  meanCluster = 1;
  energies = [];
  magnetizations = [];
  if (canvas !== null) {
    canvas.width = settings.size;
    canvas.height = settings.size;
    image = null;
  }
}

/** One step of the chain at T; returns the spins it updated. */
function step(temperature: number): number {
  lattice.sweep(temperature, settings.algorithm);
  const N = settings.size * settings.size;
  let updated = N;
  if (settings.algorithm === "wolff") {
    updated = lattice.lastClusterSize;
    meanCluster += (updated - meanCluster) / 64;
  }
  sweeps++;
  totalSweeps++;
  updates += updated;
  return updated;
}

function record(): void {
  energies.push(lattice.energy);
  magnetizations.push(Math.abs(lattice.magnetization));
}

/** The live chain: `speed` sweeps (for Wolff, clusters worth about speed·L² spins). */
function liveSweeps(started: number): void {
  const T = settings.temperature;
  if (!(T > 0 && Number.isFinite(T))) return;
  const N = settings.size * settings.size;
  const target = settings.speed * N;
  let flipped = 0;
  let count = 0;
  while (performance.now() - started < BUDGET_MS) {
    const updated = step(T);
    record();
    count++;
    flipped += updated;
    if (settings.algorithm === "wolff" ? flipped >= target : count >= settings.speed) break;
  }
}

/** The temperature sweep: as many of its steps as fit in the frame. */
function sweepSteps(started: number): void {
  const t = task;
  if (t === null) return;
  const N = settings.size * settings.size;
  while (performance.now() - started < BUDGET_MS) {
    const T = t.temperatures[t.index] as number;
    if (t.done === 0) {
      // One Wolff step is one cluster: count clusters worth as many spins as the sweeps asked
      // for, from the mean cluster size so far (fixed before this temperature's samples).
      const scale = settings.algorithm === "wolff" ? Math.min(N, Math.max(1, N / meanCluster)) : 1;
      t.settleNow = Math.round(t.settle * scale);
      t.measureNow = Math.round(t.measure * scale);
    }
    step(T);
    record();
    t.done++;
    if (t.done > t.settleNow) {
      const e = lattice.energy / N;
      t.sumM += Math.abs(lattice.magnetization) / N;
      t.sumE += e;
      t.sumE2 += e * e;
    }
    if (t.done === t.settleNow + t.measureNow) {
      const n = t.measureNow;
      const mean = t.sumE / n;
      const variance = Math.max(0, t.sumE2 / n - mean * mean);
      scope.postMessage({
        type: "point",
        temperature: T,
        magnetization: t.sumM / n,
        energy: mean,
        heatCapacity: (N * variance) / (T * T),
        index: t.index,
        total: t.temperatures.length,
      });
      t.index++;
      t.done = 0;
      t.sumM = 0;
      t.sumE = 0;
      t.sumE2 = 0;
      if (t.index === t.temperatures.length) {
        report(performance.now()); // the sweep's last records, flagged as the sweep's
        task = null;
        scope.postMessage({ type: "sweepDone", completed: true });
        return;
      }
    }
  }
}

function paint(): void {
  if (context === null) return;
  const L = settings.size;
  if (image === null || image.width !== L) image = context.createImageData(L, L);
  const pixels = new Uint32Array(image.data.buffer);
  const spins = lattice.spins;
  // Up spins dark blue, down spins a pale grey (little-endian ABGR).
  const up = 0xff8a3d1f;
  const down = 0xfff3efeb;
  for (let i = 0; i < spins.length; i++) pixels[i] = spins[i] === 1 ? up : down;
  context.putImageData(image, 0, 0);
}

function report(now: number): void {
  const seconds = (now - windowStart) / 1000;
  const energy = Float64Array.from(energies);
  const magnetization = Float64Array.from(magnetizations);
  scope.postMessage(
    {
      type: "stats",
      size: settings.size,
      temperature: settings.temperature,
      algorithm: settings.algorithm,
      energy,
      magnetization,
      framesPerSecond: frames / seconds,
      sweepsPerSecond: sweeps / seconds,
      spinUpdatesPerSecond: updates / seconds,
      sweeps: totalSweeps,
      sweeping: task !== null,
    },
    [energy.buffer, magnetization.buffer],
  );
  energies = [];
  magnetizations = [];
  frames = 0;
  sweeps = 0;
  updates = 0;
  windowStart = now;
}

function frame(): void {
  const started = performance.now();
  try {
    if (task !== null) sweepSteps(started);
    else if (settings.running) liveSweeps(started);
    if (task !== null || settings.running) {
      paint();
      frames++;
    }
  } catch (error) {
    settings.running = false;
    task = null;
    scope.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
  const now = performance.now();
  // Paused: no report, so the page keeps showing the last rates measured.
  if (now - windowStart >= REPORT_MS) {
    if (frames > 0 || energies.length > 0) report(now);
    else windowStart = now;
  }
  setTimeout(frame, Math.max(0, FRAME_MS - (now - started)));
}

scope.onmessage = (event) => {
  const message = event.data;
  switch (message.type) {
    case "canvas":
      canvas = message.canvas;
      context = canvas.getContext("2d");
      canvas.width = settings.size;
      canvas.height = settings.size;
      paint();
      break;
    case "settings": {
      const { type: _, ...next } = message;
      const resized = next.size !== settings.size;
      const changed =
        resized ||
        next.algorithm !== settings.algorithm ||
        next.temperature !== settings.temperature;
      settings = next;
      if (resized) newLattice();
      else if (changed) {
        energies = [];
        magnetizations = [];
      }
      paint();
      break;
    }
    case "reset":
      newLattice();
      paint();
      break;
    case "sweep":
      report(performance.now()); // the live records so far, before the sweep's begin
      // Heating from an ordered (cold) lattice at the lowest T, as an experiment would.
      lattice = new IsingLattice({ size: settings.size, seed: seed++ });
      task = {
        temperatures: message.temperatures,
        settle: message.settle,
        measure: message.measure,
        index: 0,
        done: 0,
        settleNow: message.settle,
        measureNow: message.measure,
        sumM: 0,
        sumE: 0,
        sumE2: 0,
      };
      break;
    case "stopSweep":
      if (task !== null) {
        report(performance.now());
        scope.postMessage({ type: "sweepDone", completed: false });
      }
      task = null;
      break;
  }
};

void whenKernelReady().then(() => {
  windowStart = performance.now();
  frame();
});
