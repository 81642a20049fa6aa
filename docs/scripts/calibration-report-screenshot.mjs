// The picture of the calibration report in docs/tutorials/calibration.md (and .ja.md): runs that
// page's own blocks in a temporary folder, in order, up to and including the command that writes
// report.html (the Python block that saves the logits, then `calibrate ... --html report.html`),
// with the same runner as test/tutorials.test.ts, checks that each printed what the page shows,
// opens the report in headless Chromium with every network request refused, and saves
// docs/images/calibration-report.png.
//
//   npm run docs:calibration      (builds dist/, then runs this script)

import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runnerImport } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const page = join(root, "docs", "tutorials", "calibration.md");
const out = join(here, "..", "images", "calibration-report.png");

const { module: harness } = await runnerImport(join(root, "test", "e2e", "harness.ts"));
const { module: tutorial } = await runnerImport(join(root, "test", "helpers", "tutorial.ts"));
if (!harness.chromiumFound) throw new Error(`no Chromium at ${harness.chromiumPath}`);

const work = mkdtempSync(join(tmpdir(), "gibbs-softmax-calibration-"));
const browser = await harness.launchBrowser();
try {
  for (const step of tutorial.tutorialSteps(page)) {
    const r = tutorial.runStep(step, work, root);
    if (r.code !== 0 || (step.expected !== undefined && r.output !== step.expected))
      throw new Error(`calibration.md:${step.line}: ${step.code}\nprinted:\n${r.output}`);
    console.log(`ok  calibration.md:${step.line}: ${step.code.split("\n")[0]}`);
    if (step.code.includes("--html report.html")) break;
  }
  const report = join(work, "report.html");
  console.log(`report.html: ${statSync(report).size} bytes`);
  await harness.screenshotOffline(browser, report, out);
  console.log(`wrote ${out} (${statSync(out).size} bytes; no network request)`);
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
