/**
 * The demo's one state store. Panels read the state, change it only through {@link Store.set},
 * and render from it: every change schedules one frame (one animation frame), in which each
 * panel's render runs once with the set of keys that changed, so a panel redraws only what its
 * keys touched. Nothing here knows about any panel.
 *
 * A frame is "moving" when every change in it came from a continuous gesture (the slider, the
 * sweep): plots that are off screen may then wait for a quieter moment.
 */
import type { Language, SharedKey, StringTable } from "./i18n.ts";
import { type InputError, vectorText } from "./parse.ts";
import { type Dataset, makeDataset } from "./physics.ts";
import { type PresetId, preset } from "./presets.ts";

export type Mode = "logits" | "energies";

/**
 * A field whose text is not in the state: refused (the message beside it), or kept unread
 * because its partner field was refused (`error` null: the energies while the degeneracies
 * are wrong). Either way the text stays in the field.
 */
export interface FieldError {
  text: string;
  error: InputError | null;
}

/** The decoding settings of the sampling panel (undefined: the filter is off). */
export interface SamplingSettings {
  count: number;
  seed: number;
  topK: number | undefined;
  topP: number | undefined;
  minP: number | undefined;
}

/** The Monte Carlo update rules (the names of gibbs-softmax/montecarlo). */
export type IsingAlgorithm = "metropolis" | "heatBath" | "wolff";

/** The Monte Carlo panel's settings (the temperature is the page's one temperature). */
export interface MonteCarloSettings {
  size: number;
  algorithm: IsingAlgorithm;
  /** Sweeps per displayed frame. */
  speed: number;
  running: boolean;
}

export interface State {
  language: Language;
  projector: boolean;
  preset: PresetId | "custom";
  mode: Mode;
  /** Token names of the language-model preset (kept while the vector keeps its length). */
  labels: readonly SharedKey[] | null;
  /** The numbers (one logit per state) and what depends on them only. */
  data: Dataset;
  /** Changes whenever `data` does. */
  revision: number;
  /** The texts that describe `data` in the two editing modes (and the URL). */
  texts: { logits: string; energies: string; degeneracies: string };
  /** Milliseconds spent reading the last numbers typed. */
  parseMs: number;
  temperature: number;
  /** The branch the slider moves on: T < 0 when set. */
  negative: boolean;
  /** The temperature sweep (play button) is running. */
  playing: boolean;
  /** Fields whose text was refused, by element id. */
  errors: Readonly<Record<string, FieldError>>;
  sampling: SamplingSettings;
  montecarlo: MonteCarloSettings;
  /** Problems with the link the page was opened with (shown at the top). */
  linkNotes: readonly InputError[];
  /** What the current link cannot hold (a vector too long for it). */
  writeNotes: readonly InputError[];
}

/** The page before the link is read: the seed example at T = 1, in English. */
export function initialState(): State {
  const logits = Float64Array.from(preset("seed").logits ?? []);
  return {
    language: "en",
    projector: false,
    preset: "seed",
    mode: "logits",
    labels: null,
    data: makeDataset(logits),
    revision: 0,
    texts: {
      logits: vectorText(logits),
      energies: vectorText(logits.map((z) => -z)),
      degeneracies: "",
    },
    parseMs: 0,
    temperature: 1,
    negative: false,
    playing: false,
    errors: {},
    sampling: { count: 1000, seed: 1, topK: undefined, topP: undefined, minP: undefined },
    montecarlo: { size: 64, algorithm: "metropolis", speed: 1, running: false },
    linkNotes: [],
    writeNotes: [],
  };
}

/**
 * A panel: one module in demo/panels/ that main.ts lists in PANELS. `strings` holds its text in
 * every language (main.ts registers it before anything renders); `mount` builds the panel's
 * markup into the page (`layout` is the grid the panels share, filled in PANELS order), listens
 * to it (writing only through the store) and subscribes its render; `readUrl` and `writeUrl`
 * carry its part of the state in the link.
 */
