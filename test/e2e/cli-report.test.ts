/**
 * The CLI's HTML reports (`gibbs-softmax sweep --html`, `calibrate --html`) opened in headless
 * Chromium from a file:// URL: the plots are drawn from the data the command wrote, with no
 * network request at all (plotly is inlined); the file is at most 1.5 MB; the four main plots
 * form a 2-by-2 grid at 1366 px and one column at 800 px; every tick label of a log axis is a
 * full number, in order (no abbreviated minor labels); the command line and the version are
 * printed. Without Chromium (and CI not "true") the suite says so and skips.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, root, skipWithoutChromium, tempDir } from "./harness.js";

const skip = skipWithoutChromium("the HTML report browser test");

interface PlotDiv {
  data?: { x?: ArrayLike<number>; y?: ArrayLike<number> }[];
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  textContent: string | null;
}
declare const document: {
  getElementById(id: string): PlotDiv | null;
  body: { dataset: Record<string, string> };
};

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const BUDGET = 1_500_000;

type Page = Awaited<ReturnType<Browser["context"]["newPage"]>>;

/** The rectangles of the plots with these ids, at a window width. */
async function rectangles(page: Page, ids: string[], width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(400); // plotly's responsive relayout
  return page.evaluate(
    (list) =>
      list.map((id) => {
        const r = (document.getElementById(id) as PlotDiv).getBoundingClientRect();
        return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width) };
      }),
    ids,
  );
}

function expectGrid(r: { x: number; y: number; width: number }[]) {
  const [a, b, c, d] = r as [(typeof r)[0], (typeof r)[0], (typeof r)[0], (typeof r)[0]];
  expect(a.y).toBe(b.y); // first row
  expect(c.y).toBe(d.y); // second row
  expect(c.y).toBeGreaterThan(a.y);
  expect(a.x).toBe(c.x); // first column
  expect(b.x).toBe(d.x);
  expect(b.x).toBeGreaterThan(a.x + a.width - 1);
  expect(new Set(r.map((q) => q.width)).size).toBe(1);
}

function expectColumn(r: { x: number; y: number; width: number }[]) {
  expect(new Set(r.map((q) => q.x)).size).toBe(1);
  for (let k = 1; k < r.length; k++)
    expect((r[k] as { y: number }).y).toBeGreaterThan((r[k - 1] as { y: number }).y);
}

/** The x tick labels of a plot, as numbers (plotly writes − for minus). */
async function xTicks(page: Page, id: string): Promise<string[]> {
  return page.evaluate((plot) => {
    const div = document.getElementById(plot) as PlotDiv;
    return Array.from(div.querySelectorAll(".xtick text"), (t) => t.textContent ?? "");
  }, id);
}

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

  it("is at most 1.5 MB, a 2-by-2 grid above 900 px and one column below, with full log tick labels", async () => {
    expect(statSync(join(dir, "report.html")).size).toBeLessThanOrEqual(BUDGET);
    const page = await (browser as Browser).context.newPage();
    await page.goto(pathToFileURL(join(dir, "report.html")).href);
    await page.waitForFunction(() => document.body.dataset.ready === "true", undefined, {
      timeout: 60_000,
    });
    const ids = ["freeEnergy", "internalEnergy", "entropy", "heatCapacity"];
    expectGrid(await rectangles(page, ids, 1366));
    expectGrid(await rectangles(page, ids, 901));
    expectColumn(await rectangles(page, [...ids, "probabilities"], 800));
    await rectangles(page, ids, 1366);
    for (const id of [...ids, "probabilities"]) {
      const labels = await xTicks(page, id);
      // 0.05 … 20 spans under three decades: labels are full numbers in increasing order
      const values = labels.map((t) => Number(t.replace("−", "-")));
      expect(labels.length, id).toBeGreaterThanOrEqual(3);
      expect(values.every(Number.isFinite), `${id}: ${labels.join(" ")}`).toBe(true);
      for (let k = 1; k < values.length; k++)
        expect(values[k], id).toBeGreaterThan(values[k - 1] as number);
      expect(values[0]).toBeGreaterThanOrEqual(0.05);
      expect(values[values.length - 1]).toBeLessThanOrEqual(20);
    }
    const footer = await page.evaluate(() => document.getElementById("command")?.textContent);
    expect(footer).toMatch(/^gibbs-softmax sweep --model two-level --gap 1 --from 0\.05 --to 20 /);
    expect(await page.evaluate(() => document.getElementById("version")?.textContent)).toBe(
      pkg.version,
    );
    await page.close();
  }, 120_000);

  it("stays under 1.5 MB for a big sweep (thinned, and says so)", () => {
    const r = spawnSync(
      process.execPath,
      [
        main(),
        "sweep",
        "--expression",
        "n",
        "--count",
        "60",
        "--from",
        "0.01",
        "--to",
        "100",
        "--points",
        "3000",
        "--html",
        join(dir, "big.html"),
        "--out",
        join(dir, "big.csv"),
      ],
      { encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(statSync(join(dir, "big.html")).size).toBeLessThanOrEqual(BUDGET);
    expect(readFileSync(join(dir, "big.html"), "utf8")).toMatch(
      /Plotted at every \d+th of the 3000 temperatures/,
    );
  }, 60_000);

  it("calibrate --html: reliability diagrams and confidence histograms before and after, from the data", async () => {
    // 8 rows of 3 classes, an overconfident model (labels often not the argmax)
    const logits = [
      [4, 0, 0],
      [0, 4, 0],
      [0, 0, 4],
      [4, 0, 0],
      [0, 4, 0],
      [0, 0, 4],
      [4, 0, 1],
      [1, 4, 0],
    ];
    const labels = [0, 1, 2, 1, 2, 0, 0, 1];
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "val.csv"), logits.map((r) => r.join(",")).join("\n"));
    writeFileSync(join(dir, "val_labels.txt"), labels.join("\n"));
    const r = spawnSync(
      process.execPath,
      [
        main(),
        "calibrate",
        "--logits",
        join(dir, "val.csv"),
        "--labels",
        join(dir, "val_labels.txt"),
        "--bins",
        "5",
        "--format",
        "json",
        "--html",
        join(dir, "calibration.html"),
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { stage: string; temperature: number; ece: number }[];
    expect(statSync(join(dir, "calibration.html")).size).toBeLessThanOrEqual(BUDGET);
    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(dir, "calibration.html")).href);
    await page.waitForFunction(() => document.body.dataset.ready === "true", undefined, {
      timeout: 60_000,
    });
    const ids = ["reliabilityBefore", "reliabilityAfter", "confidenceBefore", "confidenceAfter"];
    expectGrid(await rectangles(page, ids, 1366));
    expectColumn(await rectangles(page, [...ids, "nll"], 800));
    const titles = await page.evaluate(
      (list) =>
        list.map(
          (id) => document.getElementById(id)?.querySelectorAll(".gtitle")[0]?.textContent ?? "",
        ),
      ids,
    );
    expect(titles[0]).toContain(`ECE ${(rows[0] as { ece: number }).ece.toPrecision(4)}`);
    expect(titles[1]).toContain(
      `τ = ${(rows[1] as { temperature: number }).temperature.toPrecision(4)}`,
    );
    // the histograms' bars are the fractions of the 8 examples in each of the 5 bins
    const bars = await page.evaluate(() =>
      Array.from((document.getElementById("confidenceBefore") as PlotDiv).data?.[0]?.y ?? []),
    );
    expect(bars).toHaveLength(5);
    expect(bars.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // every example is ~98 % confident before: all in the top bin
    expect(bars[4]).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

function main(): string {
  return join(root, "dist", "cli", "main.js");
}
