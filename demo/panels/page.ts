/**
 * The page around the panels: the language, projector mode, the static labels (`data-i18n`),
 * the message about the link, and the footer's link to the theory guide.
 */
import { isLanguage, t } from "../i18n.ts";
import type { State, Store } from "../store.ts";
import { touched } from "../store.ts";
import { el, translate } from "./dom.ts";

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
    store.noteLink({ key: "errUrlLanguage", params: { value: shownValue(lang) } });
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

export function mount(store: Store): void {
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
      message.textContent = notes.map((note) => t(L, note.key, note.params)).join(" ");
    }
  });
}
