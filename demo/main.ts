/**
 * The demo page: softmax and the Gibbs distribution side by side as the temperature changes.
 *
 * Each panel is one module (demo/panels/) with `mount(store)`: it renders from the state it
 * reads and changes the state only through the store, which renders every panel once per
 * animation frame with the keys that changed. This file only wires the panels to the store and
 * to the link: adding a panel is one module and one line in PANELS. Text from the fields or the
 * URL only ever reaches the page through `textContent` or form values, never as HTML.
 */

import * as curves from "./panels/curves.ts";
import * as distributions from "./panels/distributions.ts";
import * as input from "./panels/input.ts";
import * as montecarlo from "./panels/montecarlo.ts";
import * as page from "./panels/page.ts";
import * as sampling from "./panels/sampling.ts";
import * as temperature from "./panels/temperature.ts";
import * as thermodynamics from "./panels/thermodynamics.ts";
import * as timing from "./panels/timing.ts";
import type { InputError } from "./parse.ts";
import { initialState, type Panel, Store } from "./store.ts";

/** In page order; the link is read in this order too (the preset before the temperature). */
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

const store = new Store(initialState());
const params = new URLSearchParams(location.search);
for (const panel of PANELS) panel.readUrl?.(params, store);
for (const panel of PANELS) panel.mount(store);

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
