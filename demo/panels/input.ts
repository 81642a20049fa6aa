/**
 * The input panel: the preset, the editing mode, and the numbers typed as logits or as energies
 * with degeneracies. Good input replaces the numbers in the store; bad input stays in its field
 * with a message beside it, and the plots keep the last good numbers.
 */
import { fmt } from "../format.ts";
import { defineStrings } from "../i18n.ts";
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
import { card, el, h, libraryError, renderField } from "./dom.ts";
import { shownValue } from "./page.ts";

export const strings = defineStrings({
  en: {
    inputHeading: "Input",
    preset: "Preset",
    presetSeed: "Seed example: softmax of [1, 2, 3, 4, 1, 2, 3]",
    presetLlm: "Language model: the next token after “The cat sat on the …”",
    presetTwoLevel: "Two-level system (Schottky peak in C)",
    presetHarmonic: "Harmonic oscillator (100 levels, exact curves overlaid)",
    presetDegenerate: "Degenerate levels (g = 1, 3, 5, 7)",
    presetInversion: "Three levels: population inversion at T < 0",
    presetRandom: "Large random vector (100 000 logits)",
    presetCustom: "Custom (your own numbers)",
    aboutSeed:
      "The example of the lecture “Activator and SoftMax”: NumPy computes np.exp(a) / np.sum(np.exp(a)) for a = [1, 2, 3, 4, 1, 2, 3] and gets [0.0236, 0.0643, 0.1747, 0.4748, …]. Read as physics, these are seven states with energies −1, −2, −3, −4, −1, −2, −3 at T = 1; equal logits are one degenerate level (g = 2), and the largest logit is the ground state.",
    aboutLlm:
      "A language model emits one logit per token in its vocabulary, and the next token is drawn from softmax(z/τ). Lower the temperature and the model becomes greedy (T → 0 picks “mat” every time); raise it and unlikely words like “moon” get a real chance. Try the sampling panel with top-k, top-p or min-p.",
    aboutTwoLevel:
      "Two levels, 0 and Δ = 1. At low T the system is frozen in the ground state; at high T both levels are equally occupied. In between, the heat capacity C = (Δ/T)²·e^(Δ/T)/(1 + e^(Δ/T))² has a peak, the Schottky anomaly: C_max ≈ 0.439 at T ≈ 0.417. Play the sweep to watch the marker pass over it.",
    aboutHarmonic:
      "A quantum harmonic oscillator has levels Eₙ = n + ½ (ħω = 1), n = 0, 1, 2, … Here the ladder is cut at 100 levels. The dashed curves are the exact, untruncated results: Z = 1/(2 sinh(β/2)), U = ½ coth(β/2), C = (β/2)²/sinh²(β/2). They agree until kB·T approaches the top of the ladder (T ≳ 10), where the truncated system runs out of levels and its C falls back to 0, while the exact C tends to kB (equipartition).",
    aboutDegenerate:
      "Four levels E = 0, 1, 2, 3 with degeneracies g = 1, 3, 5, 7, like the multiplets of an angular momentum. A degenerate level is g states with the same energy: on the softmax side it is g classes with equal logits. At low T only the ground state is occupied; at high T the crowded upper levels win, because a level's weight is g·e^(−E/T). The entropy climbs from ln 1 = 0 to ln 16.",
    aboutInversion:
      "Three levels 0, 1, 2 at T = −1. With a negative temperature the upper levels are more populated than the lower ones: a population inversion, as in a laser medium or a nuclear-spin system (Purcell and Pound, 1951). A negative temperature is hotter than any positive one: β = 1/T runs from +∞ through 0 (T = ±∞) to −∞. On the softmax side, τ < 0 simply reverses the preference order.",
    aboutRandom:
      "100 000 logits drawn from a normal distribution (seeded, so everyone gets the same vector). The timings below show the cost: each softmax is 100 000 exponentials, and the curves of F, U, S and C need one full pass per temperature. The lecture notes that softmax in large language models is costly for exactly this reason.",
    aboutCustom:
      "Your own numbers. Edit the logits (or the energies) and the temperature; the link in the address bar reproduces this view.",
    editAs: "Edit as",
    modeLogits: "Logits z (machine learning)",
    modeEnergies: "Energies E (physics)",
    logits: "Logits",
    logitsHint:
      "Numbers separated by commas or spaces. −inf masks a class (probability 0). Entries are numbered from 0, as in the plots.",
    energies: "Energies",
    energiesHint: "Energy levels, separated by commas or spaces. +inf makes a level inaccessible.",
    degeneracies: "Degeneracies (optional)",
    degeneraciesHint:
      "How many states share each level (whole numbers ≥ 0). Leave empty for 1 each.",
    derivedEnergies: "Energies E = −z",
    derivedLogits: "Logits z = −E (one per state)",
    moreValues: "… ({count} values in all)",
    errUrlMode: "The link's mode “{value}” is neither “logits” nor “energies”, so it was ignored.",
    linkTooLong: "This vector is too long for the link; the address keeps the preset only.",
  },
  ja: {
    inputHeading: "入力",
    preset: "プリセット",
    presetSeed: "講義の例：[1, 2, 3, 4, 1, 2, 3] のソフトマックス",
    presetLlm: "言語モデル：「猫が座ったのは…の上」の次のトークン",
    presetTwoLevel: "二準位系（比熱のショットキー・ピーク）",
    presetHarmonic: "調和振動子（100 準位で打ち切り、厳密な曲線を重ねて表示）",
    presetDegenerate: "縮退した準位（g = 1, 3, 5, 7）",
    presetInversion: "三準位系：負の温度での反転分布",
    presetRandom: "大きなランダムベクトル（ロジット 10 万個）",
    presetCustom: "カスタム（自分で入力した値）",
    aboutSeed:
      "講義「ActivatorとSoftMax」の例です。NumPy で a = [1, 2, 3, 4, 1, 2, 3] について np.exp(a) / np.sum(np.exp(a)) を計算すると [0.0236, 0.0643, 0.1747, 0.4748, …] になります。物理として読むと、エネルギーが −1, −2, −3, −4, −1, −2, −3 の七つの状態の T = 1 での分布です。等しいロジットは縮退した一つの準位（g = 2）で、最大のロジットが基底状態です。",
    aboutLlm:
      "言語モデルは語彙のトークンごとに一つのロジットを出力し、次のトークンは softmax(z/τ) から選ばれます。温度を下げるとモデルは貪欲になり（T → 0 では毎回「マット」を選びます）、上げると「月」のようなありそうもない語にも出番が回ってきます。サンプリング欄で top-k、top-p、min-p も試してください。",
    aboutTwoLevel:
      "エネルギー 0 と Δ = 1 の二つの準位です。低温では系は基底状態に凍りつき、高温では二つの準位が同じだけ占有されます。その中間で比熱 C = (Δ/T)²·e^(Δ/T)/(1 + e^(Δ/T))² はピークを持ちます。これがショットキー異常で、T ≈ 0.417 で C_max ≈ 0.439 です。温度を掃引して、マーカーがピークを通り過ぎる様子を見てください。",
    aboutHarmonic:
      "量子調和振動子の準位は Eₙ = n + ½（ħω = 1）、n = 0, 1, 2, … です。ここでは 100 準位で打ち切っています。破線は打ち切りのない厳密解 Z = 1/(2 sinh(β/2))、U = ½ coth(β/2)、C = (β/2)²/sinh²(β/2) です。kB·T が準位の上端に近づく（T ≳ 10）までは一致しますが、そこから先は打ち切った系の準位が足りなくなり、比熱は 0 に戻ります。一方、厳密な比熱は kB（エネルギー等分配）に近づきます。",
    aboutDegenerate:
      "エネルギー E = 0, 1, 2, 3 の四つの準位で、縮退度は角運動量の多重項のように g = 1, 3, 5, 7 です。縮退した準位とは、同じエネルギーを持つ g 個の状態のことで、ソフトマックスの側では等しいロジットを持つ g 個のクラスにあたります。低温では基底状態だけが占有されますが、高温では状態の多い上の準位が勝ちます。準位の重みが g·e^(−E/T) だからです。エントロピーは ln 1 = 0 から ln 16 まで増えます。",
    aboutInversion:
      "エネルギー 0, 1, 2 の三つの準位を T = −1 で見ています。温度が負だと、上の準位ほど多く占有されます。これが反転分布で、レーザー媒質や核スピン系（Purcell と Pound, 1951）で実現します。負の温度はどんな正の温度よりも「熱い」のです。β = 1/T は +∞ から 0（T = ±∞）を通って −∞ へと動きます。ソフトマックスの側では、τ < 0 は単に好みの順序を逆にします。",
    aboutRandom:
      "正規分布から引いた 10 万個のロジットです（乱数のシードを固定しているので、誰が開いても同じベクトルになります）。下の計算時間がコストを示します。ソフトマックス一回で指数関数を 10 万回計算し、F, U, S, C の曲線には温度ごとに全体を一巡する計算が必要です。講義でも、大規模言語モデルのソフトマックスの計算量が膨大になるのはこのためだと述べています。",
    aboutCustom:
      "自分で入力した値です。ロジット（またはエネルギー）と温度を編集してください。アドレスバーのリンクを開けば、この表示が再現されます。",
    editAs: "入力の種類",
    modeLogits: "ロジット z（機械学習）",
    modeEnergies: "エネルギー E（物理）",
    logits: "ロジット",
    logitsHint:
      "カンマまたは空白で区切った数値。−inf はそのクラスをマスクします（確率 0）。番号はグラフと同じく 0 から数えます。",
    energies: "エネルギー",
    energiesHint: "カンマまたは空白で区切ったエネルギー準位。+inf はその準位を到達不能にします。",
    degeneracies: "縮退度（省略可）",
    degeneraciesHint: "各準位に属する状態の数（0 以上の整数）。空欄ならすべて 1 です。",
    derivedEnergies: "エネルギー E = −z",
    derivedLogits: "ロジット z = −E（状態ごと）",
    moreValues: "…（全部で {count} 個）",
    errUrlMode:
      "リンクの入力の種類「{value}」は「logits」でも「energies」でもないため、無視しました。",
    linkTooLong:
      "このベクトルはリンクに入れるには長すぎるため、アドレスにはプリセットだけを残しています。",
  },
});
const { t, key } = strings;

