/**
 * The page around the panels: the header (title, language, projector mode), the introduction,
 * the message about the link, and the footer with its link to the theory guide. It also
 * translates every `data-i18n` node of the page when the language changes.
 */
import { defineStrings, isLanguage, t as lookup } from "../i18n.ts";
import type { State, Store } from "../store.ts";
import { touched } from "../store.ts";
import { el, h, translate } from "./dom.ts";

export const strings = defineStrings({
  en: {
    pageTitle: "gibbs-softmax demo: softmax is the Gibbs distribution",
    title: "Softmax is the Gibbs distribution",
    intro:
      "Softmax, the activation function that turns a vector of logits z into probabilities pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ), is letter for letter the Boltzmann–Gibbs distribution of statistical physics, pᵢ = exp(−Eᵢ/T) / Z, once you read each logit as minus an energy (Eᵢ = −zᵢ) and the softmax temperature τ as the temperature T (with kB = 1). The normaliser of softmax is the partition function Z. Change the numbers or the temperature and watch the two sides stay identical.",
    language: "Language",
    projector: "Projector mode (large text)",
    footer:
      "gibbs-softmax: the library computes every number here; the page imports it exactly as a user would.",
    footerTheory: "The theory: docs/theory.md",
    errUrlLanguage:
      "The link asks for the language “{value}”, which the demo does not have (en, ja): it is shown in English instead.",
  },
  ja: {
    pageTitle: "gibbs-softmax デモ：ソフトマックスはギブス分布である",
    title: "ソフトマックスはギブス分布である",
    intro:
      "ロジットのベクトル z を確率 pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ) に変える活性化関数ソフトマックスは、各ロジットを符号を反転したエネルギー（Eᵢ = −zᵢ）と、ソフトマックスの温度 τ を物理の温度 T（kB = 1）と読み替えれば、統計力学のボルツマン・ギブス分布 pᵢ = exp(−Eᵢ/T) / Z と一字一句同じ式になります。ソフトマックスの分母は分配関数 Z そのものです。数値や温度を変えて、二つが常に一致することを確かめてください。",
    language: "言語",
    projector: "プロジェクター表示（大きな文字）",
    footer:
      "gibbs-softmax：ここに表示される数値はすべてライブラリが計算しています。このページは利用者と同じ方法でライブラリを読み込んでいます。",
    footerTheory: "理論の解説：docs/theory.ja.md",
    errUrlLanguage:
      "リンクで指定された言語「{value}」はこのデモにありません（en、ja）。代わりに英語で表示しています。",
  },
});
const { t, key } = strings;

/** The theory guide, relative to the published site's root (where the demo is index.html). */
const THEORY = { en: "docs/theory.html", ja: "docs/theory.ja.html" } as const;

/** Shortens a value from the link for a message (it is shown with textContent only). */
export function shownValue(value: string): string {
  return value.length > 24 ? `${value.slice(0, 24)}…` : value;
}

export function readUrl(params: URLSearchParams, store: Store): void {
  const lang = params.get("lang");
  if (isLanguage(lang)) store.set({ language: lang });
  else if (lang === null) {
    store.set({ language: navigator.language.toLowerCase().startsWith("ja") ? "ja" : "en" });
  } else {
    store.set({ language: "en" });
    store.noteLink({ key: key("errUrlLanguage"), params: { value: shownValue(lang) } });
  }
  const projector = params.get("projector");
  if (projector === "1") store.set({ projector: true });
  else if (projector !== null && projector !== "0") {
    store.noteLink({ key: "errUrl", params: { name: "projector" } });
  }
}

export function writeUrl(state: Readonly<State>, params: URLSearchParams): undefined {
  params.set("lang", state.language);
  if (state.projector) params.set("projector", "1");
  return undefined;
}

/** The header, introduction and message go before the panels; the footer after them. */
function markup(layout: HTMLElement): void {
  const header = h(
    "header",
    { class: "top" },
    h("h1", { id: "title", "data-i18n": key("title") }),
    h(
      "div",
      { class: "top-controls" },
      h("label", { for: "language", "data-i18n": key("language") }),
      h(
        "select",
        { id: "language" },
        h("option", { value: "en" }, "English"),
        h("option", { value: "ja", lang: "ja" }, "日本語"),
      ),
      h(
        "span",
        { class: "check" },
        h("input", { id: "projector", type: "checkbox" }),
        h("label", { for: "projector", "data-i18n": key("projector") }),
      ),
    ),
  );
  const intro = h("p", { id: "intro", class: "intro", "data-i18n": key("intro") });
  const message = h("p", { id: "message", class: "error", role: "status", "aria-live": "polite" });
  const footer = h(
    "footer",
    {},
    h(
      "p",
      {},
      h("span", { "data-i18n": key("footer") }),
      " ",
      h("a", { id: "theory-link", href: THEORY.en, "data-i18n": key("footerTheory") }),
    ),
  );
  layout.before(header, intro, message);
  layout.after(footer);
}

export function mount(store: Store, layout: HTMLElement): void {
  markup(layout);
  const language = el<HTMLSelectElement>("language");
  const projector = el<HTMLInputElement>("projector");
  const message = el("message");
  const theory = el<HTMLAnchorElement>("theory-link");

  language.addEventListener("change", () => {
    if (isLanguage(language.value)) store.set({ language: language.value });
  });
  projector.addEventListener("change", () => store.set({ projector: projector.checked }));

  store.subscribe((state, frame) => {
    const L = state.language;
    if (touched(frame, "language")) {
      document.documentElement.lang = L;
      document.title = t(L, "pageTitle");
      language.value = L;
      translate(document, L);
      theory.href = THEORY[L];
    }
    if (touched(frame, "projector")) {
      document.documentElement.classList.toggle("projector", state.projector);
      projector.checked = state.projector;
    }
    if (touched(frame, "language", "linkNotes", "writeNotes")) {
      const notes = [...state.linkNotes, ...state.writeNotes];
      message.textContent = notes.map((note) => lookup(L, note.key, note.params)).join(" ");
    }
  });
}
