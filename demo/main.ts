/**
 * The demo page: softmax and the Gibbs distribution side by side as the temperature changes.
 *
 * Flow: a field or a control changes the state (the numbers or the temperature); bad input shows
 * an inline message and leaves the state alone; good input schedules one render per animation
 * frame, which computes a snapshot, updates the readouts and the plots, and writes the state
 * into the URL. Text from the fields or the URL only ever reaches the page through
 * `textContent` or form values, never as HTML.
 */
import { kernelBackend, sample, samplingDistribution, whenKernelReady } from "gibbs-softmax";
import { fmt, fmtFromLog, ms, term } from "./format.ts";
import { isLanguage, type Language, type MessageKey, t } from "./i18n.ts";
import {
  group,
  type InputError,
  parseOptional,
  parseSpectrum,
  parseTemperature,
  parseVector,
  temperatureText,
  vectorText,
} from "./parse.ts";
import {
  CURVE_POINTS,
  type Dataset,
  type Filters,
  makeDataset,
  makeSnapshot,
  type Snapshot,
} from "./physics.ts";
import {
  curvesFigure,
  draw,
  followSize,
  gibbsFigure,
  overlayFigure,
  samplesFigure,
  softmaxFigure,
  type View,
} from "./plots.ts";
import { isPresetId, PRESET_IDS, type PresetId, preset } from "./presets.ts";
import { mulberry32 } from "./random.ts";

type Mode = "logits" | "energies";

/** The longest vector text written into the URL (longer vectors keep only the preset). */
const URL_LIMIT = 6000;
/** Vectors longer than this are installed after a short pause in typing, not per keystroke. */
const LARGE = 20_000;
/** The most samples one press of the button draws. */
const MAX_SAMPLES = 1_000_000;
/** A full play sweep (log₁₀ T from −2 to 2) takes this long. */
const PLAY_MS = 8000;
/** The graphs, in page order. */
const PLOTS = ["plot-softmax", "plot-gibbs", "plot-overlay", "plot-curves", "plot-samples"];

// ---------------------------------------------------------------------------------------------
// The page's elements (ids in index.html)

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`demo: #${id} is missing from index.html`);
  return node as T;
}

const ui = {
  language: el<HTMLSelectElement>("language"),
  projector: el<HTMLInputElement>("projector"),
  message: el("message"),
  preset: el<HTMLSelectElement>("preset"),
  presetAbout: el("preset-about"),
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
  temperature: el<HTMLInputElement>("temperature"),
  temperatureError: el("temperature-error"),
  slider: el<HTMLInputElement>("temperature-slider"),
  zero: el<HTMLButtonElement>("t-zero"),
  infinity: el<HTMLButtonElement>("t-infinity"),
  play: el<HTMLButtonElement>("play"),
  negative: el<HTMLInputElement>("negative"),
  beta: el("beta"),
  diff: el<HTMLOutputElement>("readout-diff"),
  diffNote: el("readout-diff-note"),
  curvesNote: el("curves-note"),
  sampleCount: el<HTMLInputElement>("sample-count"),
  sampleSeed: el<HTMLInputElement>("sample-seed"),
  topK: el<HTMLInputElement>("top-k"),
  topP: el<HTMLInputElement>("top-p"),
  minP: el<HTMLInputElement>("min-p"),
  draw: el<HTMLButtonElement>("draw"),
  resetSamples: el<HTMLButtonElement>("reset-samples"),
  samplingError: el("sampling-error"),
  samplingStatus: el("sampling-status"),
  timingUpdate: el("timing-update"),
  timingKernel: el("timing-kernel"),
  timingData: el("timing-data"),
};

// ---------------------------------------------------------------------------------------------
// State

interface State {
  language: Language;
  projector: boolean;
  preset: PresetId | "custom";
  mode: Mode;
  /** Token names of the language-model preset (kept while the vector keeps its length). */
  labels: readonly MessageKey[] | null;
  temperature: number;
  /** The branch the slider moves on: T < 0 when set. */
  negative: boolean;
  data: Dataset;
  revision: number;
  /** The texts that describe `data`, for the two editing modes and the URL. */
  logitsText: string;
  energiesText: string;
  degeneraciesText: string;
  timing: { parse: number };
  /** A note about the link (a value that could not be used, or a vector too long for it). */
  urlNote: InputError | null;
}