export interface Panel {
  readonly strings: StringTable;
  mount(store: Store, layout: HTMLElement): void;
  readUrl?(params: URLSearchParams, store: Store): void;
  /** Adds the panel's parameters; returns what the link cannot hold, if anything. */
  writeUrl?(state: Readonly<State>, params: URLSearchParams): InputError[] | undefined;
}

export type Key = keyof State;

/** What one frame is about. */
export interface Frame {
  readonly changed: ReadonlySet<Key>;
  /** Every change came from a continuous gesture (slider, sweep). */
  readonly moving: boolean;
  /** Work that finishes after the frame (Plotly draws asynchronously); counted as one plot. */
  wait(work: Promise<unknown>): void;
}

/** What a finished frame cost, for the timing panel. */
export interface FrameReport {
  changed: ReadonlySet<Key>;
  /** Milliseconds from the start of the frame until every awaited piece of work finished. */
  totalMs: number;
  /** How many plots were drawn. */
  plots: number;
}

export type Render = (state: Readonly<State>, frame: Frame) => void;

export class Store {
  #state: State;
  #changed = new Set<Key>();
  #moving = true;
  #scheduled = false;
  readonly #renders: Render[] = [];
  readonly #reports: ((report: FrameReport) => void)[] = [];

  constructor(initial: State) {
    this.#state = initial;
  }

  get state(): Readonly<State> {
    return this.#state;
  }

  /** Changes some keys (replace objects, never mutate them) and schedules a frame. */
  set(patch: Partial<State>, how: { moving?: boolean } = {}): void {
    this.#state = { ...this.#state, ...patch };
    for (const key of Object.keys(patch) as Key[]) this.#changed.add(key);
    if (how.moving !== true) this.#moving = false;
    this.#schedule();
  }

  /** Sets or clears the error of one field. */
  setError(id: string, error: FieldError | null): void {
    const current = this.#state.errors[id];
    if (error === null && current === undefined) return;
    if (error !== null && current?.text === error.text && current.error?.key === error.error?.key) {
      return;
    }
    const errors = { ...this.#state.errors };
    if (error === null) delete errors[id];
    else errors[id] = error;
    this.set({ errors });
  }

  /** Records a problem with the link the page was opened with. */
  noteLink(note: InputError): void {
    this.set({ linkNotes: [...this.#state.linkNotes, note] });
  }

  /** Adds a render (a panel). The first frame renders everything. */
  subscribe(render: Render): void {
    this.#renders.push(render);
  }

  /** Called after each frame, once its awaited work is done. */
  onFrameDone(report: (report: FrameReport) => void): void {
    this.#reports.push(report);
  }

  /** Renders every panel now with every key marked changed (the first paint). */
  renderAll(): void {
    for (const key of Object.keys(this.#state) as Key[]) this.#changed.add(key);
    this.#moving = false;
    this.#flush();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#changed.size === 0) return;
    const started = performance.now();
    const changed: ReadonlySet<Key> = this.#changed;
    const work: Promise<unknown>[] = [];
    const frame: Frame = { changed, moving: this.#moving, wait: (p) => work.push(p) };
    this.#changed = new Set();
    this.#moving = true;
    const state = this.#state;
    for (const render of this.#renders) render(state, frame);
    void Promise.all(work).then(() => {
      const report = { changed, totalMs: performance.now() - started, plots: work.length };
      for (const listener of this.#reports) listener(report);
    });
  }
}

/** The errors without those of the fields `ids`. */
export function withoutErrors(
  errors: Readonly<Record<string, FieldError>>,
  ...ids: string[]
): Record<string, FieldError> {
  const rest = { ...errors };
  for (const id of ids) delete rest[id];
  return rest;
}

/** Did any of these keys change in this frame? */
export function touched(frame: Frame, ...keys: Key[]): boolean {
  return keys.some((key) => frame.changed.has(key));
}
