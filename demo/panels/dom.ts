/**
 * What every panel does with the page: build its markup ({@link h}), find its elements, show a
 * field's error (with `aria-invalid` on the field), and put the state's text into a field
 * without undoing the user's typing. Text only ever reaches the page through `textContent`,
 * text nodes or form values, never as HTML.
 */
import { type Language, type MessageKey, t } from "../i18n.ts";
import type { InputError } from "../parse.ts";
import type { State } from "../store.ts";

/**
 * An element's attributes for {@link h}: strings and numbers are set as they are, `true` as an
 * empty attribute (`hidden`, `checked`), `false` and `undefined` not at all. `data-i18n` (the
 * element's text) and `data-i18n-aria` (its `aria-label`) take a key that the strings define,
 * and are filled in the page's language on every change of language.
 */
export type Attributes = {
  readonly "data-i18n"?: MessageKey;
  readonly "data-i18n-aria"?: MessageKey;
} & Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Builds an element with DOM calls only: `h("p", { id: "beta", class: "hint" }, "text", child)`.
 * A string child becomes a text node (never HTML), so a panel's markup cannot carry markup from
 * anywhere else.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children);
  return node;
}

/**
 * A panel's card: `<section class="panel …">` named by its heading (`aria-labelledby`), which
 * comes first. `class` holds the panel's own class and its width in the grid (`layout-wide`
 * and the others style.css lists at `.layout`).
 */
export function card(
  attributes: { readonly class: string; readonly id?: string },
  heading: { readonly id: string; readonly text: MessageKey },
  ...children: (Node | string)[]
): HTMLElement {
  return h(
    "section",
    { ...attributes, class: `panel ${attributes.class}`, "aria-labelledby": heading.id },
    h("h2", { id: heading.id, "data-i18n": heading.text }),
    ...children,
  );
}

/** The element `id`, which some panel built (a missing one is a bug, named at once). */
export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`demo: #${id} is missing: no panel built it`);
  return node as T;
}

/** An error as a sentence in the current language, with "the plots keep the last input". */
export function errorText(language: Language, error: InputError, kept = true): string {
  const message = t(language, error.key, error.params);
  return kept ? `${message} ${t(language, "keptLast")}` : message;
}

/** Shows `error` (or nothing) in `node`. */
export function showError(node: HTMLElement, language: Language, error: InputError | null): void {
  node.textContent = error === null ? "" : errorText(language, error);
}

/**
 * Renders the field `input` from the state: its refused text and message when it has an error
 * (and `aria-invalid="true"`), otherwise the state's `text`, unless what the field holds already
 * means the same (so "0.50" being typed is not rewritten to "0.5" under the cursor).
 */
export function renderField(
  state: Readonly<State>,
  input: HTMLInputElement | HTMLTextAreaElement,
  message: HTMLElement | null,
  text: string,
  same: (value: string) => boolean = (value) => value === text,
): void {
  const refused = state.errors[input.id];
  if (refused !== undefined) {
    if (input.value !== refused.text) input.value = refused.text;
    if (refused.error !== null) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    if (message !== null) showError(message, state.language, refused.error);
    return;
  }
  input.removeAttribute("aria-invalid");
  if (message !== null) message.textContent = "";
  if (!same(input.value)) input.value = text;
}

/** A library error (its text is English) as a message. */
export function libraryError(error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  return { key: "errLibrary", params: { message } };
}

/** Translates the `data-i18n` and `data-i18n-aria` nodes under `root`. */
export function translate(root: ParentNode, language: Language): void {
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    node.textContent = t(language, node.dataset.i18n as MessageKey);
  }
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-aria]")) {
    node.setAttribute("aria-label", t(language, node.dataset.i18nAria as MessageKey));
  }
}

/** Is the element (a plot) at least partly in the window? */
export function onScreen(node: HTMLElement): boolean {
  const box = node.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
}
