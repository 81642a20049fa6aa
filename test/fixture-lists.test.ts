/**
 * The fixture loaders refuse a missing or empty list (test/helpers/lists.ts), so no loop over a
 * fixture can pass by running zero times.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadReferences } from "./helpers/fixtures.js";
import { nonEmpty, requireLists } from "./helpers/lists.js";
import { loadModelReferences, MODEL_LISTS } from "./models/fixtures.js";

describe("fixture lists", () => {
  it("a missing, empty or non-array list is an error naming it", () => {
    const fixture = { a: [1], b: [], c: { d: [2], e: "x" } };
    expect(() => requireLists(fixture, "f.json", ["a", "c.d"])).not.toThrow();
    expect(() => requireLists(fixture, "f.json", ["b"])).toThrow(/f\.json: b is empty/);
    expect(() => requireLists(fixture, "f.json", ["renamed"])).toThrow(
      /f\.json: renamed is missing/,
    );
    expect(() => requireLists(fixture, "f.json", ["c.e"])).toThrow(/c\.e is missing/);
    expect(() => requireLists(fixture, "f.json", ["c.d.x"])).toThrow(/missing/);
    expect(nonEmpty([3], "x")).toEqual([3]);
  });
  it("the committed fixtures load with every list non-empty", () => {
    const refs = loadReferences();
    expect(refs.softmax.length).toBeGreaterThan(50);
    expect(refs.gibbs.length).toBeGreaterThan(50);
    const models = loadModelReferences();
    for (const path of MODEL_LISTS) {
      const list = path
        .split(".")
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], models);
      expect((list as unknown[]).length, path).toBeGreaterThan(0);
    }
  });
});

describe("assertions that cannot fail", () => {
  it('no test settles for "is defined": it passes for any value, wrong ones included', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === "fixtures" ? [] : files(path);
        return path.endsWith(".ts") ? [path] : [];
      });
    const found = files(import.meta.dirname).filter((f) =>
      readFileSync(f, "utf8").includes(["toBe", "Defined("].join("")),
    );
    expect(found, "compare with the expected value instead").toEqual([]);
  });
});
