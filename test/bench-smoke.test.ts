/**
 * A seconds-long run of the benchmark harness (bench/harness.mjs --smoke) on every code path,
 * so the harness cannot rot between full runs of `npm run bench`. It checks the report's shape,
 * not the figures (speed lives in benchmarks, not in tests).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

/** True when python3 can import numpy and scipy (the Python peers). */
function hasNumpy(): boolean {
  try {
    execFileSync("python3", ["-c", "import numpy, scipy.special"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

it("the benchmark harness runs end to end and writes its report", () => {
  const dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-bench-"));
  try {
    const out = join(dir, "benchmarks.md");
    execFileSync(
      process.execPath,
      [join(import.meta.dirname, "..", "bench", "harness.mjs"), "--smoke", "--out", out],
      {
        stdio: "pipe",
        timeout: 120_000,
      },
    );
    const report = readFileSync(out, "utf8");
    expect(report).toMatch(/^# Benchmarks/);
    expect(report).toMatch(/## Goals \(issue 3\)/);
    for (const name of [
      "softmax (into out)",
      "logSumExp",
      "sweepParallel",
      "softmaxRows",
      "peak memory",
      "Where the time goes",
    ]) {
      expect(report).toContain(name);
    }
    // The paired round ran: with numpy present, the seed-code goal carries a ratio.
    const seedGoal = report.split("\n").find((l) => l.includes("vs the numpy seed code"));
    expect(seedGoal).toBeDefined();
    if (hasNumpy()) expect(seedGoal).toMatch(/× the peer's time \(rounds:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
