/**
 * docs/testing.md reports the mutation pass (test/mutation/plant.mjs): its table has one row per
 * planted bug of test/mutation/mutants.mjs, in order, each saying whether the suite before
 * issue 15 caught it and what catches it now. A bug that survives must say why. Every bug must
 * still plant (its text found once), so the pass cannot go stale between runs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { MUTANTS } from "./mutation/mutants.mjs";

const root = join(import.meta.dirname, "..");

it("docs/testing.md has a row for every planted bug, with what catches it", () => {
  const doc = readFileSync(join(root, "docs", "testing.md"), "utf8");
  const rows = doc
    .split("\n")
    .filter((l) => /^\| `[A-Za-z0-9-]+` \|/.test(l))
    .map((l) => l.split(" | ").map((c) => c.replace(/^\| |\|$/g, "").trim()));
  expect(rows.map((r) => r[0]?.replace(/`/g, ""))).toEqual(MUTANTS.map((m) => m.id));
  for (const [id, , before, now] of rows) {
    expect(before, `${id}: the old suite's result`).toMatch(/^(caught|not caught)/);
    expect(now, `${id}: what catches it now`).toMatch(/^(caught by .+|survives: .+)/);
  }
});

it("every planted bug still plants: its text occurs once in its file, its test files exist", () => {
  // A change to the source can silently retire a mutant (the pass reports it stale only when
  // someone runs it); this keeps the pass runnable between runs.
  const ids = new Set<string>();
  for (const m of MUTANTS) {
    expect(ids.has(m.id), `${m.id}: ids are unique`).toBe(false);
    ids.add(m.id);
    const text = readFileSync(join(root, m.file), "utf8");
    expect(text.split(m.find).length - 1, `${m.id}: occurrences of its text in ${m.file}`).toBe(1);
    expect(m.replace, `${m.id}: the bug changes the text`).not.toBe(m.find);
    expect(m.tests.length, `${m.id}: test files`).toBeGreaterThan(0);
    for (const t of m.tests) expect(existsSync(join(root, t)), `${m.id}: ${t}`).toBe(true);
  }
});
