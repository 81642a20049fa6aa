/**
 * The command-line tool, spawned as users run it (node dist/cli/main.js; `npm test` builds first).
 * Numbers are compared with 50-digit mpmath references (test/fixtures/make_cli_references.py →
 * cli.json), never with the library's own output; every format is parsed back; bad input must
 * exit with code 2 and a one-line message, never a stack trace.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli as run } from "./helpers/faults.js";
import { requireLists } from "./helpers/lists.js";

const root = join(import.meta.dirname, "..");
const refs = JSON.parse(readFileSync(join(root, "test", "fixtures", "cli.json"), "utf8"));
requireLists(refs, "cli.json", [
  "softmax_seed",
  "softmax_half_log",
  "gibbs_0112_T05",
  "gibbs_meV_300K",
  "sweep_two_level",
]);
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-cli-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], input?: string) {
  return run(args, input === undefined ? { cwd: dir } : { cwd: dir, input });
}

function csv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split("\n");
  const keys = (head as string).split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
}

/** |a − b| within `ulps` units in the last place of b. */
function close(a: number, b: number, ulps = 4): boolean {
  return Math.abs(a - b) <= ulps * Number.EPSILON * Math.abs(b) || a === b;
}

describe("commands", () => {
  it("softmax prints the seed example's distribution", () => {
    const r = cli(["softmax", "1", "2", "3", "4", "1", "2", "3"]);
    expect(r.code).toBe(0);
    const rows = csv(r.out);
    expect(rows.map((x) => x.index)).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
    expect(rows).toHaveLength(refs.softmax_seed.length);
    rows.forEach((row, i) => {
      expect(close(Number(row.probability), refs.softmax_seed[i])).toBe(true);
    });
  });
  it("softmax --temperature 0.5 --log prints log-probabilities, negative logits included", () => {
    const r = cli(["softmax", "--temperature", "0.5", "--log", "--logits", "1,2,3"]);
    expect(r.code).toBe(0);
    expect(csv(r.out)).toHaveLength(refs.softmax_half_log.length);
    csv(r.out).forEach((row, i) => {
      expect(close(Number(row.log_probability), refs.softmax_half_log[i])).toBe(true);
    });
    const negative = cli(["softmax", "-1", "-2", "3"]);
    expect(negative.code).toBe(0);
    expect(csv(negative.out).map((x) => x.logit)).toEqual(["-1", "-2", "3"]);
  });
  it("gibbs gives the occupations, in reduced and in physical units", () => {
    const r = cli(["gibbs", "--energies", "0,1,1,2", "--temperature", "0.5"]);
    expect(r.code).toBe(0);
    expect(csv(r.out)).toHaveLength(refs.gibbs_0112_T05.length);
    csv(r.out).forEach((row, i) => {
      expect(close(Number(row.probability), refs.gibbs_0112_T05[i])).toBe(true);
    });
    const u = cli([
      "gibbs",
      "--energies",
      "0,25,50",
      "--temperature",
      "300 K",
      "--energy-unit",
      "meV",
    ]);
    expect(u.code).toBe(0);
    expect(csv(u.out)).toHaveLength(refs.gibbs_meV_300K.length);
    csv(u.out).forEach((row, i) => {
      expect(close(Number(row.probability), refs.gibbs_meV_300K[i], 8)).toBe(true);
    });
  });
  it("thermo gives Z, ln Z, F, U, S and C", () => {
    const r = cli(["thermo", "--energies", "0,1", "--temperature", "0.4168"]);
    const [row] = csv(r.out);
    const ref = refs.thermo_two_level_T04168;
    expect(close(Number(row?.Z), ref.Z)).toBe(true);
    expect(close(Number(row?.logZ), ref.logZ, 8)).toBe(true);
    expect(close(Number(row?.internalEnergy), ref.U)).toBe(true);
    expect(close(Number(row?.entropy), ref.S)).toBe(true);
    expect(close(Number(row?.heatCapacity), ref.C)).toBe(true);
  });
  it("compare shows both distributions and the largest difference", () => {
    const r = cli(["compare", "1", "2", "3", "4", "1", "2", "3"]);
    expect(r.code).toBe(0);
    const rows = csv(r.out);
    expect(rows).toHaveLength(refs.softmax_seed.length);
    rows.forEach((row, i) => {
      expect(close(Number(row.softmax), refs.softmax_seed[i])).toBe(true);
      expect(close(Number(row.gibbs), refs.softmax_seed[i])).toBe(true);
      expect(Number(row.energy)).toBe(-Number(row.logit));
    });
    expect(r.err).toMatch(/largest \|softmax − gibbs\| = /);
  });
  it("sweep of the two-level model matches the closed forms", () => {
    const r = cli([
      "sweep",
      "--model",
      "two-level",
      "--gap",
      "1",
      "--from",
      "0.1",
      "--to",
      "10",
      "--points",
      "3",
    ]);
    expect(r.code).toBe(0);
    const rows = csv(r.out);
    expect(rows).toHaveLength(refs.sweep_two_level.length);
    rows.forEach((row, j) => {
      const ref = refs.sweep_two_level[j];
      expect(Number(row.temperature)).toBe(ref.T);
      expect(close(Number(row.internalEnergy), ref.U, 8)).toBe(true);
      expect(close(Number(row.heatCapacity), ref.C, 8)).toBe(true);
      expect(close(Number(row.entropy), ref.S, 8)).toBe(true);
    });
  });
  it("solve-temperature inverts U(T)", () => {
    const r = cli(["solve-temperature", "--energies", "0,1", "--internal-energy", "0.25"]);
    expect(close(Number(csv(r.out)[0]?.temperature), refs.solve_two_level_U025, 4)).toBe(true);
    const s = cli(["solve-temperature", "--logits", "1,2,3,4", "--entropy", "1.2"]);
    expect(s.code).toBe(0);
    expect(Number(csv(s.out)[0]?.temperature)).toBeGreaterThan(0);
  });
});

