/**
 * What the figures share: the view of the page they are drawn for, the base layout and axes,
 * the bars (or envelopes) of a distribution, and `draw`, which hands a figure to
 * `Plotly.react` (or `Plotly.animate`) to update a graph in place. Each panel builds its own
 * figures from these (demo/panels/). Every trace has a `uid`, so the end-to-end tests can find
 * the plotted numbers on the graph div (`div.data`).
 *
 * Above {@link MANY} states the bars become one filled line (one SVG path instead of thousands),
 * which keeps the slider smooth for large vectors.
 *
 * Plotly itself is handed over by main.ts ({@link usePlotly}): building a figure needs no
 * Plotly, so the panels load in Node too (the tests read their strings there).
 */
import type Plotly from "plotly.js-dist";
import { type Language, t } from "./i18n.ts";
import type { State } from "./store.ts";

/** More states than this are drawn as lines, not bars. */
export const MANY = 300;
/** Up to this many states the probability axis is fixed at [0, 1]. */
export const FIXED_AXIS = 50;

export const SOFTMAX = "#2a6fdb";
export const GIBBS = "#d9480f";
export const LEVEL = "#868e96";
export const EXACT = "#2b8a3e";
export const NEGATIVE = "#9c36b5";

export interface View {
  language: Language;
  projector: boolean;
  /** Class names (tokens) when the vector has them, else null (indices are shown). */
  labels: string[] | null;
  /** Draw the exact oscillator curves (the harmonic preset, unedited). */
  harmonic: boolean;
  /** Changes when the numbers change, so a zoom survives temperature changes only. */
  revision: number;
}

/** What the figures need to know about the page. */
export function viewOf(state: Readonly<State>): View {
  const labels =
    state.labels !== null && state.labels.length === state.data.logits.length
      ? state.labels.map((key) => t(state.language, key))
      : null;
  return {
    language: state.language,
    projector: state.projector,
    labels,
    harmonic: state.preset === "harmonic",
    revision: state.revision,
  };
}

export type Figure = { data: Plotly.Data[]; layout: Partial<Plotly.Layout> };

const CONFIG: Partial<Plotly.Config> = {
  displaylogo: false,
  displayModeBar: false,
};

type PlotlyModule = typeof Plotly;
let plotly: PlotlyModule | null = null;

/** Hands Plotly to the figures (main.ts, once, before any panel draws). */
export function usePlotly(module: PlotlyModule): void {
  plotly = module;
}

function plotlyModule(): PlotlyModule {
  if (plotly === null) throw new Error("demo: usePlotly() must run before a graph is drawn");
  return plotly;
}

/**
 * Keeps each graph as large as its box. The box changes with the window, the projector mode and
 * the language (longer or shorter text around it), so a ResizeObserver is more reliable than
 * Plotly's own window-resize listener. Plotly's resize runs 100 ms later, outside the observer.
 */
let sizes: ResizeObserver | null = null;

/** Starts following the size of the graph `id` (call once per graph). */
export function followSize(id: string): void {
  const div = document.getElementById(id);
  if (div === null) return;
  sizes ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const graph = entry.target as HTMLElement;
      if ((graph as Partial<Plotly.PlotlyHTMLElement>).data === undefined) continue;
      const resized = plotlyModule().Plots.resize(graph) as unknown;
      if (resized instanceof Promise) resized.catch(() => undefined);
    }
  });
  sizes.observe(div);
}

/** What `draw` last sent to each graph with a full update, apart from the data and ranges. */
const structures = new Map<string, string>();
/** The x and y objects `draw` last sent to each graph, trace by trace. */
const sent = new Map<string, { x?: unknown; y?: unknown }[]>();

const ANIMATION: Partial<Plotly.AnimationOpts> = {
  mode: "immediate",
  transition: { duration: 0 },
  frame: { duration: 0, redraw: false },
};

/** The figure without the numbers that move with the temperature (x, y and axis ranges). */
function structureOf(figure: Figure): string {
  return JSON.stringify([figure.data, figure.layout], (key, value) =>
    key === "x" || key === "y" || key === "range" ? undefined : value,
  );
}

