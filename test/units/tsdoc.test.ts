/**
 * House style for the two subpath entry points: every exported function of gibbs-softmax/units
 * and gibbs-softmax/models carries a doc comment with an @example (the examples themselves run in
 * test/examples.test.ts), and each index file only re-exports.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as models from "../../src/models/index.js";
import * as montecarlo from "../../src/montecarlo/index.js";
import * as units from "../../src/units/index.js";

const src = join(import.meta.dirname, "..", "..", "src");

function texts(dir: string): string[] {
  return readdirSync(join(src, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(src, dir, f), "utf8"));
}

function undocumented(module: Record<string, unknown>, dir: string): string[] {
  const files = texts(dir);
  return Object.entries(module)
    .filter(
      ([, value]) =>
        typeof value === "function" || typeof value === "number" || typeof value === "object",
    )
    .map(([name]) => name)
    .filter((name) => {
      const re = new RegExp(
        `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:function\\*? |const |class )${name}\\b`,
      );
      return !files.some((t) => {
        const m = t.match(re);
        return m !== null && /@example/.test(m[1] as string);
      });
    });
}

describe("TSDoc of the subpath entry points", () => {
  it("every export of gibbs-softmax/units has an @example", () => {
    expect(Object.keys(units).length).toBeGreaterThan(8);
    expect(undocumented(units, "units")).toEqual([]);
  });
  it("every export of gibbs-softmax/models has an @example", () => {
    expect(Object.keys(models).length).toBeGreaterThan(8);
    expect(undocumented(models, "models")).toEqual([]);
  });
  it("every export of gibbs-softmax/montecarlo has an @example", () => {
    expect(Object.keys(montecarlo).length).toBeGreaterThan(4);
    expect(undocumented(montecarlo, "montecarlo")).toEqual([]);
  });
  it("the index files only re-export", () => {
    for (const dir of ["units", "models", "montecarlo"]) {
      const code = readFileSync(join(src, dir, "index.ts"), "utf8")
        .replace(/\/\*\*[\s\S]*?\*\//g, "")
        .replace(/export\s+(type\s+)?\{[^}]*\}\s+from\s+"[^"]+";/g, "")
        .trim();
      expect(code, dir).toBe("");
    }
  });
});
