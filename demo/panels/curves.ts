/**
 * F, U, S and C against the temperature (log axis from 0.01 to 100), with a marker at the
 * current temperature, the negative branch when T < 0, and the exact oscillator curves.
 */
import type Plotly from "plotly.js-dist";
import { defineStrings } from "../i18n.ts";
import { temperatureText } from "../parse.ts";
import {
  CURVE_FROM,
  CURVE_TO,
  type Dataset,
  negativeCurves,
  type Snapshot,
  snapshotOf,
} from "../physics.ts";
import {
  baseLayout,
  EXACT,
  type Figure,
  LEVEL,
  NEGATIVE,
  ticksOutside,
  type View,
  viewOf,
} from "../plots.ts";
import { harmonicExact } from "../presets.ts";
import type { State, Store } from "../store.ts";
import { touched } from "../store.ts";
import { card, el, h } from "./dom.ts";
import { Graph } from "./plot.ts";

export const strings = defineStrings({
  en: {
    curvesHeading: "F, U, S and C against temperature",
    curvesCaption:
      "Log temperature axis from 0.01 to 100; the marker is the current temperature. The dotted line in the entropy panel is its maximum ln N.",
    curvesNegative:
      "T < 0: the dashed curves are the negative branch, plotted against |T|; the marker sits on them.",
    curvesOffAxis:
      "The current temperature ({t}) is outside the plotted range, so no marker is shown.",
    exactCurve: "exact (untruncated)",
    truncatedCurve: "100 levels",
    negativeBranch: "T < 0 branch",
    current: "current T",
    axisTemperature: "temperature T",
    axisAbsTemperature: "|T|",
  },
  ja: {
    curvesHeading: "温度に対する F, U, S, C",
    curvesCaption:
      "温度の軸は 0.01 から 100 までの対数目盛で、マーカーが現在の温度です。エントロピーの図の点線はその最大値 ln N です。",
    curvesNegative:
      "T < 0：破線は負の温度の枝を |T| に対して描いたもので、マーカーはその上にあります。",
    curvesOffAxis: "現在の温度（{t}）は描画範囲の外にあるため、マーカーは表示していません。",
    exactCurve: "厳密解（打ち切りなし）",
    truncatedCurve: "100 準位",
    negativeBranch: "T < 0 の枝",
    current: "現在の T",
    axisTemperature: "温度 T",
    axisAbsTemperature: "|T|",
  },
});
const { t, key } = strings;

const QUANTITIES = [
  { key: "F", column: "freeEnergy", label: "qF" },
  { key: "U", column: "internalEnergy", label: "qU" },
  { key: "S", column: "entropy", label: "qS" },
  { key: "C", column: "heatCapacity", label: "qC" },
] as const;

const COLORS = { F: "#1c7ed6", U: "#e8590c", S: "#2f9e44", C: "#c2255c" } as const;

/** Decades of padding at each end of the temperature axis. */
const EDGE = 0.08;

function curvesFigure(view: View, data: Dataset, snap: Snapshot, narrow: boolean): Figure {
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

/** Below this width the four panels stack in one column. */
const NARROW = 560;

function markup(): HTMLElement {
  return card(
    { class: "curves-panel layout-double" },
    { id: "curves-heading", text: key("curvesHeading") },
    h("p", { class: "caption", "data-i18n": key("curvesCaption") }),
    h("p", { id: "curves-note", class: "caption" }),
    h("div", {
      id: "plot-curves",
      class: "plot plot-tall",
      role: "img",
      "data-i18n-aria": key("curvesHeading"),
    }),
  );
}

export function mount(store: Store, layout: HTMLElement): void {
  layout.append(markup());
  const curves = new Graph("plot-curves");
  const note = el("curves-note");
  const figure = (state: Readonly<State>, narrow: boolean) => () =>
    curvesFigure(viewOf(state), state.data, snapshotOf(state.data, state.temperature), narrow);
  let narrow = curves.node.clientWidth < NARROW;
  window.addEventListener("resize", () => {
    if (curves.node.clientWidth < NARROW === narrow) return;
    narrow = !narrow;
    void curves.drawNow(figure(store.state, narrow)());
  });
  store.subscribe((state, frame) => {
    if (!touched(frame, "data", "temperature", "language", "projector", "preset")) return;
    const T = state.temperature;
    narrow = curves.node.clientWidth < NARROW;
    curves.update(frame, figure(state, narrow));

    const absT = Math.abs(T);
    const notes: string[] = [];
    if (T < 0) notes.push(t(state.language, "curvesNegative"));
    if (!(absT >= CURVE_FROM && absT <= CURVE_TO)) {
      notes.push(t(state.language, "curvesOffAxis", { t: temperatureText(T) }));
    }
    note.textContent = notes.join(" ");
  });
}
