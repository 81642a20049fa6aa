/**
 * The input panel: the preset, the editing mode, and the numbers typed as logits or as energies
 * with degeneracies. Good input replaces the numbers in the store; bad input stays in its field
 * with a message beside it, and the plots keep the last good numbers.
 */
import { fmt } from "../format.ts";
import { t } from "../i18n.ts";
import {
  group,
  type InputError,
  parseSpectrum,
  parseVector,
  type SpectrumField,
  vectorText,
} from "../parse.ts";
import { type Dataset, makeDataset, snapshotOf } from "../physics.ts";
import { isPresetId, PRESET_IDS, type PresetId, preset } from "../presets.ts";
import { type Mode, type State, type Store, touched, withoutErrors } from "../store.ts";
import { el, libraryError, renderField } from "./dom.ts";
import { shownValue } from "./page.ts";

/** The longest vector text written into the URL (longer vectors keep only the preset). */
const URL_LIMIT = 6000;
/** Vectors longer than this are installed after a short pause in typing, not per keystroke. */
const LARGE = 20_000;
const FIELDS = ["logits", "energies", "degeneracies"] as const;

/** Everything a preset sets: its numbers, mode, labels and temperature. */
export function presetPatch(id: PresetId, state: Readonly<State>): Partial<State> {
  const started = performance.now();
  const p = preset(id);
  let logits: Float64Array;
  let texts: State["texts"];
  if (p.mode === "logits") {
    logits = Float64Array.from(p.logits ?? []);
    texts = {
      logits: vectorText(logits),
      energies: vectorText(logits.map((z) => -z)),
      degeneracies: "",
    };
  } else {
    const energies = vectorText(p.energies ?? []);
    const degeneracies = p.degeneracies === undefined ? "" : vectorText(p.degeneracies);
    const parsed = parseSpectrum(energies, degeneracies);
    logits = parsed.ok ? parsed.value.logits : new Float64Array([0]);
    texts = { logits: vectorText(logits), energies, degeneracies };
  }
  const data = makeDataset(logits);
  return {
    preset: id,
    labels: p.labels ?? null,
    mode: p.mode,
    texts,
    data,
    revision: state.revision + 1,
    parseMs: performance.now() - started,
    temperature: p.temperature,
    negative: p.temperature < 0,
    playing: false,
    errors: withoutErrors(state.errors, ...FIELDS, "temperature"),
  };
}

/** The numbers as a dataset, or the library's reason to refuse them. */
function dataset(
  logits: Float64Array,
  temperature: number,
): { ok: true; data: Dataset } | { ok: false; error: InputError } {
  try {
    const data = makeDataset(logits);
    snapshotOf(data, temperature);
    return { ok: true, data };
  } catch (error) {
    return { ok: false, error: libraryError(error) };
  }
}

/** Installs typed numbers as the page's (a custom vector), or hands the library's refusal on. */
function install(
  store: Store,
  logits: Float64Array,
  parseMs: number,
  patch: (state: Readonly<State>) => Partial<State>,
  refuse: (error: InputError) => void,
): void {
  const s = store.state;
  const made = dataset(logits, s.temperature);
  if (!made.ok) {
    refuse(made.error);
    return;
  }
  store.set({
    data: made.data,
    revision: s.revision + 1,
    parseMs,
    preset: "custom",
    ...patch(s),
  });
}

/**
 * Big vectors (the 100 000-logit preset) are parsed at once, so a mistake shows at once, but
 * installed only after a short pause in typing: each installation recomputes every curve.
 */
let pendingCommit: ReturnType<typeof setTimeout> | undefined;

function whenTypingPauses(size: number, now: boolean, install: () => void): void {
  clearTimeout(pendingCommit);
  if (now || size <= LARGE) install();
  else pendingCommit = setTimeout(install, 300);
}

function cancelPending(): void {
  clearTimeout(pendingCommit);
}

/** Reads the logits field's text; returns false if it was refused. */
function readLogits(store: Store, text: string, now = false): boolean {
  const started = performance.now();
  const parsed = parseVector(text, "logits");
  if (!parsed.ok) {
    cancelPending();
    store.setError("logits", { text, error: parsed.error });
    return false;
  }
  // The field keeps its text (no message) until the numbers are installed.
  store.setError("logits", { text, error: null });
  const logits = parsed.value;
  const parseMs = performance.now() - started;
  whenTypingPauses(logits.length, now, () =>
    install(
      store,
      logits,
      parseMs,
      (s) => ({
        labels: s.labels?.length === logits.length ? s.labels : null,
        texts: { logits: text, energies: vectorText(logits.map((z) => -z)), degeneracies: "" },
        errors: withoutErrors(s.errors, "logits"),
      }),
      (error) => store.setError("logits", { text, error }),
    ),
  );
  return true;
}

/** Reads the energies and degeneracies fields; returns false if either was refused. */
function readSpectrum(store: Store, energies: string, degeneracies: string, now = false): boolean {
  const started = performance.now();
  const parsed = parseSpectrum(energies, degeneracies);
  const texts: Record<SpectrumField, string> = { energies, degeneracies };
  const refuse = (field: SpectrumField, error: InputError) => {
    cancelPending();
    const other: SpectrumField = field === "energies" ? "degeneracies" : "energies";
    store.set({
      errors: {
        ...withoutErrors(store.state.errors, "energies", "degeneracies"),
        [field]: { text: texts[field], error },
        [other]: { text: texts[other], error: null },
      },
    });
  };
  if (!parsed.ok) {
    refuse(parsed.field, parsed.error);
    return false;
  }
  const { logits } = parsed.value;
  const parseMs = performance.now() - started;
  store.set({
    errors: {
      ...withoutErrors(store.state.errors, "energies", "degeneracies"),
      energies: { text: energies, error: null },
      degeneracies: { text: degeneracies, error: null },
    },
  });
  whenTypingPauses(logits.length, now, () =>
    install(
      store,
      logits,
      parseMs,
      (s) => ({
        labels: null,
        texts: { logits: vectorText(logits), energies, degeneracies },
        errors: withoutErrors(s.errors, "energies", "degeneracies"),
      }),
      (error) => refuse("energies", error),
    ),
  );
  return true;
}

