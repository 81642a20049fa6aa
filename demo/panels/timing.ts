/**
 * The computing time: the last update (the library's softmax, Gibbs and thermodynamics, and
 * drawing the plots), what changing the numbers cost, and which backend runs the exponentials.
 */
import { kernelBackend, whenKernelReady } from "gibbs-softmax";
import { ms } from "../format.ts";
import { defineStrings } from "../i18n.ts";
import { group } from "../parse.ts";
import { CURVE_POINTS, snapshotOf } from "../physics.ts";
import type { Store } from "../store.ts";
import { touched } from "../store.ts";
import { card, el, h } from "./dom.ts";

export const strings = defineStrings({
  en: {
    timingHeading: "Computing time",
    timingUpdate:
      "Last update for n = {n} states: {total} ms in all (softmax {softmax} ms, Gibbs {gibbs} ms, thermodynamics {thermo} ms, drawing {count} plots {plots} ms).",
    timingData:
      "When the numbers changed: parsing {parse} ms, merging into {levels} levels {merge} ms, the curves ({points} temperatures × {levels} levels = {work} exponentials) {sweep} ms.",
    timingCost:
      "Cost: one softmax of n values takes n exponentials and three passes over the vector.",
    kernelWasm:
      "The exponentials run on the WebAssembly SIMD kernel: the same results as the JavaScript path, to the last bit, several times faster.",
    kernelJs:
      "The exponentials run on the JavaScript path (WebAssembly SIMD is unavailable here, or still loading).",
  },
  ja: {
    timingHeading: "計算時間",
    timingUpdate:
      "状態数 n = {n} での直近の更新：合計 {total} ms（ソフトマックス {softmax} ms、ギブス分布 {gibbs} ms、熱力学量 {thermo} ms、グラフ {count} 枚の描画 {plots} ms）。",
    timingData:
      "数値を変えたとき：読み取り {parse} ms、{levels} 個の準位へのまとめ {merge} ms、曲線（温度 {points} 点 × 準位 {levels} 個 = 指数関数 {work} 回）{sweep} ms。",
    timingCost:
      "コスト：n 個の値のソフトマックス一回には、指数関数 n 回とベクトル全体を三巡する計算が必要です。",
    kernelWasm:
      "指数関数は WebAssembly SIMD カーネルで計算しています。JavaScript の経路と最後の 1 ビットまで同じ結果で、数倍速く計算します。",
    kernelJs:
      "指数関数は JavaScript の経路で計算しています（ここでは WebAssembly SIMD が使えないか、まだ読み込み中です）。",
  },
});
const { t, key } = strings;

function markup(): HTMLElement {
  return card(
    { class: "timing-panel layout-wide" },
    { id: "timing-heading", text: key("timingHeading") },
    h("p", { id: "timing-update" }),
    h("p", { id: "timing-data" }),
    h("p", { class: "hint", "data-i18n": key("timingCost") }),
    h("p", { class: "hint", id: "timing-kernel" }),
  );
}

export function mount(store: Store, layout: HTMLElement): void {
  layout.append(markup());
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
