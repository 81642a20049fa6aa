/**
 * The Monte Carlo guide in two languages: the Japanese page runs the same code as the English
 * one (so a translation cannot drift from the numbers; both are executed by examples.test.ts),
 * uses the project's agreed Japanese terms, and both are linked from the README and the theory
 * guides.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { AGREED_JAPANESE_TERMS } from "../helpers/japanese.js";

const docs = join(import.meta.dirname, "..", "..", "docs");
const read = (name: string) => readFileSync(join(docs, name), "utf8");

/** The ```ts blocks with their comment lines dropped (comments are translated). */
function code(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) =>
    (m[1] as string)
      .split("\n")
      .filter((line) => !/^\s*\/\/(?! =>)/.test(line))
      .join("\n"),
  );
}

it("the Japanese guide runs the same snippets as the English one", () => {
  const en = code(read("montecarlo.md"));
  expect(en.length).toBeGreaterThanOrEqual(8);
  expect(code(read("montecarlo.ja.md"))).toEqual(en);
});

it("the Japanese guide uses the agreed terms", () => {
  const ja = read("montecarlo.ja.md");
  for (const term of ["分配関数", "比熱", "温度", "ソフトマックス"] as const) {
    expect(AGREED_JAPANESE_TERMS).toContain(term);
    expect(ja).toContain(term);
  }
});

it("the README and the theory guides link to it", () => {
  const readme = readFileSync(join(docs, "..", "README.md"), "utf8");
  expect(readme).toContain("(docs/montecarlo.md)");
  expect(readme).toContain("(docs/montecarlo.ja.md)");
  expect(read("theory.md")).toContain("(montecarlo.md)");
  expect(read("theory.ja.md")).toContain("(montecarlo.ja.md)");
});