describe("formats and inputs", () => {
  const args = [
    "sweep",
    "--energies",
    "0,1,2",
    "--from",
    "0.5",
    "--to",
    "2",
    "--points",
    "4",
    "--probabilities",
  ];
  it("writes csv, json, jsonl and table that parse back to the same numbers", () => {
    const fromCsv = csv(cli(args).out).map((r) => Number(r.entropy));
    const fromJson = (
      JSON.parse(cli([...args, "--format", "json"]).out) as { entropy: number }[]
    ).map((r) => r.entropy);
    const fromJsonl = cli([...args, "--format", "jsonl"])
      .out.trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { entropy: number }).entropy);
    const table = cli([...args, "--format", "table"])
      .out.trim()
      .split("\n");
    const header = (table[0] as string).trim().split(/\s+/);
    const fromTable = table
      .slice(1)
      .map((l) => Number(l.trim().split(/\s+/)[header.indexOf("entropy")]));
    expect(fromCsv.length).toBe(4);
    expect(fromJson).toEqual(fromCsv);
    expect(fromJsonl).toEqual(fromCsv);
    expect(fromTable).toEqual(fromCsv);
    expect(Object.keys(JSON.parse(cli([...args, "--format", "json"]).out)[0])).toContain("p2");
  });
  it("reads CSV with and without a header, JSON arrays, text with comments and standard input", () => {
    writeFileSync(join(dir, "h.csv"), "energy,degeneracy\n0,1\n1,3\n");
    writeFileSync(join(dir, "n.csv"), "0\n1\n");
    writeFileSync(join(dir, "a.json"), "[0, 1]");
    writeFileSync(join(dir, "t.txt"), "# two levels\n0   1\n");
    const expected = cli([
      "gibbs",
      "--energies",
      "0,1",
      "--degeneracies",
      "1,3",
      "--temperature",
      "1",
    ]).out;
    expect(
      cli([
        "gibbs",
        "--energies",
        "h.csv",
        "--degeneracies",
        "h.csv#degeneracy",
        "--temperature",
        "1",
      ]).out,
    ).toBe(expected);
    const plain = cli(["gibbs", "--energies", "0,1", "--temperature", "1"]).out;
    for (const spec of ["n.csv", "a.json", "t.txt", "h.csv#1"]) {
      expect(cli(["gibbs", "--energies", spec, "--temperature", "1"]).out).toBe(plain);
    }
    expect(cli(["gibbs", "--energies", "-", "--temperature", "1"], "0\n1\n").out).toBe(plain);
  });
  it("streams a file of a million values", () => {
    const lines: string[] = [];
    for (let i = 0; i < 1_000_000; i++) lines.push(String((i % 1000) / 100));
    writeFileSync(join(dir, "big.txt"), lines.join("\n"));
    const r = cli(["thermo", "--energies", "big.txt", "--temperature", "1"]);
    expect(r.code).toBe(0);
    expect(Number(csv(r.out)[0]?.entropy)).toBeGreaterThan(0);
  });
  it("writes --out atomically: a failed run leaves the previous result untouched", () => {
    const out = join(dir, "result.csv");
    expect(cli(["softmax", "1", "2", "--out", out]).code).toBe(0);
    const before = readFileSync(out, "utf8");
    expect(before).toMatch(/^index,logit,probability/);
    const failed = cli(["softmax", "1", "NaN", "--out", out]);
    expect(failed.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe(before);
  });
});

