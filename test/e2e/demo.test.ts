/**
 * The demo in a real browser: Debian's Chromium driven by playwright-core, against the demo
 * built with Vite into a temporary folder and served from a nested path (so the relative asset
 * paths of `base: "./"` are what makes it load).
 *
 * The plotted numbers are read back from the graph divs (Plotly keeps the traces on `div.data`)
 * and compared with softmax(z/τ) computed here with plain Math.exp, not with the library; the
 * readouts are compared with the library's `thermodynamics`. Every test fails on a console error.
 *
 * Without Chromium (and CI not "true") the suite says so and skips; under CI=true it must run.
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { mulberry32 } from "../../demo/random.js";
import { sample, thermodynamics } from "../../src/index.js";
import { AGREED_JAPANESE_TERMS } from "../helpers/japanese.js";
import { serveStatic } from "./harness.js";
import { settle, skip, useDemo } from "./page.js";

// The few DOM shapes the page functions below touch (this project's test tsconfig has no DOM lib).
interface PlotTrace {
  uid?: string;
  type?: string;
  x?: ArrayLike<unknown>;
  y?: ArrayLike<unknown>;
  customdata?: ArrayLike<unknown>;
}
interface PageNode {
  textContent: string | null;
  value: string;
  checked: boolean;
  dataset: Record<string, string | undefined>;
  data?: PlotTrace[];
  layout?: {
    font?: { size?: number };
    xaxis?: { ticktext?: string[] };
    yaxis?: { title?: { text?: string } };
  };
  labels?: ArrayLike<unknown> | null;
  clientWidth: number;
  scrollWidth: number;
  tagName: string;
  type?: string;
  id: string;
  className: string;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
  lang: string;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  dispatchEvent(event: unknown): boolean;
}
declare const document: {
  getElementById(id: string): PageNode | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
  body: PageNode;
  documentElement: PageNode;
  activeElement: PageNode | null;
};
declare const window: { innerWidth: number; pwned?: unknown };
declare function requestAnimationFrame(callback: () => void): number;
declare class Event {
  constructor(type: string, init?: { bubbles?: boolean });
}

/** softmax(z/τ) the schoolbook way, with the limits τ = 0 and τ = ±∞ written out. */
function referenceSoftmax(z: readonly number[], tau: number): number[] {
  const live = z.filter((v) => v !== Number.NEGATIVE_INFINITY);
  if (tau === 0) {
    const max = Math.max(...live);
    const count = z.filter((v) => v === max).length;
    return z.map((v) => (v === max ? 1 / count : 0));
  }
  if (!Number.isFinite(tau))
    return z.map((v) => (v === Number.NEGATIVE_INFINITY ? 0 : 1 / live.length));
  const shift = tau > 0 ? Math.max(...live) : Math.min(...live);
  const w = z.map((v) => (v === Number.NEGATIVE_INFINITY ? 0 : Math.exp((v - shift) / tau)));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-13) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] as number;
    if (Math.abs(a - e) > tolerance * Math.max(1, Math.abs(e))) {
      expect.fail(`entry ${i}: ${a} differs from the reference ${e}`);
    }
  });
}

function expectRelative(actual: number, expected: number, tolerance = 1e-12) {
  if (!Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

interface Trace {
  type: string;
  x: (number | null)[];
  y: (number | null)[];
  customdata: unknown[];
}

/** The traces of a graph div, by uid, as plain arrays. */
async function plotted(page: Page, id: string): Promise<Record<string, Trace>> {
  return page.evaluate((graph) => {
    const out: Record<
      string,
      { type: string; x: (number | null)[]; y: (number | null)[]; customdata: unknown[] }
    > = {};
    const plain = (v: ArrayLike<unknown> | undefined) =>
      Array.from(v ?? [], (x) => (x === null ? null : Number(x)));
    for (const trace of document.getElementById(graph)?.data ?? []) {
      out[trace.uid ?? ""] = {
        type: trace.type ?? "",
        x: plain(trace.x),
        y: plain(trace.y),
        customdata: Array.from(trace.customdata ?? []),
      };
    }
    return out;
  }, id);
}

function numbers(values: (number | null)[]): number[] {
  return values.map((v) => {
    if (v === null) throw new Error("unexpected null in plotted data");
    return v;
  });
}

async function readout(page: Page, id: string): Promise<number> {
  const value = await page.locator(`#${id}`).getAttribute("data-value");
  if (value === null) throw new Error(`#${id} has no data-value`);
  return Number(value);
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).textContent()) ?? "";
}