const initialData = makeDataset(Float64Array.from(preset("seed").logits ?? []));

const state: State = {
  language: "en",
  projector: false,
  preset: "seed",
  mode: "logits",
  labels: null,
  temperature: 1,
  negative: false,
  data: initialData,
  revision: 0,
  logitsText: "",
  energiesText: "",
  degeneraciesText: "",
  timing: { parse: 0 },
  urlNote: null,
};

let snapshot: Snapshot = makeSnapshot(state.data, state.temperature);

// ---------------------------------------------------------------------------------------------
// Messages

function showError(node: HTMLElement, error: InputError | null): void {
  if (error === null) {
    node.textContent = "";
    return;
  }
  node.textContent = `${t(state.language, error.key, error.params)} ${t(state.language, "keptLast")}`;
}

/** A RangeError from the library, as an inline message (its text is English). */
function libraryError(error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  return { key: "errLibrary", params: { message } };
}

// ---------------------------------------------------------------------------------------------
// Changing the numbers

/** Installs new numbers; returns an error (and changes nothing) if the library refuses them. */
function commitData(logits: Float64Array, parseMs: number): InputError | null {
  let data: Dataset;
  let snap: Snapshot;
  try {
    data = makeDataset(logits);
    snap = makeSnapshot(data, state.temperature);
  } catch (error) {
    return libraryError(error);
  }
  state.data = data;
  state.revision++;
  state.timing.parse = parseMs;
  snapshot = snap;
  if (state.labels !== null && state.labels.length !== logits.length) state.labels = null;
  resetSampling();
  schedule();
  return null;
}

function markCustom(): void {
  state.preset = "custom";
  ui.preset.value = "custom";
  ui.presetAbout.textContent = t(state.language, "aboutCustom");
}

/**
 * Big vectors (the 100 000-logit preset) are parsed at once, so a mistake shows at once, but
 * installed only after a short pause in typing: each installation recomputes every curve.
 */
let pendingCommit: ReturnType<typeof setTimeout> | undefined;

function whenTypingPauses(size: number, install: () => void): void {
  clearTimeout(pendingCommit);
  if (size <= LARGE) install();
  else pendingCommit = setTimeout(install, 300);
}

function readLogits(): void {
  const started = performance.now();
  const text = ui.logits.value;
  const parsed = parseVector(text, "logits");
  if (!parsed.ok) {
    clearTimeout(pendingCommit);
    showError(ui.logitsError, parsed.error);
    return;
  }
  const logits = parsed.value;
  const parseMs = performance.now() - started;
  whenTypingPauses(logits.length, () => {
    const error = commitData(logits, parseMs);
    showError(ui.logitsError, error);
    if (error !== null) return;
    state.logitsText = text;
    state.energiesText = vectorText(state.data.logits.map((z) => -z));
    state.degeneraciesText = "";
    markCustom();
  });
}

function readSpectrum(): void {
  const started = performance.now();
  const energiesText = ui.energies.value;
  const degeneraciesText = ui.degeneracies.value;
  const parsed = parseSpectrum(energiesText, degeneraciesText);
  if (!parsed.ok) {
    clearTimeout(pendingCommit);
    const degeneracyError = ["errLength", "errDegeneracy", "errTooManyStates"].includes(
      parsed.error.key,
    );
    showError(degeneracyError ? ui.degeneraciesError : ui.energiesError, parsed.error);
    showError(degeneracyError ? ui.energiesError : ui.degeneraciesError, null);
    return;
  }
  const { logits } = parsed.value;
  const parseMs = performance.now() - started;
  whenTypingPauses(logits.length, () => {
    const error = commitData(logits, parseMs);
    showError(ui.energiesError, error);
    showError(ui.degeneraciesError, null);
    if (error !== null) return;
    state.energiesText = energiesText;
    state.degeneraciesText = degeneraciesText;
    state.logitsText = vectorText(state.data.logits);
    markCustom();
  });
}

