/**
 * What a benchmark report was measured on: the commit (and whether the tree was clean), and a
 * hash of the kernel sources, the files whose change changes the figures. docs/benchmarks.md
 * records both; test/benchmarks-fresh.test.ts recomputes the hash and fails when the kernel has
 * changed since the report was generated (then: `npm run bench -- --rounds 3` on a quiet machine).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The WebAssembly kernel and its JavaScript twin: every hot loop the benchmarks time. */
export const KERNEL_SOURCES = [
  "assembly/kernel.ts",
  "src/internal/accel.ts",
  "src/internal/exp.ts",
  "src/internal/expTable.ts",
  "src/internal/f32.ts",
  "src/internal/float.ts",
  "src/internal/kernel.ts",
  "src/internal/thermo.ts",
  "src/sweep/fused.ts",
];

/** sha256 over each kernel source's path and text (line endings as committed), 16 hex digits. */
export function kernelHash(root) {
  const hash = createHash("sha256");
  for (const file of KERNEL_SOURCES) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file), "utf8").replace(/\r\n/g, "\n"));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The commit and the state of the work tree, e.g. "8a73e54c… (clean)"; changes to the files in
 * `ignore` (the report itself, README.md) do not count.
 */
export function commitOf(root, ignore = []) {
  try {
    const git = (...args) =>
      execFileSync("git", args, {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    const head = git("rev-parse", "HEAD");
    const changed = git("status", "--porcelain", "--untracked-files=no")
      .split("\n")
      .filter((l) => l.trim() !== "" && !ignore.includes(l.slice(3).trim())).length;
    return `${head} (${changed === 0 ? "clean" : `dirty: ${changed} tracked file${changed === 1 ? "" : "s"} changed`})`;
  } catch {
    return "unknown (not a git work tree)";
  }
}
