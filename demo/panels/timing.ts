/**
 * The computing time: the last update (the library's softmax, Gibbs and thermodynamics, and
 * drawing the plots), what changing the numbers cost, and which backend runs the exponentials.
 */
import { kernelBackend, whenKernelReady } from "gibbs-softmax";
import { ms } from "../format.ts";
import { t } from "../i18n.ts";
import { group } from "../parse.ts";
import { CURVE_POINTS, snapshotOf } from "../physics.ts";
import type { Store } from "../store.ts";
import { touched } from "../store.ts";
import { el } from "./dom.ts";

export function mount(store: Store): void {
  const update = el("timing-update");
  const data = el("timing-data");
  const kernel = el("timing-kernel");
  let frames = 0;

  const showKernel = () => {
    const wasm = kernelBackend() === "wasm-simd";
    kernel.textContent = t(store.state.language, wasm ? "kernelWasm" : "kernelJs");
    kernel.dataset.backend = kernelBackend();
  };
  void whenKernelReady().then(showKernel);

  store.onFrameDone((report) => {
    frames++;
    const c = report.changed;
    if (!(c.has("data") || c.has("temperature") || c.has("language"))) return;
    const state = store.state;
    const snap = snapshotOf(state.data, state.temperature);
    const s = snap.timing;
    const compute = s.softmax + s.gibbs + s.thermo;
    update.textContent = t(state.language, "timingUpdate", {
      n: group(state.data.logits.length),
      total: ms(report.totalMs),
      softmax: ms(s.softmax),
      gibbs: ms(s.gibbs),
      thermo: ms(s.thermo),
      plots: ms(Math.max(0, report.totalMs - compute)),
      count: report.plots,
    });
    update.dataset.totalMs = String(report.totalMs);
    update.dataset.computeMs = String(compute);
    update.dataset.plots = String(report.plots);
    update.dataset.done = String(frames);
  });

  store.subscribe((state, frame) => {
    if (touched(frame, "language")) showKernel();
    if (touched(frame, "data", "parseMs", "language")) {
      const d = state.data;
      const levels = d.levels.energies.length;
      data.textContent = t(state.language, "timingData", {
        parse: ms(state.parseMs),
        levels: group(levels),
        merge: ms(d.timing.merge),
        points: CURVE_POINTS,
        work: group(CURVE_POINTS * levels),
        sweep: ms(d.timing.sweep),
      });
    }
  });
}