function setMode(mode: Mode): void {
  state.mode = mode;
  ui.modeLogits.checked = mode === "logits";
  ui.modeEnergies.checked = mode === "energies";
  ui.logitsGroup.hidden = mode !== "logits";
  ui.energiesGroup.hidden = mode !== "energies";
  if (mode === "logits") {
    ui.logits.value = state.logitsText;
    showError(ui.logitsError, null);
  } else {
    ui.energies.value = state.energiesText;
    ui.degeneracies.value = state.degeneraciesText;
    showError(ui.energiesError, null);
    showError(ui.degeneraciesError, null);
  }
  updateDerived();
  scheduleUrl();
}

function loadPreset(id: PresetId): void {
  const started = performance.now();
  const p = preset(id);
  state.preset = id;
  state.labels = p.labels ?? null;
  let logits: Float64Array;
  if (p.mode === "logits") {
    logits = Float64Array.from(p.logits ?? []);
    state.logitsText = vectorText(logits);
    state.energiesText = vectorText(logits.map((z) => -z));
    state.degeneraciesText = "";
  } else {
    const energies = p.energies ?? [];
    state.energiesText = vectorText(energies);
    state.degeneraciesText = p.degeneracies === undefined ? "" : vectorText(p.degeneracies);
    const parsed = parseSpectrum(state.energiesText, state.degeneraciesText);
    logits = parsed.ok ? parsed.value.logits : new Float64Array([0]);
    state.logitsText = vectorText(logits);
  }
  stopPlay();
  setTemperature(p.temperature, "preset");
  commitData(logits, performance.now() - started);
  ui.preset.value = id;
  ui.presetAbout.textContent = t(state.language, p.about);
  for (const node of [ui.logitsError, ui.energiesError, ui.degeneraciesError]) {
    showError(node, null);
  }
  setMode(p.mode);
}

function updateDerived(): void {
  const z = state.data.logits;
  const shown = Math.min(z.length, 12);
  const values: string[] = [];
  const sign = state.mode === "logits" ? -1 : 1;
  for (let i = 0; i < shown; i++) values.push(fmt(sign * (z[i] as number), 6));
  let text = values.join(", ");
  if (z.length > shown) text += ` ${t(state.language, "moreValues", { count: group(z.length) })}`;
  ui.derivedLabel.textContent = t(
    state.language,
    state.mode === "logits" ? "derivedEnergies" : "derivedLogits",
  );
  ui.derived.textContent = text;
}

// ---------------------------------------------------------------------------------------------
// Changing the temperature

type TemperatureSource = "field" | "slider" | "button" | "preset" | "checkbox" | "play" | "url";

/** Rounds to three significant digits, so the field, the slider and the URL agree. */
function round3(x: number): number {
  return Number(x.toPrecision(3));
}

function sliderPosition(T: number): number {
  if (T === 0) return -2;
  if (!Number.isFinite(T)) return 2;
  return Math.min(2, Math.max(-2, Math.log10(Math.abs(T))));
}

function setTemperature(T: number, source: TemperatureSource): void {
  state.temperature = T;
  if (source !== "checkbox") state.negative = T < 0;
  if (source !== "field") {
    ui.temperature.value = temperatureText(T);
    showError(ui.temperatureError, null);
  }
  if (source !== "slider") ui.slider.value = String(sliderPosition(T));
  ui.slider.setAttribute("aria-valuetext", `T = ${temperatureText(T)}`);
  ui.negative.checked = state.negative;
  if (source === "slider" || source === "play") scheduleInteractive();
  else schedule();
}

function fromSlider(position: number): number {
  const magnitude = round3(10 ** position);
  return state.negative ? -magnitude : magnitude;
}

// ---------------------------------------------------------------------------------------------
// The play button: a sweep of log₁₀|T| from −2 to 2

let playing = false;
let lastFrame = 0;
/** log₁₀|T| during the sweep, kept apart from the slider, whose value snaps to its step. */
let playPosition = 0;
/** Set when the pause button stopped a sweep midway, so that play resumes it. */
let resumable = false;

function playFrame(now: number): void {
  if (!playing) return;
  playPosition += ((now - lastFrame) / PLAY_MS) * 4;
  lastFrame = now;
  if (playPosition >= 2) {
    setTemperature(fromSlider(2), "play");
    stopPlay();
    return;
  }
  setTemperature(fromSlider(playPosition), "play");
  requestAnimationFrame(playFrame);
}

