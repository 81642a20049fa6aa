/**
 * "When Z cannot be summed": the two-dimensional Ising model sampled live by
 * gibbs-softmax/montecarlo in a Web Worker (demo/montecarlo.worker.ts), which owns the lattice
 * and paints it on an OffscreenCanvas, so an L = 256 lattice runs at display rate without
 * touching the page. The panel shows the state count 2^(L²) next to the language-model preset's
 * vocabulary, the heat-bath rule as the two-state softmax it is (computed by the library's
 * softmax), traces of E and |M|, for L = 4 the sampled energy histogram over the exact Gibbs
 * distribution, and a temperature sweep of ⟨|M|⟩ and C over the exact curves.
 *
 * The settings (L, update rule, sweeps per frame, running) live in the store and the link; the
 * temperature is the page's one temperature.
 */
import { softmax } from "gibbs-softmax";
import type Plotly from "plotly.js-dist";
import { fmt, fmtFromLog, superscript } from "../format.ts";
import { t } from "../i18n.ts";
import {
  CRITICAL_TEMPERATURE,
  EXACT_SIZE,
  exactEnergyDistribution,
  exactPerSpin,
  onsagerMagnetization,
  stateCount,
} from "../ising.ts";
import type { FromWorker, ToWorker } from "../montecarlo.worker.ts";
import { group, parseInteger } from "../parse.ts";
import { baseLayout, type Figure, ticksOutside, type View, viewOf } from "../plots.ts";
import { preset } from "../presets.ts";
import { type IsingAlgorithm, type State, type Store, touched, withoutErrors } from "../store.ts";
import { el, errorText, renderField } from "./dom.ts";
import { Graph } from "./plot.ts";

const MIN_SIZE = 4;
const MAX_SIZE = 256;
const ALGORITHMS: readonly IsingAlgorithm[] = ["metropolis", "heatBath", "wolff"];
const SPEEDS = [1, 10, 100, 1000];
/** How many sweeps the traces show. */
const TRACE = 1000;
/** The traces and the histogram are redrawn at most this often. */
const REDRAW_MS = 200;
/** The temperatures of the sweep button: 1 to 4 in steps of 0.15 (T_c ≈ 2.269 inside). */
const SWEEP = Array.from({ length: 21 }, (_, i) => Number((1 + 0.15 * i).toFixed(2)));

const ENERGY = "#d9480f";
const MAGNET = "#1c7ed6";
const EXACT = "#2b8a3e";

/** Sweeps to settle and to measure at each temperature of the sweep, for N = L² spins. */
export function sweepLengths(size: number): { settle: number; measure: number } {
  const measure = Math.max(200, Math.min(5000, Math.round(2e7 / (size * size))));
  return { settle: Math.round(measure / 4), measure };
}

export function readUrl(params: URLSearchParams, store: Store): void {
  const size = params.get("L");
  if (size !== null) {
    const parsed = parseInteger(size, MIN_SIZE, MAX_SIZE, "errSize");
    if (parsed.ok) store.set({ montecarlo: { ...store.state.montecarlo, size: parsed.value } });
    else {
      store.setError("mc-size", { text: size, error: parsed.error });
      store.noteLink({ key: "errUrlField", params: { name: "L" } });
    }
  }
  const algorithm = params.get("alg");
  if (algorithm !== null) {
    const known = ALGORITHMS.find((a) => a === algorithm);
    if (known === undefined) store.noteLink({ key: "errUrl", params: { name: "alg" } });
    else store.set({ montecarlo: { ...store.state.montecarlo, algorithm: known } });
  }
  const speed = params.get("speed");
  if (speed !== null) {
    const known = SPEEDS.find((v) => String(v) === speed);
    if (known === undefined) store.noteLink({ key: "errUrl", params: { name: "speed" } });
    else store.set({ montecarlo: { ...store.state.montecarlo, speed: known } });
  }
}

export function writeUrl(state: Readonly<State>, params: URLSearchParams): undefined {
  const m = state.montecarlo;
  if (m.size !== 64) params.set("L", String(m.size));
  if (m.algorithm !== "metropolis") params.set("alg", m.algorithm);
  if (m.speed !== 1) params.set("speed", String(m.speed));
  return undefined;
}

