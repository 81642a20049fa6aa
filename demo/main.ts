/**
 * The demo page: softmax and the Gibbs distribution side by side as the temperature changes.
 *
 * Each panel is one module in demo/panels/ that owns everything about it: its markup (built
 * with DOM calls by its `mount`, into the grid `<main id="panels">` of index.html, in the order
 * of PANELS), its strings in English and Japanese (`export const strings = defineStrings(...)`),
 * its part of the link (`readUrl`, `writeUrl`) and its render, which reads the state and changes
 * it only through the store (demo/store.ts). The store renders every panel once per animation
 * frame with the keys that changed. This file only wires the panels to the store, the strings
 * to the page-wide lookup and the state to the link; index.html is the page's skeleton only.
 *
 * Adding a panel:
 * 1. Write demo/panels/<name>.ts (copy timing.ts, the smallest): `strings` with the same keys in
 *    `en` and `ja` (a missing Japanese string is a type error), and `mount(store, layout)`,
 *    which appends its `<section class="panel …">` to `layout` (add `layout-wide` for the
 *    whole width; style.css lists the other widths) and subscribes its render to the store.
 *    Text from fields or the URL reaches the page only through `textContent` or form values.
 * 2. Import it here and add it to PANELS where it belongs on the page.
 * 3. If it needs state of its own, add the keys (and their first values) to the store.
 * test/e2e/demo-panels.test.ts checks this shape: every listed panel exports `mount` and its own
 * strings in both languages, no two panels share a key or an element id, and index.html holds
 * no panel's markup.
 */
import Plotly from "plotly.js-dist";
import { registerStrings } from "./i18n.ts";
import * as curves from "./panels/curves.ts";
import * as distributions from "./panels/distributions.ts";
import { el } from "./panels/dom.ts";
import * as input from "./panels/input.ts";
import * as montecarlo from "./panels/montecarlo.ts";
import * as page from "./panels/page.ts";
import * as sampling from "./panels/sampling.ts";
import * as temperature from "./panels/temperature.ts";
import * as thermodynamics from "./panels/thermodynamics.ts";
import * as timing from "./panels/timing.ts";
import type { InputError } from "./parse.ts";
import { usePlotly } from "./plots.ts";
import { initialState, type Panel, Store } from "./store.ts";

/**
 * In page order; the link is read in this order too (the preset before the temperature). The
 * temperature panel adds its controls to the input panel's card, so it comes after it.
 */
const PANELS: readonly Panel[] = [
  page,
  input,
  temperature,
  distributions,
  thermodynamics,
  curves,
  sampling,
  montecarlo,
  timing,
];

usePlotly(Plotly);
for (const panel of PANELS) registerStrings(panel.strings);

const store = new Store(initialState());
const params = new URLSearchParams(location.search);
for (const panel of PANELS) panel.readUrl?.(params, store);
const layout = el("panels");
for (const panel of PANELS) panel.mount(store, layout);

/** Writes the state into the address after a short pause (browsers throttle history calls). */
let urlTimer: ReturnType<typeof setTimeout> | undefined;
function writeUrl(): void {
  const state = store.state;
  const next = new URLSearchParams();
  const notes: InputError[] = [];
  for (const panel of PANELS) notes.push(...(panel.writeUrl?.(state, next) ?? []));
  if (JSON.stringify(notes) !== JSON.stringify(state.writeNotes)) store.set({ writeNotes: notes });
  history.replaceState(null, "", `?${next.toString()}`);
}
store.subscribe(() => {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrl, 300);
});

let frames = 0;
store.onFrameDone(() => {
  document.body.dataset.renders = String(++frames);
});
store.renderAll();
document.body.dataset.ready = "true";