/** The axis ranges of a layout, for an update that moves only the data. */
function rangesOf(layout: Partial<Plotly.Layout>): Partial<Plotly.Layout> {
  const ranges: Record<string, { range: unknown }> = {};
  for (const [key, value] of Object.entries(layout)) {
    const range = (value as { range?: unknown } | undefined)?.range;
    if (/^[xy]axis\d*$/.test(key) && range !== undefined) ranges[key] = { range };
  }
  return ranges as Partial<Plotly.Layout>;
}

/**
 * Updates the graph `id` in place. When only the numbers changed (the usual case while the
 * temperature slider moves), the new x/y go through `Plotly.animate` without a redraw, which
 * moves the bars, markers and lines but skips rebuilding axes, legends and titles: about five
 * times cheaper than `Plotly.react`. Anything else (new vector, language, layout) is a full
 * `Plotly.react`.
 */
export function draw(id: string, figure: Figure): Promise<unknown> {
  const div = document.getElementById(id);
  if (div === null) return Promise.resolve();
  const structure = structureOf(figure);
  const drawn = (div as Partial<Plotly.PlotlyHTMLElement>).data !== undefined;
  const previous = sent.get(id) ?? [];
  const points = figure.data.map((trace) => {
    const { x, y } = trace as { x?: unknown; y?: unknown };
    return { x, y };
  });
  sent.set(id, points);
  if (drawn && structures.get(id) === structure) {
    // Plain arrays: Plotly walks a typed array's indices one by one when it merges a frame.
    const plain = (v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v);
    // Only the traces whose numbers are new objects are sent (a fixed target line is not).
    const traces = points
      .map((p, i) => (p.x === previous[i]?.x && p.y === previous[i]?.y ? -1 : i))
      .filter((i) => i >= 0);
    const data = traces.map((i) => {
      const p = points[i] as { x?: unknown; y?: unknown };
      return { x: plain(p.x), y: plain(p.y) } as Plotly.Data;
    });
    const frame: Partial<Plotly.Frame> = { data, traces, layout: rangesOf(figure.layout) };
    return plotlyModule()
      .animate(div, frame, ANIMATION)
      .catch(() => undefined);
  }
  structures.set(id, structure);
  return plotlyModule()
    .react(div, figure.data, figure.layout, CONFIG)
    .catch(() => undefined);
}

export function baseLayout(view: View): Partial<Plotly.Layout> {
  const size = view.projector ? 20 : 13;
  return {
    font: {
      size,
      family: "system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', sans-serif",
    },
    margin: { l: view.projector ? 80 : 60, r: 16, t: 12, b: view.projector ? 70 : 52 },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "#ffffff",
    showlegend: true,
    legend: { orientation: "h", x: 0, y: 1, yanchor: "bottom" },
    uirevision: view.revision,
    hoverlabel: { font: { size } },
  };
}

/** 0, 1, …, n − 1: the states' indices on a class axis. */
export function indices(n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = i;
  return x;
}

/**
 * [0, 1] for a few states; otherwise up to a little above the largest value plotted. Its title
 * is "probability" unless `title` says otherwise.
 */
export function probabilityAxis(
  view: View,
  n: number,
  values: Float64Array[],
  title = t(view.language, "axisProbability"),
): Partial<Plotly.LayoutAxis> {
  const axis = {
    ...ticksOutside(view),
    title: { text: title, standoff: 6 },
    tickformat: PROBABILITY,
    automargin: true,
  };
  if (n <= FIXED_AXIS) return { ...axis, range: [0, 1.02], fixedrange: true };
  let top = 0;
  for (const v of values) {
    for (let i = 0; i < v.length; i++) if ((v[i] as number) > top) top = v[i] as number;
  }
  return { ...axis, range: [0, niceCeiling(1.08 * top)] };
}

/**
 * Probabilities as plain decimals (0.0004), never with an SI prefix (Plotly's default would
 * write "400μ"): d3's `~g` with three significant digits, switching to 1e−7 only for the tiny.
 */
export const PROBABILITY = ".3~g";

