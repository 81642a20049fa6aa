/**
 * The temperature panel: the field, the log slider (|T| from 0.01 to 100), T = 0 and T = ∞,
 * the negative branch, and the play button that sweeps log₁₀|T| from −2 to 2. Its controls sit
 * at the foot of the input card (the page's first column), so it is listed after the input panel.
 */
import { fmt } from "../format.ts";
import { defineStrings } from "../i18n.ts";
import { parseTemperature, temperatureText } from "../parse.ts";
import { snapshotOf } from "../physics.ts";
import { type State, type Store, touched, withoutErrors } from "../store.ts";
import { el, h, libraryError, renderField } from "./dom.ts";

export const strings = defineStrings({
  en: {
    temperatureHeading: "Temperature",
    temperature: "Temperature",
    temperatureHint:
      "A number, 0, ∞ (or inf), or a negative number. The softmax temperature τ is the physical temperature T (kB = 1).",
    temperatureSlider: "Temperature slider (log scale, 0.01 to 100)",
    setZero: "T = 0",
    setInfinity: "T = ∞",
    negative: "Negative temperature (T < 0)",
    play: "▶ Play sweep",
    pause: "❚❚ Pause",
    playHint: "The sweep runs T from 0.01 to 100 on a log scale.",
    betaNote: "β = 1/T = {beta}",
    negativeAtZero:
      "At T = 0 the sign changes nothing here: the library reads T = −0 as the limit T → 0⁺ (the ground states). The limit T → 0⁻ would put every state in the top level; approach it with small negative temperatures such as −0.01. The slider now moves on the negative side.",
    negativeAtInfinity:
      "T = −∞ is the same as T = +∞ (β = 0: every state equally likely), so nothing changes; the slider now moves on the negative side.",
  },
  ja: {
    temperatureHeading: "温度",
    temperature: "温度",
    temperatureHint:
      "数値、0、∞（inf）、または負の数を入力します。ソフトマックスの温度 τ は物理の温度 T です（kB = 1）。",
    temperatureSlider: "温度スライダー（対数目盛、0.01〜100）",
    setZero: "T = 0",
    setInfinity: "T = ∞",
    negative: "負の温度（T < 0）",
    play: "▶ 温度を掃引",
    pause: "❚❚ 一時停止",
    playHint: "掃引では T を 0.01 から 100 まで対数目盛で動かします。",
    betaNote: "β = 1/T = {beta}",
    negativeAtZero:
      "T = 0 では符号を変えても何も変わりません。ライブラリは T = −0 を極限 T → 0⁺（基底状態）として扱います。極限 T → 0⁻ ではすべての状態が最上位の準位に入ります。−0.01 のような小さな負の温度で近づいてみてください。スライダーは負の側を動くようになりました。",
    negativeAtInfinity:
      "T = −∞ は T = +∞ と同じ（β = 0：すべての状態が等確率）なので、何も変わりません。スライダーは負の側を動くようになりました。",
  },
});
const { t, key } = strings;

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

function markup(): (HTMLElement | string)[] {
  return [
    h("h2", { "data-i18n": key("temperatureHeading") }),
    h(
      "div",
      { class: "field temperature" },
      h("label", { for: "temperature", "data-i18n": key("temperature") }),
      h("input", {
        id: "temperature",
        type: "text",
        inputmode: "decimal",
        spellcheck: "false",
        autocomplete: "off",
        "aria-describedby": "temperature-hint temperature-error",
      }),
      " ",
      h("input", {
        id: "temperature-slider",
        type: "range",
        min: -2,
        max: 2,
        step: 0.01,
        value: 0,
        "data-i18n-aria": key("temperatureSlider"),
      }),
      h("p", { id: "temperature-hint", class: "hint", "data-i18n": key("temperatureHint") }),
      h("p", { id: "temperature-error", class: "error", role: "alert" }),
      h(
        "div",
        { class: "buttons" },
        h("button", { id: "t-zero", type: "button", "data-i18n": key("setZero") }),
        h("button", { id: "t-infinity", type: "button", "data-i18n": key("setInfinity") }),
        h("button", {
          id: "play",
          type: "button",
          "aria-pressed": "false",
          "aria-describedby": "play-hint",
        }),
      ),
      h("p", { id: "play-hint", class: "hint", "data-i18n": key("playHint") }),
      h(
        "div",
        { class: "check" },
        h("input", { id: "negative", type: "checkbox", "aria-describedby": "negative-note" }),
        h("label", { for: "negative", "data-i18n": key("negative") }),
      ),
      h("p", { id: "negative-note", class: "note", role: "status", hidden: true }),
      h("p", { id: "beta", class: "hint" }),
    ),
  ];
}

export function mount(store: Store): void {
  el("input-panel").append(...markup());
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