function startPlay(): void {
  if (!resumable) {
    playPosition = -2;
    setTemperature(fromSlider(playPosition), "play");
  }
  resumable = false;
  playing = true;
  lastFrame = performance.now();
  ui.play.setAttribute("aria-pressed", "true");
  ui.play.textContent = t(state.language, "pause");
  requestAnimationFrame(playFrame);
}

function stopPlay(): void {
  playing = false;
  resumable = false;
  ui.play.setAttribute("aria-pressed", "false");
  ui.play.textContent = t(state.language, "play");
}

// ---------------------------------------------------------------------------------------------
// Sampling

interface Sampling {
  key: string;
  counts: Float64Array;
  total: number;
  pending: number;
  random: () => number;
  target: Float64Array;
  seed: number;
  filters: Filters;
  running: boolean;
}

const sampling: Sampling = {
  key: "",
  counts: new Float64Array(0),
  total: 0,
  pending: 0,
  random: mulberry32(1),
  target: new Float64Array(0),
  seed: 1,
  filters: {},
  running: false,
};

function samplingKey(): string {
  const f = sampling.filters;
  return `${state.revision}|${state.temperature}|${f.topK}|${f.topP}|${f.minP}|${sampling.seed}`;
}

function resetSampling(): void {
  sampling.key = "";
}

/** The filters that are set, without undefined entries (exactOptionalPropertyTypes). */
function definedFilters(f: Filters): { topK?: number; topP?: number; minP?: number } {
  return {
    ...(f.topK === undefined ? {} : { topK: f.topK }),
    ...(f.topP === undefined ? {} : { topP: f.topP }),
    ...(f.minP === undefined ? {} : { minP: f.minP }),
  };
}

/** Starts over when the distribution, the filters or the seed changed. */
function syncSampling(): void {
  const key = samplingKey();
  if (key === sampling.key) return;
  sampling.key = key;
  sampling.counts = new Float64Array(state.data.logits.length);
  sampling.total = 0;
  sampling.pending = 0;
  sampling.random = mulberry32(sampling.seed);
  sampling.target = samplingDistribution(state.data.logits, {
    temperature: state.temperature,
    ...definedFilters(sampling.filters),
  });
}

/** Reads seed and filters; shows the first problem and returns false if there is one. */
function readSamplingOptions(): boolean {
  const seed = parseOptional(ui.sampleSeed.value, Number.isSafeInteger, "errSeed");
  const topK = parseOptional(ui.topK.value, (x) => Number.isInteger(x) && x >= 1, "errTopK");
  const topP = parseOptional(ui.topP.value, (x) => x > 0 && x <= 1, "errTopP");
  const minP = parseOptional(ui.minP.value, (x) => x >= 0 && x <= 1, "errMinP");
  for (const r of [seed, topK, topP, minP]) {
    if (!r.ok) {
      showError(ui.samplingError, r.error);
      return false;
    }
  }
  showError(ui.samplingError, null);
  if (seed.ok) sampling.seed = seed.value ?? 1;
  sampling.filters = {
    topK: topK.ok ? topK.value : undefined,
    topP: topP.ok ? topP.value : undefined,
    minP: minP.ok ? minP.value : undefined,
  };
  return true;
}

function drawSamples(): void {
  if (!readSamplingOptions()) return;
  const count = parseOptional(
    ui.sampleCount.value,
    (x) => Number.isInteger(x) && x >= 1 && x <= MAX_SAMPLES,
    "errSampleCount",
  );
  if (!count.ok || count.value === undefined) {
    showError(ui.samplingError, { key: "errSampleCount", params: { max: group(MAX_SAMPLES) } });
    return;
  }
  syncSampling();
  sampling.pending += count.value;
  if (!sampling.running) {
    sampling.running = true;
    requestAnimationFrame(samplingFrame);
  }
}

