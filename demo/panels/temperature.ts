/**
 * The temperature panel: the field, the log slider (|T| from 0.01 to 100), T = 0 and T = ∞,
 * the negative branch, and the play button that sweeps log₁₀|T| from −2 to 2.
 */
import { fmt } from "../format.ts";
import { t } from "../i18n.ts";
import { parseTemperature, temperatureText } from "../parse.ts";
import { snapshotOf } from "../physics.ts";
import { type State, type Store, touched, withoutErrors } from "../store.ts";
import { el, libraryError, renderField } from "./dom.ts";

/** A full play sweep (log₁₀ T from −2 to 2) takes this long. */
const PLAY_MS = 8000;

/** Rounds to three significant digits, so the field, the slider and the URL agree. */
function round3(x: number): number {
  return Number(x.toPrecision(3));
}

function sliderPosition(T: number): number {
  if (T === 0) return -2;
  if (!Number.isFinite(T)) return 2;
  return Math.min(2, Math.max(-2, Math.log10(Math.abs(T))));
}

function fromSlider(position: number, negative: boolean): number {
  const magnitude = round3(10 ** position);
  return negative ? -magnitude : magnitude;
}

/** Reads a typed temperature into the store; returns false if it was refused. */
function readTemperature(store: Store, text: string): boolean {
  const parsed = parseTemperature(text);
  if (!parsed.ok) {
    store.setError("temperature", { text, error: parsed.error });
    return false;
  }
  const T = parsed.value;
  const s = store.state;
  try {
    snapshotOf(s.data, T);
  } catch (error) {
    store.setError("temperature", { text, error: libraryError(error) });
    return false;
  }
  store.set({
    temperature: T,
    negative: T < 0,
    playing: false,
    errors: withoutErrors(s.errors, "temperature"),
  });
  return true;
}

export function readUrl(params: URLSearchParams, store: Store): void {
  const T = params.get("T");
  if (T !== null && !readTemperature(store, T)) {
    store.noteLink({ key: "errUrlField", params: { name: "T" } });
  }
}

export function writeUrl(state: Readonly<State>, params: URLSearchParams): undefined {
  const T = state.temperature;
  params.set("T", Number.isFinite(T) ? String(T) : T > 0 ? "inf" : "-inf");
  return undefined;
}

export function mount(store: Store): void {
  const ui = {
    field: el<HTMLInputElement>("temperature"),
    error: el("temperature-error"),
    slider: el<HTMLInputElement>("temperature-slider"),
    zero: el<HTMLButtonElement>("t-zero"),
    infinity: el<HTMLButtonElement>("t-infinity"),
    play: el<HTMLButtonElement>("play"),
    negative: el<HTMLInputElement>("negative"),
    negativeNote: el("negative-note"),
    beta: el("beta"),
  };

  ui.field.addEventListener("input", () => readTemperature(store, ui.field.value));
  ui.slider.addEventListener("input", () => {
    const T = fromSlider(Number(ui.slider.value), store.state.negative);
    store.set(
      { temperature: T, playing: false, errors: withoutErrors(store.state.errors, "temperature") },
      { moving: true },
    );
  });
  ui.zero.addEventListener("click", () => {
    const errors = withoutErrors(store.state.errors, "temperature");
    store.set({ temperature: 0, negative: false, playing: false, errors });
  });
  ui.infinity.addEventListener("click", () => {
    const errors = withoutErrors(store.state.errors, "temperature");
    store.set({ temperature: Number.POSITIVE_INFINITY, negative: false, playing: false, errors });
  });
  ui.negative.addEventListener("change", () => {
    const negative = ui.negative.checked;
    const T = Math.abs(store.state.temperature);
    const errors = withoutErrors(store.state.errors, "temperature");
    store.set({ negative, temperature: negative && T !== 0 ? -T : T, errors });
  });

  // The sweep: log₁₀|T| runs from −2 to 2 in PLAY_MS, on the branch of the checkbox.
  let position = 0;
  let resumable = false;
  let lastFrame = 0;
  let looping = false;
  const step = (now: number) => {
    const s = store.state;
    if (!s.playing) {
      looping = false;
      return;
    }
    position += ((now - lastFrame) / PLAY_MS) * 4;
    lastFrame = now;
    const done = position >= 2;
    const temperature = fromSlider(Math.min(position, 2), s.negative);
    store.set({ temperature, playing: !done }, { moving: true });
    if (done) {
      resumable = false;
      looping = false;
      return;
    }
    requestAnimationFrame(step);
  };
  ui.play.addEventListener("click", () => {
    if (store.state.playing) {
      resumable = true;
      store.set({ playing: false });
      return;
    }
    // A paused sweep resumes where it stopped, unless the temperature was changed meanwhile.
    if (!(resumable && store.state.temperature === fromSlider(position, store.state.negative))) {
      position = -2;
    }
    resumable = false;
    lastFrame = performance.now();
    store.set({ playing: true, temperature: fromSlider(position, store.state.negative) });
    if (!looping) {
      looping = true;
      requestAnimationFrame(step);
    }
  });

  store.subscribe((state, frame) => {
    const T = state.temperature;
    const L = state.language;
    if (touched(frame, "temperature", "errors", "language")) {
      renderField(state, ui.field, ui.error, temperatureText(T), (value) => {
        const parsed = parseTemperature(value);
        return parsed.ok && Object.is(parsed.value, T);
      });
    }
    if (touched(frame, "temperature", "negative")) {
      if (fromSlider(Number(ui.slider.value), state.negative) !== T) {
        ui.slider.value = String(sliderPosition(T));
      }
      ui.slider.setAttribute("aria-valuetext", `T = ${temperatureText(T)}`);
      ui.negative.checked = state.negative;
    }
    if (touched(frame, "temperature", "negative", "language")) {
      const signless = T === 0 || !Number.isFinite(T);
      ui.negativeNote.hidden = !(state.negative && signless);
      ui.negativeNote.textContent =
        state.negative && signless ? t(L, T === 0 ? "negativeAtZero" : "negativeAtInfinity") : "";
    }
    if (touched(frame, "playing", "language")) {
      ui.play.setAttribute("aria-pressed", String(state.playing));
      ui.play.textContent = t(L, state.playing ? "pause" : "play");
    }
    if (touched(frame, "data", "temperature", "language")) {
      ui.beta.textContent = t(L, "betaNote", {
        beta: fmt(snapshotOf(state.data, T).thermo.beta, 4),
      });
    }
  });
}