/** The last `TRACE` values of a stream. */
class Ring {
  readonly values = new Float64Array(TRACE);
  count = 0;
  push(x: number): void {
    this.values[this.count % TRACE] = x;
    this.count++;
  }
  /** The values in order, with their sweep numbers. */
  series(): { x: number[]; y: number[] } {
    const n = Math.min(this.count, TRACE);
    const x: number[] = new Array(n);
    const y: number[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const index = this.count - n + k;
      x[k] = index;
      y[k] = this.values[index % TRACE] as number;
    }
    return { x, y };
  }
  clear(): void {
    this.count = 0;
  }
}

function tracesFigure(view: View, energy: Ring, magnetization: Ring): Figure {
  const layout = baseLayout(view);
  layout.legend = { orientation: "h", x: 0, y: 1, yanchor: "bottom" };
  // An explicit range: the moving window of the last TRACE sweeps (autorange would not follow
  // the fast updates, which skip the axes).
  const end = Math.max(energy.count, 50);
  // A new revision each time: a full redraw, so the axis follows the window.
  layout.datarevision = energy.count;
  layout.xaxis = {
    ...ticksOutside(view),
    title: { text: t(view.language, "axisSweep") },
    range: [Math.max(0, end - TRACE), end],
  };
  layout.yaxis = {
    ...ticksOutside(view),
    title: { text: t(view.language, "axisPerSpin") },
    range: [-2.1, 1.1],
    fixedrange: true,
  };
  const line = (uid: string, name: string, ring: Ring, color: string) =>
    ({
      uid,
      name,
      type: "scatter",
      mode: "lines",
      ...ring.series(),
      line: { color, width: 1.5 },
      hovertemplate: `${name} = %{y:.4f}<extra></extra>`,
    }) as Plotly.Data;
  return {
    data: [
      line("mc-energy", t(view.language, "traceEnergy"), energy, ENERGY),
      line("mc-magnetization", t(view.language, "traceMagnetization"), magnetization, MAGNET),
    ],
    layout,
  };
}

function histogramFigure(
  view: View,
  energies: Float64Array,
  counts: Float64Array,
  total: number,
  exact: Float64Array,
): Figure {
  const layout = baseLayout(view);
  layout.legend = { orientation: "h", x: 0, y: 1, yanchor: "bottom" };
  layout.bargap = 0.1;
  layout.xaxis = { ...ticksOutside(view), title: { text: t(view.language, "axisEnergyTotal") } };
  layout.yaxis = {
    ...ticksOutside(view),
    title: { text: t(view.language, "axisProbability") },
    tickformat: ".3~g",
    rangemode: "tozero",
  };
  const frequency = counts.map((c) => (total > 0 ? c / total : 0));
  return {
    data: [
      {
        uid: "mc-sampled",
        name: t(view.language, "traceSampledEnergy"),
        type: "bar",
        x: energies,
        y: frequency,
        width: 3.2,
        marker: { color: "#5c7cfa" },
        opacity: 0.8,
        hovertemplate: "E = %{x}<br>%{y:.4g}<extra></extra>",
      } as Plotly.Data,
      {
        uid: "mc-exact",
        name: t(view.language, "traceExactEnergy"),
        type: "scatter",
        mode: "markers",
        x: energies,
        y: exact,
        marker: { color: ENERGY, symbol: "line-ew-open", size: 18, line: { width: 3 } },
        hovertemplate: "E = %{x}<br>P = %{y:.4g}<extra></extra>",
      } as Plotly.Data,
    ],
    layout,
  };
}

interface Point {
  temperature: number;
  magnetization: number;
  heatCapacity: number;
}

