/**
 * The figures. Each function turns the current numbers into Plotly traces and a layout; `draw`
 * hands them to `Plotly.react`, which updates a graph in place. Every trace has a `uid`, so the
 * end-to-end tests can find the plotted numbers on the graph div (`div.data`).
 *
 * Above {@link MANY} states the bars become one filled line (one SVG path instead of thousands),
 * which keeps the slider smooth for large vectors.
 */
import Plotly from "plotly.js-dist";
import { type Language, type MessageKey, t } from "./i18n.ts";
import { CURVE_FROM, CURVE_TO, type Dataset, negativeCurves, type Snapshot } from "./physics.ts";
import { harmonicExact } from "./presets.ts";
import type { State } from "./store.ts";

/** More states than this are drawn as lines, not bars. */
export const MANY = 300;
/** Up to this many states the probability axis is fixed at [0, 1]. */
const FIXED_AXIS = 50;

const SOFTMAX = "#2a6fdb";
const GIBBS = "#d9480f";
const LEVEL = "#868e96";
const EXACT = "#2b8a3e";
const NEGATIVE = "#9c36b5";

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

/**
 * Keeps each graph as large as its box. The box changes with the window, the projector mode and
 * the language (longer or shorter text around it), so a ResizeObserver is more reliable than
 * Plotly's own window-resize listener. Plotly's resize runs 100 ms later, outside the observer.
 */
const sizes = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const div = entry.target as HTMLElement;
    if ((div as Partial<Plotly.PlotlyHTMLElement>).data === undefined) continue;
    const resized = Plotly.Plots.resize(div) as unknown;
    if (resized instanceof Promise) resized.catch(() => undefined);
  }
});

/** Starts following the size of the graph `id` (call once per graph). */
export function followSize(id: string): void {
  const div = document.getElementById(id);
  if (div !== null) sizes.observe(div);
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
    return Plotly.animate(div, frame, ANIMATION).catch(() => undefined);
  }
  structures.set(id, structure);
  return Plotly.react(div, figure.data, figure.layout, CONFIG).catch(() => undefined);
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

function indices(n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = i;
  return x;
}