export function readUrl(params: URLSearchParams, store: Store): void {
  const id = params.get("preset");
  if (id !== null && id !== "custom" && !isPresetId(id)) {
    store.noteLink({ key: "errUrl", params: { name: "preset" } });
  }
  store.set(presetPatch(isPresetId(id) ? id : "seed", store.state));
  const mode = params.get("mode");
  if (mode !== null && mode !== "logits" && mode !== "energies") {
    store.noteLink({ key: "errUrlMode", params: { value: shownValue(mode) } });
  }
  const logits = params.get("logits");
  const energies = params.get("energies");
  if (mode === "energies" && energies !== null) {
    store.set({ labels: null, mode: "energies" });
    if (!readSpectrum(store, energies, params.get("g") ?? "", true)) {
      store.noteLink({ key: "errUrlField", params: { name: "energies" } });
    }
  } else if (logits !== null) {
    store.set({ labels: null, mode: "logits" });
    if (!readLogits(store, logits, true)) {
      store.noteLink({ key: "errUrlField", params: { name: "logits" } });
    }
  }
}

/** "1, 2,  3" → "1,2,3" for the link. */
function compact(text: string): string {
  return text
    .trim()
    .split(/[\s,;]+/)
    .join(",");
}

export function writeUrl(state: Readonly<State>, params: URLSearchParams): InputError[] {
  params.set("preset", state.preset);
  if (state.preset !== "custom") return [];
  params.set("mode", state.mode);
  const text = compact(state.texts[state.mode]);
  if (text.length > URL_LIMIT) return [{ key: "linkTooLong" }];
  params.set(state.mode, text);
  if (state.mode === "energies" && state.texts.degeneracies.trim() !== "") {
    params.set("g", compact(state.texts.degeneracies));
  }
  return [];
}

export function mount(store: Store): void {
  const ui = {
    preset: el<HTMLSelectElement>("preset"),
    about: el("preset-about"),
    modeLogits: el<HTMLInputElement>("mode-logits"),
    modeEnergies: el<HTMLInputElement>("mode-energies"),
    logitsGroup: el("logits-group"),
    energiesGroup: el("energies-group"),
    logits: el<HTMLTextAreaElement>("logits"),
    logitsError: el("logits-error"),
    energies: el<HTMLTextAreaElement>("energies"),
    energiesError: el("energies-error"),
    degeneracies: el<HTMLInputElement>("degeneracies"),
    degeneraciesError: el("degeneracies-error"),
    derivedLabel: el("derived-label"),
    derived: el("derived"),
  };

  ui.preset.addEventListener("change", () => {
    const id = ui.preset.value;
    cancelPending();
    if (isPresetId(id)) store.set(presetPatch(id, store.state));
    else store.set({ preset: "custom" });
  });
  const setMode = (mode: Mode) => {
    cancelPending();
    store.set({ mode, errors: withoutErrors(store.state.errors, ...FIELDS) });
  };
  ui.modeLogits.addEventListener("change", () => setMode("logits"));
  ui.modeEnergies.addEventListener("change", () => setMode("energies"));
  ui.logits.addEventListener("input", () => readLogits(store, ui.logits.value));
  const spectrum = () => readSpectrum(store, ui.energies.value, ui.degeneracies.value);
  ui.energies.addEventListener("input", spectrum);
  ui.degeneracies.addEventListener("input", spectrum);

  store.subscribe((state, frame) => {
    const L = state.language;
    if (touched(frame, "language")) {
      const options = PRESET_IDS.map((id) => {
        const option = document.createElement("option");
        option.value = id;
        option.textContent = t(L, preset(id).name);
        return option;
      });
      const custom = document.createElement("option");
      custom.value = "custom";
      custom.textContent = t(L, "presetCustom");
      ui.preset.replaceChildren(...options, custom);
    }
    if (touched(frame, "language", "preset")) {
      ui.preset.value = state.preset;
      ui.about.textContent = t(
        L,
        state.preset === "custom" ? "aboutCustom" : preset(state.preset).about,
      );
    }
    if (touched(frame, "mode")) {
      ui.modeLogits.checked = state.mode === "logits";
      ui.modeEnergies.checked = state.mode === "energies";
      ui.logitsGroup.hidden = state.mode !== "logits";
      ui.energiesGroup.hidden = state.mode !== "energies";
    }
    if (touched(frame, "texts", "errors", "language", "mode")) {
      renderField(state, ui.logits, ui.logitsError, state.texts.logits);
      renderField(state, ui.energies, ui.energiesError, state.texts.energies);
      renderField(state, ui.degeneracies, ui.degeneraciesError, state.texts.degeneracies);
    }
    if (touched(frame, "data", "mode", "language")) {
      const z = state.data.logits;
      const shown = Math.min(z.length, 12);
      const values: string[] = [];
      const sign = state.mode === "logits" ? -1 : 1;
      for (let i = 0; i < shown; i++) values.push(fmt(sign * (z[i] as number), 6));
      let text = values.join(", ");
      if (z.length > shown) text += ` ${t(L, "moreValues", { count: group(z.length) })}`;
      ui.derivedLabel.textContent = t(
        L,
        state.mode === "logits" ? "derivedEnergies" : "derivedLogits",
      );
      ui.derived.textContent = text;
    }
  });
}
