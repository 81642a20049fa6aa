/**
 * docs/testing.md reports the mutation pass (test/mutation/plant.mjs): its table has one row per
 * planted bug of test/mutation/mutants.mjs, in order, each saying whether the suite before
 * issue 15 caught it and what catches it now. A bug that survives must say why.
 */
import { readFileSync } from "node:fs";
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
