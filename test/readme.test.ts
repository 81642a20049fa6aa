/**
 * README.md is the landing page of a package that five branches extended at once; it must keep
 * up with the package: every function, class and constant that an entry point of package.json
 * exports is named in its "What is in the package" table, every guide and tutorial in docs/ is
 * linked from it, and no section appears twice. (Links resolve, and its code runs: docs.test.ts
 * and examples.test.ts; its speed summary is the bench's: benchmarks-fresh.test.ts.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The text of one `## ` section of the README. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `README.md has a "## ${title}" section`).toBeGreaterThan(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("README.md keeps up with the package", () => {
  it("names every runtime export of every entry point in 'What is in the package'", async () => {
    const table = section("What is in the package");
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      exports: Record<string, string | { import: string }>;
    };
    const entries = Object.entries(pkg.exports).filter(([key]) => key !== "./package.json");
    expect(entries.length).toBeGreaterThanOrEqual(6);
    const missing: string[] = [];
    for (const [key, target] of entries) {
      const file = (typeof target === "string" ? target : target.import)
        .replace(/^\.\/dist\//, "../src/")
        .replace(/\.js$/, ".ts");
      const module = (await import(file)) as Record<string, unknown>;
      const names = Object.keys(module);
      expect(names.length, `${key} exports something`).toBeGreaterThan(0);
      for (const name of names)
        if (!table.includes(`\`${name}\``)) missing.push(`gibbs-softmax${key.slice(1)}: ${name}`);
    }
    expect(missing, "exports the README's table does not name").toEqual([]);
  });

  it("links every guide and tutorial in docs/ (the English ones; each links its translation)", () => {
    const docs = section("Documentation");
    const guides = [
      ...readdirSync(join(root, "docs")).map((f) => `docs/${f}`),
      ...readdirSync(join(root, "docs", "tutorials")).map((f) => `docs/tutorials/${f}`),
    ].filter((f) => f.endsWith(".md") && !f.endsWith(".ja.md"));
    expect(guides.length).toBeGreaterThanOrEqual(12);
    const unlinked = guides.filter((f) => !docs.includes(`](${f})`));
    expect(unlinked, "guides the README's Documentation section does not link").toEqual([]);
  });

  it("has each section once", () => {
    const headings = readme.split("\n").filter((l) => /^#{2,3} /.test(l));
    expect(headings.length).toBeGreaterThan(5);
    expect(
      headings.filter((h, i) => headings.indexOf(h) !== i),
      "repeated headings",
    ).toEqual([]);
  });
});