function sweepFigure(view: View, size: number, points: Point[]): Figure {
  const layout = baseLayout(view);
  layout.legend = { orientation: "h", x: 0, y: 1, yanchor: "bottom" };
  layout.grid = { rows: 2, columns: 1, pattern: "independent", ygap: 0.25 };
  const fine = Array.from({ length: 121 }, (_, i) => 1 + (3 * i) / 120);
  // The exact curve passes through T_c itself, where |M| drops to 0 and C peaks.
  const grid = [...fine, CRITICAL_TEMPERATURE].sort((a, b) => a - b);
  const L = view.language;
  layout.xaxis = { ...ticksOutside(view), range: [0.9, 4.1] };
  layout.xaxis2 = {
    ...ticksOutside(view),
    range: [0.9, 4.1],
    title: { text: t(L, "axisTemperatureJ") },
  };
  layout.yaxis = { ...ticksOutside(view), range: [-0.05, 1.05], title: { text: "|M|/N" } };
  layout.yaxis2 = { ...ticksOutside(view), rangemode: "tozero", title: { text: "C/N" } };
  const perSpin = exactPerSpin(size);
  const exactC = grid.map((T) => perSpin(T).c);
  return {
    data: [
      {
        uid: "sweep-onsager",
        name: t(L, "traceOnsager"),
        type: "scatter",
        mode: "lines",
        x: grid,
        y: grid.map(onsagerMagnetization),
        line: { color: EXACT, dash: "dash", width: 2 },
      } as Plotly.Data,
      {
        uid: "sweep-kaufman",
        name: t(L, "traceKaufman"),
        type: "scatter",
        mode: "lines",
        x: grid,
        y: exactC,
        xaxis: "x2",
        yaxis: "y2",
        line: { color: "#c2255c", dash: "dash", width: 2 },
      } as Plotly.Data,
      {
        uid: "sweep-m",
        name: t(L, "traceSweepM"),
        type: "scatter",
        mode: "markers",
        x: points.map((p) => p.temperature),
        y: points.map((p) => p.magnetization),
        marker: { color: MAGNET, size: view.projector ? 11 : 8 },
      } as Plotly.Data,
      {
        uid: "sweep-c",
        name: t(L, "traceSweepC"),
        type: "scatter",
        mode: "markers",
        x: points.map((p) => p.temperature),
        y: points.map((p) => p.heatCapacity),
        xaxis: "x2",
        yaxis: "y2",
        marker: { color: "#c2255c", size: view.projector ? 11 : 8 },
      } as Plotly.Data,
    ],
    layout,
  };
}

/** The heat-bath table: for each neighbour sum, the logits (h, −h) and softmax's P(+1). */
function heatBathRows(temperature: number): string[][] {
  return [-4, -2, 0, 2, 4].map((sum) => {
    const h = sum; // J = 1, no field
    const up = softmax([h, -h], { temperature })[0] as number;
    return [fmt(sum), `(${fmt(h)}, ${fmt(-h)})`, fmt(up, 6)];
  });
}

