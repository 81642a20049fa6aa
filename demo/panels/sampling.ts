/**
 * The sampling panel: draws tokens (microstates) from softmax(z/τ) after the optional top-k,
 * top-p and min-p filters, with a seeded generator, and shows the histogram converging on the
 * filtered distribution. The library's `samplingDistribution` gives that distribution once per
 * setting; each draw then takes one random number u and returns the first state whose
 * cumulative probability exceeds u·total, which is `sample()`'s own rule (so the draws are
 * `sample()`'s, as the browser test checks), found by bisection in O(log n) instead of
 * `sample()`'s O(n) per call: a million draws from 2·10⁵ logits take well under a second.
 *
 * The settings live in the store (and the link); the histogram itself is this panel's own
 * bookkeeping, started over whenever the numbers, the temperature, the filters or the seed
 * change. Draws run for about 12 ms per animation frame, so the page stays live however large
 * the vector: the time is checked after every draw once a draw costs more than a few µs.
 */
import { samplingDistribution } from "gibbs-softmax";
import type Plotly from "plotly.js-dist";
import { fmt } from "../format.ts";
import { defineStrings } from "../i18n.ts";
import { group, type InputError, type Parsed, parseInteger, parseOptional } from "../parse.ts";
import {
  baseLayout,
  classAxis,
  distributionTrace,
  envelope,
  type Figure,
  GIBBS,
  indices,
  MANY,
  probabilityAxis,
  type View,
  viewOf,
} from "../plots.ts";
import { mulberry32 } from "../random.ts";
import {
  type Frame,
  type SamplingSettings,
  type State,
  type Store,
  touched,
  withoutErrors,
} from "../store.ts";
import { card, el, errorText, h, libraryError, renderField } from "./dom.ts";
import { Graph } from "./plot.ts";

export const strings = defineStrings({
  en: {
    samplingHeading: "Sampling",
    samplingCaption:
      "Draw tokens (microstates) from softmax(z/τ) after the filters, with a seeded random generator: the library's samplingDistribution() gives the filtered distribution once, and each draw walks its cumulative sum to the random number, the rule (and the draws) of the library's sample(), found by bisection so that a million draws from 200 000 logits take a moment. As N grows the histogram converges to the distribution.",
    sampleCount: "Samples N",
    seed: "Seed",
    topK: "top-k (optional)",
    topP: "top-p (optional)",
    minP: "min-p (optional)",
    draw: "Draw N samples",
    resetSamples: "Reset",
    drawn: "Drawn: {count}",
    tvDistance: "Total variation distance to the distribution: {value}",
    samplingBusy: "Drawing… {count} of {total}",
    traceSamples: "samples (frequency)",
    traceTarget: "distribution after filters",
    axisFrequency: "frequency",
    errSampleCount: "The number of samples must be a whole number from 1 to {max}.",
    errSeed: "The seed must be a whole number.",
    errTopK: "top-k must be a whole number ≥ 1, or empty.",
    errTopP: "top-p must be a number in (0, 1], or empty.",
    errMinP: "min-p must be a number in [0, 1], or empty.",
  },
  ja: {
    samplingHeading: "サンプリング",
    samplingCaption:
      "シード付き乱数で、フィルター後の softmax(z/τ) からトークン（微視的状態）を引きます。フィルター後の分布はライブラリの samplingDistribution() で一度だけ求め、一回ごとの抽出ではその累積和を乱数までたどります。これはライブラリの sample() と同じ規則で、同じ結果になります。累積和を二分探索するので、ロジット 20 万個から 100 万回引いてもすぐに終わります。N が増えるにつれ、ヒストグラムは分布に収束します。",
    sampleCount: "サンプル数 N",
    seed: "乱数シード",
    topK: "top-k（省略可）",
    topP: "top-p（省略可）",
    minP: "min-p（省略可）",
    draw: "N 個のサンプルを引く",
    resetSamples: "リセット",
    drawn: "引いた数：{count}",
    tvDistance: "分布との全変動距離：{value}",
    samplingBusy: "抽出中… {total} 個中 {count} 個",
    traceSamples: "サンプル（頻度）",
    traceTarget: "フィルター後の分布",
    axisFrequency: "頻度",
    errSampleCount: "サンプル数は 1 から {max} までの整数にしてください。",
    errSeed: "乱数シードは整数にしてください。",
    errTopK: "top-k は 1 以上の整数にするか、空欄にしてください。",
    errTopP: "top-p は 0 より大きく 1 以下の数にするか、空欄にしてください。",
    errMinP: "min-p は 0 以上 1 以下の数にするか、空欄にしてください。",
  },
});
const { t, key } = strings;

/** The most samples one press of the button draws. */
const MAX_SAMPLES = 1_000_000;
/** Milliseconds of drawing per animation frame. */
const BUDGET_MS = 12;
/** While drawing, the histogram is redrawn at most this often. */
const PLOT_MS = 250;

type Setting = keyof SamplingSettings;

/**
 * Each field: its element id, its label, what the keyboard offers for it, its key in the link,
 * and how its text is read.
 */
