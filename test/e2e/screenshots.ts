/**
 * `npm run screenshots`: PNG screenshots of the demo's main presets into docs/images/, taken in
 * headless Chromium from a fresh build (the same harness as the browser tests). Run through
 * test/e2e/screenshots.mjs, which loads this TypeScript with Vite's module runner.
 */
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import {
  buildDemo,
  chromiumFound,
  chromiumPath,
  launchBrowser,
  root,
  serveStatic,
  tempDir,
} from "./harness.js";

declare const document: { body: { dataset: Record<string, string | undefined> } };
declare function requestAnimationFrame(callback: () => void): number;

interface Shot {
  file: string;
  query: string;
  /** The part of the page: the top (input and distribution plots), one panel, or the plots. */
  part: "top" | "curves" | "sampling" | "plots" | "montecarlo";
  viewport?: { width: number; height: number };
  /** Something to do before the picture (e.g. draw samples). */
  before?: (page: Page) => Promise<void>;
}

const DESKTOP = { width: 1366, height: 1060 };

const SHOTS: Shot[] = [
  { file: "demo-seed.png", query: "?preset=seed&lang=en", part: "top" },
  { file: "demo-seed-ja.png", query: "?preset=seed&lang=ja", part: "top" },
  { file: "demo-llm.png", query: "?preset=llm&lang=en&T=0.7", part: "top" },
  {
    file: "demo-llm-sampling.png",
    query: "?preset=llm&lang=en&T=0.7",
    part: "sampling",
    before: async (page) => {
      await page.getByLabel("Samples N").fill("2000");
      await page.getByLabel("top-p (optional)").fill("0.9");
      await page.getByRole("button", { name: "Draw N samples" }).click();
      await page.waitForFunction(
        () =>
          (
            document as unknown as {
              getElementById(id: string): { dataset: Record<string, string> } | null;
            }
          ).getElementById("sampling-status")?.dataset.total === "2000",
      );
    },
  },
  { file: "demo-two-level-curves.png", query: "?preset=two-level&lang=en", part: "curves" },
  { file: "demo-harmonic-curves.png", query: "?preset=harmonic&lang=en", part: "curves" },
  { file: "demo-degenerate.png", query: "?preset=degenerate&lang=en&T=2", part: "top" },
  { file: "demo-inversion.png", query: "?preset=inversion&lang=en", part: "top" },
  { file: "demo-random.png", query: "?preset=random&lang=en", part: "top" },
  {
    file: "demo-llm-ja-phone.png",
    query: "?preset=llm&lang=ja&T=0.7",
    part: "plots",
    viewport: { width: 390, height: 844 },
  },
  {
    file: "demo-montecarlo.png",
    query: "?lang=en&T=2.269&L=128",
    part: "montecarlo",
    before: async (page) => {
      await page.getByRole("button", { name: "▶ Run" }).click();
      await page.waitForTimeout(3000);
      await page.getByRole("button", { name: "❚❚ Pause" }).click();
    },
  },
  {
    file: "demo-montecarlo-exact.png",
    query: "?lang=en&T=2.269&L=4&speed=1000&alg=wolff",
    part: "montecarlo",
    before: async (page) => {
      await page.getByRole("button", { name: "▶ Run" }).click();
      await page.waitForTimeout(2000);
      await page.getByRole("button", { name: "❚❚ Pause" }).click();
      await page.getByRole("button", { name: "Sweep T from 1 to 4" }).click();
      await page.waitForFunction(
        () =>
          (
            document as unknown as {
              getElementById(id: string): { dataset: Record<string, string> } | null;
            }
          ).getElementById("mc-sweep-status")?.dataset.done === "true",
        undefined,
        { timeout: 60_000 },
      );
    },
  },
  {
    file: "demo-phone.png",
    query: "?preset=seed&lang=en",
    part: "plots",
    viewport: { width: 390, height: 844 },
  },
];

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === "true");
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.waitForTimeout(500); // Plotly finishes its first layout asynchronously
}

export async function main(): Promise<void> {
  if (!chromiumFound) {
    throw new Error(`screenshots: no Chromium at ${chromiumPath} (apt-get install chromium)`);
  }
  const out = join(root, "docs", "images");
  mkdirSync(out, { recursive: true });
  const build = tempDir("screenshots");
  await buildDemo(build);
  const served = await serveStatic(build, "/demo/");
  const browser = await launchBrowser();
  try {
    for (const shot of SHOTS) {
      const page = await browser.context.newPage();
      await page.setViewportSize(shot.viewport ?? DESKTOP);
      await page.goto(`${served.url}${shot.query}`);
      await settle(page);
      if (shot.before !== undefined) {
        await shot.before(page);
        await settle(page);
      }
      const path = join(out, shot.file);
      if (shot.part === "top") {
        await page.screenshot({ path });
      } else if (shot.part === "plots") {
        await page.evaluate("document.querySelector('.softmax-panel').scrollIntoView()");
        await settle(page);
        await page.screenshot({ path });
      } else {
        const panel = page.locator(
          `.${shot.part === "montecarlo" ? "montecarlo" : shot.part}-panel`,
        );
        await panel.scrollIntoViewIfNeeded();
        await settle(page);
        await panel.screenshot({ path });
      }
      console.log(`docs/images/${shot.file} (${Math.round(statSync(path).size / 1024)} kB)`);
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
}
