/**
 * The thermodynamics at the current temperature: Z, ln Z, F, U, S, C and β, each with its
 * formula filled in with the current numbers (and the limits at T = 0 and T = ±∞ named).
 */
import { fmt, fmtFromLog, term } from "../format.ts";
import { defineStrings, type SharedKey } from "../i18n.ts";
import { group } from "../parse.ts";
import { snapshotOf } from "../physics.ts";
import type { State, Store } from "../store.ts";
import { touched } from "../store.ts";
import { card, el, h } from "./dom.ts";

export const strings = defineStrings({
  en: {
    thermoHeading: "Thermodynamics at the current temperature",
    thermoCaption:
      "Every quantity follows from the partition function; the formulas below carry the current numbers.",
    qZ: "Partition function Z",
    qLogZ: "Log partition function ln Z",
    qBeta: "Inverse temperature β",
    nats: "nats",
    bits: "bits",
    maxEntropy: "maximum ln N",
    limitZero: "limit T → 0: the ground level",
    limitInfinity: "limit T → ∞: uniform over the states",
  },
  ja: {
    thermoHeading: "現在の温度での熱力学量",
    thermoCaption: "どの量も分配関数から導かれます。下の式には現在の数値を代入してあります。",
    qZ: "分配関数 Z",
    qLogZ: "分配関数の対数 ln Z",
    qBeta: "逆温度 β",
    nats: "ナット",
    bits: "ビット",
    maxEntropy: "最大値 ln N",
    limitZero: "T → 0 の極限：基底準位",
    limitInfinity: "T → ∞ の極限：全状態に一様",
  },
});
const { t, key } = strings;

function setReadout(id: string, value: number, text = fmt(value, 6)): void {
  const node = el<HTMLOutputElement>(id);
  node.textContent = text;
  node.dataset.value = String(value);
}

function setFormula(id: string, text: string): void {
  el(id).textContent = text;
}

function render(state: Readonly<State>): void {
  const snap = snapshotOf(state.data, state.temperature);
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
}

/** One quantity: its name, " = ", its readout, and its formula under them. */
function quantity(
  name: keyof typeof strings.en | SharedKey,
  id: string,
  ...after: (HTMLElement | string)[]
): HTMLElement {
  return h(
    "div",
    { class: "quantity" },
    h("span", { class: "name", "data-i18n": key(name) }),
    " = ",
    h("output", { id: `readout-${id}` }),
    ...after,
    h("div", { id: `formula-${id}`, class: "formula" }),
  );
}

function markup(): HTMLElement {
  return card(
    { class: "thermo-panel layout-side" },
    { id: "thermo-heading", text: key("thermoHeading") },
    h("p", { class: "caption", "data-i18n": key("thermoCaption") }),
    h(
      "div",
      { class: "quantities" },
      quantity("qZ", "Z"),
      quantity("qLogZ", "logZ"),
      quantity("qF", "F"),
      quantity("qU", "U"),
      quantity(
        "qS",
        "S",
        " ",
        h("span", { "data-i18n": key("nats") }),
        " = ",
        h("output", { id: "readout-S-bits" }),
        " ",
        h("span", { "data-i18n": key("bits") }),
        " (",
        h("span", { "data-i18n": key("maxEntropy") }),
        ": ",
        h("output", { id: "readout-S-max" }),
        ")",
      ),
      quantity("qC", "C"),
      quantity("qBeta", "beta"),
    ),
  );
}

export function mount(store: Store, layout: HTMLElement): void {
  layout.append(markup());
  store.subscribe((state, frame) => {
    if (touched(frame, "data", "temperature", "language")) render(state);
  });
}
