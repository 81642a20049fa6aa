/**
 * Runs a tutorial the way a reader would: its ```python blocks with python3 (a following ```text
 * block is the output they print) and its ```sh blocks, where each `$ command` line is run with
 * bash in the same folder and the lines after it, up to the next `$`, are its output (standard
 * output then standard error, as a terminal shows them). `npx gibbs-softmax` is this checkout's
 * dist/cli/main.js. Used by test/tutorials.test.ts and docs/scripts/calibration-report-screenshot.mjs,
 * so the figures are made by the very commands the page shows.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** One step of a tutorial: code to run and the output it must print. */
export interface Step {
  kind: "python" | "sh";
  line: number;
  code: string;
  expected: string | undefined;
}

/** The steps of a Markdown tutorial, in order. */
export function tutorialSteps(file: string): Step[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: { lang: string; line: number; body: string[] }[] = [];
  let current: { lang: string; line: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const open = /^```(\w*)/.exec(text);
    if (current === undefined && open !== null) {
      current = { lang: open[1] ?? "", line: index + 2, body: [] };
      return;
    }
    if (current !== undefined && /^```\s*$/.test(text)) {
      blocks.push(current);
      current = undefined;
      return;
    }
    current?.body.push(text);
  });
  const steps: Step[] = [];
  blocks.forEach((b, k) => {
    if (b.lang === "python") {
      const next = blocks[k + 1];
      steps.push({
        kind: "python",
        line: b.line,
        code: b.body.join("\n"),
        expected: next?.lang === "text" ? `${next.body.join("\n")}\n` : undefined,
      });
    }
    if (b.lang === "sh") {
      let step: Step | undefined;
      b.body.forEach((text, i) => {
        if (text.startsWith("$ ")) {
          if (step !== undefined) steps.push(step);
          step = { kind: "sh", line: b.line + i, code: text.slice(2), expected: "" };
        } else if (step !== undefined) step.expected += `${text}\n`;
      });
      if (step !== undefined) steps.push(step);
    }
  });
  return steps;
}

/** Runs one step in `cwd`; returns what it printed and its exit code. */
export function runStep(step: Step, cwd: string, root: string): { output: string; code: number } {
  const main = join(root, "dist", "cli", "main.js");
  if (step.kind === "python") {
    const r = spawnSync("python3", ["-c", step.code], { cwd, encoding: "utf8" });
    return { output: r.stdout + r.stderr, code: r.status ?? 1 };
  }
  const command = step.code.replace(/\bnpx gibbs-softmax\b/g, `node ${JSON.stringify(main)}`);
  const r = spawnSync("bash", ["-c", `set -o pipefail; ${command}`], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, COLUMNS: "200" },
  });
  return { output: r.stdout + r.stderr, code: r.status ?? 1 };
}