const FIELDS: readonly {
  id: string;
  label: keyof typeof strings.en;
  inputmode: "numeric" | "decimal";
  param: string;
  setting: Setting;
  read: (text: string) => Parsed<number | undefined>;
}[] = [
  {
    id: "sample-count",
    label: "sampleCount",
    inputmode: "numeric",
    param: "n",
    setting: "count",
    read: (text) => parseInteger(text, 1, MAX_SAMPLES, key("errSampleCount")),
  },
  {
    id: "sample-seed",
    label: "seed",
    inputmode: "numeric",
    param: "seed",
    setting: "seed",
    read: (text) => {
      const r = parseOptional(text, Number.isSafeInteger, key("errSeed"));
      return r.ok ? { ok: true, value: r.value ?? 1 } : r;
    },
  },
  {
    id: "top-k",
    label: "topK",
    inputmode: "numeric",
    param: "topk",
    setting: "topK",
    read: (text) => parseOptional(text, (x) => Number.isInteger(x) && x >= 1, key("errTopK")),
  },
  {
    id: "top-p",
    label: "topP",
    inputmode: "decimal",
    param: "topp",
    setting: "topP",
    read: (text) => parseOptional(text, (x) => x > 0 && x <= 1, key("errTopP")),
  },
  {
    id: "min-p",
    label: "minP",
    inputmode: "decimal",
    param: "minp",
    setting: "minP",
    read: (text) => parseOptional(text, (x) => x >= 0 && x <= 1, key("errMinP")),
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

function samplesFigure(
  view: View,
  counts: Float64Array,
  total: number,
  target: Float64Array,
): Figure {
  const n = target.length;
  const frequency = new Float64Array(n);
  if (total > 0) for (let i = 0; i < n; i++) frequency[i] = (counts[i] as number) / total;
  const x = n <= MANY ? indices(n) : null;
  const bars = distributionTrace(
    "samples-frequency",
    t(view.language, "traceSamples"),
    frequency,
    "#5c7cfa",
    0.8,
  );
  const targetTrace = (
    n <= MANY
      ? {
          uid: "samples-target",
          name: t(view.language, "traceTarget"),
          type: "scatter",
          mode: "markers",
          x,
          y: target,
          marker: { color: GIBBS, symbol: "line-ew-open", size: 18, line: { width: 3 } },
          hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
        }
      : {
          uid: "samples-target",
          name: t(view.language, "traceTarget"),
          type: "scatter",
          mode: "lines",
          ...envelope(target),
          line: { color: GIBBS, width: 1 },
          hovertemplate: "i = %{x}<br>p = %{y:.6g}<extra></extra>",
        }
  ) as Plotly.Data;
  const layout = baseLayout(view);
  layout.bargap = 0.15;
  layout.xaxis = classAxis(view, n);
  layout.yaxis = probabilityAxis(view, n, [frequency, target], t(view.language, "axisFrequency"));
  return { data: [bars, targetTrace], layout };
}

/** The settings (one labelled field each, then the buttons), the messages and the histogram. */
function markup(): HTMLElement {
  const fields = FIELDS.map((field) =>
    h(
      "div",
      {},
      h("label", { for: field.id, "data-i18n": key(field.label) }),
      h("input", {
        id: field.id,
        type: "text",
        inputmode: field.inputmode,
        value: DEFAULTS[field.setting],
      }),
    ),
  );
  return card(
    { class: "sampling-panel layout-wide" },
    { id: "sampling-heading", text: key("samplingHeading") },
    h("p", { class: "caption", "data-i18n": key("samplingCaption") }),
    h(
      "div",
      { class: "sampling-controls" },
      ...fields,
      h(
        "div",
        { class: "buttons" },
        h("button", { id: "draw", type: "button", "data-i18n": key("draw") }),
        h("button", { id: "reset-samples", type: "button", "data-i18n": key("resetSamples") }),
      ),
    ),
    h("p", { id: "sampling-error", class: "error", role: "alert" }),
    h("p", { id: "sampling-status", class: "readout-line", "aria-live": "polite" }),
    h("div", {
      id: "plot-samples",
      class: "plot",
      role: "img",
      "data-i18n-aria": key("samplingHeading"),
    }),
  );
}

export function mount(store: Store, layout: HTMLElement): void {
  layout.append(markup());
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
  /** Running sums of `target` in index order, and the last state with weight. */
  let cumulative: Float64Array = new Float64Array(0);
  let lastLive = -1;
  let running = false;
  let failure: InputError | null = null;
  let lastPlot = 0;

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
    cumulative = new Float64Array(target.length);
    let sum = 0;
    lastLive = -1;
    for (let i = 0; i < target.length; i++) {
      const p = target[i] as number;
      sum += p;
      cumulative[i] = sum;
      if (p > 0) lastLive = i;
    }
  };

  /** One draw: the first state whose cumulative probability exceeds u·total (as sample()). */
  const draw = (): number => {
    const n = cumulative.length;
    const goal = random() * (cumulative[n - 1] as number);
    let lo = 0;
    let hi = n - 1;
    if (!((cumulative[hi] as number) > goal)) return lastLive; // u·total rounded to the top
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > goal) hi = mid;
      else lo = mid + 1;
    }
    return lo;
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
    // A frame that redraws the histogram leaves most of its time to the redraw.
    const plot = started - lastPlot > PLOT_MS;
    const budget = plot ? BUDGET_MS / 3 : BUDGET_MS;
    while (pending > 0 && performance.now() - started < budget) {
      const k = Math.min(pending, 256);
      for (let j = 0; j < k; j++) {
        const i = draw();
        counts[i] = (counts[i] as number) + 1;
      }
      total += k;
      pending -= k;
    }
    // The histogram is redrawn a few times a second (a redraw of 2·10⁵ states costs more than a
    // frame); the count under it every frame.
    if (plot || pending === 0) lastPlot = started;
    render(state, null, plot || pending === 0);
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