/** Draws for about 12 ms per frame, so the histogram grows visibly and the page stays live. */
function samplingFrame(): void {
  syncSampling();
  const started = performance.now();
  const { topK, topP, minP } = sampling.filters;
  const options = {
    temperature: state.temperature,
    random: sampling.random,
    ...(topK === undefined ? {} : { topK }),
    ...(topP === undefined ? {} : { topP }),
    ...(minP === undefined ? {} : { minP }),
  };
  try {
    while (sampling.pending > 0 && performance.now() - started < 12) {
      const batch = Math.min(sampling.pending, 64);
      for (let j = 0; j < batch; j++) {
        const i = sample(state.data.logits, options);
        sampling.counts[i] = (sampling.counts[i] as number) + 1;
      }
      sampling.total += batch;
      sampling.pending -= batch;
    }
  } catch (error) {
    sampling.pending = 0;
    showError(ui.samplingError, libraryError(error));
  }
  void renderSamples();
  if (sampling.pending > 0) requestAnimationFrame(samplingFrame);
  else sampling.running = false;
}

function renderSamples(): Promise<unknown> {
  syncSampling();
  const view = currentView();
  const drawn = draw(
    "plot-samples",
    samplesFigure(view, sampling.counts, sampling.total, sampling.target),
  );
  let distance = 0;
  if (sampling.total > 0) {
    for (let i = 0; i < sampling.target.length; i++) {
      const f = (sampling.counts[i] as number) / sampling.total;
      distance += Math.abs(f - (sampling.target[i] as number));
    }
  }
  const lines = [t(state.language, "drawn", { count: group(sampling.total) })];
  if (sampling.total > 0) {
    lines.push(t(state.language, "tvDistance", { value: fmt(distance / 2, 3) }));
  }
  if (sampling.pending > 0) {
    lines.push(
      t(state.language, "samplingBusy", {
        count: group(sampling.total),
        total: group(sampling.total + sampling.pending),
      }),
    );
  }
  ui.samplingStatus.textContent = lines.join(" · ");
  ui.samplingStatus.dataset.total = String(sampling.total);
  return drawn;
}

// ---------------------------------------------------------------------------------------------
// Rendering

let scheduled = false;
let renders = 0;
/** Set by the slider and the sweep: the next render may leave off-screen plots for later. */
let interactive = false;
/** Some plot was left out of date by an interactive render. */
let stale = false;
let catchUp: ReturnType<typeof setTimeout> | undefined;

/** A render while the temperature moves continuously: on-screen plots first. */
function scheduleInteractive(): void {
  interactive = true;
  schedule();
}

function onScreen(id: string): boolean {
  const box = el(id).getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}

