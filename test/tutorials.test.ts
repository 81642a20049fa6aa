/**
 * The calibration tutorial (English and Japanese) run as a reader runs it: every Python block
 * and every shell command, in order, in a fresh folder, with the printed output compared line for
 * line (test/helpers/tutorial.ts). Its figure is made by docs/scripts/calibration-report-screenshot.mjs
 * from the same commands, parsed from the same page. Needs python3 with numpy: without it (and CI
 * not "true") the suite says so and skips.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { skipWithoutPython } from "./helpers/python.js";
import { runStep, tutorialSteps } from "./helpers/tutorial.js";

const root = join(import.meta.dirname, "..");

const skip = skipWithoutPython("numpy", "the calibration tutorials");

const pages = ["docs/tutorials/calibration.md", "docs/tutorials/calibration.ja.md"];

describe.skipIf(skip).each(pages)("%s", (page) => {
  it("runs every block and prints what the page shows", () => {
    if (!existsSync(join(root, "dist", "cli", "main.js")))
      throw new Error("dist/ is missing: run `npm run build` first");
    const steps = tutorialSteps(join(root, page));
    expect(steps.filter((s) => s.kind === "python").length).toBeGreaterThanOrEqual(2);
    expect(steps.filter((s) => s.kind === "sh").length).toBeGreaterThanOrEqual(4);
    const dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-tutorial-"));
    try {
      for (const step of steps) {
        const r = runStep(step, dir, root);
        expect(r.code, `${page}:${step.line}: ${step.code}\n${r.output}`).toBe(0);
        if (step.expected !== undefined)
          expect(r.output, `${page}:${step.line}: ${step.code}`).toBe(step.expected);
      }
      // the report the page pictures was written, within budget
      expect(readFileSync(join(dir, "report.html")).length).toBeLessThanOrEqual(1_500_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

it("the Japanese tutorial runs the same commands as the English one", () => {
  const code = (page: string) =>
    tutorialSteps(join(root, page)).map((s) =>
      s.kind === "python" ? s.code.replace(/\s*#.*$/gm, "") : s.code,
    );
  expect(code(pages[1] as string)).toEqual(code(pages[0] as string));
});