/** Each preset's name (in the menu) and description (under it). */
const PRESET_TEXT: Record<
  PresetId,
  { name: keyof typeof strings.en; about: keyof typeof strings.en }
> = {
  seed: { name: "presetSeed", about: "aboutSeed" },
  llm: { name: "presetLlm", about: "aboutLlm" },
  "two-level": { name: "presetTwoLevel", about: "aboutTwoLevel" },
  harmonic: { name: "presetHarmonic", about: "aboutHarmonic" },
  degenerate: { name: "presetDegenerate", about: "aboutDegenerate" },
  inversion: { name: "presetInversion", about: "aboutInversion" },
  random: { name: "presetRandom", about: "aboutRandom" },
};

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
    store.noteLink({ key: key("errUrlMode"), params: { value: shownValue(mode) } });
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
  if (text.length > URL_LIMIT) return [{ key: key("linkTooLong") }];
  params.set(state.mode, text);
  if (state.mode === "energies" && state.texts.degeneracies.trim() !== "") {
    params.set("g", compact(state.texts.degeneracies));
  }
  return [];
}

/** A text field with its hint and its message (`kind` is its id). */
function textField(
  kind: "logits" | "energies" | "degeneracies",
  field: HTMLTextAreaElement | HTMLInputElement,
): (HTMLElement | string)[] {
  return [
    h("label", { for: kind, "data-i18n": key(kind) }),
    field,
    h("p", { id: `${kind}-hint`, class: "hint", "data-i18n": key(`${kind}Hint`) }),
    h("p", { id: `${kind}-error`, class: "error", role: "alert" }),
  ];
}

