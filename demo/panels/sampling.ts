/**
 * The sampling panel: draws tokens (microstates) from softmax(z/τ) with the library's
 * `sample()` and a seeded generator, after the optional top-k, top-p and min-p filters, and
 * shows the histogram converging on the filtered distribution (`samplingDistribution`).
 *
 * The settings live in the store (and the link); the histogram itself is this panel's own
 * bookkeeping, started over whenever the numbers, the temperature, the filters or the seed
 * change. Draws run for about 12 ms per animation frame, so the page stays live however large
 * the vector: the time is checked after every draw once a draw costs more than a few µs.
 */
import { sample, samplingDistribution } from "gibbs-softmax";
import { fmt } from "../format.ts";
import { t } from "../i18n.ts";
import { group, type InputError, type Parsed, parseInteger, parseOptional } from "../parse.ts";
import { samplesFigure, viewOf } from "../plots.ts";
import { mulberry32 } from "../random.ts";
import {
  type Frame,
  type SamplingSettings,
  type State,
  type Store,
  touched,
  withoutErrors,
} from "../store.ts";
import { el, errorText, libraryError, renderField } from "./dom.ts";
import { Graph } from "./plot.ts";

/** The most samples one press of the button draws. */
const MAX_SAMPLES = 1_000_000;
/** Milliseconds of drawing per animation frame. */
const BUDGET_MS = 12;

type Setting = keyof SamplingSettings;

/** Each field: its element id, its key in the link, and how its text is read. */
const FIELDS: readonly {
  id: string;
  param: string;
  setting: Setting;
  read: (text: string) => Parsed<number | undefined>;
}[] = [
  {
    id: "sample-count",
    param: "n",
    setting: "count",
    read: (text) => parseInteger(text, 1, MAX_SAMPLES, "errSampleCount"),
  },
  {
    id: "sample-seed",
    param: "seed",
    setting: "seed",
    read: (text) => {
      const r = parseOptional(text, Number.isSafeInteger, "errSeed");
      return r.ok ? { ok: true, value: r.value ?? 1 } : r;
    },
  },
  {
    id: "top-k",
    param: "topk",
    setting: "topK",
    read: (text) => parseOptional(text, (x) => Number.isInteger(x) && x >= 1, "errTopK"),
  },
  {
    id: "top-p",
    param: "topp",
    setting: "topP",
    read: (text) => parseOptional(text, (x) => x > 0 && x <= 1, "errTopP"),
  },
  {
    id: "min-p",
    param: "minp",
    setting: "minP",
    read: (text) => parseOptional(text, (x) => x >= 0 && x <= 1, "errMinP"),
  },
];

const DEFAULTS: SamplingSettings = {
  count: 1000,
  seed: 1,
  topK: undefined,
  topP: undefined,
  minP: undefined,
};

/** Reads one field into the store; returns false if it was refused. */
function readField(store: Store, field: (typeof FIELDS)[number], text: string): boolean {
  const parsed = field.read(text);
  if (!parsed.ok) {
    store.setError(field.id, { text, error: parsed.error });
    return false;
  }
  const s = store.state;
  store.set({
    sampling: { ...s.sampling, [field.setting]: parsed.value },
    errors: withoutErrors(s.errors, field.id),
  });
  return true;
}

export function readUrl(params: URLSearchParams, store: Store): void {
  for (const field of FIELDS) {
    const text = params.get(field.param);
    if (text !== null && !readField(store, field, text)) {
      store.noteLink({ key: "errUrlField", params: { name: field.param } });
    }
  }
}

export function writeUrl(state: Readonly<State>, params: URLSearchParams): undefined {
  for (const field of FIELDS) {
    const value = state.sampling[field.setting];
    if (value !== DEFAULTS[field.setting] && value !== undefined) {
      params.set(field.param, String(value));
    }
  }
  return undefined;
}

/** The filters that are set, without undefined entries (exactOptionalPropertyTypes). */
function filters(s: SamplingSettings): { topK?: number; topP?: number; minP?: number } {
  return {
    ...(s.topK === undefined ? {} : { topK: s.topK }),
    ...(s.topP === undefined ? {} : { topP: s.topP }),
    ...(s.minP === undefined ? {} : { minP: s.minP }),
  };
}

