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
import { defineStrings } from "../i18n.ts";
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
import { card, el, errorText, h, renderField } from "./dom.ts";
import { Graph } from "./plot.ts";

export const strings = defineStrings({
  en: {
    mcHeading: "When Z cannot be summed: Monte Carlo",
    mcCaption:
      "A two-dimensional Ising lattice: L × L spins sᵢ = ±1 on a torus, energy E = −J·Σ sᵢsⱼ over neighbouring pairs (J = 1, no field), at the page's temperature T in units of J/kB. Its Z is a sum over 2^(L²) states, which nobody can do, so the computer samples the Gibbs distribution instead, one spin or one cluster at a time, exactly as a language model samples its next token from softmax. Onsager's phase transition is at T_c = 2/ln(1 + √2) ≈ 2.269.",
    mcSize: "Lattice side L (4 to 256)",
    mcAlgorithm: "Update rule",
    algMetropolis: "Metropolis",
    algHeatBath: "Heat bath (a two-state softmax)",
    algWolff: "Wolff cluster",
    mcSpeed: "Sweeps per frame",
    mcRun: "▶ Run",
    mcPause: "❚❚ Pause",
    mcReset: "New random lattice",
    mcCanvas: "The lattice: dark squares are spins up (+1), light ones spins down (−1)",
    mcStats:
      "{fps} frames/s · {sweeps} sweeps/s · {updates} spin updates/s, measured in the worker · {total} sweeps so far",
    mcStates:
      "The {L} × {L} lattice has 2{N} = {count} states. The language-model preset has {vocab} tokens (a real vocabulary about 10⁵): a sum of {vocab}, or of 10⁵, terms is cheap; a sum of {count} terms is impossible, so the Gibbs distribution is sampled instead.",
    mcStatesSmall:
      "The {L} × {L} lattice has 2{N} = {count} states: still few enough to sum (the histogram below does), but every spin added doubles the count, and the 16 × 16 lattice has 2²⁵⁶ ≈ 1.16 × 10⁷⁷. The language-model preset has {vocab} tokens (a real vocabulary about 10⁵).",
    mcHeatBath:
      "The heat-bath rule is a two-state softmax. Spin i feels the local field hᵢ = J·Σ (its four neighbours) and is redrawn as +1 with probability softmax([hᵢ, −hᵢ]/T)₊ = σ(2hᵢ/T), computed here by the library's softmax at T = {t}:",
    mcTableSum: "Σ neighbours",
    mcTableLogits: "logits (hᵢ, −hᵢ)",
    mcTableUp: "P(sᵢ = +1)",
    mcNeedsTemperature:
      "The lattice samples at 0 < T < ∞ only, so at T = {t} it waits. Set a temperature such as 2.269 (T_c).",
    mcTraces: "Energy and |magnetisation| per spin, sweep by sweep",
    axisSweep: "sweep",
    axisPerSpin: "per spin",
    traceEnergy: "E/N",
    traceMagnetization: "|M|/N",
    mcHistogramNote:
      "L = 4 has 2¹⁶ = 65 536 states, few enough to count: the bars are the energies the chain visits, the markers the exact Gibbs distribution P(E) = g(E)·e^(−E/T)/Z. Sampled: {count} sweeps; total variation distance {tv}.",
    mcHistogramOff:
      "Choose L = 4 to see the sampled energies converge on the exact Gibbs distribution (2¹⁶ states can still be summed).",
    axisEnergyTotal: "energy E (units of J)",
    traceSampledEnergy: "sampled",
    traceExactEnergy: "exact Gibbs P(E)",
    mcSweep: "Sweep T from 1 to 4",
    mcSweepStop: "Stop the sweep",
    mcSweepStatus:
      "Sweep: {done} of {total} temperatures, {settle} sweeps to settle and {measure} measured at each (for Wolff, clusters worth as many spins).",
    mcSweepDone: "Sweep done: {total} temperatures.",
    mcSweepStopped: "Sweep stopped after {done} of {total} temperatures.",
    traceSweepM: "sampled ⟨|M|⟩/N",
    traceSweepC: "sampled C/N",
    traceOnsager: "|M|/N, infinite lattice (Onsager–Yang)",
    traceKaufman: "C/N, exact for this L (Kaufman)",
    axisTemperatureJ: "temperature T (J/kB)",
    errSize: "L must be a whole number from {min} to {max}.",
  },
  ja: {
    mcHeading: "Z が計算できないとき：モンテカルロ法",
    mcCaption:
      "二次元イジング模型の格子です。トーラス上の L × L 個のスピン sᵢ = ±1 からなり、エネルギーは隣り合う組についての和 E = −J·Σ sᵢsⱼ（J = 1、外場なし）です。温度はこのページの温度 T（単位 J/kB）です。この系の分配関数 Z は 2^(L²) 個の状態についての和で、誰にも計算できません。そこでコンピューターは、言語モデルがソフトマックスから次のトークンを引くのとまったく同じように、スピン一つずつ（またはクラスター一つずつ）ギブス分布からサンプリングします。オンサーガーの相転移は T_c = 2/ln(1 + √2) ≈ 2.269 にあります。",
    mcSize: "格子の一辺 L（4〜256）",
    mcAlgorithm: "更新法",
    algMetropolis: "メトロポリス法",
    algHeatBath: "熱浴法（二状態のソフトマックス）",
    algWolff: "ウォルフのクラスター法",
    mcSpeed: "1 フレームあたりのスイープ数",
    mcRun: "▶ 実行",
    mcPause: "❚❚ 一時停止",
    mcReset: "新しいランダムな格子",
    mcCanvas: "格子：濃い四角が上向きスピン（+1）、薄い四角が下向きスピン（−1）です",
    mcStats:
      "{fps} フレーム/秒 · {sweeps} スイープ/秒 · スピン更新 {updates} 回/秒（ワーカー内で計測）· これまでに {total} スイープ",
    mcStates:
      "{L} × {L} の格子には 2{N} = {count} 個の状態があります。言語モデルのプリセットのトークンは {vocab} 個です（実際の語彙は約 10⁵ 個）。{vocab} 項や 10⁵ 項の和なら簡単ですが、{count} 項の和は不可能です。そこでギブス分布からサンプリングします。",
    mcStatesSmall:
      "{L} × {L} の格子には 2{N} = {count} 個の状態があります。まだ和を計算できる数です（下のヒストグラムで計算しています）が、スピンが一つ増えるごとに状態の数は倍になり、16 × 16 の格子では 2²⁵⁶ ≈ 1.16 × 10⁷⁷ 個になります。言語モデルのプリセットのトークンは {vocab} 個です（実際の語彙は約 10⁵ 個）。",
    mcHeatBath:
      "熱浴法の規則は二状態のソフトマックスです。スピン i は局所場 hᵢ = J·Σ（隣の四つのスピン）を感じ、確率 softmax([hᵢ, −hᵢ]/T)₊ = σ(2hᵢ/T) で +1 に引き直されます。下の値は T = {t} でライブラリのソフトマックスが計算したものです：",
    mcTableSum: "隣のスピンの和 Σ",
    mcTableLogits: "ロジット (hᵢ, −hᵢ)",
    mcTableUp: "P(sᵢ = +1)",
    mcNeedsTemperature:
      "格子のサンプリングは 0 < T < ∞ でしか行えないため、T = {t} では停止しています。2.269（T_c）のような温度を設定してください。",
    mcTraces: "スピン一つあたりのエネルギーと磁化の絶対値（スイープごと）",
    axisSweep: "スイープ",
    axisPerSpin: "スピン一つあたり",
    traceEnergy: "E/N",
    traceMagnetization: "|M|/N",
    mcHistogramNote:
      "L = 4 の状態は 2¹⁶ = 65 536 個で、数え上げられます。棒はマルコフ連鎖が訪れたエネルギー、マーカーは厳密なギブス分布 P(E) = g(E)·e^(−E/T)/Z です。サンプル数：{count} スイープ、全変動距離 {tv}。",
    mcHistogramOff:
      "L = 4 にすると、サンプリングしたエネルギーが厳密なギブス分布に収束する様子が見られます（2¹⁶ 個の状態ならまだ和を計算できます）。",
    axisEnergyTotal: "エネルギー E（単位 J）",
    traceSampledEnergy: "サンプル",
    traceExactEnergy: "厳密なギブス分布 P(E)",
    mcSweep: "T を 1 から 4 まで掃引",
    mcSweepStop: "掃引を止める",
    mcSweepStatus:
      "掃引中：{total} 点中 {done} 点。各温度で平衡化に {settle} スイープ、測定に {measure} スイープ（ウォルフ法では同じ数のスピンに相当するクラスター数）。",
    mcSweepDone: "掃引完了：{total} 点の温度。",
    mcSweepStopped: "{total} 点中 {done} 点で掃引を止めました。",
    traceSweepM: "サンプルの ⟨|M|⟩/N",
    traceSweepC: "サンプルの C/N",
    traceOnsager: "|M|/N、無限格子（オンサーガー・ヤン）",
    traceKaufman: "C/N、この L の厳密解（カウフマン）",
    axisTemperatureJ: "温度 T（J/kB）",
    errSize: "L は {min} から {max} までの整数にしてください。",
  },
});
const { t, key } = strings;