describe("bad input: exit code 2, a clear message, no stack trace", () => {
  beforeAll(() => {
    writeFileSync(join(dir, "empty.csv"), "");
    writeFileSync(join(dir, "text.txt"), "0 1\n2 abc\n");
    mkdirSync(join(dir, "folder"), { recursive: true });
  });
  const cases: [string, string[], RegExp][] = [
    ["an empty file", ["thermo", "--energies", "empty.csv", "--temperature", "1"], /empty\.csv/],
    [
      "text in a file, with its place",
      ["thermo", "--energies", "text.txt", "--temperature", "1"],
      /text\.txt:2:3: "abc" is not a number/,
    ],
    ["NaN", ["gibbs", "--energies", "0,NaN", "--temperature", "1"], /NaN/],
    ["−Infinity energy", ["gibbs", "--energies", "0,-Infinity", "--temperature", "1"], /-Infinity/],
    ["+Infinity logit", ["softmax", "1", "Infinity"], /\+Infinity/],
    [
      "mismatched degeneracies",
      ["gibbs", "--energies", "0,1", "--degeneracies", "1", "--temperature", "1"],
      /length/,
    ],
    [
      "an unknown unit",
      ["gibbs", "--energies", "0,1", "--temperature", "300 parsecs", "--energy-unit", "meV"],
      /parsec|unit/i,
    ],
    [
      "a temperature with units but no energy unit",
      ["gibbs", "--energies", "0,1", "--temperature", "300 K"],
      /--energy-unit/,
    ],
    [
      "a negative point count",
      ["sweep", "--energies", "0,1", "--from", "1", "--to", "2", "--points", "-3"],
      /points/,
    ],
    [
      "a missing file",
      ["thermo", "--energies", "missing.csv", "--temperature", "1"],
      /no such file/,
    ],
    [
      "a directory given as a file",
      ["thermo", "--energies", "folder", "--temperature", "1"],
      /directory/,
    ],
    ["an unknown format", ["softmax", "1", "--format", "xml"], /format/],
    [
      "an unknown model",
      ["sweep", "--model", "spaghetti", "--from", "1", "--to", "2"],
      /unknown model/,
    ],
    ["an unknown command", ["softmaxx", "1"], /unknown command/],
    ["no spectrum", ["sweep", "--from", "1", "--to", "2"], /exactly one spectrum/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = cli(args);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.trim().split("\n").length).toBeLessThanOrEqual(3);
      expect(r.out).toBe("");
    });
  }
});

describe("help", () => {
  it("prints help with examples for every command, and the version", () => {
    for (const command of ["softmax", "gibbs", "thermo", "compare", "sweep", "solve-temperature"]) {
      const r = cli([command, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Examples?:/);
    }
    const v = cli(["--version"]);
    expect(v.out.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });
});