export function mount(store: Store): void {
  const ui = {
    draw: el<HTMLButtonElement>("draw"),
    reset: el<HTMLButtonElement>("reset-samples"),
    error: el("sampling-error"),
    status: el("sampling-status"),
  };
  const inputs = FIELDS.map((field) => el<HTMLInputElement>(field.id));
  const graph = new Graph("plot-samples");

  // The histogram: counts per state, for the distribution `key` names.
  let key = "";
  let counts: Float64Array = new Float64Array(0);
  let total = 0;
  let pending = 0;
  let random = mulberry32(1);
  let target: Float64Array = new Float64Array(0);
  let running = false;
  let failure: InputError | null = null;

  /** Starts over when the distribution, the filters or the seed changed. */
  const sync = (state: Readonly<State>) => {
    const s = state.sampling;
    const now = `${state.revision}|${state.temperature}|${s.topK}|${s.topP}|${s.minP}|${s.seed}`;
    if (now === key) return;
    key = now;
    counts = new Float64Array(state.data.logits.length);
    total = 0;
    pending = 0;
    failure = null;
    random = mulberry32(s.seed);
    try {
      target = samplingDistribution(state.data.logits, {
        temperature: state.temperature,
        ...filters(s),
      });
    } catch (error) {
      target = new Float64Array(state.data.logits.length);
      failure = libraryError(error);
    }
  };

  const reset = () => {
    key = "";
  };

  /** Redraws the histogram (in `frame`, or at once) and the lines under it. */
  const render = (state: Readonly<State>, frame: Frame | null, plot = true) => {
    sync(state);
    if (plot) {
      const view = viewOf(state);
      const figure = () => samplesFigure(view, counts, total, target);
      if (frame === null) void graph.drawNow(figure());
      else graph.update(frame, figure);
    }
    let distance = 0;
    if (total > 0) {
      for (let i = 0; i < target.length; i++) {
        distance += Math.abs((counts[i] as number) / total - (target[i] as number));
      }
    }
    const L = state.language;
    const lines = [t(L, "drawn", { count: group(total) })];
    if (total > 0) lines.push(t(L, "tvDistance", { value: fmt(distance / 2, 3) }));
    if (pending > 0) {
      lines.push(t(L, "samplingBusy", { count: group(total), total: group(total + pending) }));
    }
    ui.status.textContent = lines.join(" · ");
    ui.status.dataset.total = String(total);
    // The first refused field's message, else the library's refusal, if any.
    const refused = FIELDS.map((f) => state.errors[f.id]?.error).find((e) => e != null);
    ui.error.textContent =
      refused != null
        ? errorText(L, refused)
        : failure !== null
          ? errorText(L, failure, false)
          : "";
  };

  const step = () => {
    const state = store.state;
    sync(state);
    const started = performance.now();
    const options = { temperature: state.temperature, random, ...filters(state.sampling) };
    const logits = state.data.logits;
    // Small vectors: check the clock every 64 draws; large ones after every draw.
    const batch = logits.length > 2000 ? 1 : 64;
    try {
      while (pending > 0 && performance.now() - started < BUDGET_MS) {
        const k = Math.min(pending, batch);
        for (let j = 0; j < k; j++) {
          const i = sample(logits, options);
          counts[i] = (counts[i] as number) + 1;
        }
        total += k;
        pending -= k;
      }
    } catch (error) {
      pending = 0;
      failure = libraryError(error);
    }
    render(state, null);
    if (pending > 0) requestAnimationFrame(step);
    else running = false;
  };

  FIELDS.forEach((field, k) => {
    const input = inputs[k] as HTMLInputElement;
    input.addEventListener("input", () => readField(store, field, input.value));
  });
  ui.draw.addEventListener("click", () => {
    const state = store.state;
    if (FIELDS.some((f) => state.errors[f.id]?.error != null)) return;
    sync(state);
    if (failure !== null) return;
    pending += state.sampling.count;
    if (!running) {
      running = true;
      requestAnimationFrame(step);
    }
  });
  ui.reset.addEventListener("click", () => {
    reset();
    render(store.state, null);
  });

  store.subscribe((state, frame) => {
    if (touched(frame, "sampling", "errors", "language")) {
      FIELDS.forEach((field, k) => {
        const value = state.sampling[field.setting];
        const input = inputs[k] as HTMLInputElement;
        renderField(state, input, null, value === undefined ? "" : String(value), (text) => {
          const parsed = field.read(text);
          return parsed.ok && parsed.value === value;
        });
      });
    }
    const plot = touched(
      frame,
      "data",
      "temperature",
      "sampling",
      "language",
      "projector",
      "labels",
    );
    if (plot || touched(frame, "errors")) render(state, frame, plot);
  });
}