/** Checks all three plots and the readouts against the references for logits z at τ. */
async function expectDistributions(page: Page, z: readonly number[], tau: number): Promise<void> {
  const expected = referenceSoftmax(z, tau);
  const softmaxPlot = await plotted(page, "plot-softmax");
  expectClose(numbers(softmaxPlot.softmax?.y ?? []), expected);
  const overlay = await plotted(page, "plot-overlay");
  expectClose(numbers(overlay["overlay-softmax"]?.y ?? []), expected);
  expectClose(numbers(overlay["overlay-gibbs"]?.y ?? []), expected);
  // The level diagram: one bar per distinct energy E = −z, its occupation the summed softmax.
  // Many levels are drawn as a comb, one stick (0, E) → (p, E) → (0, E) per level.
  const drawn = (await plotted(page, "plot-gibbs"))["gibbs-levels"];
  if (drawn === undefined) throw new Error("no gibbs-levels trace");
  const comb = drawn.type === "scatter";
  const levels = comb
    ? { x: drawn.x.filter((_, i) => i % 3 === 1), y: drawn.y.filter((_, i) => i % 3 === 1) }
    : drawn;
  const energies = numbers(levels.y);
  const perLevel = energies.map((E) =>
    z.reduce((sum, zi, i) => (-zi === E ? sum + (expected[i] as number) : sum), 0),
  );
  expectClose(numbers(levels.x), perLevel);
  const distinct = [...new Set(z.filter((v) => v !== Number.NEGATIVE_INFINITY).map((v) => -v))];
  expect(energies.map((E) => E + 0)).toEqual(distinct.sort((a, b) => a - b).map((E) => E + 0));
  expect(await readout(page, "readout-diff")).toBeLessThanOrEqual(1e-15);

  const th = thermodynamics(
    z.map((v) => -v),
    { temperature: tau },
  );
  expectRelative(await readout(page, "readout-logZ"), th.logZ);
  expectRelative(await readout(page, "readout-F"), th.freeEnergy);
  expectRelative(await readout(page, "readout-U"), th.internalEnergy);
  expectRelative(await readout(page, "readout-S"), th.entropy);
  expectRelative(await readout(page, "readout-S-bits"), th.entropy / Math.LN2);
  expectRelative(await readout(page, "readout-C"), th.heatCapacity, 1e-10);
  expectRelative(await readout(page, "readout-beta"), th.beta);
}

