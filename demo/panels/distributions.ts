/**
 * The distributions: softmax(z/τ) per class, the Gibbs occupation per level, both on shared
 * axes, and how far apart they are (per state, and per level where a level is degenerate).
 */
import type Plotly from "plotly.js-dist";
import { fmt } from "../format.ts";
import { defineStrings } from "../i18n.ts";
import { type Dataset, hasDegenerateLevel, type Snapshot, snapshotOf } from "../physics.ts";
import {
  baseLayout,
  classAxis,
  distributionTrace,
  envelope,
  FIXED_AXIS,
  type Figure,
  GIBBS,
  indices,
  LEVEL,
  MANY,
  PROBABILITY,
  probabilityAxis,
  SOFTMAX,
  ticksOutside,
  type View,
  viewOf,
} from "../plots.ts";
import type { Store } from "../store.ts";
import { touched } from "../store.ts";
import { card, el, h } from "./dom.ts";
import { Graph } from "./plot.ts";

export const strings = defineStrings({
  en: {
    softmaxHeading: "Machine learning: softmax(z/τ)",
    softmaxCaption: "One bar per class (token): the probability pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ).",
    gibbsHeading: "Physics: the Gibbs distribution",
    gibbsCaption:
      "Energy levels at their energies E (ground state at the bottom); the bar on each level is its occupation gₖ·exp(−Eₖ/T) / Z.",
    overlayHeading: "Both on shared axes",
    overlayCaption:
      "Bars: softmax(z/τ). Diamonds: the Gibbs occupation of each state, gibbs(E, T) with E = −z and T = τ. They coincide.",
    maxDiff: "Largest difference over the states, max |softmax − Gibbs|",
    maxDiffLevels: "Per level, max |Σ softmax over the level's g states − Gibbs(E, g)|",
    maxDiffLevelsNote:
      "A level of degeneracy g is g softmax classes with equal logits, so their summed probability is the level's Gibbs occupation g·e^(−E/T)/Z. The two are computed differently (a sum of g terms against one term times g): what differs is rounding in the last bits.",
    exactly: "(exactly equal)",
    traceSoftmax: "softmax(z/τ)",
    traceGibbs: "Gibbs(E = −z, T = τ)",
    traceLevels: "levels",
    axisEnergy: "energy E",
    axisOccupation: "occupation of the level",
    levelsAbove: "⋮ {count} more above",
    levelsBelow: "⋮ {count} more below",
  },
  ja: {
    softmaxHeading: "機械学習：softmax(z/τ)",
    softmaxCaption: "クラス（トークン）ごとの棒が確率 pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ) です。",
    gibbsHeading: "物理：ギブス分布",
    gibbsCaption:
      "エネルギー準位をそのエネルギー E の高さに描きます（基底状態が一番下）。各準位の棒はその占有確率 gₖ·exp(−Eₖ/T) / Z です。",
    overlayHeading: "同じ軸に重ねる",
    overlayCaption:
      "棒は softmax(z/τ)、ひし形は各状態のギブス分布 gibbs(E, T)（E = −z、T = τ）です。両者は重なります。",
    maxDiff: "状態ごとの最大の差 max |ソフトマックス − ギブス|",
    maxDiffLevels:
      "準位ごとの最大の差 max |準位の g 個の状態についてのソフトマックスの和 − ギブス分布(E, g)|",
    maxDiffLevelsNote:
      "縮退度 g の準位は、等しいロジットを持つ g 個のソフトマックスのクラスにあたるので、その確率の和が準位のギブス分布の占有確率 g·e^(−E/T)/Z になります。二つは計算の仕方が違う（g 個の項の和と、一つの項の g 倍）ため、差は最後の数ビットの丸め誤差だけです。",
    exactly: "（完全に一致）",
    traceSoftmax: "softmax(z/τ)",
    traceGibbs: "ギブス分布（E = −z、T = τ）",
    traceLevels: "準位",
    axisEnergy: "エネルギー E",
    axisOccupation: "準位の占有確率",
    levelsAbove: "⋮ ほかに上に {count} 準位",
    levelsBelow: "⋮ ほかに下に {count} 準位",
  },
});
const { t, key } = strings;

function softmaxFigure(view: View, snap: Snapshot): Figure {
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
function occupiedLevels(occupation: Float64Array): { first: number; last: number } {
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

function gibbsFigure(view: View, data: Dataset, snap: Snapshot): Figure {
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
  const note = (which: "levelsAbove" | "levelsBelow", count: number, y: number) =>
    annotations.push({
      text: t(view.language, which, { count }),
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

function overlayFigure(view: View, snap: Snapshot): Figure {
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

/** A card with one distribution: its heading, caption and graph. */
function plotCard(name: "softmax" | "gibbs"): HTMLElement {
  const heading = key(`${name}Heading`);
  return card(
    { class: `${name}-panel` },
    { id: `${name}-heading`, text: heading },
    h("p", { class: "caption", "data-i18n": key(`${name}Caption`) }),
    h("div", { id: `plot-${name}`, class: "plot", role: "img", "data-i18n-aria": heading }),
  );
}

/** Three cards: softmax, Gibbs, and both on shared axes with their largest difference. */
function markup(): HTMLElement[] {
  const overlay = card(
    { class: "overlay-panel layout-double" },
    { id: "overlay-heading", text: key("overlayHeading") },
    h("p", { class: "caption", "data-i18n": key("overlayCaption") }),
    h(
      "p",
      { class: "readout-line" },
      h("span", { "data-i18n": key("maxDiff") }),
      " = ",
      h("output", { id: "readout-diff" }),
      " ",
      h("span", { id: "readout-diff-note" }),
    ),
    h(
      "div",
      { id: "diff-levels-line", class: "readout-line" },
      h("span", { "data-i18n": key("maxDiffLevels") }),
      " = ",
      h("output", { id: "readout-diff-levels" }),
      h("p", { class: "hint", "data-i18n": key("maxDiffLevelsNote") }),
    ),
    h("div", {
      id: "plot-overlay",
      class: "plot",
      role: "img",
      "data-i18n-aria": key("overlayHeading"),
    }),
  );
  return [plotCard("softmax"), plotCard("gibbs"), overlay];
}

export function mount(store: Store, layout: HTMLElement): void {
  layout.append(...markup());
  const softmax = new Graph("plot-softmax");
  const gibbs = new Graph("plot-gibbs");
  const overlay = new Graph("plot-overlay");
  const diff = el<HTMLOutputElement>("readout-diff");
  const diffNote = el("readout-diff-note");
  const levelsLine = el("diff-levels-line");
  const levels = el<HTMLOutputElement>("readout-diff-levels");

  store.subscribe((state, frame) => {
    if (!touched(frame, "data", "temperature", "language", "projector", "labels", "preset")) return;
    const snap = snapshotOf(state.data, state.temperature);
    const view = viewOf(state);
    softmax.update(frame, () => softmaxFigure(view, snap));
    gibbs.update(frame, () => gibbsFigure(view, state.data, snap));
    overlay.update(frame, () => overlayFigure(view, snap));

    diff.textContent = fmt(snap.maxDiff, 3);
    diff.dataset.value = String(snap.maxDiff);
    diffNote.textContent = snap.maxDiff === 0 ? t(state.language, "exactly") : "";
    // Without a degenerate level, "per level" is "per state" again: the line would only repeat
    // (or show a rounding difference between two ways of computing the same number).
    levelsLine.hidden = !hasDegenerateLevel(state.data);
    levels.textContent = fmt(snap.maxDiffLevels, 3);
    levels.dataset.value = String(snap.maxDiffLevels);
  });
}