/**
 * Tick marks outside the plot push the tick labels away from the axis line, so the labels of
 * two axes that meet at a corner (a "−0.5" on the y axis and a "0" on the x axis) cannot touch.
 */
export function ticksOutside(view: View): Partial<Plotly.LayoutAxis> {
  // automargin: the margins grow to fit the tick labels and the title, so none is cut off.
  return {
    ticks: "outside",
    ticklen: view.projector ? 8 : 5,
    tickcolor: "#adb5bd",
    automargin: true,
  };
}

/**
 * The next of 1, 2, 5 × 10ᵏ at or above x (capped at 1.02): an axis that moves in steps, not
 * every frame, since redrawing an axis costs far more than moving the bars.
 */
function niceCeiling(x: number): number {
  if (!(x > 0)) return 1.02;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 2, 5, 10]) if (step * power >= x) return Math.min(1.02, step * power);
  return 1.02;
}

/** The states (or tokens, by name) along the x axis of a distribution. */
export function classAxis(view: View, n: number) {
  const labels = view.labels;
  // automargin: the margin grows to fit the (rotated) token names and the title below them, so
  // neither is cut off nor drawn over the other.
  const axis: Partial<Plotly.LayoutAxis> = {
    ...ticksOutside(view),
    title: { text: t(view.language, labels === null ? "axisState" : "axisIndex"), standoff: 8 },
    zeroline: false,
    automargin: true,
    // Indices as plain numbers (2000, not "2k").
    exponentformat: "none",
  };
  if (labels !== null && labels.length === n) {
    axis.tickvals = Array.from(indices(n));
    axis.ticktext = labels;
    axis.tickangle = -40;
  } else if (n <= 30) {
    axis.dtick = 1;
  }
  return axis;
}

/** Above this many states a line plot shows the envelope (the largest value per bin): about a
 * point per pixel of a wide plot, so a redraw stays well inside a frame. */
const MAX_POINTS = 1600;

/**
 * The upper envelope of y against its index, at most MAX_POINTS points: each bin of consecutive
 * indices becomes a flat top at its largest value, so no spike disappears while a 100 000-state
 * plot costs no more to draw than a 1 600-state one.
 */
export function envelope(y: Float64Array): { x: Float64Array; y: Float64Array } {
  // The same vector gives the same envelope object, so `draw` can tell an unchanged trace.
  const cached = envelopes.get(y);
  if (cached !== undefined) return cached;
  const result = computeEnvelope(y);
  envelopes.set(y, result);
  return result;
}

const envelopes = new WeakMap<Float64Array, { x: Float64Array; y: Float64Array }>();

function computeEnvelope(y: Float64Array): { x: Float64Array; y: Float64Array } {
  const n = y.length;
  if (n <= MAX_POINTS) return { x: indices(n), y };
  const size = Math.ceil(n / (MAX_POINTS / 2));
  const bins = Math.ceil(n / size);
  const ex = new Float64Array(2 * bins);
  const ey = new Float64Array(2 * bins);
  for (let b = 0; b < bins; b++) {
    const start = b * size;
    const end = Math.min(n, start + size) - 1;
    let max = 0;
    for (let i = start; i <= end; i++) if ((y[i] as number) > max) max = y[i] as number;
    ex[2 * b] = start;
    ex[2 * b + 1] = end;
    ey[2 * b] = max;
    ey[2 * b + 1] = max;
  }
  return { x: ex, y: ey };
}

/** Bars for a handful of states; a filled line (an envelope when huge) for many. */
export function distributionTrace(
  uid: string,
  name: string,
  y: Float64Array,
  color: string,
  opacity = 1,
): Plotly.Data {
  if (y.length <= MANY) {
    const x = indices(y.length);
    return {
      uid,
      name,
      type: "bar",
      x,
      y,
      marker: { color },
      opacity,
      hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
    } as Plotly.Data;
  }
  const e = envelope(y);
  return {
    uid,
    name,
    type: "scatter",
    mode: "lines",
    x: e.x,
    y: e.y,
    fill: "tozeroy",
    line: { color, width: 1 },
    opacity,
    hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
  } as Plotly.Data;
}
