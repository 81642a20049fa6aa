/**
 * F, U, S and C against the temperature (log axis from 0.01 to 100), with a marker at the
 * current temperature, the negative branch when T < 0, and the exact oscillator curves.
 */
import { t } from "../i18n.ts";
import { temperatureText } from "../parse.ts";
import { CURVE_FROM, CURVE_TO, snapshotOf } from "../physics.ts";
import { curvesFigure, viewOf } from "../plots.ts";
import type { State, Store } from "../store.ts";
import { touched } from "../store.ts";
import { el } from "./dom.ts";
import { Graph } from "./plot.ts";

/** Below this width the four panels stack in one column. */
const NARROW = 560;

export function mount(store: Store): void {
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
