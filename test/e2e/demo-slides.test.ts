/**
 * Every slide clean (issue 13): each flaw a teacher saw at 1366 × 900, on a 390 × 844 phone or
 * in projector mode, as a test that fails if it comes back. Text collisions are measured on the
 * rendered page: the boxes of every tick label, axis title, annotation and legend entry Plotly
 * drew, pairwise, and against the graph's own box (cut off).
 */
import { describe, expect, it } from "vitest";
import { collisions, drawn, plotted, settle, skip, useDemo } from "./page.js";

// The DOM shapes the page functions below touch.
interface Node {
  textContent: string | null;
  hidden: boolean;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  layout?: {
    annotations?: { text?: string }[];
    yaxis?: { range?: number[] };
    xaxis?: { range?: number[] };
  };
}
declare const document: {
  getElementById(id: string): Node | null;
  querySelector(selector: string): Node | null;
};

const PLOTS = ["plot-softmax", "plot-gibbs", "plot-overlay", "plot-curves", "plot-samples"];
const LLM_EN = [
  "mat",
  "floor",
  "sofa",
  "bed",
  "chair",
  "roof",
  "table",
  "rug",
  "windowsill",
  "grass",
  "keyboard",
  "moon",
];

describe.skipIf(skip)("every slide clean (issue 13)", () => {
  const demo = useDemo();

  /** No two text boxes intersect and none is cut off, in every plot on the page. */
  async function expectClean(where: string): Promise<void> {
    for (const id of PLOTS) {
      await demo.page.locator(`#${id}`).scrollIntoViewIfNeeded();
      const { overlaps, outside, boxes } = await collisions(demo.page, id);
      expect(boxes.length, `${where} ${id}: text drawn`).toBeGreaterThan(2);
      expect(overlaps, `${where} ${id}: overlapping labels`).toEqual([]);
      expect(outside, `${where} ${id}: labels cut off`).toEqual([]);
    }
  }

  it("language-model preset: token names clear of the axis title, English and Japanese, desktop and phone", async () => {
    const { page } = demo;
    for (const [width, height] of [
      [1366, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const lang of ["en", "ja"]) {
        await demo.open(`?preset=llm&lang=${lang}`);
        await drawn(page);
        await expectClean(`llm ${lang} ${width}×${height}`);
      }
    }
    // The Gibbs panel names its levels too, so its bars can be matched with the softmax bars.
    await page.setViewportSize({ width: 1366, height: 900 });
    await demo.open("?preset=llm&lang=en");
    await drawn(page);
    const names = await page.evaluate(() =>
      (document.getElementById("plot-gibbs")?.layout?.annotations ?? []).map((a) => a.text),
    );
    expect(names).toEqual(LLM_EN);
    const { boxes } = await collisions(page, "plot-gibbs");
    expect(boxes.filter((b) => b.kind === "annotation").map((b) => b.text)).toEqual(LLM_EN);
  });

  it("projector mode: no tick label collides with another, for every preset", async () => {
    const { page } = demo;
    await page.setViewportSize({ width: 1366, height: 900 });
    await demo.open("?preset=seed&lang=en&projector=1");
    for (const preset of ["seed", "llm", "two-level", "harmonic", "degenerate", "inversion"]) {
      await page.getByLabel("Preset").selectOption(preset);
      await drawn(page);
      await expectClean(`projector ${preset}`);
    }
    // The phone too (the default font size), for the presets with the most text.
    await page.setViewportSize({ width: 390, height: 844 });
    await demo.open("?preset=two-level&lang=en");
    for (const preset of ["two-level", "degenerate", "harmonic"]) {
      await page.getByLabel("Preset").selectOption(preset);
      await drawn(page);
      await expectClean(`phone ${preset}`);
    }
  });

  it("the level diagram zooms to the occupied levels and says how many are above", async () => {
    const { page } = demo;
    await demo.open("?preset=harmonic&lang=en&T=1");
    await drawn(page);
    const layout = await page.evaluate(() => {
      const div = document.getElementById("plot-gibbs");
      return {
        range: div?.layout?.yaxis?.range ?? [],
        notes: (div?.layout?.annotations ?? []).map((a) => a.text),
      };
    });
    // At T = 1 the occupations fall like e^(−n): levels up to n = 9 hold ≥ 10⁻⁴ of the ground
    // level's (e^(−9) = 1.2·10⁻⁴, e^(−10) = 4.5·10⁻⁵), so the ladder 0.5 … 9.5 fills the plot.
    expect(layout.range[1]).toBeGreaterThan(9.5);
    expect(layout.range[1]).toBeLessThan(11);
    expect(layout.notes).toEqual(["⋮ 90 more above"]);
    const lines = (await plotted(page, "plot-gibbs")).levels?.y.filter((y) => y !== null);
    expect(new Set(lines)).toEqual(new Set([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]));
    await expectClean("harmonic");
    // At T = 100 every level is occupied: no zoom, no note.
    await page.getByLabel("Temperature", { exact: true }).fill("100");
    await drawn(page);
    const hot = await page.evaluate(
      () => document.getElementById("plot-gibbs")?.layout?.annotations?.length,
    );
    expect(hot).toBe(0);
  });

  it("shows the per-level difference only where a degenerate level makes it differ, explained", async () => {
    const { page } = demo;
    const line = () => page.evaluate(() => document.getElementById("diff-levels-line")?.hidden);
    await demo.open("?preset=degenerate&lang=en");
    expect(await line()).toBe(false);
    expect(await page.locator("#diff-levels-line").textContent()).toContain(
      "what differs is rounding in the last bits",
    );
    // The case: no degenerate level, at T = 0.01.
    await demo.open("?logits=0.5,3,-1,2&T=0.01&lang=en");
    expect(await line()).toBe(true);
    expect(await page.locator("#readout-diff-note").textContent()).toBe("(exactly equal)");
  });

  it("keeps the sampling settings in the link and restores them", async () => {
    const { page } = demo;
    await demo.open("?preset=llm&lang=en");
    await page.getByLabel("Samples N").fill("300");
    await page.getByLabel("Seed").fill("7");
    await page.getByLabel("top-k (optional)").fill("5");
    await page.getByLabel("top-p (optional)").fill("0.9");
    await page.getByLabel("min-p (optional)").fill("0.05");
    await page.waitForURL(/minp=0\.05/);
    const url = new URL(page.url());
    expect(
      Object.fromEntries(
        ["n", "seed", "topk", "topp", "minp"].map((k) => [k, url.searchParams.get(k)]),
      ),
    ).toEqual({
      n: "300",
      seed: "7",
      topk: "5",
      topp: "0.9",
      minp: "0.05",
    });
    await page.goto(url.toString());
    await page.waitForFunction(() => document.getElementById("plot-samples") !== null);
    await drawn(page);
    for (const [label, value] of [
      ["Samples N", "300"],
      ["Seed", "7"],
      ["top-k (optional)", "5"],
      ["top-p (optional)", "0.9"],
      ["min-p (optional)", "0.05"],
    ]) {
      expect(await page.getByLabel(label as string).inputValue()).toBe(value);
    }
    // The filters are in force: the target distribution keeps at most five tokens.
    const target = (await plotted(page, "plot-samples"))["samples-target"]?.y ?? [];
    expect(target.filter((p) => (p ?? 0) > 0).length).toBeLessThanOrEqual(5);
    await page.getByRole("button", { name: "Draw N samples" }).click();
    await page.waitForFunction(
      () => document.getElementById("sampling-status")?.getAttribute("data-total") === "300",
    );
  });

  it("writes probabilities as decimals, never with an SI prefix like 400μ", async () => {
    const { page } = demo;
    const random = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 1000) / 500).join(",");
    await page.setViewportSize({ width: 1366, height: 900 });
    await demo.open("?lang=en");
    await page.getByLabel("Logits", { exact: true }).fill(random);
    await drawn(page);
    for (const id of ["plot-softmax", "plot-overlay", "plot-samples"]) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      const { boxes } = await collisions(page, id);
      const ticks = boxes.filter((b) => b.kind === "tick").map((b) => b.text);
      expect(ticks.length).toBeGreaterThan(3);
      for (const tick of ticks) expect(tick, `${id} tick`).toMatch(/^[−-]?[\d.]+(e[−-]?\d+)?$/);
      expect(
        ticks.some((tick) => /^0\.000\d+$/.test(tick)),
        `${id}: ${ticks}`,
      ).toBe(true);
    }
  });

  it("shows the whole temperature marker at both ends of the slider", async () => {
    const { page } = demo;
    for (const T of ["0.01", "100"]) {
      await demo.open(`?preset=two-level&lang=en&T=${T}`);
      await page.locator("#plot-curves").scrollIntoViewIfNeeded();
      await drawn(page);
      const inside = await page.evaluate(() => {
        const div = document.getElementById("plot-curves");
        const plots = Array.from(div?.querySelectorAll(".bglayer rect.bg") ?? []).map((n) =>
          n.getBoundingClientRect(),
        );
        const markers = Array.from(div?.querySelectorAll(".scatterlayer .trace .points path") ?? [])
          .map((n) => n.getBoundingClientRect())
          .filter((r) => r.right > r.left);
        return markers.map((m) =>
          plots.some(
            (p) =>
              m.left >= p.left - 0.5 &&
              m.right <= p.right + 0.5 &&
              m.top >= p.top - 0.5 &&
              m.bottom <= p.bottom + 0.5,
          ),
        );
      });
      expect(inside, `markers at T = ${T}`).toEqual([true, true, true, true]);
    }
  });

  it("explains the negative-temperature box at T = 0 and T = ∞, and the slider follows it", async () => {
    const { page } = demo;
    await demo.open("?lang=en");
    await page.getByRole("button", { name: "T = 0" }).click();
    await page.getByLabel("Negative temperature (T < 0)").check();
    await settle(page);
    const note = page.locator("#negative-note");
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/T → 0⁻ would put every state in the top level/);
    const slider = page.getByLabel("Temperature slider (log scale, 0.01 to 100)");
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await settle(page);
    expect(Number(await page.getByLabel("Temperature", { exact: true }).inputValue())).toBeLessThan(
      0,
    );
    expect(await note.isVisible()).toBe(false);
    await page.getByRole("button", { name: "T = ∞" }).click();
    await settle(page);
    await page.getByLabel("Negative temperature (T < 0)").check();
    await settle(page);
    expect(await note.textContent()).toMatch(/T = −∞ is the same as T = \+∞/);
  });

  it("links the footer to the theory guide in the page's language", async () => {
    const { page } = demo;
    await demo.open("?lang=en");
    const link = page.locator("footer a");
    expect(await link.getAttribute("href")).toBe("docs/theory.html");
    await page.getByLabel("Language").selectOption("ja");
    await settle(page);
    expect(await link.getAttribute("href")).toBe("docs/theory.ja.html");
    expect(await link.textContent()).toContain("docs/theory.ja.md");
  });

  it("refuses sloppy lists and overflow with the position, on the right field, marked aria-invalid", async () => {
    const { page } = demo;
    await demo.open("?lang=en");
    const logits = page.getByLabel("Logits", { exact: true });
    await logits.fill("1,,2");
    await settle(page);
    expect(await page.locator("#logits-error").textContent()).toMatch(
      /Entry 1 is empty: there is nothing between two separators \(at character 3\)/,
    );
    expect(await logits.getAttribute("aria-invalid")).toBe("true");
    await logits.fill("1, 1e400");
    await settle(page);
    expect(await page.locator("#logits-error").textContent()).toMatch(
      /Entry 1, “1e400”, is too large for a double .* type inf or ∞/,
    );
    await logits.fill("1, 2");
    await settle(page);
    expect(await logits.getAttribute("aria-invalid")).toBe(null);

    await page.getByLabel("Energies E (physics)").check();
    await page.getByLabel("Energies", { exact: true }).fill("0, 1");
    const degeneracies = page.getByLabel("Degeneracies (optional)");
    await degeneracies.fill("0, 0");
    await settle(page);
    expect(await page.locator("#degeneracies-error").textContent()).toMatch(/no states left/);
    expect(await page.locator("#energies-error").textContent()).toBe("");
    expect(await degeneracies.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Energies", { exact: true }).getAttribute("aria-invalid")).toBe(
      null,
    );
    // The other field keeps what was typed while its partner is wrong.
    expect(await page.getByLabel("Energies", { exact: true }).inputValue()).toBe("0, 1");
    await degeneracies.fill("1");
    await settle(page);
    const message = (await page.locator("#degeneracies-error").textContent()) ?? "";
    expect(message).toMatch(/Degeneracies: 1 given, 2 needed/);
    expect(message).not.toMatch(/\b1 degeneracies/);

    const temperature = page.getByLabel("Temperature", { exact: true });
    await temperature.fill("1e999");
    await settle(page);
    expect(await page.locator("#temperature-error").textContent()).toMatch(
      /“1e999” is too large for a double/,
    );
    expect(await temperature.getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("top-p (optional)").fill("2");
    await settle(page);
    expect(await page.getByLabel("top-p (optional)").getAttribute("aria-invalid")).toBe("true");
  });

  it("reports a link's unknown language, unknown mode and overflowing numbers", async () => {
    const { page } = demo;
    await demo.open("?lang=xx&mode=bogus&logits=1,2&T=1e400&topp=1e999");
    const message = (await page.locator("#message").textContent()) ?? "";
    expect(message).toContain("the language “xx”, which the demo does not have");
    expect(message).toContain("mode “bogus”");
    expect(message).toContain("value for T could not be used");
    expect(message).toContain("value for topp could not be used");
    // The field keeps the link's text with its reason; the page runs at the preset's T = 1.
    expect(await page.getByLabel("Temperature", { exact: true }).inputValue()).toBe("1e400");
    expect(await page.locator("#temperature-error").textContent()).toMatch(/too large/);
    expect(await page.evaluate(() => document.querySelector("html")?.getAttribute("lang"))).toBe(
      "en",
    );
    const y = (await plotted(page, "plot-softmax")).softmax?.y ?? [];
    expect(y.map((p) => Number((p ?? 0).toFixed(6)))).toEqual([0.268941, 0.731059]);
  });
});
