/**
 * The Monte Carlo panel "When Z cannot be summed" in headless Chromium: the heat-bath table
 * against the closed form σ(2h/T), the state count against 2^(L²), the L = 4 energy histogram
 * converging on the exact Gibbs distribution (enumerated here, all 2¹⁶ states, independently of
 * the library), the temperature sweep against the exact finite-lattice curves, Japanese, and the
 * pause outside 0 < T < ∞. The frame rate at L = 256 is in demo-performance.test.ts.
 */
import { describe, expect, it } from "vitest";
import { thermodynamics } from "../../src/index.js";
import { isingSquareDensityOfStates } from "../../src/models/index.js";
import { drawn, plotted, skip, useDemo } from "./page.js";

declare const document: {
  getElementById(id: string): { dataset: Record<string, string | undefined> } | null;
};

/** The energy distribution of the 4 × 4 torus at T by visiting all 2¹⁶ states (J = 1). */
function enumeratedDistribution(T: number): Map<number, number> {
  const L = 4;
  const weights = new Map<number, number>();
  let Z = 0;
  for (let state = 0; state < 1 << (L * L); state++) {
    const s = (i: number) => ((state >> i) & 1 ? 1 : -1);
    let bonds = 0;
    for (let r = 0; r < L; r++) {
      for (let c = 0; c < L; c++) {
        const i = r * L + c;
        bonds += s(i) * s(r * L + ((c + 1) % L)) + s(i) * s(((r + 1) % L) * L + c);
      }
    }
    const E = -bonds;
    const w = Math.exp(-E / T);
    weights.set(E, (weights.get(E) ?? 0) + w);
    Z += w;
  }
  for (const [E, w] of weights) weights.set(E, w / Z);
  return weights;
}

describe.skipIf(skip)("the Monte Carlo panel", () => {
  const demo = useDemo();

  async function runUntil(samples: number): Promise<void> {
    await demo.page.getByRole("button", { name: "▶ Run" }).click();
    await demo.page.waitForFunction(
      (n) => Number(document.getElementById("mc-histogram-note")?.dataset.samples ?? 0) >= n,
      samples,
      { timeout: 30_000 },
    );
  }

  it("shows the heat-bath rule as the two-state softmax σ(2h/T), and 2^(L²) beside the vocabulary", async () => {
    const { page } = demo;
    await demo.open("?lang=en&T=2.5&L=8");
    const cells = await page.locator("#mc-table td").allTextContents();
    expect(cells).toHaveLength(15);
    [-4, -2, 0, 2, 4].forEach((h, row) => {
      const sigma = 1 / (1 + Math.exp((-2 * h) / 2.5));
      expect(Number(cells[3 * row + 2]), `P(+1) for Σ = ${h}`).toBeCloseTo(sigma, 6);
    });
    const states = (await page.locator("#mc-states").textContent()) ?? "";
    expect(states).toContain(
      `2⁶⁴ = ${(2n ** 64n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ")}`,
    );
    expect(states).toContain("12 tokens");
    await page.getByLabel("Lattice side L (4 to 256)").fill("16");
    await drawn(page);
    expect(await page.locator("#mc-states").textContent()).toContain("2²⁵⁶ = 1.158 × 10⁷⁷");
    await page.getByLabel("Lattice side L (4 to 256)").fill("300");
    await drawn(page);
    expect(await page.locator("#mc-error").textContent()).toMatch(/whole number from 4 to 256/);
    expect(await page.getByLabel("Lattice side L (4 to 256)").getAttribute("aria-invalid")).toBe(
      "true",
    );
  });

  it("draws the L = 4 energy histogram converging on the exact Gibbs distribution", async () => {
    const { page } = demo;
    const T = 2.269;
    await demo.open(`?lang=en&T=${T}&L=4&speed=1000&alg=heatBath`);
    await page.locator("#montecarlo-panel").scrollIntoViewIfNeeded();
    await runUntil(100_000);
    await drawn(page);
    const traces = await plotted(page, "plot-mc-histogram");
    const energies = (traces["mc-exact"]?.x ?? []) as number[];
    const exact = (traces["mc-exact"]?.y ?? []) as number[];
    const sampled = (traces["mc-sampled"]?.y ?? []) as number[];
    const reference = enumeratedDistribution(T);
    expect(energies.length).toBe(reference.size);
    energies.forEach((E, k) => {
      expect(Math.abs((exact[k] as number) - (reference.get(E) ?? -1))).toBeLessThan(1e-12);
    });
    // 10⁵ correlated sweeps: the total variation distance is a few 10⁻³ (0.0016 at 2·10⁵ when
    // tried); 0.02 is far outside what a correct chain shows and far below a wrong one's.
    const distance = sampled.reduce((s, f, k) => s + Math.abs(f - (exact[k] as number)), 0) / 2;
    expect(distance).toBeLessThan(0.02);
    const shown = Number(await page.locator("#mc-histogram-note").getAttribute("data-distance"));
    expect(shown).toBeLessThan(0.02);
  });

  it("sweeps T and draws ⟨|M|⟩ and C over the exact curves", async () => {
    const { page } = demo;
    await demo.open("?lang=en&T=2&L=4&alg=wolff");
    await page.locator("#mc-sweep").scrollIntoViewIfNeeded();
    await page.getByRole("button", { name: "Sweep T from 1 to 4" }).click();
    await page.waitForFunction(
      () => document.getElementById("mc-sweep-status")?.dataset.done === "true",
      undefined,
      { timeout: 60_000 },
    );
    await drawn(page);
    const traces = await plotted(page, "plot-mc-sweep");
    const Ts = (traces["sweep-c"]?.x ?? []) as number[];
    const C = (traces["sweep-c"]?.y ?? []) as number[];
    const M = (traces["sweep-m"]?.y ?? []) as number[];
    expect(Ts).toHaveLength(21);
    // The exact C of the 4 × 4 torus from its enumerated density of states through the core
    // (not Kaufman's formula, which the plotted curve uses): the curve must agree.
    const dos = isingSquareDensityOfStates(4);
    const exactC = (T: number) =>
      thermodynamics(dos.energies, { temperature: T, degeneracies: dos.degeneracies })
        .heatCapacity / 16;
    const curveT = (traces["sweep-kaufman"]?.x ?? []) as number[];
    const curveC = (traces["sweep-kaufman"]?.y ?? []) as number[];
    curveT.forEach((T, k) => {
      expect(Math.abs((curveC[k] as number) - exactC(T))).toBeLessThan(1e-9);
    });
    // The samples: within 15 % of the exact C on average (each point is a few thousand
    // correlated sweeps), and ordered at T = 1 (|M|/N → 1).
    const deviation =
      Ts.reduce((s, T, k) => s + Math.abs((C[k] as number) / exactC(T) - 1), 0) / Ts.length;
    expect(deviation).toBeLessThan(0.15);
    expect(M[0]).toBeGreaterThan(0.99);
  });

  it("waits outside 0 < T < ∞ and says why, in Japanese too", async () => {
    const { page } = demo;
    await demo.open("?lang=ja&T=0&L=16");
    const note = page.locator("#mc-note");
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain("0 < T < ∞");
    expect(await page.locator("#mc-heading").textContent()).toBe(
      "Z が計算できないとき：モンテカルロ法",
    );
    await page.getByRole("button", { name: "▶ 実行" }).click();
    await page.waitForTimeout(1000);
    const before = await page.locator("#mc-stats").getAttribute("data-sweeps");
    await page.waitForTimeout(600);
    expect(await page.locator("#mc-stats").getAttribute("data-sweeps")).toBe(before);
  });
});
