/**
 * Every `@example` in the TSDoc of src/ and every ```ts block of the Markdown docs is executed,
 * and each `// => value` comment must equal what the code gives (see test/helpers/examples.ts).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as calibration from "../src/calibration/index.js";
import * as library from "../src/index.js";
import * as models from "../src/models/index.js";
import * as montecarlo from "../src/montecarlo/index.js";
import * as parallel from "../src/parallel/index.js";
import * as units from "../src/units/index.js";
import {
  type Example,
  examplesInMarkdown,
  examplesInSource,
  runExample,
} from "./helpers/examples.js";

const root = join(import.meta.dirname, "..");

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return path.endsWith(ext) ? [path] : [];
  });
}

const sources = files(join(root, "src"), ".ts").flatMap(examplesInSource);
const markdown = [join(root, "README.md"), ...files(join(root, "docs"), ".md")]
  .filter((f) => existsSync(f))
  .flatMap(examplesInMarkdown);

const bindings: Record<string, unknown> = {
  ...library,
  ...units,
  ...models,
  ...parallel,
  ...calibration,
  ...montecarlo,
};

function title(example: Example): string {
  return `${relative(root, example.file)}:${example.line}`;
}

describe("TSDoc examples", () => {
  it("every export documents at least one example", () => {
    expect(sources.length).toBeGreaterThan(20);
  });
  for (const example of sources) {
    it(title(example), async () => {
      const checks = await runExample(example, bindings);
      expect(checks.length).toBeGreaterThan(0);
      for (const c of checks) expect(`${c.line}: ${c.got}`).toBe(`${c.line}: ${c.expected}`);
    });
  }
});

describe("Markdown examples", () => {
  it("finds the Markdown examples", () => {
    expect(markdown.length).toBeGreaterThan(10);
  });
  for (const example of markdown) {
    it(title(example), async () => {
      const checks = await runExample(example, bindings);
      for (const c of checks) expect(`${c.line}: ${c.got}`).toBe(`${c.line}: ${c.expected}`);
    });
  }
});

describe("TSDoc coverage", () => {
  it("every exported function carries an @example in its doc comment", async () => {
    const { readFileSync } = await import("node:fs");
    const texts = files(join(root, "src"), ".ts").map((f) => readFileSync(f, "utf8"));
    const missing = Object.entries(library)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name)
      .filter((name) => {
        const re = new RegExp(
          `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export function\\*? ${name}\\b`,
        );
        return !texts.some((t) => {
          const m = t.match(re);
          return m !== null && /@example/.test(m[1] as string);
        });
      });
    expect(missing).toEqual([]);
  });
});
