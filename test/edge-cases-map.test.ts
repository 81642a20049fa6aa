/**
 * The edge-case table (docs/edge-cases.md) and its tests agree: every row's id has a block in
 * test/edge-cases*.test.ts whose title starts with `<id>:`, and every top-level block of those
 * files names a row. The test files are read with the TypeScript parser, so a block counts
 * whatever its layout; titles must be string literals (or template literals that start with the
 * id).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testBlocks } from "./helpers/titles.js";

const root = join(import.meta.dirname, "..");

/** The ids of the table's rows, in order (the first cell of each row, in backticks). */
function tableIds(markdown: string): string[] {
  const ids: string[] = [];
  for (const line of markdown.split("\n")) {
    const m = /^\| `([^`]+)` \|/.exec(line);
    if (m) ids.push(m[1] as string);
  }
  return ids;
}

/** The titles of the top-level describe/it/test blocks of a test file, with their lines. */
function topLevelTitles(file: string, text: string): { title: string; line: number }[] {
  return testBlocks(file, text, "top").map(({ title, line }) => ({ title, line }));
}

const ID = /^([a-z0-9]+(?:-[a-z0-9]+)*): /;

describe("docs/edge-cases.md and its tests", () => {
  const ids = tableIds(readFileSync(join(root, "docs", "edge-cases.md"), "utf8"));
  const files = readdirSync(join(root, "test")).filter(
    (f) => /^edge-cases.*\.test\.ts$/.test(f) && f !== "edge-cases-map.test.ts",
  );
  const blocks = files.flatMap((f) =>
    topLevelTitles(f, readFileSync(join(root, "test", f), "utf8")).map((b) => ({ ...b, file: f })),
  );

  it("the table has rows with unique, well-formed ids", () => {
    expect(ids.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ids).size, "duplicate ids").toBe(ids.length);
    for (const id of ids)
      expect(id, "ids are lower-case words joined by hyphens").toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("every row has a block in test/edge-cases*.test.ts titled with its id", () => {
    expect(files).toContain("edge-cases.test.ts");
    const named = new Set(blocks.map((b) => ID.exec(b.title)?.[1]));
    const missing = ids.filter((id) => !named.has(id));
    expect(missing, "rows of docs/edge-cases.md without a test").toEqual([]);
  });

  it("every block of those files names a row of the table", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(ids.length);
    const stray = blocks
      .filter((b) => {
        const id = ID.exec(b.title)?.[1];
        return id === undefined || !ids.includes(id);
      })
      .map((b) => `${b.file}:${b.line} ${JSON.stringify(b.title)}`);
    expect(stray, "blocks that name no row of docs/edge-cases.md").toEqual([]);
  });

  it("the checks themselves: a missing row and a stray block are seen", () => {
    const text = [
      'describe("nan: a", () => {});',
      'it("no id here", () => {});',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template title
      "describe.each([1])(`masked: ${1}`, () => {});",
      'describe("unknown-row: b", () => {});',
      "helper();",
    ].join("\n");
    const titles = topLevelTitles("x.test.ts", text).map((b) => b.title);
    expect(titles).toEqual(["nan: a", "no id here", "masked: ", "unknown-row: b"]);
    expect(tableIds("| id | x |\n| --- | --- |\n| `nan` | y |\n| `masked` | z |\n")).toEqual([
      "nan",
      "masked",
    ]);
  });
});