function currentView(): View {
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

function setReadout(id: string, value: number, text = fmt(value, 6)): void {
  const node = el<HTMLOutputElement>(id);
  node.textContent = text;
  node.dataset.value = String(value);
}

function setFormula(id: string, text: string): void {
  el(id).textContent = text;
}

function renderReadouts(snap: Snapshot): void {
  const th = snap.thermo;
  const T = snap.temperature;
  const L = state.language;
  const { energies, degeneracies } = state.data.levels;
  const N = state.data.states;
  const finite = Number.isFinite(T) && T !== 0;
  const zero = T === 0;

  setReadout("readout-Z", Math.exp(th.logZ), fmtFromLog(th.logZ, 6));
  setReadout("readout-logZ", th.logZ);
  setReadout("readout-F", th.freeEnergy);
  setReadout("readout-U", th.internalEnergy);
  setReadout("readout-S", th.entropy);
  setReadout("readout-S-bits", th.entropy / Math.LN2);
  setReadout("readout-S-max", Math.log(N), `ln ${group(N)} = ${fmt(Math.log(N), 6)}`);
  setReadout("readout-C", th.heatCapacity);
  setReadout("readout-beta", th.beta);

  let zTerms = "";
  if (finite && energies.length <= 4) {
    zTerms = ` = ${Array.from(energies, (E, k) => `${fmt(degeneracies[k] as number)}·e^${term(-E / T, 4)}`).join(" + ")}`;
  }
  const limit = zero ? t(L, "limitZero") : finite ? "" : t(L, "limitInfinity");
  setFormula(
    "formula-Z",
    `Z = Σₖ gₖ·e^(−Eₖ/T)${zTerms} = ${fmtFromLog(th.logZ, 6)}${limit ? ` (${limit})` : ""}`,
  );
  setFormula("formula-logZ", `ln Z = ln(${fmtFromLog(th.logZ, 6)}) = ${fmt(th.logZ, 6)}`);
  setFormula(
    "formula-F",
    finite
      ? `F = −T·ln Z = −${term(T)}·${term(th.logZ)} = ${fmt(th.freeEnergy, 6)}`
      : zero
        ? `F = E₀ = ${fmt(th.freeEnergy, 6)} (${limit})`
        : `F = −T·ln Z = −∞·${term(th.logZ)} = ${fmt(th.freeEnergy, 6)} (${limit})`,
  );
  let uTerms = "";
  if (energies.length <= 3) {
    uTerms = ` = ${Array.from(energies, (E, k) => `${fmt(snap.levelOccupation[k] as number, 4)}·${term(E, 4)}`).join(" + ")}`;
  }
  setFormula("formula-U", `U = Σₖ pₖ·Eₖ${uTerms} = ${fmt(th.internalEnergy, 6)}`);
  const nats = t(L, "nats");
  const bits = t(L, "bits");
  setFormula(
    "formula-S",
    finite
      ? `S = (U − F)/T = (${fmt(th.internalEnergy, 5)} − ${term(th.freeEnergy, 5)})/${term(T)} = ${fmt(th.entropy, 6)} ${nats} = ${fmt(th.entropy / Math.LN2, 6)} ${bits} ≤ ln N = ${fmt(Math.log(N), 6)}`
      : zero
        ? `S = ln g₀ = ${fmt(th.entropy, 6)} ${nats} (${limit})`
        : `S = ln N = ln ${group(N)} = ${fmt(th.entropy, 6)} ${nats} (${limit})`,
  );
  setFormula(
    "formula-C",
    finite
      ? `C = Var(E)/T² = ${fmt(th.energyVariance, 5)}/${term(T)}² = ${fmt(th.heatCapacity, 6)}`
      : `C = Var(E)/T² = 0 (${limit})`,
  );
  setFormula("formula-beta", `β = 1/T = 1/${term(T)} = ${fmt(th.beta, 6)}`);
  ui.beta.textContent = t(L, "betaNote", { beta: fmt(th.beta, 4) });

  ui.diff.textContent = fmt(snap.maxDiff, 3);
  ui.diff.dataset.value = String(snap.maxDiff);
  ui.diffNote.textContent = snap.maxDiff === 0 ? t(L, "exactly") : "";
  setReadout("readout-diff-levels", snap.maxDiffLevels, fmt(snap.maxDiffLevels, 3));

  const absT = Math.abs(T);
  const notes: string[] = [];
  if (T < 0) notes.push(t(L, "curvesNegative"));
  if (!(absT >= 0.01 && absT <= 100)) {
    notes.push(t(L, "curvesOffAxis", { t: temperatureText(T) }));
  }
  ui.curvesNote.textContent = notes.join(" ");
}

function render(): void {
  const started = performance.now();
  const lazy = interactive;
  interactive = false;
  // Which plots to draw now: all of them, except during a drag, when off-screen ones wait for a
  // catch-up render shortly after the temperature stops moving (or when the page scrolls).
  const ids = PLOTS;
  const now = new Set(lazy ? ids.filter(onScreen) : ids);
  clearTimeout(catchUp);
  stale = now.size < ids.length;
  if (stale) catchUp = setTimeout(schedule, 250);
  try {
    snapshot = makeSnapshot(state.data, state.temperature);
  } catch (error) {
    showError(ui.temperatureError, libraryError(error));
    return;
  }
  const computed = performance.now();
  renderReadouts(snapshot);
  updateDerived();
  const view = currentView();
  const narrow = el("plot-curves").clientWidth < 560;
  const data = state.data;
  const snap = snapshot;
  const figures: Record<string, () => Promise<unknown>> = {
    "plot-softmax": () => draw("plot-softmax", softmaxFigure(view, snap)),
    "plot-gibbs": () => draw("plot-gibbs", gibbsFigure(view, data, snap)),
    "plot-overlay": () => draw("plot-overlay", overlayFigure(view, snap)),
    "plot-curves": () => draw("plot-curves", curvesFigure(view, data, snap, narrow)),
    "plot-samples": renderSamples,
  };
  const drawn = ids.filter((id) => now.has(id)).map((id) => figures[id]?.());
  const n = data.logits.length;
  void Promise.all(drawn).then(() => {
    // Plotly finishes some updates asynchronously: only now is every plot up to date.
    const done = performance.now();
    const s = snap.timing;
    ui.timingUpdate.textContent = t(state.language, "timingUpdate", {
      n: group(n),
      total: ms(done - started),
      softmax: ms(s.softmax),
      gibbs: ms(s.gibbs),
      thermo: ms(s.thermo),
      plots: ms(done - computed),
      count: now.size,
    });
    ui.timingUpdate.dataset.totalMs = String(done - started);
    ui.timingUpdate.dataset.computeMs = String(computed - started);
    ui.timingUpdate.dataset.plots = String(now.size);
    ui.timingUpdate.dataset.done = String(renders);
  });
  const d = state.data;
  const levels = d.levels.energies.length;
  ui.timingData.textContent = t(state.language, "timingData", {
    parse: ms(state.timing.parse),
    levels: group(levels),
    merge: ms(d.timing.merge),
    points: CURVE_POINTS,
    work: group(CURVE_POINTS * levels),
    sweep: ms(d.timing.sweep),
  });
  renders++;
  document.body.dataset.renders = String(renders);
  scheduleUrl();
}

// ---------------------------------------------------------------------------------------------
// Language and the URL

/** Which implementation runs the exponentials (the kernel loads asynchronously in browsers). */
function showKernel(): void {
  const wasm = kernelBackend() === "wasm-simd";
  ui.timingKernel.textContent = t(state.language, wasm ? "kernelWasm" : "kernelJs");
  ui.timingKernel.dataset.backend = kernelBackend();
}

function applyLanguage(): void {
  const L = state.language;
  document.documentElement.lang = L;
  document.title = t(L, "pageTitle");
  ui.language.value = L;
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    node.textContent = t(L, node.dataset.i18n as MessageKey);
  }
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n-aria]")) {
    node.setAttribute("aria-label", t(L, node.dataset.i18nAria as MessageKey));
  }
  const options: HTMLOptionElement[] = PRESET_IDS.map((id) => {
    const option = document.createElement("option");
    option.value = id;
    option.textContent = t(L, preset(id).name);
    return option;
  });
  const custom = document.createElement("option");
  custom.value = "custom";
  custom.textContent = t(L, "presetCustom");
  ui.preset.replaceChildren(...options, custom);
  ui.preset.value = state.preset;
  ui.presetAbout.textContent = t(
    L,
    state.preset === "custom" ? "aboutCustom" : preset(state.preset).about,
  );
  ui.play.textContent = t(L, playing ? "pause" : "play");
  showKernel();
  showUrlNote();
  // Re-translate any message on show by re-reading the fields that have one.
  if (ui.logitsError.textContent !== "" && state.mode === "logits") readLogits();
  if (
    state.mode === "energies" &&
    (ui.energiesError.textContent || ui.degeneraciesError.textContent)
  ) {
    readSpectrum();
  }
  if (ui.temperatureError.textContent !== "") readTemperatureField();
  if (ui.samplingError.textContent !== "") readSamplingOptions();
  updateDerived();
}

