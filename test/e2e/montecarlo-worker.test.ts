/**
 * The Monte Carlo module in a browser's Web Worker, the way the demo runs it: bundled by Vite
 * from src/montecarlo (no Node API, so the bundle needs no shim), loaded as a module worker in
 * headless Chromium. The worker's chains equal Node's bit for bit for the same seeds (the
 * determinism the docs promise, across engines), the WebAssembly SIMD sweep serves there, and
 * the sweeps per second of a 256 × 256 lattice are printed (a figure, not a test: speed targets
 * live in `npm run bench`; the demo needs ≥ 30 per second). Without Chromium (and CI not "true")
 * the suite says so and skips.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateIsing } from "../../src/montecarlo/index.js";
import {
  type Browser,
  launchBrowser,
  root,
  type Served,
  serveStatic,
  skipWithoutChromium,
  tempDir,
} from "./harness.js";

const skip = skipWithoutChromium("the Monte Carlo worker browser test");

interface WorkerResult {
  runs: number[][];
  kernelServes: boolean;
  nodeGlobals: boolean;
  sweepsPerSecond: number;
}

declare const window: { result?: unknown };

const src = join(root, "src", "montecarlo");
const WORKER = `
import { IsingLattice, simulateIsing } from ${JSON.stringify(join(src, "index.ts"))};
import { sweepKernelServes } from ${JSON.stringify(join(src, "sweepKernel.ts"))};
const summary = (r) => [r.energy.reduce((a, b) => a + b, 0), r.magnetization[r.magnetization.length - 1]];
self.onmessage = () => {
  const runs = [
    summary(simulateIsing({ size: 32, temperature: 2.269, sweeps: 100, seed: 42, start: "hot" })),
    summary(simulateIsing({ size: 8, temperature: 2.269, algorithm: "heatBath", sweeps: 100, seed: 42 })),
    summary(simulateIsing({ size: 16, temperature: 2.0, algorithm: "wolff", field: 0.1, sweeps: 300, seed: 3 })),
  ];
  const lattice = new IsingLattice({ size: 256, seed: 1, start: "hot" });
  for (let k = 0; k < 30; k++) lattice.sweep(2.269);
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 1000) { lattice.sweep(2.269); n++; }
  self.postMessage({
    runs,
    kernelServes: sweepKernelServes(256),
    nodeGlobals: typeof process !== "undefined" || typeof Buffer !== "undefined",
    sweepsPerSecond: (n * 1000) / (performance.now() - t0),
  });
};
`;
const PAGE = `<!doctype html><meta charset="utf-8"><title>worker</title>
<script type="module">
const worker = new Worker("./worker.js", { type: "module" });
worker.onmessage = (e) => { window.result = e.data; };
worker.onerror = (e) => { window.result = { error: String(e.message) }; };
worker.postMessage(0);
</script>`;

describe.skipIf(skip)("the Monte Carlo module in a Web Worker", () => {
  let dir = "";
  let served: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dir = tempDir("montecarlo-worker");
    const entry = join(dir, "entry.js");
    writeFileSync(entry, WORKER);
    await build({
      configFile: false,
      logLevel: "warn",
      root: dir,
      build: {
        outDir: join(dir, "site"),
        emptyOutDir: true,
        minify: false,
        lib: { entry, formats: ["es"], fileName: () => "worker.js" },
      },
    });
    writeFileSync(join(dir, "site", "index.html"), PAGE);
    served = await serveStatic(join(dir, "site"), "/mc/");
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("runs the chains with Node's exact results, on the SIMD kernel, without Node globals", async () => {
    const page = await (browser as Browser).context.newPage();
    await page.goto(`${(served as Served).url}index.html`);
    await page.waitForFunction(() => window.result !== undefined, null, {
      timeout: 60_000,
    });
    const result = (await page.evaluate(() => window.result)) as WorkerResult | { error: string };
    expect("error" in result ? result.error : "").toBe("");
    const r = result as WorkerResult;
    const summary = (x: { energy: Float64Array; magnetization: Float64Array }) => [
      x.energy.reduce((a, b) => a + b, 0),
      x.magnetization[x.magnetization.length - 1],
    ];
    expect(r.runs).toEqual([
      summary(simulateIsing({ size: 32, temperature: 2.269, sweeps: 100, seed: 42, start: "hot" })),
      summary(
        simulateIsing({
          size: 8,
          temperature: 2.269,
          algorithm: "heatBath",
          sweeps: 100,
          seed: 42,
        }),
      ),
      summary(
        simulateIsing({
          size: 16,
          temperature: 2.0,
          algorithm: "wolff",
          field: 0.1,
          sweeps: 300,
          seed: 3,
        }),
      ),
    ]);
    expect(r.kernelServes).toBe(true);
    expect(r.nodeGlobals).toBe(false);
    console.log(
      `Chromium worker: ${r.sweepsPerSecond.toFixed(0)} Metropolis sweeps per second of a 256 × 256 lattice`,
    );
    expect(r.sweepsPerSecond).toBeGreaterThan(0);
  }, 120_000);
});
