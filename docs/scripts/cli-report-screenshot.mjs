// The picture of the CLI's HTML report in docs/cli.md: runs the worked sweep of that page,
//
//   gibbs-softmax sweep --model two-level --gap 1 --from 0.01 --to 100 --points 400 \
//     --out sweep.csv --html report.html
//
// in a temporary folder, opens report.html in headless Chromium with every network request
// refused (the report must open offline: plotly is inlined), waits for the five plots, and saves
// a PNG screenshot as docs/images/cli-report.png.
//
//   npm run docs:cli           (builds dist/, then runs this script)
//
// Chromium is Debian's /usr/bin/chromium (or CHROMIUM_PATH), launched with a fresh profile through
// the same harness as the browser tests (test/e2e/harness.ts, loaded with Vite's module runner
// since Node 20 cannot run TypeScript by itself).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runnerImport } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(here, "..", "images", "cli-report.png");
const cli = join(root, "dist", "cli", "main.js");

const { module: harness } = await runnerImport(join(root, "test", "e2e", "harness.ts"));
if (!harness.chromiumFound) {
  throw new Error(
    `cli-report-screenshot: no Chromium at ${harness.chromiumPath} (set CHROMIUM_PATH)`,
  );
}

const work = mkdtempSync(join(tmpdir(), "gibbs-softmax-report-"));
const browser = await harness.launchBrowser();
try {
  const args = [
    "sweep",
    "--model",
    "two-level",
    "--gap",
    "1",
    "--from",
    "0.01",
    "--to",
    "100",
    "--points",
    "400",
    "--out",
    "sweep.csv",
    "--html",
    "report.html",
  ];
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cli-report-screenshot: the CLI failed: ${run.stderr}`);
  const report = join(work, "report.html");
  console.log(`report.html: ${(statSync(report).size / 1e6).toFixed(1)} MB`);

  await harness.screenshotOffline(browser, report, out);
  console.log(`wrote ${out} (${statSync(out).size} bytes; no network request)`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