function showUrlNote(): void {
  const note = state.urlNote;
  ui.message.textContent = note === null ? "" : t(state.language, note.key, note.params);
}

let urlTimer: ReturnType<typeof setTimeout> | undefined;

/** Writes the state into the address after a short pause (browsers throttle history calls). */
function scheduleUrl(): void {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrl, 300);
}

function compact(text: string): string {
  return text
    .trim()
    .split(/[\s,;]+/)
    .join(",");
}

function writeUrl(): void {
  const params = new URLSearchParams();
  params.set("lang", state.language);
  params.set("preset", state.preset);
  const T = state.temperature;
  params.set("T", Number.isFinite(T) ? String(T) : T > 0 ? "inf" : "-inf");
  let note: InputError | null = null;
  if (state.preset === "custom") {
    params.set("mode", state.mode);
    const text = state.mode === "logits" ? compact(state.logitsText) : compact(state.energiesText);
    if (text.length <= URL_LIMIT) {
      params.set(state.mode, text);
      if (state.mode === "energies" && state.degeneraciesText.trim() !== "") {
        params.set("g", compact(state.degeneraciesText));
      }
    } else {
      note = { key: "linkTooLong" };
    }
  }
  if (state.projector) params.set("projector", "1");
  if (note !== null || state.urlNote?.key === "linkTooLong") {
    state.urlNote = note;
    showUrlNote();
  }
  history.replaceState(null, "", `?${params.toString()}`);
}

