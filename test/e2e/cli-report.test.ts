/**
 * The CLI's HTML report (`gibbs-softmax sweep --html`) opened in headless Chromium from a file://
 * URL: its five plots are drawn from the sweep's data, and it makes no network request at all
 * (plotly is inlined). Without Chromium (and CI not "true") the suite says so and skips.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  chromiumFound,
  chromiumPath,
  launchBrowser,
  onCI,
  root,
  tempDir,
} from "./harness.js";

const skip = !chromiumFound && !onCI;
if (skip)
  console.log(
    `SKIPPING the HTML report browser test: no Chromium at ${chromiumPath} (set CHROMIUM_PATH, or install Debian's chromium)`,
  );

interface PlotDiv {
  data?: { x?: ArrayLike<number>; y?: ArrayLike<number> }[];
}
declare const document: {
  getElementById(id: string): PlotDiv | null;
  body: { dataset: Record<string, string> };
};

describe.skipIf(skip)("the sweep's HTML report in a browser", () => {
  let dir = "";
  let browser: Browser | undefined;
  beforeAll(async () => {
    const main = join(root, "dist", "cli", "main.js");
    if (!existsSync(main))
      throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
    dir = tempDir("report");
    const r = spawnSync(
      process.execPath,
      [
        main,
        "sweep",
        "--model",
        "two-level",
        "--gap",
        "1",
        "--from",
        "0.05",
        "--to",
        "20",
        "--points",
        "60",
        "--html",
        join(dir, "report.html"),
        "--out",
        join(dir, "sweep.csv"),
      ],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(`the CLI failed: ${r.stderr}`);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("draws F, U, S, C and the occupations from the sweep, offline", async () => {
    const page = await (browser as Browser).context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) requests.push(request.url());
    });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(dir, "report.html")).href);
    await page.waitForFunction(() => document.body.dataset.ready === "true", undefined, {
      timeout: 60_000,
    });
    const plots = await page.evaluate(() =>
      ["freeEnergy", "internalEnergy", "entropy", "heatCapacity", "probabilities"].map((id) => {
        const div = document.getElementById(id);
        return (div?.data ?? []).map((trace) => ({
          x: Array.from(trace.x ?? []),
          y: Array.from(trace.y ?? []),
        }));
      }),
    );
    const csv = readFileSync(join(dir, "sweep.csv"), "utf8").trim().split("\n");
    const header = (csv[0] as string).split(",");
    const column = (name: string) =>
      csv.slice(1).map((line) => Number(line.split(",")[header.indexOf(name)]));
    const [F, U, S, C, P] = plots;
    expect(F?.[0]?.x).toEqual(column("temperature"));
    expect(F?.[0]?.y).toEqual(column("freeEnergy"));
    expect(U?.[0]?.y).toEqual(column("internalEnergy"));
    expect(S?.[0]?.y).toEqual(column("entropy"));
    expect(C?.[0]?.y).toEqual(column("heatCapacity"));
    // Two levels, two occupation curves summing to 1 at every temperature.
    expect(P?.length).toBe(2);
    P?.[0]?.y.forEach((p, j) => {
      expect(Math.abs(p + (P?.[1]?.y[j] as number) - 1)).toBeLessThan(1e-15);
    });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
