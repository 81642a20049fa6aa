/**
 * A seconds-long run of the benchmark harness (bench/harness.mjs --smoke) on every code path,
 * so the harness cannot rot between full runs of `npm run bench`. It checks the report's shape
 * and that each comparison ran, not the figures (speed lives in benchmarks, not in tests).
 *
 * The Python peers (numpy, scipy) must be there under CI=true: the like-for-like ratios against
 * them are the point of the report, so a CI run without them fails instead of skipping. Outside
 * CI, without numpy, those checks are skipped and the test says so. The JavaScript peers live in
 * bench/node_modules (`npm --prefix bench ci`), which `npm test` does not install: their rows
 * must then say why they were not measured.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

/** True when python3 can import numpy and scipy (the Python peers). */
function hasNumpy(): boolean {
  try {
    execFileSync("python3", ["-c", "import numpy, scipy.special"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The lines of a markdown section, from its heading to the next heading of the same level. */
function section(report: string, heading: string): string[] {
  const lines = report.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`the report has no "${heading}"`);
  const level = heading.split(" ")[0] as string;
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level.length}} `).test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

it("the benchmark harness runs end to end and writes its report", () => {
  const dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-bench-"));
  try {
    const out = join(dir, "benchmarks.md");
    execFileSync(process.execPath, [join(root, "bench", "harness.mjs"), "--smoke", "--out", out], {
      stdio: "pipe",
      timeout: 120_000,
    });
    const report = readFileSync(out, "utf8");
    expect(report).toMatch(/^# Benchmarks/);
    // Provenance: the commit (clean or dirty) and the kernel sources' hash.
    expect(report).toMatch(
      /measured at commit [0-9a-f]{40} \((clean|dirty: \d+ tracked files? changed)\)/,
    );
    expect(report).toMatch(/Kernel sources: `[0-9a-f]{16}`/);
    for (const heading of [
      "## Summary",
      "## Like for like",
      "### Allocating, float64: each side returns a new array",
      "### Into `out`, float64: each side writes into an array it is given",
      "### Float32 in, float32 out",
      "### logSumExp, float64: each side returns a number",
      "### Among JavaScript implementations, float64",
      "## Goals (issue 3)",
      "## Other figures (one measurement each)",
    ]) {
      expect(report.split("\n"), heading).toContain(heading);
    }
    for (const name of ["sweepParallel", "softmaxRows", "peak memory", "Where the time goes"]) {
      expect(report).toContain(name);
    }

    // Every comparison row has our figure; the JavaScript rows (in-process peers) have theirs.
    const table = (h: string) => section(report, h).filter((l) => /^\| gibbs-softmax/.test(l));
    const cells = (row: string) => row.split(" | ").map((c) => c.replace(/^\| |\|$/g, "").trim());
    const jsRows = table("### Among JavaScript implementations, float64");
    expect(jsRows).toHaveLength(3);
    for (const row of jsRows) expect(cells(row)[5], row).toMatch(/^\d+\.\d\d/);

    // The summary carries a ratio for each of its bullets' peers, or says it was not measured.
    const summary = section(report, "## Summary").filter((l) => l.startsWith("- "));
    expect(summary.length).toBe(6);

    const numpyRows = [
      ...table("### Allocating, float64: each side returns a new array"),
      ...table("### Into `out`, float64: each side writes into an array it is given"),
      ...table("### logSumExp, float64: each side returns a number"),
    ].filter((l) => /numpy|scipy/.test(l));
    expect(numpyRows.length).toBe(5);
    if (!hasNumpy()) {
      // Outside CI, a machine without numpy cannot measure these rows: they must say why.
      expect(process.env.CI, "CI=true needs python3 with numpy and scipy (the peers)").not.toBe(
        "true",
      );
      for (const row of numpyRows) expect(row).toMatch(/not measured: Python peers unavailable/);
      console.warn(
        "bench smoke: python3 with numpy and scipy is missing; the ratio checks were skipped",
      );
      return;
    }
    expect(report).toContain("same logits as ours (float64 identical, float32 identical)");
    for (const row of numpyRows) {
      const ratio = cells(row)[5] as string;
      expect(ratio, row).toMatch(/^\d+\.\d\d/);
      expect(Number.parseFloat(ratio)).toBeGreaterThan(0);
    }
    const seedGoal = report
      .split("\n")
      .find((l) => l.includes("allocating, vs the numpy seed code"));
    expect(seedGoal ?? "(no seed-code goal)").toMatch(/× the peer's time \(rounds: /);
    expect(summary[0]).toMatch(/np\.exp\(a\) \/ np\.sum\(np\.exp\(a\)\)`: \d+\.\d\d× at 10³/);
    if (!existsSync(join(root, "bench", "node_modules"))) {
      expect(report).toMatch(
        /tfjs `softmax`, wasm backend \(returns a new tensor\) \(not measured: JavaScript peers not installed/,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