/** [0, 1] for a few states; otherwise up to a little above the largest value plotted. */
function probabilityAxis(
  view: View,
  n: number,
  values: Float64Array[],
  key: MessageKey = "axisProbability",
): Partial<Plotly.LayoutAxis> {
  const axis = {
    ...ticksOutside(view),
    title: { text: t(view.language, key), standoff: 6 },
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
const PROBABILITY = ".3~g";

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

function classAxis(view: View, n: number) {
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
function envelope(y: Float64Array): { x: Float64Array; y: Float64Array } {
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
function distributionTrace(
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

export function softmaxFigure(view: View, snap: Snapshot): Figure {
  const n = snap.softmax.length;
  const data = [
    distributionTrace("softmax", t(view.language, "traceSoftmax"), snap.softmax, SOFTMAX),
  ];
  const layout = baseLayout(view);
  layout.showlegend = false;
  layout.bargap = 0.15;
  layout.xaxis = classAxis(view, n);
  layout.yaxis = probabilityAxis(view, n, [snap.softmax]);
  return { data, layout };
}

/** Levels below this fraction of the largest occupation count as empty for the zoom. */
const OCCUPIED = 1e-4;
/** Diagrams with more levels than this zoom to the occupied ones. */
const ZOOM_ABOVE = 20;

/** The occupied levels: the first and last index at or above OCCUPIED·max. */
export function occupiedLevels(occupation: Float64Array): { first: number; last: number } {
  let max = 0;
  for (const p of occupation) if (p > max) max = p;
  let first = 0;
  let last = occupation.length - 1;
  if (occupation.length > ZOOM_ABOVE && max > 0) {
    while (first < last && (occupation[first] as number) < OCCUPIED * max) first++;
    while (last > first && (occupation[last] as number) < OCCUPIED * max) last--;
  }
  return { first, last };
}

export function gibbsFigure(view: View, data: Dataset, snap: Snapshot): Figure {
  const { energies, degeneracies } = data.levels;
  const L = energies.length;
  const occupation = snap.levelOccupation;
  const layout = baseLayout(view);
  layout.showlegend = false;
  const fixed = L <= FIXED_AXIS;
  let top = 1.05;
  if (!fixed) {
    top = 0;
    for (const x of occupation) if (x > top) top = x;
    top = top * 1.15 || 1;
  }
  // Zoom to the occupied levels (the oscillator's ladder at T = 1, not 100 levels in a smudge).
  const { first, last } = occupiedLevels(occupation);
  const shown = last - first + 1;
  const low = energies[first] as number;
  const high = energies[last] as number;
  let gap = Number.POSITIVE_INFINITY;
  for (let k = first + 1; k <= last; k++) {
    gap = Math.min(gap, (energies[k] as number) - (energies[k - 1] as number));
  }
  const span = high - low;
  const width = Number.isFinite(gap) ? Math.max(0.55 * gap, 0.012 * span) : 0.5;
  const pad = Math.max(0.6 * width, 0.05 * span, span === 0 ? 0.5 : 0);
  const yRange: [number, number] = [low - pad, high + pad];
  const names = levelNames(view, data, first, last);
  const size = view.projector ? 18 : 12;
  // With token names the right margin is a column wide enough for the longest of them.
  if (names !== null) {
    const longest = Math.max(...names.map((name) => textWidth(name, size)));
    layout.margin = { ...layout.margin, r: Math.ceil(longest) + 24 };
  }
  layout.yaxis = {
    ...ticksOutside(view),
    title: { text: t(view.language, "axisEnergy"), standoff: 6 },
    zeroline: false,
    automargin: true,
    range: yRange,
  };
  layout.xaxis = {
    ...ticksOutside(view),
    title: { text: t(view.language, "axisOccupation") },
    range: [0, top],
    tickformat: PROBABILITY,
    ...(fixed ? { fixedrange: true, tickvals: [0, 0.2, 0.4, 0.6, 0.8, 1] } : {}),
  };
  const annotations: Partial<Plotly.Annotations>[] = [];
  const note = (key: MessageKey, count: number, y: number) =>
    annotations.push({
      text: t(view.language, key, { count }),
      xref: "paper",
      yref: "paper",
      x: 1,
      y,
      xanchor: "right",
      yanchor: "bottom",
      showarrow: false,
      font: { size, color: "#5c636a" },
      bgcolor: "rgba(255,255,255,0.85)",
    });
  // "⋮ N more above" just above the plot; "below" inside it, on its floor.
  if (last < L - 1) {
    note("levelsAbove", L - 1 - last, 1);
    layout.margin = { ...layout.margin, t: view.projector ? 36 : 26 };
  }
  if (first > 0) note("levelsBelow", first, 0);
  if (names !== null) {
    // Each name on its own line, evenly spaced beside the diagram, with a leader to its level:
    // the levels of the language-model preset bunch closer than a line of text.
    const step = (yRange[1] - yRange[0]) / names.length;
    names.forEach((name, j) => {
      annotations.push({
        text: name,
        x: top,
        y: energies[first + j] as number,
        xref: "x",
        yref: "y",
        ax: 16,
        ay: yRange[0] + (j + 0.5) * step,
        axref: "pixel",
        ayref: "y",
        xanchor: "left",
        showarrow: true,
        arrowhead: 0,
        arrowwidth: 1,
        arrowcolor: LEVEL,
        font: { size },
      });
    });
  }
  layout.annotations = annotations;
  if (L > MANY) return { data: [levelSticks(view, energies, occupation)], layout };
  // Level lines across the plot, one path with gaps (null) between the levels.
  const lineX: (number | null)[] = [];
  const lineY: (number | null)[] = [];
  if (shown <= 40) {
    for (let k = first; k <= last; k++) {
      const E = energies[k] as number;
      lineX.push(0, top, null);
      lineY.push(E, E, null);
    }
  }
  const text = Array.from(degeneracies, (g, k) =>
    g !== 1 && shown <= 40 && k >= first && k <= last ? `g = ${g}` : "",
  );
  const levels = {
    uid: "levels",
    name: t(view.language, "traceLevels"),
    type: "scatter",
    mode: "lines",
    x: lineX,
    y: lineY,
    line: { color: LEVEL, width: 1 },
    hoverinfo: "skip",
  } as Plotly.Data;
  const bars = {
    uid: "gibbs-levels",
    name: t(view.language, "traceGibbs"),
    type: "bar",
    orientation: "h",
    x: occupation,
    y: energies,
    width,
    text,
    textposition: "outside",
    cliponaxis: true,
    marker: { color: GIBBS },
    customdata: Array.from(degeneracies),
    hovertemplate: "E = %{y:.6g}<br>g = %{customdata}<br>p = %{x:.6g}<extra></extra>",
  } as Plotly.Data;
  return { data: [levels, bars], layout };
}

/** A generous estimate of a label's width in pixels (CJK characters are one em wide). */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += /[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 1.05 : 0.65;
  return em * size;
}

/**
 * The token names of the levels first…last (states of one level joined by " / "), when the
 * vector has names and few enough levels show to name them all.
 */
function levelNames(view: View, data: Dataset, first: number, last: number): string[] | null {
  const labels = view.labels;
  if (labels === null || last - first + 1 > 30) return null;
  const names: string[][] = Array.from({ length: last - first + 1 }, () => []);
  data.levelOf.forEach((k, i) => {
    if (k >= first && k <= last) names[k - first]?.push(labels[i] ?? "");
  });
  return names.map((n) => n.join(" / "));
}

/**
 * Many levels: each drawn as a stick from 0 to its occupation at its energy, all in one
 * unbroken path (a comb whose back runs along the energy axis), which draws far faster than
 * one path per level. Above 1 500 levels consecutive levels share a stick (the most occupied
 * one), as in {@link envelope}.
 */
function levelSticks(view: View, energies: Float64Array, occupation: Float64Array): Plotly.Data {
  const L = energies.length;
  const size = Math.ceil(L / 1500);
  const sticks = Math.ceil(L / size);
  const x = new Float64Array(3 * sticks);
  const y = new Float64Array(3 * sticks);
  for (let b = 0; b < sticks; b++) {
    const start = b * size;
    let best = start;
    for (let k = start + 1; k < Math.min(L, start + size); k++) {
      if ((occupation[k] as number) > (occupation[best] as number)) best = k;
    }
    const E = energies[best] as number;
    x[3 * b + 1] = occupation[best] as number;
    y[3 * b] = E;
    y[3 * b + 1] = E;
    y[3 * b + 2] = E;
  }
  return {
    uid: "gibbs-levels",
    name: t(view.language, "traceGibbs"),
    type: "scatter",
    mode: "lines",
    x,
    y,
    line: { color: GIBBS, width: 1 },
    hovertemplate: "E = %{y:.6g}<br>p = %{x:.6g}<extra></extra>",
  } as Plotly.Data;
}

export function overlayFigure(view: View, snap: Snapshot): Figure {
  const n = snap.softmax.length;
  const x = indices(n);
  const softmaxTrace = distributionTrace(
    "overlay-softmax",
    t(view.language, "traceSoftmax"),
    snap.softmax,
    SOFTMAX,
    0.55,
  );
  const gibbsTrace = (
    n <= MANY
      ? {
          uid: "overlay-gibbs",
          name: t(view.language, "traceGibbs"),
          type: "scatter",
          mode: "markers",
          x,
          y: snap.gibbs,
          marker: { color: GIBBS, symbol: "diamond", size: view.projector ? 14 : 10 },
          hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
        }
      : {
          uid: "overlay-gibbs",
          name: t(view.language, "traceGibbs"),
          type: "scatter",
          mode: "lines",
          ...envelope(snap.gibbs),
          line: { color: GIBBS, width: 1, dash: "dot" },
          hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
        }
  ) as Plotly.Data;
  const layout = baseLayout(view);
  layout.bargap = 0.15;
  layout.xaxis = classAxis(view, n);
  layout.yaxis = probabilityAxis(view, n, [snap.softmax, snap.gibbs]);
  return { data: [softmaxTrace, gibbsTrace], layout };
}

const QUANTITIES = [
  { key: "F", column: "freeEnergy", label: "qF" },
  { key: "U", column: "internalEnergy", label: "qU" },
  { key: "S", column: "entropy", label: "qS" },
  { key: "C", column: "heatCapacity", label: "qC" },
] as const;

const COLORS = { F: "#1c7ed6", U: "#e8590c", S: "#2f9e44", C: "#c2255c" } as const;

/** Decades of padding at each end of the temperature axis. */
const EDGE = 0.08;

export function curvesFigure(view: View, data: Dataset, snap: Snapshot, narrow: boolean): Figure {
  const T = snap.temperature;
  const absT = Math.abs(T);
  const negative = T < 0;
  const negativeColumns = negative ? negativeCurves(data) : null;
  const onAxis = absT >= CURVE_FROM && absT <= CURVE_TO;
  const exact = view.harmonic ? Array.from(data.grid, (x) => harmonicExact(x)) : null;
  const traces: Plotly.Data[] = [];
  const layout = baseLayout(view);
  layout.grid = narrow
    ? { rows: 4, columns: 1, pattern: "independent", ygap: 0.45 }
    : {
        rows: 2,
        columns: 2,
        pattern: "independent",
        ygap: 0.3,
        xgap: view.projector ? 0.24 : 0.15,
      };
  layout.margin = { ...layout.margin, t: 28 };
  // The legend on the page's floor, below the axis titles (not at a fraction of the height,
  // where a tall title could reach it).
  layout.legend = { orientation: "h", x: 0, y: 0, yref: "container", yanchor: "bottom" };
  layout.margin = { ...layout.margin, b: view.projector ? 130 : 100 };
  const annotations: Partial<Plotly.Annotations>[] = [];
  const S = snap.thermo;
  const current: Record<(typeof QUANTITIES)[number]["key"], number> = {
    F: S.freeEnergy,
    U: S.internalEnergy,
    S: S.entropy,
    C: S.heatCapacity,
  };
  QUANTITIES.forEach((q, j) => {
    const suffix = j === 0 ? "" : String(j + 1);
    const xaxis = `x${suffix}`;
    const yaxis = `y${suffix}`;
    const first = j === 0;
    const plotted: ArrayLike<number>[] = [data.curves[q.column]];
    traces.push({
      uid: `curve-${q.key}`,
      name: view.harmonic ? t(view.language, "truncatedCurve") : q.key,
      legendgroup: "curve",
      showlegend: view.harmonic && first,
      type: "scatter",
      mode: "lines",
      x: data.grid,
      y: data.curves[q.column],
      xaxis,
      yaxis,
      line: { color: COLORS[q.key], width: 2 },
      hovertemplate: `T = %{x:.4g}<br>${q.key} = %{y:.6g}<extra></extra>`,
    } as Plotly.Data);
    if (exact !== null) {
      const values = exact.map((e) => e[q.key]);
      plotted.push(values);
      traces.push({
        uid: `exact-${q.key}`,
        name: t(view.language, "exactCurve"),
        legendgroup: "exact",
        showlegend: first,
        type: "scatter",
        mode: "lines",
        x: data.grid,
        y: values,
        xaxis,
        yaxis,
        line: { color: EXACT, width: 2, dash: "dash" },
        hovertemplate: `T = %{x:.4g}<br>${q.key} = %{y:.6g}<extra></extra>`,
      } as Plotly.Data);
    }
    if (negativeColumns !== null) {
      plotted.push(negativeColumns[q.column]);
      traces.push({
        uid: `negative-${q.key}`,
        name: t(view.language, "negativeBranch"),
        legendgroup: "negative",
        showlegend: first,
        type: "scatter",
        mode: "lines",
        x: data.grid,
        y: negativeColumns[q.column],
        xaxis,
        yaxis,
        line: { color: NEGATIVE, width: 2, dash: "dash" },
        hovertemplate: `T = −%{x:.4g}<br>${q.key} = %{y:.6g}<extra></extra>`,
      } as Plotly.Data);
    }
    if (q.key === "S") {
      const max = Math.log(data.states);
      plotted.push([max]);
      traces.push({
        uid: "max-entropy",
        name: "ln N",
        showlegend: false,
        type: "scatter",
        mode: "lines",
        x: [CURVE_FROM, CURVE_TO],
        y: [max, max],
        xaxis,
        yaxis,
        line: { color: LEVEL, width: 1, dash: "dot" },
        hovertemplate: `ln N = ${max.toPrecision(6)}<extra></extra>`,
      } as Plotly.Data);
    }
    const range = paddedRange(plotted);
    if (onAxis) {
      traces.push({
        uid: `marker-${q.key}`,
        name: t(view.language, "current"),
        legendgroup: "marker",
        showlegend: first,
        type: "scatter",
        mode: "markers",
        x: [absT],
        y: [current[q.key]],
        xaxis,
        yaxis,
        marker: { color: "#212529", size: view.projector ? 14 : 10, symbol: "circle" },
        hovertemplate: `T = %{x:.4g}<br>${q.key} = %{y:.6g}<extra></extra>`,
      } as Plotly.Data);
      traces.push({
        uid: `now-${q.key}`,
        showlegend: false,
        type: "scatter",
        mode: "lines",
        x: [absT, absT],
        y: range,
        xaxis,
        yaxis,
        line: { color: "#adb5bd", width: 1, dash: "dot" },
        hoverinfo: "skip",
      } as Plotly.Data);
    }
    const axisName = (first ? "xaxis" : `xaxis${j + 1}`) as "xaxis";
    const yAxisName = (first ? "yaxis" : `yaxis${j + 1}`) as "yaxis";
    const bottom = narrow ? j === 3 : j >= 2;
    layout[axisName] = {
      ...ticksOutside(view),
      type: "log",
      // A little beyond 0.01 and 100, so the marker is whole at either end of the slider.
      range: [Math.log10(CURVE_FROM) - EDGE, Math.log10(CURVE_TO) + EDGE],
      title: bottom
        ? { text: t(view.language, negative ? "axisAbsTemperature" : "axisTemperature") }
        : { text: "" },
      dtick: 1,
      exponentformat: "power",
    };
    layout[yAxisName] = { ...ticksOutside(view), zeroline: true, automargin: true, range };
    annotations.push({
      text: t(view.language, q.label),
      xref: `${xaxis} domain` as Plotly.XAxisName,
      yref: `${yaxis} domain` as Plotly.YAxisName,
      x: 0,
      y: 1,
      xanchor: "left",
      yanchor: "bottom",
      showarrow: false,
      font: { size: view.projector ? 20 : 13, color: COLORS[q.key] },
    });
  });
  layout.annotations = annotations;
  return { data: traces, layout };
}

/** The span of the finite values, padded by 6 % (so the curves' axes stay put as T moves). */
function paddedRange(columns: ArrayLike<number>[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const column of columns) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i] as number;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return [-1, 1];
  const pad = hi > lo ? 0.06 * (hi - lo) : 0.5 * Math.max(1, Math.abs(hi));
  return [lo - pad, hi + pad];
}

export function samplesFigure(
  view: View,
  counts: Float64Array,
  total: number,
  target: Float64Array,
): Figure {
  const n = target.length;
  const frequency = new Float64Array(n);
  if (total > 0) for (let i = 0; i < n; i++) frequency[i] = (counts[i] as number) / total;
  const x = n <= MANY ? indices(n) : null;
  const bars = distributionTrace(
    "samples-frequency",
    t(view.language, "traceSamples"),
    frequency,
    "#5c7cfa",
    0.8,
  );
  const targetTrace = (
    n <= MANY
      ? {
          uid: "samples-target",
          name: t(view.language, "traceTarget"),
          type: "scatter",
          mode: "markers",
          x,
          y: target,
          marker: { color: GIBBS, symbol: "line-ew-open", size: 18, line: { width: 3 } },
          hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
        }
      : {
          uid: "samples-target",
          name: t(view.language, "traceTarget"),
          type: "scatter",
          mode: "lines",
          ...envelope(target),
          line: { color: GIBBS, width: 1 },
          hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
        }
  ) as Plotly.Data;
  const layout = baseLayout(view);
  layout.bargap = 0.15;
  layout.xaxis = classAxis(view, n);
  layout.yaxis = probabilityAxis(view, n, [frequency, target], "axisFrequency");
  return { data: [bars, targetTrace], layout };
}
