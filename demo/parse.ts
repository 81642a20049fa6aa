/**
 * Reading the text fields. Nothing here throws: every function returns either a value or an
 * error (a message key with its parameters), so bad input becomes an inline message and the
 * demo keeps its last good state.
 */
import type { MessageKey, MessageParams } from "./i18n.ts";

/** The most values (states) the demo accepts: the 100 000-logit preset fits, 10⁶ does not. */
export const MAX_VALUES = 200_000;

/** Why an input was refused. */
export interface InputError {
  key: MessageKey;
  params?: MessageParams;
}

/** A parsed value or the reason it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: InputError };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const INFINITY = /^([+-]?)(?:inf|infinity|∞)$/i;
const NOT_A_NUMBER = /^[+-]?nan$/i;

/** Full-width digits and commas (NFKC), the Unicode minus and the ideographic comma made ASCII. */
function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[−–]/g, "-")
    .replace(/[、，]/g, ",");
}

/** Shortens a token for an error message (the message is set with textContent, never as HTML). */
function shown(token: string): string {
  return token.length > 24 ? `${token.slice(0, 24)}…` : token;
}

/** One token as a number, "bad", or "overflow" (NaN is returned as NaN so the caller can name it). */
function parseToken(token: string): number | "bad" | "overflow" {
  if (DECIMAL.test(token)) {
    const x = Number(token);
    // A decimal beyond ±1.8e308 rounds to ±∞, which nobody typed: refuse it rather than guess.
    return Number.isFinite(x) ? x : "overflow";
  }
  const inf = INFINITY.exec(token);
  if (inf !== null) return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (NOT_A_NUMBER.test(token)) return Number.NaN;
  return "bad";
}

/** Commas and semicolons (with any spaces around them) or runs of spaces separate the entries. */
const SEPARATOR = /\s*[,;]\s*|\s+/g;

/**
 * Splits a field into tokens, strictly: two separators in a row (`1,,2`), a leading or a
 * trailing comma leave an empty entry, which is refused with its index and character position.
 * More than `max` values are refused before any real work.
 */
function tokens(text: string, max: number): Parsed<string[]> {
  const normal = normalise(text);
  const trimmed = normal.trim();
  if (trimmed === "") return { ok: false, error: { key: "errEmpty" } };
  const offset = normal.indexOf(trimmed);
  const parts: string[] = [];
  let start = 0;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(trimmed); m !== null; m = SEPARATOR.exec(trimmed)) {
    const token = trimmed.slice(start, m.index);
    if (token === "") {
      const comma = m[0].search(/[,;]/);
      const column = offset + m.index + Math.max(0, comma) + 1;
      return {
        ok: false,
        error: { key: "errEmptyEntry", params: { index: parts.length, column } },
      };
    }
    parts.push(token);
    if (parts.length > max) break;
    start = m.index + m[0].length;
  }
  if (parts.length <= max) {
    const last = trimmed.slice(start);
    if (last === "") {
      return {
        ok: false,
        error: { key: "errTrailingSeparator", params: { index: parts.length } },
      };
    }
    parts.push(last);
  }
  if (parts.length > max) {
    const count = trimmed.split(SEPARATOR).length;
    return {
      ok: false,
      error: { key: "errTooMany", params: { count: group(count), max: group(max) } },
    };
  }
  return { ok: true, value: parts };
}

/** 1000000 → "1 000 000" (a thin space would not survive every font; a plain space does). */
export function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/**
 * A vector of logits or energies. Refuses letters, NaN, a decimal too large for a double (it
 * would silently become ±∞), the infinity that has no distribution (+∞ for a logit, −∞ for an
 * energy), an empty field or entry, more than `max` values, and a vector whose every entry is
 * masked. Indices in messages count from 0, as in the plots.
 */
export function parseVector(
  text: string,
  kind: "logits" | "energies",
  max = MAX_VALUES,
): Parsed<Float64Array> {
  const split = tokens(text, max);
  if (!split.ok) return split;
  const parts = split.value;
  const values = new Float64Array(parts.length);
  const forbidden = kind === "logits" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const masked = -forbidden;
  let active = 0;
  for (let i = 0; i < parts.length; i++) {
    const token = parts[i] as string;
    const x = parseToken(token);
    if (x === "bad" || x === "overflow") {
      const key = x === "bad" ? "errNotNumber" : "errOverflow";
      return { ok: false, error: { key, params: { index: i, token: shown(token) } } };
    }
    if (Number.isNaN(x)) return { ok: false, error: { key: "errNaN", params: { index: i } } };
    if (x === forbidden) {
      const key = kind === "logits" ? "errPlusInfLogit" : "errMinusInfEnergy";
      return { ok: false, error: { key, params: { index: i } } };
    }
    if (x !== masked) active++;
    values[i] = x;
  }
  if (active === 0) return { ok: false, error: { key: "errAllMasked" } };
  return { ok: true, value: values };
}

