/**
 * docs/reliability.md cannot drift from the suite: every file its tables name exists, and every
 * test they name (`file › name`, several separated by `;`) is a `describe`, `it` or `test` of
 * that file, at any depth. A name may be the beginning of a title, and `…` in it stands for words
 * left out; a title's `${…}` substitutions (and it.each's `%s`) match whatever they print. The
 * test files are read with the TypeScript parser, so only real titles count (not comments).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Pattern, testBlocks } from "./helpers/titles.js";

const root = join(import.meta.dirname, "..");

/** The pattern of a name as written on the page: `…` is a wildcard. */
function namePattern(name: string): Pattern {
  const out: Pattern = [];
  for (const ch of name) out.push(ch === "…" ? null : ch);
  return out;
}

/** The titles of every describe/it/test call in a test file, at any depth, as patterns. */
function titlesOf(file: string, text: string): Pattern[] {
  return testBlocks(file, text, "all").map((b) => b.pattern);
}

/**
 * True when `name` is the beginning of a text that `title` can print: wildcards on either side
 * match any text (a title's at least one character, and not the end of the name unless the title
 * ends with it).
 */
function matches(title: Pattern, name: Pattern): boolean {
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    if (j === name.length) return true; // the whole name is matched: a prefix of the title
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = false;
    if (name[j] === null) {
      // the name's wildcard: any part of the title, then the rest of the name
      for (let k = i; k <= title.length && !result; k++) result = go(k, j + 1);
    } else if (i < title.length) {
      if (title[i] === null) {
        // the title's wildcard: one or more characters of the name (or the name's own wildcard),
        // followed by more of the title, unless the title ends there: a name that ends inside a
        // substitution says nothing about what follows it
        const last = i + 1 === title.length;
        for (let k = j + 1; k <= name.length && !result; k++)
          if (k < name.length || last) result = go(i + 1, k);
        if (!result) result = go(i + 1, j);
      } else if (title[i] === name[j]) result = go(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** The `file › name; › name` references of the page's tables. */
function references(markdown: string): { line: number; file: string; names: string[] }[] {
  const found: { line: number; file: string; names: string[] }[] = [];
  markdown.split("\n").forEach((text, k) => {
    if (!text.startsWith("| ") || /^\| (promise|---)/.test(text)) return;
    const cells = text.split(/(?<!\\)\|/).slice(1, -1);
    const held = (cells.at(-1) ?? "").replace(/\\\|/g, "|");
    const path = /`((?:test|bench|src|\.ci)\/[^`\s]+)`/g;
    const hits = [...held.matchAll(path)];
    hits.forEach((m, h) => {
      const end = hits[h + 1]?.index ?? held.length;
      const after = held.slice((m.index as number) + m[0].length, end);
      const names = after
        .split("›")
        .slice(1)
        .map((n) => n.trim().replace(/;$/, "").trim())
        .filter((n) => n !== "");
      found.push({ line: k + 1, file: m[1] as string, names });
    });
  });
  return found;
}

describe("docs/reliability.md names real tests", () => {
  const page = readFileSync(join(root, "docs", "reliability.md"), "utf8");
  const refs = references(page);

  it("has no row left to be filled, and every row names what holds it", () => {
    expect(page).not.toMatch(/to be filled/i);
    const rows = page.split("\n").filter((l) => l.startsWith("| ") && !/^\| (promise|---)/.test(l));
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) expect(row, "a row without a file").toMatch(/`(test|bench|\.ci)\//);
  });

  it("every file it names exists, and every test it names is a test of that file", () => {
    expect(refs.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const { line, file, names } of refs) {
      const path = join(root, file);
      if (!existsSync(path)) {
        missing.push(`docs/reliability.md:${line}: no file ${file}`);
        continue;
      }
      if (names.length === 0) continue;
      const titles = titlesOf(file, readFileSync(path, "utf8"));
      for (const name of names)
        if (!titles.some((t) => matches(t, namePattern(name))))
          missing.push(`docs/reliability.md:${line}: ${file} has no test "${name}"`);
    }
    expect(missing).toEqual([]);
  });

  it("the matcher itself: prefixes, ellipses, substitutions, and a wrong name", () => {
    const titles = titlesOf(
      "x.test.ts",
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template title
        "describe('outer', () => { it(`SIG${s} mid-write: exit ${n}`, () => {}); });",
        "it.each([1])('%s: a closed pipe', () => {});",
        "// it('a comment is no test', () => {});",
      ].join("\n"),
    );
    const has = (name: string) => titles.some((t) => matches(t, namePattern(name)));
    expect(titles).toHaveLength(3);
    expect(has("outer")).toBe(true);
    expect(has("SIGINT mid-write")).toBe(true);
    expect(has("SIGINT mid-write: exit 130")).toBe(true);
    expect(has("SIG…exit")).toBe(true);
    expect(has("calibrate: a closed pipe")).toBe(true);
    expect(has("a comment is no test")).toBe(false);
    expect(has("SIGINT at rest")).toBe(false);
    expect(has("outer space")).toBe(false);
    expect(
      references("| p | `test/a.test.ts` › one; two; › three; `bench/b.mjs` (note) |")[0],
    ).toEqual({ line: 1, file: "test/a.test.ts", names: ["one; two", "three"] });
  });
});
