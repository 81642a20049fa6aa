/**
 * The two fluidity promises of issue 13 and issue 12, measured in headless Chromium:
 *
 * - the Monte Carlo panel runs a 256 × 256 lattice at ≥ 30 frames per second, counted by the
 *   page itself (its worker reports the frames it painted each quarter second), while the main
 *   thread stays free (its animation frames keep coming);
 * - the sampling panel stays responsive at 2·10⁵ logits with top-k, top-p and min-p all set: no
 *   frame over 50 ms while it draws (gaps between animation frames, and long tasks).
 *
 * The machine is shared: the frame rate is the median of the page's reports over three seconds
 * (one slow quarter second does not fail it, a slow panel does), and each measurement is
 * printed.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../demo/random.js";
import { drawn, skip, useDemo } from "./page.js";

declare const document: {
  getElementById(id: string): { dataset: Record<string, string | undefined> } | null;
};
declare const window: { frameGaps?: number[]; longTasks?: number[]; stopWatch?: () => void };
declare function requestAnimationFrame(callback: (now: number) => void): number;
declare class PerformanceObserver {
  constructor(callback: (list: { getEntries(): { duration: number }[] }) => void);
  observe(options: { type: string; buffered?: boolean }): void;
  disconnect(): void;
}

/** Starts recording the gaps between animation frames and the long tasks on the page. */
async function watchFrames(page: import("playwright-core").Page): Promise<void> {
  await page.evaluate(() => {
    const gaps: number[] = [];
    const tasks: number[] = [];
    let last = performance.now();
    let on = true;
    const tick = (now: number) => {
      gaps.push(now - last);
      last = now;
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: "longtask" });
    window.frameGaps = gaps;
    window.longTasks = tasks;
    window.stopWatch = () => {
      on = false;
      observer.disconnect();
    };
  });
}

async function stopWatching(
  page: import("playwright-core").Page,
): Promise<{ gaps: number[]; tasks: number[] }> {
  return page.evaluate(() => {
    window.stopWatch?.();
    return { gaps: window.frameGaps ?? [], tasks: window.longTasks ?? [] };
  });
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;

describe.skipIf(skip)("fluid panels", () => {
  const demo = useDemo();

  it("runs a 256 × 256 Ising lattice at ≥ 30 frames per second, off the main thread", async () => {
    const { page } = demo;
    await demo.open("?lang=en&T=2.269&L=256");
    await page.locator("#montecarlo-panel").scrollIntoViewIfNeeded();
    await page.getByRole("button", { name: "▶ Run" }).click();
    await page.waitForTimeout(1000); // the first report, and the JIT warm
    await watchFrames(page);
    const reports: number[] = [];
    let previous = "";
    const started = Date.now();
    while (Date.now() - started < 3000) {
      await page.waitForTimeout(125);
      const stats = page.locator("#mc-stats");
      const sweeps = (await stats.getAttribute("data-sweeps")) ?? "";
      if (sweeps !== previous) {
        previous = sweeps;
        reports.push(Number(await stats.getAttribute("data-fps")));
      }
    }
    const { gaps } = await stopWatching(page);
    const sweeps = Number(previous);
    const fps = median(reports);
    const mainFps = (1000 * gaps.length) / gaps.reduce((a, b) => a + b, 0);
    console.log(
      `Monte Carlo L = 256: the worker painted a median ${fps.toFixed(1)} frames/s over ${reports.length} reports ` +
        `(${reports.map((r) => r.toFixed(0)).join(", ")}); ${sweeps} sweeps in all; ` +
        `main thread ${mainFps.toFixed(0)} frames/s, longest gap ${Math.max(...gaps).toFixed(0)} ms`,
    );
    expect(reports.length).toBeGreaterThanOrEqual(8);
    expect(fps).toBeGreaterThanOrEqual(30);
    // Each painted frame follows at least one sweep of all 65 536 spins.
    expect(sweeps).toBeGreaterThanOrEqual(90);
    // The page itself keeps drawing while the lattice runs.
    expect(mainFps).toBeGreaterThanOrEqual(20);
  });

  it("keeps the sampling panel responsive at 2·10⁵ logits with every filter set", async () => {
    const { page } = demo;
    const random = mulberry32(12);
    const logits = Array.from({ length: 200_000 }, () => (8 * random() - 4).toFixed(3)).join(",");
    await demo.open("?lang=en");
    await page.getByLabel("Logits", { exact: true }).fill(logits);
    await page.waitForFunction(
      () => document.getElementById("timing-update")?.dataset.done !== undefined,
    );
    await page.waitForTimeout(600); // the pause before a large vector is installed
    await drawn(page);
    await page.getByLabel("top-k (optional)").fill("50");
    await page.getByLabel("top-p (optional)").fill("0.9");
    await page.getByLabel("Samples N").fill("1000000");
    await drawn(page);
    await page.locator("#plot-samples").scrollIntoViewIfNeeded();
    // Each attempt sets the last filter (the library recomputes the filtered distribution once:
    // linear in n since issue 12) and then draws a million samples; the page must stay live
    // throughout. The machine is shared, so a run may be retried once: a stall from another
    // process is rare and random, while a panel that blocks the page stalls every time.
    const attempts: { worst: number; long: number[] }[] = [];
    for (const minP of ["0.01", "0.02"]) {
      await watchFrames(page);
      await page.getByLabel("min-p (optional)").fill(minP);
      await drawn(page);
      const setting = await stopWatching(page);
      await watchFrames(page);
      await page.getByRole("button", { name: "Draw N samples" }).click();
      await page.waitForFunction(
        () => document.getElementById("sampling-status")?.dataset.total === "1000000",
        undefined,
        { timeout: 20_000 },
      );
      const drawing = await stopWatching(page);
      const gaps = [...setting.gaps, ...drawing.gaps];
      const tasks = [...setting.tasks, ...drawing.tasks];
      const worst = Math.max(...gaps);
      attempts.push({ worst, long: tasks.filter((d) => d > 50) });
      console.log(
        `sampling at 2·10⁵ logits (top-k 50, top-p 0.9, min-p ${minP}): setting min-p, longest ` +
          `gap ${Math.max(...setting.gaps).toFixed(0)} ms; 10⁶ draws over ${drawing.gaps.length} ` +
          `frames, longest gap ${Math.max(...drawing.gaps).toFixed(0)} ms, median ` +
          `${median(drawing.gaps).toFixed(0)} ms; long tasks: ${tasks.map((d) => d.toFixed(0)).join(", ") || "none"}`,
      );
      if (worst <= 50 && tasks.every((d) => d <= 50)) break;
    }
    const last = attempts.at(-1) as { worst: number; long: number[] };
    expect(last.worst).toBeLessThanOrEqual(50);
    expect(last.long).toEqual([]);
  });
});
