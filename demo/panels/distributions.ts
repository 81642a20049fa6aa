/**
 * The distributions: softmax(z/τ) per class, the Gibbs occupation per level, both on shared
 * axes, and how far apart they are (per state, and per level where a level is degenerate).
 */
import { fmt } from "../format.ts";
import { t } from "../i18n.ts";
import { hasDegenerateLevel, snapshotOf } from "../physics.ts";
import { gibbsFigure, overlayFigure, softmaxFigure, viewOf } from "../plots.ts";
import type { Store } from "../store.ts";
import { touched } from "../store.ts";
import { el } from "./dom.ts";
import { Graph } from "./plot.ts";

export function mount(store: Store): void {
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