function readTemperatureField(): void {
  const parsed = parseTemperature(ui.temperature.value);
  if (!parsed.ok) {
    showError(ui.temperatureError, parsed.error);
    return;
  }
  showError(ui.temperatureError, null);
  setTemperature(parsed.value, "field");
}

/** Restores a shared link: language, preset, numbers and temperature. */
function readUrl(): void {
  const params = new URLSearchParams(location.search);
  const lang = params.get("lang");
  state.language = isLanguage(lang)
    ? lang
    : navigator.language.toLowerCase().startsWith("ja")
      ? "ja"
      : "en";
  state.projector = params.get("projector") === "1";
  const presetParam = params.get("preset");
  if (presetParam !== null && presetParam !== "custom" && !isPresetId(presetParam)) {
    state.urlNote = { key: "errUrl", params: { name: "preset" } };
  }
  applyLanguage();
  void whenKernelReady().then(showKernel);
  loadPreset(isPresetId(presetParam) ? presetParam : "seed");
  const logits = params.get("logits");
  const energies = params.get("energies");
  if (params.get("mode") === "energies" && energies !== null) {
    state.labels = null;
    setMode("energies");
    ui.energies.value = energies;
    ui.degeneracies.value = params.get("g") ?? "";
    readSpectrum();
  } else if (logits !== null) {
    state.labels = null;
    setMode("logits");
    ui.logits.value = logits;
    readLogits();
  }
  const T = params.get("T");
  if (T !== null) {
    ui.temperature.value = T;
    readTemperatureField();
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

ui.language.addEventListener("change", () => {
  if (isLanguage(ui.language.value)) {
    state.language = ui.language.value;
    applyLanguage();
    schedule();
  }
});
ui.projector.addEventListener("change", () => {
  state.projector = ui.projector.checked;
  document.documentElement.classList.toggle("projector", state.projector);
  schedule();
});
ui.preset.addEventListener("change", () => {
  const id = ui.preset.value;
  if (isPresetId(id)) loadPreset(id);
  else markCustom();
  scheduleUrl();
});
ui.modeLogits.addEventListener("change", () => setMode("logits"));
ui.modeEnergies.addEventListener("change", () => setMode("energies"));
ui.logits.addEventListener("input", readLogits);
ui.energies.addEventListener("input", readSpectrum);
ui.degeneracies.addEventListener("input", readSpectrum);
ui.temperature.addEventListener("input", () => {
  stopPlay();
  readTemperatureField();
});
ui.slider.addEventListener("input", () => {
  stopPlay();
  setTemperature(fromSlider(Number(ui.slider.value)), "slider");
});
ui.zero.addEventListener("click", () => {
  stopPlay();
  setTemperature(0, "button");
});
ui.infinity.addEventListener("click", () => {
  stopPlay();
  state.negative = false;
  setTemperature(Number.POSITIVE_INFINITY, "button");
});
ui.negative.addEventListener("change", () => {
  state.negative = ui.negative.checked;
  const T = state.temperature;
  setTemperature(state.negative ? -Math.abs(T) : Math.abs(T), "checkbox");
});
ui.play.addEventListener("click", () => {
  if (!playing) {
    startPlay();
    return;
  }
  stopPlay();
  resumable = true;
});
ui.draw.addEventListener("click", drawSamples);
ui.resetSamples.addEventListener("click", () => {
  resetSampling();
  void renderSamples();
});
for (const field of [ui.sampleSeed, ui.topK, ui.topP, ui.minP]) {
  field.addEventListener("input", () => {
    if (readSamplingOptions()) void renderSamples();
  });
}
window.addEventListener("resize", schedule);
window.addEventListener(
  "scroll",
  () => {
    if (stale) schedule();
  },
  { passive: true },
);

readUrl();
for (const id of PLOTS) followSize(id);
document.documentElement.classList.toggle("projector", state.projector);
ui.projector.checked = state.projector;
render();
document.body.dataset.ready = "true";
