/**
 * docs/benchmarks.md is measured on the kernel as it is: it records a hash of the kernel sources
 * (bench/provenance.mjs: assembly/kernel.ts and its JavaScript twin), and this test recomputes
 * it. When the kernel changes, this fails until the page is regenerated on a quiet machine
 * (`npm run bench -- --rounds 3`), which also rewrites the README's speed summary from the same
 * run; the README must quote that run's summary word for word.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KERNEL_SOURCES, kernelHash } from "../bench/provenance.mjs";

const root = join(import.meta.dirname, "..");
const report = readFileSync(join(root, "docs", "benchmarks.md"), "utf8");

describe("docs/benchmarks.md", () => {
  it("was measured on the current kernel sources", () => {
    const recorded = /Kernel sources: `([0-9a-f]{16})`/.exec(report)?.[1];
    expect(recorded, "docs/benchmarks.md records no kernel hash: regenerate it").toMatch(
      /^[0-9a-f]{16}$/,
    );
    expect(
      recorded,
      `the kernel (${KERNEL_SOURCES.join(", ")}) changed since docs/benchmarks.md was measured: run \`npm run bench -- --rounds 3\` on a quiet machine and commit docs/benchmarks.md and README.md`,
    ).toBe(kernelHash(root));
  });

  it("names the commit it was measured at, clean or dirty", () => {
    expect(report).toMatch(
      /measured at commit [0-9a-f]{40} \((clean|dirty: \d+ tracked files? changed)\)/,
    );
  });

  it("the hash follows the kernel: any change to a kernel source changes it", async () => {
    const { createHash } = await import("node:crypto");
    // The same recipe as bench/provenance.mjs, computed here independently.
    const hash = createHash("sha256");
    for (const file of KERNEL_SOURCES) {
      hash.update(`${file}\0`);
      hash.update(readFileSync(join(root, file), "utf8").replace(/\r\n/g, "\n"));
      hash.update("\0");
    }
    expect(kernelHash(root)).toBe(hash.digest("hex").slice(0, 16));
    expect(KERNEL_SOURCES).toContain("assembly/kernel.ts");
    expect(KERNEL_SOURCES).toContain("src/internal/kernel.ts");
  });
});

describe("README.md's speed section", () => {
  it("quotes the summary of docs/benchmarks.md, figure for figure", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const start = "<!-- bench-summary:start -->";
    const end = "<!-- bench-summary:end -->";
    const a = readme.indexOf(start);
    const b = readme.indexOf(end);
    expect(a, "README.md has the bench-summary markers").toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    const quoted = readme.slice(a + start.length, b).trim();
    const lines = report.split("\n");
    const from = lines.indexOf("## Summary");
    const to = lines.findIndex((l, i) => i > from && l.startsWith("## "));
    const summary = lines
      .slice(from + 1, to)
      .filter((l) => !l.startsWith("<!--"))
      .join("\n")
      .trim();
    expect(summary.length).toBeGreaterThan(200);
    expect(quoted).toBe(summary);
  });
});