function vectorField(kind: "logits" | "energies"): HTMLTextAreaElement {
  return h("textarea", {
    id: kind,
    rows: 3,
    spellcheck: "false",
    autocomplete: "off",
    "aria-describedby": `${kind}-hint ${kind}-error`,
  });
}

/**
 * The input card: the preset, the editing mode, the two ways of typing the numbers, and what
 * they mean on the other side. It is the first column of the page, and the temperature panel
 * adds its controls at its foot.
 */
function markup(): HTMLElement {
  return card(
    { id: "input-panel", class: "input-panel layout-tall" },
    { id: "input-heading", text: key("inputHeading") },
    h(
      "div",
      { class: "field" },
      h("label", { for: "preset", "data-i18n": key("preset") }),
      h("select", { id: "preset" }),
      h("p", { id: "preset-about", class: "about" }),
    ),
    h(
      "fieldset",
      { class: "field mode" },
      h("legend", { "data-i18n": key("editAs") }),
      h(
        "div",
        { class: "check" },
        h("input", {
          id: "mode-logits",
          type: "radio",
          name: "mode",
          value: "logits",
          checked: true,
        }),
        h("label", { for: "mode-logits", "data-i18n": key("modeLogits") }),
      ),
      h(
        "div",
        { class: "check" },
        h("input", { id: "mode-energies", type: "radio", name: "mode", value: "energies" }),
        h("label", { for: "mode-energies", "data-i18n": key("modeEnergies") }),
      ),
    ),
    h("div", { id: "logits-group", class: "field" }, ...textField("logits", vectorField("logits"))),
    h(
      "div",
      { id: "energies-group", class: "field", hidden: true },
      ...textField("energies", vectorField("energies")),
      ...textField(
        "degeneracies",
        h("input", {
          id: "degeneracies",
          type: "text",
          spellcheck: "false",
          autocomplete: "off",
          "aria-describedby": "degeneracies-hint degeneracies-error",
        }),
      ),
    ),
    h(
      "p",
      { class: "derived" },
      h("span", { id: "derived-label" }),
      ": ",
      h("span", { id: "derived" }),
    ),
  );
}

export function mount(store: Store, layout: HTMLElement): void {
  layout.append(markup());
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
        option.textContent = t(L, PRESET_TEXT[id].name);
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
        state.preset === "custom" ? "aboutCustom" : PRESET_TEXT[state.preset].about,
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