const MIN_SIZE = 4;
const MAX_SIZE = 256;
const ALGORITHMS: readonly IsingAlgorithm[] = ["metropolis", "heatBath", "wolff"];
const ALGORITHM_NAMES = {
  metropolis: "algMetropolis",
  heatBath: "algHeatBath",
  wolff: "algWolff",
} as const satisfies Record<IsingAlgorithm, keyof typeof strings.en>;
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
    const parsed = parseInteger(size, MIN_SIZE, MAX_SIZE, key("errSize"));
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

/** A labelled control of the settings row. */
function setting(id: string, label: keyof typeof strings.en, control: HTMLElement): HTMLElement {
  return h("div", {}, h("label", { for: id, "data-i18n": key(label) }), control);
}

/** A graph with `label` as its accessible name. */
function plot(id: string, label: keyof typeof strings.en, extra = ""): HTMLElement {
  const classes = extra === "" ? "plot" : `plot ${extra}`;
  return h("div", { id, class: classes, role: "img", "data-i18n-aria": key(label) });
}

function markup(): HTMLElement {
  const algorithms = ALGORITHMS.map((a) =>
    h("option", { value: a, "data-i18n": key(ALGORITHM_NAMES[a]) }),
  );
  const speeds = SPEEDS.map((v) => h("option", { value: v }, String(v)));
  return card(
    { id: "montecarlo-panel", class: "montecarlo-panel layout-wide" },
    { id: "mc-heading", text: key("mcHeading") },
    h("p", { class: "caption", "data-i18n": key("mcCaption") }),
    h(
      "div",
      { class: "mc-controls" },
      setting(
        "mc-size",
        "mcSize",
        h("input", { id: "mc-size", type: "text", inputmode: "numeric", value: 64 }),
      ),
      setting("mc-algorithm", "mcAlgorithm", h("select", { id: "mc-algorithm" }, ...algorithms)),
      setting("mc-speed", "mcSpeed", h("select", { id: "mc-speed" }, ...speeds)),
      h(
        "div",
        { class: "buttons" },
        h("button", { id: "mc-run", type: "button", "aria-pressed": "false" }),
        h("button", { id: "mc-reset", type: "button", "data-i18n": key("mcReset") }),
      ),
    ),
    h("p", { id: "mc-error", class: "error", role: "alert" }),
    h("p", { id: "mc-failure", class: "error", role: "alert" }),
    h("p", { id: "mc-note", class: "note", role: "status", hidden: true }),
    h(
      "div",
      { class: "mc-live" },
      h(
        "div",
        { class: "mc-lattice" },
        h("canvas", {
          id: "mc-canvas",
          width: 64,
          height: 64,
          role: "img",
          "data-i18n-aria": key("mcCanvas"),
        }),
        h("p", { id: "mc-stats", class: "hint", "aria-live": "off" }),
      ),
      h(
        "div",
        { class: "mc-traces" },
        h("p", { class: "caption", "data-i18n": key("mcTraces") }),
        plot("plot-mc-traces", "mcTraces"),
      ),
    ),
    h("p", { id: "mc-states", class: "readout-line" }),
    h("p", { id: "mc-heat-bath", class: "readout-line" }),
    h("table", { id: "mc-table", class: "mc-table" }),
    h("p", { id: "mc-histogram-note", class: "caption" }),
    plot("plot-mc-histogram", "mcHeading"),
    h(
      "div",
      { class: "buttons" },
      h("button", { id: "mc-sweep", type: "button", "data-i18n": key("mcSweep") }),
    ),
    h("p", { id: "mc-sweep-status", class: "readout-line", "aria-live": "polite" }),
    plot("plot-mc-sweep", "mcSweep", "plot-tall-half"),
  );
}

export function mount(store: Store, layout: HTMLElement): void {
  layout.append(markup());
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
    const parsed = parseInteger(ui.size.value, MIN_SIZE, MAX_SIZE, key("errSize"));
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
