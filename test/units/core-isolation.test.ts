/**
 * Importing the core loads no mathjs. A fresh Node process registers a module-resolution hook
 * (node:module register) that logs every URL the loader resolves, then imports the package by
 * name. The core's log must hold the package's own files and nothing under node_modules/mathjs;
 * the same probe on `gibbs-softmax/units` must see mathjs (so the probe can fail).
 * Needs `npm run build` first (dist/).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
let work = "";

const HOOKS = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.GIBBS_SOFTMAX_TRACE, result.url + "\\n");
  return result;
}
`;

const REGISTER = `
import { register } from "node:module";
register("./hooks.mjs", import.meta.url);
`;

/** The URLs resolved while a fresh process runs `code` (an ES module) from the repository root. */
function resolvedBy(code: string, name: string): string[] {
  const trace = join(work, `${name}.log`);
  writeFileSync(trace, "");
  execFileSync(
    process.execPath,
    ["--import", pathToFileURL(join(work, "register.mjs")).href, "--input-type=module", "-e", code],
    { cwd: root, env: { ...process.env, GIBBS_SOFTMAX_TRACE: trace }, encoding: "utf8" },
  );
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

describe("the core entry point and mathjs", () => {
  beforeAll(() => {
    if (
      !existsSync(join(root, "dist", "index.js")) ||
      !existsSync(join(root, "dist", "units", "index.js"))
    ) {
      throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
    }
    work = mkdtempSync(join(tmpdir(), "gibbs-softmax-trace-"));
    writeFileSync(join(work, "hooks.mjs"), HOOKS);
    writeFileSync(join(work, "register.mjs"), REGISTER);
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("importing gibbs-softmax resolves its own files and no mathjs", () => {
    const urls = resolvedBy(
      `const g = await import("gibbs-softmax"); g.thermodynamics([0, 1], { temperature: 1 });`,
      "core",
    );
    expect(urls.some((u) => u.endsWith("/dist/index.js"))).toBe(true);
    expect(urls.filter((u) => u.includes("/dist/")).length).toBeGreaterThan(10);
    expect(
      urls.filter((u) =>
        /node_modules\/(mathjs|plotly|decimal\.js|complex\.js|fraction\.js|typed-function)/.test(u),
      ),
    ).toEqual([]);
    expect(urls.filter((u) => /\/dist\/(units|models|cli)\//.test(u))).toEqual([]);
  });

  it("importing gibbs-softmax/models loads no mathjs either", () => {
    const urls = resolvedBy(
      `const m = await import("gibbs-softmax/models"); m.twoLevelSystem({ gap: 1 }).heatCapacity(1);`,
      "models",
    );
    expect(urls.some((u) => u.includes("/dist/models/"))).toBe(true);
    expect(urls.filter((u) => u.includes("node_modules/mathjs"))).toEqual([]);
  });

  it("importing gibbs-softmax/montecarlo loads no mathjs, no plotly and no Node API (it runs in a Web Worker)", () => {
    const urls = resolvedBy(
      `const m = await import("gibbs-softmax/montecarlo"); const l = new m.IsingLattice({ size: 8, seed: 1 }); l.sweep(2); l.sweep(2, "wolff");`,
      "montecarlo",
    );
    expect(urls.some((u) => u.includes("/dist/montecarlo/"))).toBe(true);
    expect(urls.some((u) => u.includes("node_modules/pure-rand/"))).toBe(true);
    expect(
      urls.filter((u) =>
        /node_modules\/(mathjs|plotly|decimal\.js|complex\.js|fraction\.js|typed-function)/.test(u),
      ),
    ).toEqual([]);
    // Only the probe's own hook file may use node: modules; the library's files use none.
    expect(urls.filter((u) => u.startsWith("node:"))).toEqual([]);
    expect(urls.filter((u) => /\/dist\/(units|models|cli|parallel)\//.test(u))).toEqual([]);
  });

  it("the probe does see mathjs when gibbs-softmax/units is imported (so it can fail)", () => {
    const urls = resolvedBy(
      `const u = await import("gibbs-softmax/units"); u.parseTemperature("300 K");`,
      "units",
    );
    expect(urls.some((u) => u.includes("node_modules/mathjs/"))).toBe(true);
  });
});