describe.skipIf(skip)("the demo in headless Chromium", () => {
  const demo = useDemo();
  let page: Page;
  beforeEach(() => {
    page = demo.page;
  });
  const open = (query = "") => demo.open(query);

  const logitsField = () => page.getByLabel("Logits", { exact: true });
  const temperatureField = () => page.getByLabel("Temperature", { exact: true });

  it("opens on the seed example, softmax and Gibbs equal to softmax(z/τ)", async () => {
    await open();
    expect(await logitsField().inputValue()).toBe("1, 2, 3, 4, 1, 2, 3");
    expect(await temperatureField().inputValue()).toBe("1");
    expect(await text(page, "#derived")).toBe("−1, −2, −3, −4, −1, −2, −3");
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], 1);
    // The seed lecture's numbers.
    const p = numbers((await plotted(page, "plot-softmax")).softmax?.y ?? []);
    expectClose(
      p.map((x) => Number(x.toFixed(8))),
      [0.02364054, 0.06426166, 0.1746813, 0.474833, 0.02364054, 0.06426166, 0.1746813],
      1e-8,
    );
    const levels = (await plotted(page, "plot-gibbs"))["gibbs-levels"];
    expect(levels?.customdata).toEqual([1, 2, 2, 2]);
  });

  it("loads the WebAssembly SIMD kernel asynchronously and says so", async () => {
    await open();
    // Chromium refuses synchronous compilation over 4 kB on the main thread: the kernel
    // arrives a moment after the page, and the note under the timings follows it.
    await page.waitForSelector('#timing-kernel[data-backend="wasm-simd"]', { timeout: 10_000 });
    expect(await text(page, "#timing-kernel")).toContain("WebAssembly SIMD kernel");
  });

  it("follows typed logits and temperatures, including 0, ∞ and negative ones", async () => {
    await open();
    const z = [0.5, -1.2, 3, 2.2, 0, 3, Number.NEGATIVE_INFINITY];
    await logitsField().fill("0.5 -1.2 3, 2.2, 0, 3, -inf");
    await temperatureField().fill("0.7");
    await settle(page);
    await expectDistributions(page, z, 0.7);
    expect(await text(page, "#derived")).toContain("∞");

    await temperatureField().fill("-2");
    await settle(page);
    await expectDistributions(page, z, -2);
    expect(await page.getByLabel("Negative temperature (T < 0)").isChecked()).toBe(true);

    await page.getByRole("button", { name: "T = ∞" }).click();
    await settle(page);
    expect(await temperatureField().inputValue()).toBe("∞");
    await expectDistributions(page, z, Number.POSITIVE_INFINITY);

    await page.getByRole("button", { name: "T = 0" }).click();
    await settle(page);
    expect(await temperatureField().inputValue()).toBe("0");
    await expectDistributions(page, z, 0);
  });

  it("moves with the log slider from the keyboard and reaches negative T", async () => {
    await open();
    const slider = page.getByLabel("Temperature slider (log scale, 0.01 to 100)");
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    await settle(page);
    expect(await temperatureField().inputValue()).toBe("1.26");
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], 1.26);

    await page.getByLabel("Negative temperature (T < 0)").focus();
    await page.keyboard.press("Space");
    await settle(page);
    expect(await temperatureField().inputValue()).toBe("-1.26");
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], -1.26);

    await slider.focus();
    await page.keyboard.press("End");
    await settle(page);
    expect(await temperatureField().inputValue()).toBe("-100");
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], -100);
  });

  it("refuses bad input with an inline message and keeps the last good state", async () => {
    await open();
    await logitsField().fill("1, 2, 5");
    await settle(page);
    const good = await plotted(page, "plot-softmax");
    const cases: [string, RegExp][] = [
      ["1, two, 3", /“two”.*not a number/],
      ["1, NaN, 2", /Entry 1 is NaN/],
      ["", /at least one number/],
      ["   ", /at least one number/],
      ["+Infinity", /Entry 0 is \+∞/],
      ["1, 2, +Infinity", /Entry 2 is \+∞/],
      ["1e400", /Entry 0, “1e400”, is too large for a double/],
      ["1,,2", /Entry 1 is empty: .* \(at character 3\)/],
      ["1, 2,", /ends with a separator, so entry 2 is missing/],
      ["-inf, -inf", /Every entry is masked/],
      [Array(1_000_000).fill("1").join(","), /1 000 000 values is too many/],
    ];
    for (const [input, message] of cases) {
      await logitsField().fill(input);
      await settle(page);
      expect(await text(page, "#logits-error")).toMatch(message);
      expect(await text(page, "#logits-error")).toContain("The plots keep the last valid input.");
      expect(await plotted(page, "plot-softmax")).toEqual(good);
    }
    await logitsField().fill("1, 2, 5");
    await settle(page);
    expect(await text(page, "#logits-error")).toBe("");

    for (const [input, message] of [
      ["abc", /“abc” is not a temperature/],
      ["", /Enter a temperature/],
      ["NaN", /not a temperature/],
    ] as const) {
      await temperatureField().fill(input);
      await settle(page);
      expect(await text(page, "#temperature-error")).toMatch(message);
      await expectDistributions(page, [1, 2, 5], 1);
    }

    await page.getByLabel("Energies E (physics)").check();
    await page.getByLabel("Energies", { exact: true }).fill("0, -Infinity");
    await settle(page);
    expect(await text(page, "#energies-error")).toMatch(/Entry 1 is −∞/);
    await page.getByLabel("Energies", { exact: true }).fill("0, 1");
    await page.getByLabel("Degeneracies (optional)").fill("1, 2.5");
    await settle(page);
    expect(await text(page, "#degeneracies-error")).toMatch(/whole number/);
    await page.getByLabel("Degeneracies (optional)").fill("1");
    await settle(page);
    expect(await text(page, "#degeneracies-error")).toMatch(/Degeneracies: 1 given, 2 needed/);

    await page.getByLabel("top-p (optional)").fill("2");
    await settle(page);
    expect(await text(page, "#sampling-error")).toMatch(/top-p must be/);
  });

  it("never inserts text from the fields or the URL as HTML", async () => {
    await open("?logits=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E&T=%3Cb%3Ebold%3C%2Fb%3E");
    expect(await text(page, "#logits-error")).toContain("“<img");
    expect(await text(page, "#temperature-error")).toContain("<b>bold</b>");
    await logitsField().fill('<svg onload="window.pwned=1"></svg>');
    await settle(page);
    expect(await text(page, "#logits-error")).toContain("<svg");
    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll("img").length,
      bold: document.querySelectorAll("main b, .error b, p b").length,
      svgInErrors: document.querySelectorAll(".error svg").length,
      pwned: window.pwned,
    }));
    expect(injected).toEqual({ images: 0, bold: 0, svgInErrors: 0, pwned: undefined });
    // The last good state is the default one.
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], 1);
  });

  it("switches every label and explanation to Japanese and back", async () => {
    await open();
    await page.getByLabel("Language").selectOption("ja");
    await settle(page);
    expect(await text(page, "h1")).toBe("ソフトマックスはギブス分布である");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ja");
    expect(await page.getByLabel("温度", { exact: true }).inputValue()).toBe("1");
    expect(await page.getByLabel("ロジット", { exact: true }).inputValue()).toBe(
      "1, 2, 3, 4, 1, 2, 3",
    );
    const body = await text(page, "body");
    for (const term of AGREED_JAPANESE_TERMS) {
      expect(body).toContain(term);
    }
    // Every translated node has Japanese text, and the plots' axes are translated too.
    const untranslated = await page.evaluate(() =>
      Array.from(document.querySelectorAll("[data-i18n]"))
        .filter((node) => !/[\u3040-\u30ff\u4e00-\u9faf]/.test(node.textContent ?? ""))
        .map((node) => node.textContent),
    );
    expect(untranslated.every((s) => /^(T = [0∞]|top-[kp]|min-p|bits?|nats?)/.test(s ?? ""))).toBe(
      true,
    );
    const yTitle = await page.evaluate(
      () => document.getElementById("plot-softmax")?.layout?.yaxis?.title?.text,
    );
    expect(yTitle).toBe("確率");
    await page.getByLabel("ロジット", { exact: true }).fill("1, x");
    await settle(page);
    expect(await text(page, "#logits-error")).toContain("数値ではありません");

    await page.getByLabel("言語").selectOption("en");
    await settle(page);
    expect(await text(page, "h1")).toBe("Softmax is the Gibbs distribution");
    expect(await text(page, "#logits-error")).toContain("is not a number");
  });

  it("keeps logits, temperature, preset and language in the URL", async () => {
    await open();
    await logitsField().fill("1, 2, 5");
    await temperatureField().fill("0.5");
    await page.getByLabel("Language").selectOption("ja");
    // The address follows the page 300 ms after its last change.
    await page.waitForURL(/lang=ja.*logits=1%2C2%2C5|logits=1%2C2%2C5.*lang=ja/);
    const url = new URL(page.url());
    expect(url.searchParams.get("logits")).toBe("1,2,5");
    expect(url.searchParams.get("T")).toBe("0.5");
    expect(url.searchParams.get("lang")).toBe("ja");
    expect(url.searchParams.get("preset")).toBe("custom");

    await page.goto(url.toString());
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    await settle(page);
    expect(await page.getByLabel("ロジット", { exact: true }).inputValue()).toBe("1,2,5");
    expect(await page.getByLabel("温度", { exact: true }).inputValue()).toBe("0.5");
    await expectDistributions(page, [1, 2, 5], 0.5);

    await open("?preset=inversion&lang=en");
    expect(await page.getByLabel("Preset").inputValue()).toBe("inversion");
    expect(await temperatureField().inputValue()).toBe("-1");
    await expectDistributions(page, [0, -1, -2], -1);

    await open("?preset=nonsense&T=inf");
    expect(await text(page, "#message")).toContain("(preset)");
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], Number.POSITIVE_INFINITY);
  });

  it("edits energies with degeneracies", async () => {
    await open();
    await page.getByLabel("Energies E (physics)").check();
    expect(await page.getByLabel("Energies", { exact: true }).inputValue()).toBe(
      "-1, -2, -3, -4, -1, -2, -3",
    );
    await page.getByLabel("Energies", { exact: true }).fill("0, 1, 2");
    await page.getByLabel("Degeneracies (optional)").fill("1 2 1");
    await temperatureField().fill("1.5");
    await settle(page);
    // One softmax class per state: the level of degeneracy 2 is two equal logits.
    await expectDistributions(page, [0, -1, -1, -2], 1.5);
    const levels = (await plotted(page, "plot-gibbs"))["gibbs-levels"];
    const weights = [1, 2 * Math.exp(-1 / 1.5), Math.exp(-2 / 1.5)];
    const Z = weights.reduce((a, b) => a + b, 0);
    expectClose(
      numbers(levels?.x ?? []),
      weights.map((w) => w / Z),
    );
    expect(levels?.customdata).toEqual([1, 2, 1]);
    const th = thermodynamics([0, 1, 2], { temperature: 1.5, degeneracies: [1, 2, 1] });
    expectRelative(await readout(page, "readout-S"), th.entropy);
    expectRelative(await readout(page, "readout-S-max"), Math.log(4));
    await page.getByLabel("Logits z (machine learning)").check();
    expect(await logitsField().inputValue()).toBe("0, -1, -1, -2");
  });

  it("loads every preset, with the features each one is there to show", async () => {
    await open();
    const preset = page.getByLabel("Preset");

    await preset.selectOption("llm");
    await settle(page);
    const ticks = await page.evaluate(
      () => document.getElementById("plot-softmax")?.layout?.xaxis?.ticktext,
    );
    expect(ticks?.[0]).toBe("mat");
    expect(ticks).toHaveLength(12);
    const llm = [6.1, 4.9, 4.6, 4.2, 3.9, 3.3, 3.1, 2.8, 2.4, 1.9, 1.2, -0.8];
    await expectDistributions(page, llm, 1);

    await preset.selectOption("two-level");
    await settle(page);
    await expectDistributions(page, [0, -1], 0.42);
    const curves = await plotted(page, "plot-curves");
    const C = numbers(curves["curve-C"]?.y ?? []);
    const T = numbers(curves["curve-C"]?.x ?? []);
    const peak = C.indexOf(Math.max(...C));
    expect(Math.max(...C)).toBeGreaterThan(0.435);
    expect(Math.max(...C)).toBeLessThan(0.4393);
    expect(Math.abs(Math.log((T[peak] as number) / 0.41678))).toBeLessThan(0.06);
    expect(numbers(curves["marker-C"]?.x ?? [])).toEqual([0.42]);

    await preset.selectOption("harmonic");
    await settle(page);
    const harmonic = await plotted(page, "plot-curves");
    const grid = numbers(harmonic["exact-C"]?.x ?? []);
    const exactC = numbers(harmonic["exact-C"]?.y ?? []);
    const truncatedC = numbers(harmonic["curve-C"]?.y ?? []);
    const one = grid.findIndex((x) => Math.abs(x - 1) < 1e-12);
    expect(one).toBeGreaterThan(0);
    expectRelative(exactC[one] as number, 0.25 / Math.sinh(0.5) ** 2, 1e-12);
    expectRelative(truncatedC[one] as number, exactC[one] as number, 1e-12);
    // Far above the top of the ladder the truncation shows: C falls back while the exact C → 1.
    expect(exactC.at(-1)).toBeGreaterThan(0.99);
    expect(truncatedC.at(-1)).toBeLessThan(0.5);

    await preset.selectOption("degenerate");
    await settle(page);
    const degenerate = (await plotted(page, "plot-gibbs"))["gibbs-levels"];
    expect(degenerate?.customdata).toEqual([1, 3, 5, 7]);
    await expectDistributions(page, [0, -1, -1, -1, -2, -2, -2, -2, -2, ...Array(7).fill(-3)], 1);

    await preset.selectOption("inversion");
    await settle(page);
    expect(await page.getByLabel("Negative temperature (T < 0)").isChecked()).toBe(true);
    const inverted = numbers((await plotted(page, "plot-gibbs"))["gibbs-levels"]?.x ?? []);
    expect(inverted[0]).toBeLessThan(inverted[1] as number);
    expect(inverted[1]).toBeLessThan(inverted[2] as number);
    expect(Object.keys(await plotted(page, "plot-curves"))).toContain("negative-C");
    await expectDistributions(page, [0, -1, -2], -1);

    await preset.selectOption("random");
    await page.waitForFunction(() => document.body.dataset.renders !== undefined);
    await settle(page);
    expect(await text(page, "#timing-update")).toContain("n = 100 000 states");
    expect(await text(page, "#timing-data")).toMatch(/the curves \(161 temperatures/);
    expectRelative(await readout(page, "readout-S-max"), Math.log(100_000));
    expect(await readout(page, "readout-diff")).toBeLessThanOrEqual(1e-15);

    await preset.selectOption("seed");
    await settle(page);
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], 1);
  });

  it("draws seeded samples whose histogram converges to the distribution", async () => {
    await open();
    await page.getByLabel("Samples N").fill("4000");
    await page.getByLabel("Seed").fill("42");
    await page.getByRole("button", { name: "Draw N samples" }).click();
    await page.waitForFunction(
      () => document.getElementById("sampling-status")?.dataset.total === "4000",
    );
    await settle(page);
    const first = numbers((await plotted(page, "plot-samples"))["samples-frequency"]?.y ?? []);
    // The same draws in Node: the library's sample() with the same seeded generator.
    const z = [1, 2, 3, 4, 1, 2, 3];
    const random = mulberry32(42);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 4000; i++) counts[sample(z, { temperature: 1, random })]++;
    expectClose(
      first,
      counts.map((c) => c / 4000),
      1e-15,
    );
    const p = referenceSoftmax(z, 1);
    const distance = first.reduce((s, f, i) => s + Math.abs(f - (p[i] as number)), 0) / 2;
    expect(distance).toBeLessThan(0.03);
    expect(await text(page, "#sampling-status")).toMatch(/Drawn: 4 000 · Total variation distance/);

    await page.getByRole("button", { name: "Reset" }).click();
    await page.getByLabel("top-k (optional)").fill("2");
    await page.getByRole("button", { name: "Draw N samples" }).click();
    await page.waitForFunction(
      () => document.getElementById("sampling-status")?.dataset.total === "4000",
    );
    await settle(page);
    const filtered = await plotted(page, "plot-samples");
    const target = numbers(filtered["samples-target"]?.y ?? []);
    expectClose(
      target,
      [0, 0, p[2] as number, p[3] as number, 0, 0, 0].map(
        (x, _, a) => x / a.reduce((s, y) => s + y, 0),
      ),
    );
    const frequency = numbers(filtered["samples-frequency"]?.y ?? []);
    expect(frequency.map((f) => f > 0)).toEqual([false, false, true, true, false, false, false]);
  });

  it("plays a temperature sweep and pauses", async () => {
    await open();
    const play = page.getByRole("button", { name: "▶ Play sweep" });
    await play.click();
    // The panel renders from the store on the next animation frame.
    await page.waitForSelector('#play[aria-pressed="true"]');
    await page.waitForTimeout(1500);
    await page.getByRole("button", { name: "❚❚ Pause" }).click();
    const T = Number(await temperatureField().inputValue());
    expect(T).toBeGreaterThan(0.01);
    expect(T).toBeLessThan(1);
    await settle(page);
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], T);
  });

  it("labels every control and lets the keyboard reach them", async () => {
    await open();
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll("input, select, textarea, button"))
        .filter((node) => {
          const labelled = (node.labels?.length ?? 0) > 0 || node.getAttribute("aria-label");
          const named = node.tagName === "BUTTON" && (node.textContent ?? "").trim() !== "";
          return !labelled && !named;
        })
        .map((node) => node.id),
    );
    expect(unlabelled).toEqual([]);
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      reached.add(await page.evaluate(() => document.activeElement?.id ?? ""));
    }
    for (const id of [
      "language",
      "preset",
      "logits",
      "temperature",
      "temperature-slider",
      "t-zero",
      "t-infinity",
      "play",
      "negative",
      "sample-count",
      "draw",
    ]) {
      expect(reached).toContain(id);
    }
    await page.locator("#temperature").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // T = 0
    await settle(page);
    expect(await temperatureField().inputValue()).toBe("0");
  });

  it("builds each panel's markup whole, in the grid in PANELS order", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await open();
    const markup = await page.evaluate(() => {
      const ids = Array.from(document.querySelectorAll("[id]"), (node) => node.id);
      const dangling: string[] = [];
      for (const node of Array.from(
        document.querySelectorAll("[for], [aria-describedby], [aria-labelledby]"),
      )) {
        for (const name of ["for", "aria-describedby", "aria-labelledby"]) {
          for (const id of (node.getAttribute(name) ?? "").split(" ").filter((s) => s !== "")) {
            if (document.getElementById(id) === null) dangling.push(`${name}="${id}"`);
          }
        }
      }
      const boxes = Object.fromEntries(
        Array.from(document.querySelectorAll("#panels > section"), (section) => {
          const box = section.getBoundingClientRect();
          const name = section.className.split(" ")[1] ?? "";
          return [name, { left: box.left, right: box.right, top: box.top, bottom: box.bottom }];
        }),
      );
      return { duplicates: ids.filter((id, i) => ids.indexOf(id) !== i), dangling, boxes };
    });
    expect(markup.duplicates).toEqual([]);
    expect(markup.dangling).toEqual([]);
    const order = [
      "input-panel",
      "softmax-panel",
      "gibbs-panel",
      "overlay-panel",
      "thermo-panel",
      "curves-panel",
      "sampling-panel",
      "montecarlo-panel",
      "timing-panel",
    ];
    // The panels in their order (a panel added later may stand anywhere among them).
    expect(Object.keys(markup.boxes).filter((name) => order.includes(name))).toEqual(order);
    const box = (name: string) => {
      const found = markup.boxes[name];
      if (found === undefined) throw new Error(`no .${name}`);
      return found;
    };
    const input = box("input-panel");
    const softmax = box("softmax-panel");
    const gibbs = box("gibbs-panel");
    const overlay = box("overlay-panel");
    const thermo = box("thermo-panel");
    const curves = box("curves-panel");
    const sampling = box("sampling-panel");
    const montecarlo = box("montecarlo-panel");
    const timing = box("timing-panel");
    // At 1366 px: the input card is the first column beside softmax | Gibbs and the overlay;
    // thermodynamics sits beside the curves; the rest take whole rows, in order.
    expect(softmax.top).toBe(input.top);
    expect(gibbs.top).toBe(softmax.top);
    expect(softmax.left).toBeGreaterThan(input.right);
    expect(gibbs.left).toBeGreaterThan(softmax.right);
    expect(overlay.left).toBe(softmax.left);
    expect(overlay.right).toBe(gibbs.right);
    expect(overlay.top).toBeGreaterThan(softmax.bottom);
    expect(thermo.left).toBe(input.left);
    expect(thermo.top).toBeGreaterThan(Math.max(input.bottom, overlay.bottom));
    expect(curves.top).toBe(thermo.top);
    expect(curves.left).toBe(overlay.left);
    for (const [above, below] of [
      [curves, sampling],
      [sampling, montecarlo],
      [montecarlo, timing],
    ] as const) {
      expect(below.left).toBe(input.left);
      expect(below.right).toBe(gibbs.right);
      expect(below.top).toBeGreaterThan(above.bottom);
    }
  });

  it("fits a phone-width screen and scales up for a projector", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await open();
    const phone = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      plot: document.getElementById("plot-overlay")?.clientWidth ?? 0,
    }));
    expect(phone.page).toBeLessThanOrEqual(phone.window);
    expect(phone.plot).toBeGreaterThan(250);
    expect(phone.plot).toBeLessThanOrEqual(375);
    await expectDistributions(page, [1, 2, 3, 4, 1, 2, 3], 1);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByLabel("Projector mode (large text)").check();
    await settle(page);
    const projector = await page.evaluate(() => ({
      large: document.documentElement.classList.contains("projector"),
      font: document.getElementById("plot-softmax")?.layout?.font?.size,
    }));
    expect(projector).toEqual({ large: true, font: 20 });
    await page.waitForURL(/projector=1/);
  });

  it("works from the site root as well as from a nested folder", async () => {
    const atRoot = await serveStatic(demo.out, "/");
    try {
      await page.goto(`${atRoot.url}?preset=llm`);
      await page.waitForFunction(() => document.body.dataset.ready === "true");
      await settle(page);
      await expectDistributions(
        page,
        [6.1, 4.9, 4.6, 4.2, 3.9, 3.3, 3.1, 2.8, 2.4, 1.9, 1.2, -0.8],
        1,
      );
    } finally {
      await atRoot.close();
    }
  });

  it("measures the slider update time for 1 000 states (reported, not asserted)", async () => {
    const random = mulberry32(7);
    const z = Array.from({ length: 1000 }, () => Math.round(4000 * random() - 2000) / 1000);
    await open(`?logits=${z.join(",")}`);
    const result = await page.evaluate(async () => {
      const slider = document.getElementById("temperature-slider");
      const timing = document.getElementById("timing-update");
      if (slider === null || timing === null) throw new Error("missing slider");
      const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(resolve));
      const total: number[] = [];
      const compute: number[] = [];
      const frame: number[] = [];
      let plots = 0;
      for (let k = 0; k <= 80; k++) {
        timing.dataset.done = "";
        const started = performance.now();
        slider.value = String(-2 + (4 * k) / 80);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        while (timing.dataset.done === "") await nextFrame();
        await nextFrame();
        frame.push(performance.now() - started);
        total.push(Number(timing.dataset.totalMs));
        compute.push(Number(timing.dataset.computeMs));
        plots = Number(timing.dataset.plots);
      }
      return { total, compute, frame, plots };
    });
    const stats = (v: number[]) => {
      const s = [...v].sort((a, b) => a - b);
      const at = (q: number) =>
        (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number).toFixed(1);
      return `median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, max ${at(1)} ms`;
    };
    console.log(
      `slider update for 1 000 states over ${result.total.length} positions:\n` +
        `  computation (softmax, gibbs, thermodynamics): ${stats(result.compute)}\n` +
        `  whole update (computation, readouts, and the ${result.plots} plots on screen): ${stats(result.total)}\n` +
        `  input event to the next frame after the update (includes layout and paint): ${stats(result.frame)}`,
    );
    expect(result.total.every(Number.isFinite)).toBe(true);
    await page.waitForTimeout(400); // the catch-up render of the plots that were off screen
    await expectDistributions(page, z, 100);
  });
});