/** Degeneracies: whole numbers ≥ 0, one per energy; an empty field means all 1. */
export function parseDegeneracies(text: string, levels: number): Parsed<Float64Array | null> {
  if (normalise(text).trim() === "") return { ok: true, value: null };
  const split = tokens(text, MAX_VALUES);
  if (!split.ok) return split;
  const parts = split.value;
  if (parts.length !== levels) {
    return { ok: false, error: { key: "errLength", params: { got: parts.length, want: levels } } };
  }
  const values = new Float64Array(parts.length);
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const token = parts[i] as string;
    const g = parseToken(token);
    if (g === "bad" || g === "overflow" || !Number.isInteger(g) || g < 0) {
      return {
        ok: false,
        error: { key: "errDegeneracy", params: { index: i, token: shown(token) } },
      };
    }
    values[i] = g;
    total += g;
  }
  if (total > MAX_VALUES) {
    return {
      ok: false,
      error: { key: "errTooManyStates", params: { count: group(total), max: group(MAX_VALUES) } },
    };
  }
  return { ok: true, value: values };
}

/** The spectrum's two fields; an error says which of them is wrong. */
export type SpectrumField = "energies" | "degeneracies";

/**
 * A spectrum typed as energies (with optional degeneracies), expanded into one logit per state,
 * z = −E repeated g times: on the softmax side a level of degeneracy g is g classes with equal
 * logits. A level with g = 0 contributes no state. An error names the field to fix: the
 * degeneracies when they are what leaves no state (`0, 0`).
 */
export function parseSpectrum(
  energiesText: string,
  degeneraciesText: string,
):
  | {
      ok: true;
      value: { energies: Float64Array; degeneracies: Float64Array | null; logits: Float64Array };
    }
  | { ok: false; error: InputError; field: SpectrumField } {
  const e = parseVector(energiesText, "energies");
  if (!e.ok) return { ...e, field: "energies" };
  const energies = e.value;
  const g = parseDegeneracies(degeneraciesText, energies.length);
  if (!g.ok) return { ...g, field: "degeneracies" };
  const degeneracies = g.value;
  if (degeneracies === null) {
    return { ok: true, value: { energies, degeneracies, logits: energies.map((x) => -x) } };
  }
  let total = 0;
  let active = 0;
  for (let i = 0; i < energies.length; i++) {
    const gi = degeneracies[i] as number;
    total += gi;
    if (gi > 0 && energies[i] !== Number.POSITIVE_INFINITY) active += gi;
  }
  if (active === 0) {
    return { ok: false, error: { key: "errNoStates" }, field: "degeneracies" };
  }
  const logits = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < energies.length; i++) {
    const z = -(energies[i] as number);
    for (let j = 0; j < (degeneracies[i] as number); j++) logits[k++] = z;
  }
  return { ok: true, value: { energies, degeneracies, logits } };
}

/** A temperature: a number, 0, ±∞ (∞, inf, Infinity), or a negative number. */
export function parseTemperature(text: string): Parsed<number> {
  const token = normalise(text).trim();
  if (token === "") return { ok: false, error: { key: "errTemperatureEmpty" } };
  const x = parseToken(token);
  if (x === "overflow") {
    return { ok: false, error: { key: "errTemperatureOverflow", params: { token: shown(token) } } };
  }
  if (x === "bad" || Number.isNaN(x)) {
    return { ok: false, error: { key: "errTemperature", params: { token: shown(token) } } };
  }
  return { ok: true, value: x === 0 ? 0 : x };
}

/** An optional number field: empty is `undefined`; otherwise it must pass `valid`. */
export function parseOptional(
  text: string,
  valid: (x: number) => boolean,
  key: MessageKey,
  params?: MessageParams,
): Parsed<number | undefined> {
  const token = normalise(text).trim();
  if (token === "") return { ok: true, value: undefined };
  const x = parseToken(token);
  if (x === "bad" || x === "overflow" || !valid(x)) {
    return { ok: false, error: params === undefined ? { key } : { key, params } };
  }
  return { ok: true, value: x };
}

/** A whole number from `min` to `max` (a required field). */
export function parseInteger(
  text: string,
  min: number,
  max: number,
  key: MessageKey,
): Parsed<number> {
  const params = { min: group(min), max: group(max) };
  const r = parseOptional(text, (x) => Number.isInteger(x) && x >= min && x <= max, key, params);
  if (!r.ok) return r;
  if (r.value === undefined) return { ok: false, error: { key, params } };
  return { ok: true, value: r.value };
}

/** A temperature as text for the field and the URL: "1", "0.42", "-1", "∞", "-∞". */
export function temperatureText(T: number): string {
  if (T === Number.POSITIVE_INFINITY) return "∞";
  if (T === Number.NEGATIVE_INFINITY) return "-∞";
  return String(T);
}

/** A vector as the text a field shows: "1, 2, 3", with "-inf"/"inf" for the infinities. */
export function vectorText(values: ArrayLike<number>): string {
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    parts[i] =
      x === Number.POSITIVE_INFINITY ? "inf" : x === Number.NEGATIVE_INFINITY ? "-inf" : String(x);
  }
  return parts.join(", ");
}