export function mount(store: Store): void {
  const ui = {
    size: el<HTMLInputElement>("mc-size"),
    algorithm: el<HTMLSelectElement>("mc-algorithm"),
    speed: el<HTMLSelectElement>("mc-speed"),
    run: el<HTMLButtonElement>("mc-run"),
    reset: el<HTMLButtonElement>("mc-reset"),
    error: el("mc-error"),
    failure: el("mc-failure"),
    note: el("mc-note"),
    canvas: el<HTMLCanvasElement>("mc-canvas"),
    stats: el("mc-stats"),
    states: el("mc-states"),
    heatBath: el("mc-heat-bath"),
    table: el<HTMLTableElement>("mc-table"),
    histogramNote: el("mc-histogram-note"),
    sweep: el<HTMLButtonElement>("mc-sweep"),
    sweepStatus: el("mc-sweep-status"),
  };
  const traces = new Graph("plot-mc-traces");
  const histogram = new Graph("plot-mc-histogram");
  const sweepGraph = new Graph("plot-mc-sweep");

  const worker = new Worker(new URL("../montecarlo.worker.ts", import.meta.url), {
    type: "module",
  });
  const post = (message: ToWorker, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer);
  const offscreen = ui.canvas.transferControlToOffscreen();
  post({ type: "canvas", canvas: offscreen }, [offscreen]);

  // What the worker reported, kept here to draw.
  const energy = new Ring();
  const magnetization = new Ring();
  let exact = exactEnergyDistribution(EXACT_SIZE, 1);
  const levelIndex = new Map<number, number>();
  exact.energies.forEach((E, k) => {
    levelIndex.set(E, k);
  });
  let counts = new Float64Array(exact.energies.length);
  let sampled = 0;
  let points: Point[] = [];
  let sweeping = false;
  let sweepDone: { done: number; total: number; completed: boolean } | null = null;
  let lastDraw = 0;
  let lastChain = "";
  let redraw: ReturnType<typeof setTimeout> | undefined;

  const sizeValue = () => store.state.montecarlo.size;
  const samplingHere = () => {
    const T = store.state.temperature;
    return T > 0 && Number.isFinite(T);
  };

  const drawLive = () => {
    clearTimeout(redraw);
    lastDraw = performance.now();
    const state = store.state;
    const view = viewOf(state);
    void traces.drawNow(tracesFigure(view, energy, magnetization));
    renderHistogram(state);
  };
  const scheduleLive = () => {
    const wait = REDRAW_MS - (performance.now() - lastDraw);
    if (wait <= 0) drawLive();
    else if (redraw === undefined) {
      redraw = setTimeout(() => {
        redraw = undefined;
        drawLive();
      }, wait);
    }
  };

  const renderHistogram = (state: Readonly<State>) => {
    const L = state.language;
    const shown = state.montecarlo.size <= EXACT_SIZE && samplingHere();
    histogram.node.hidden = !shown;
    if (!shown) {
      ui.histogramNote.textContent = t(L, "mcHistogramOff");
      return;
    }
    let distance = 0;
    for (let k = 0; k < counts.length; k++) {
      const f = sampled > 0 ? (counts[k] as number) / sampled : 0;
      distance += Math.abs(f - (exact.probabilities[k] as number));
    }
    ui.histogramNote.textContent = t(L, "mcHistogramNote", {
      count: group(sampled),
      tv: sampled > 0 ? fmt(distance / 2, 3) : "—",
    });
    ui.histogramNote.dataset.samples = String(sampled);
    ui.histogramNote.dataset.distance = String(distance / 2);
    void histogram.drawNow(
      histogramFigure(viewOf(state), exact.energies, counts, sampled, exact.probabilities),
    );
  };

  const clearLive = () => {
    energy.clear();
    magnetization.clear();
    counts = new Float64Array(exact.energies.length);
    sampled = 0;
  };

  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    const state = store.state;
    if (message.type === "stats") {
      const m = state.montecarlo;
      const current =
        message.size === m.size &&
        message.algorithm === m.algorithm &&
        message.temperature === state.temperature;
      const N = message.size * message.size;
      message.energy.forEach((E, k) => {
        energy.push(E / N);
        magnetization.push((message.magnetization[k] as number) / N);
        if (current && !message.sweeping && message.size === EXACT_SIZE) {
          const level = levelIndex.get(E);
          if (level !== undefined) {
            counts[level] = (counts[level] as number) + 1;
            sampled++;
          }
        }
      });
      const L = state.language;
      ui.stats.textContent = t(L, "mcStats", {
        fps: message.framesPerSecond.toFixed(0),
        sweeps: group(Math.round(message.sweepsPerSecond)),
        updates: fmt(message.spinUpdatesPerSecond, 3),
        total: group(message.sweeps),
      });
      ui.stats.dataset.fps = String(message.framesPerSecond);
      ui.stats.dataset.sweeps = String(message.sweeps);
      ui.stats.dataset.updates = String(message.spinUpdatesPerSecond);
      if (message.energy.length > 0) scheduleLive();
    } else if (message.type === "point") {
      points.push(message);
      ui.sweepStatus.textContent = t(state.language, "mcSweepStatus", {
        done: message.index + 1,
        total: message.total,
        ...sweepLengths(sizeValue()),
      });
      ui.sweepStatus.dataset.points = String(points.length);
      void sweepGraph.drawNow(sweepFigure(viewOf(state), sizeValue(), points));
    } else if (message.type === "sweepDone") {
      sweeping = false;
      sweepDone = { done: points.length, total: SWEEP.length, completed: message.completed };
      renderSweepStatus(state);
    } else {
      store.set({ montecarlo: { ...state.montecarlo, running: false } });
      sweeping = false;
      ui.failure.textContent = errorText(
        state.language,
        { key: "errLibrary", params: { message: message.message } },
        false,
      );
    }
  };

  const renderSweepStatus = (state: Readonly<State>) => {
    const L = state.language;
    ui.sweep.textContent = t(L, sweeping ? "mcSweepStop" : "mcSweep");
    ui.sweep.setAttribute("aria-pressed", String(sweeping));
    if (sweepDone !== null) {
      ui.sweepStatus.textContent = sweepDone.completed
        ? t(L, "mcSweepDone", { total: sweepDone.total })
        : t(L, "mcSweepStopped", { done: sweepDone.done, total: sweepDone.total });
      ui.sweepStatus.dataset.done = String(sweepDone.completed);
    }
  };

  ui.size.addEventListener("input", () => {
    const parsed = parseInteger(ui.size.value, MIN_SIZE, MAX_SIZE, "errSize");
    const s = store.state;
    if (!parsed.ok) {
      store.setError("mc-size", { text: ui.size.value, error: parsed.error });
      return;
    }
    store.set({
      montecarlo: { ...s.montecarlo, size: parsed.value },
      errors: withoutErrors(s.errors, "mc-size"),
    });
  });
  ui.algorithm.addEventListener("change", () => {
    const algorithm = ALGORITHMS.find((a) => a === ui.algorithm.value) ?? "metropolis";
    store.set({ montecarlo: { ...store.state.montecarlo, algorithm } });
  });
  ui.speed.addEventListener("change", () => {
    const speed = SPEEDS.find((v) => String(v) === ui.speed.value) ?? 1;
    store.set({ montecarlo: { ...store.state.montecarlo, speed } });
  });
  ui.run.addEventListener("click", () => {
    const m = store.state.montecarlo;
    store.set({ montecarlo: { ...m, running: !m.running } });
  });
  ui.reset.addEventListener("click", () => {
    post({ type: "reset" });
    clearLive();
    drawLive();
  });
  ui.sweep.addEventListener("click", () => {
    if (sweeping) {
      post({ type: "stopSweep" });
      return;
    }
    sweeping = true;
    sweepDone = null;
    points = [];
    ui.sweepStatus.dataset.points = "0";
    ui.sweepStatus.dataset.done = "";
    const lengths = sweepLengths(sizeValue());
    post({ type: "sweep", temperatures: SWEEP, ...lengths });
    renderSweepStatus(store.state);
    ui.sweepStatus.textContent = t(store.state.language, "mcSweepStatus", {
      done: 0,
      total: SWEEP.length,
      ...lengths,
    });
    void sweepGraph.drawNow(sweepFigure(viewOf(store.state), sizeValue(), points));
  });

  store.subscribe((state, frame) => {
    const m = state.montecarlo;
    const T = state.temperature;
    const L = state.language;
    if (touched(frame, "montecarlo", "temperature")) {
      post({ type: "settings", ...m, temperature: T });
    }
    if (touched(frame, "montecarlo", "errors", "language")) {
      renderField(state, ui.size, ui.error, String(m.size));
      ui.algorithm.value = m.algorithm;
      ui.speed.value = String(m.speed);
      ui.run.setAttribute("aria-pressed", String(m.running));
      ui.run.textContent = t(L, m.running ? "mcPause" : "mcRun");
    }
    if (touched(frame, "temperature", "language")) {
      const good = T > 0 && Number.isFinite(T);
      ui.note.hidden = good;
      ui.note.textContent = good ? "" : t(L, "mcNeedsTemperature", { t: fmt(T) });
      const shownT = good ? T : CRITICAL_TEMPERATURE;
      ui.heatBath.textContent = t(L, "mcHeatBath", { t: fmt(shownT, 4) });
      const head = [t(L, "mcTableSum"), t(L, "mcTableLogits"), t(L, "mcTableUp")];
      const rows = [head, ...heatBathRows(shownT)].map((cells, r) => {
        const row = document.createElement("tr");
        for (const cell of cells) {
          const node = document.createElement(r === 0 ? "th" : "td");
          node.textContent = cell;
          row.append(node);
        }
        return row;
      });
      ui.table.replaceChildren(...rows);
    }
    if (touched(frame, "montecarlo", "language")) {
      const N = m.size * m.size;
      const count = stateCount(m.size);
      const written = count.exact ?? fmtFromLog(N * Math.LN2, 4);
      const vocab = preset("llm").logits?.length ?? 0;
      ui.states.textContent = t(L, m.size <= 5 ? "mcStatesSmall" : "mcStates", {
        L: m.size,
        N: superscript(N),
        count: written,
        vocab,
      });
      renderSweepStatus(state);
    }
    // The traces and the histogram are of one chain at one temperature: start over when the
    // temperature, the lattice size or the update rule changes (not on pause or speed).
    const chain = `${m.size} ${m.algorithm} ${T}`;
    if (chain !== lastChain) {
      lastChain = chain;
      if (samplingHere()) exact = exactEnergyDistribution(EXACT_SIZE, T);
      clearLive();
    }
    if (touched(frame, "montecarlo", "temperature", "language", "projector")) {
      drawLive();
      if (points.length > 0 || frame.changed.has("language") || frame.changed.has("projector")) {
        sweepGraph.update(frame, () => sweepFigure(viewOf(state), m.size, points));
      }
    }
  });
}
