/**
 * Bounded input and clear messages. Every reader refuses beyond its cap (src/cli/limits.ts,
 * documented in docs/cli.md#limits) with exit code 2 and one line naming the file or flag, in
 * bounded memory: the refusals run under `node --max-old-space-size=64`, where an unbounded
 * reader (the old one grew one string to 4 GB) would abort with an out-of-memory crash instead of
 * the message. Messages speak of flags and files, positions follow one convention (file:LINE:COL
 * from 1, list[INDEX] from 0, said so), no row is dropped silently, and flags that do not apply
 * are refused by name.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/cli/limits.js";
import { bash, cli, main } from "./helpers/faults.js";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gibbs-limits-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A refusal: exit 2, exactly one line on standard error matching `message`, nothing on stdout. */
function refused(r: { code: number | null; out: string; err: string }, message: RegExp): void {
  expect(r.code, r.err).toBe(2);
  const lines = r.err.trimEnd().split("\n");
  expect(lines.length, r.err).toBe(1);
  expect(lines[0]).toMatch(/^gibbs-softmax: /);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).not.toMatch(/options\.|temperatureGrid:|sweepRows:/);
  expect(r.out).toBe("");
}

/** A pipeline into the CLI under a 64 MB JavaScript heap; returns the CLI's status and streams. */
function piped(producer: string, args: string): { code: number | null; out: string; err: string } {
  const r = bash(
    `${producer} | "$NODE" --max-old-space-size=64 "$MAIN" ${args} 2> ${dir}/err; echo "\${PIPESTATUS[-1]}" > ${dir}/status`,
    dir,
  );
  return {
    code: Number(readFileSync(join(dir, "status"), "utf8")),
    out: r.out,
    err: readFileSync(join(dir, "err"), "utf8"),
  };
}

describe("every reader has caps: exit 2 with a message, in bounded memory", () => {
  it("300 MB of one digit on standard input: refused at the token cap", () => {
    const r = piped("head -c 300M /dev/zero | tr '\\0' 7", "softmax -l -");
    refused(r, /<stdin>:1:1: a value longer than 1000 characters/);
  });

  it("--energies /dev/zero: refused as binary data at its first byte", () => {
    refused(
      cli(["thermo", "--energies", "/dev/zero", "--temperature", "1"]),
      /\/dev\/zero:1:1: a NUL byte/,
    );
  });

  it(`a value of ${LIMITS.tokenCharacters} characters is read; one more is refused`, () => {
    const at = `0.${"0".repeat(LIMITS.tokenCharacters - 3)}1`;
    writeFileSync(join(dir, "long.txt"), `${at}\n1\n`);
    expect(cli(["thermo", "-e", "long.txt", "-t", "1"], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, "longer.txt"), `1\n${at}5\n`);
    refused(
      cli(["thermo", "-e", "longer.txt", "-t", "1"], { cwd: dir }),
      /longer\.txt:2:1: a value longer than 1000 characters/,
    );
  });

  it(`more than ${LIMITS.values} values on standard input are refused`, () => {
    const r = piped(`yes 0 | head -n ${LIMITS.values + 1}`, "thermo -e - -t 1");
    refused(r, /<stdin>: more than 20000000 values; the limit is 20000000/);
  }, 120_000);

  it("more than 1 GiB of input is refused, even with no value in it", () => {
    const r = piped("head -c 1100000000 /dev/zero | tr '\\0' '\\n'", "softmax -l -");
    refused(r, /<stdin>: more than 1073741824 bytes \(1 GiB\)/);
  }, 120_000);

  it("a CSV row longer than 1 MiB is refused, naming its line", () => {
    writeFileSync(join(dir, "wide.csv"), `0\n${"7".repeat(LIMITS.csvRowCharacters + 10)}\n`);
    refused(
      cli(["thermo", "-e", "wide.csv", "-t", "1"], { cwd: dir }),
      /wide\.csv:2: a row longer than 1048576 characters/,
    );
  });
});

describe("size flags have caps that name the flag", () => {
  const sweep = ["sweep", "--energies", "0,1", "--from", "1", "--to", "2"];
  const cases: [string, string[], RegExp][] = [
    [
      "--points 1e9",
      [...sweep, "--points", "1000000000"],
      /^gibbs-softmax: --points is 1000000000; the limit is 1000000$/,
    ],
    ["--points 1", [...sweep, "--points", "1"], /--points must be an integer ≥ 2, got 1/],
    ["--points 2.5", [...sweep, "--points", "2.5"], /--points: "2.5" is not an integer/],
    [
      "--points above the report's cap with --html",
      [...sweep, "--points", "100001", "--html", "r.html"],
      /--points is 100001, but a --html report .* limited to 100000/,
    ],
    [
      "--count above the expression cap",
      ["sweep", "-x", "n", "--count", "10000001", "--from", "1", "--to", "2"],
      /--count is 10000001; the limit is 10000000/,
    ],
    [
      "--levels above the oscillator cap",
      ["sweep", "--model", "oscillator", "--levels", "10000001", "--from", "1", "--to", "2"],
      /--levels is 10000001; the limit is 10000000/,
    ],
    [
      "a table too large to hold",
      [...sweep, "--points", "200000", "--format", "table"],
      /--format table holds the whole table in memory and is limited to 1000000 cells/,
    ],
    [
      "a log grid through 0",
      [...sweep.slice(0, 3), "--from", "0", "--to", "1"],
      /--scale log needs --from and --to > 0/,
    ],
    [
      "an infinite end",
      [...sweep.slice(0, 3), "--from", "1", "--to", "inf"],
      /--to must be finite/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => refused(cli(args, { cwd: dir }), message));
  }
});

describe("flags that do not apply are refused by name", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "sweep --energies 0,1 --gap 2",
      ["sweep", "--energies", "0,1", "--gap", "2", "--from", "1", "--to", "2"],
      /^gibbs-softmax: --gap does not apply to a spectrum from --energies \(it is a flag of --model two-level\)$/,
    ],
    [
      "a flag of another model",
      ["sweep", "--model", "two-level", "--coupling", "1", "--from", "1", "--to", "2"],
      /--coupling does not apply to a spectrum from --model two-level .*that model takes --gap/,
    ],
    [
      "an expression flag without --expression",
      ["sweep", "--logits", "1,2", "--count", "5", "--from", "1", "--to", "2"],
      /--count does not apply to a spectrum from --logits \(it goes with --expression\)/,
    ],
    [
      "degeneracies with a model",
      ["sweep", "--model", "rotor", "--degeneracies", "1", "--from", "1", "--to", "2"],
      /--degeneracies does not apply to a spectrum from --model rotor/,
    ],
    [
      "--branch with an energy target",
      ["solve-temperature", "-e", "0,1", "--internal-energy", "0.25", "--branch", "negative"],
      /--branch applies only to an --entropy target/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => refused(cli(args, { cwd: dir }), message));
  }
  it("defaults are not 'given': --index and --count defaults do not trip the check", () => {
    expect(cli(["sweep", "-e", "0,1", "--from", "1", "--to", "2", "--points", "2"]).code).toBe(0);
  });
});

describe("messages: positions, rows, separators, standard input, file names", () => {
  it("positions: file:LINE:COLUMN from 1, list[INDEX] from 0, said so", () => {
    writeFileSync(join(dir, "bad.csv"), "0\n1\nabc\n");
    refused(
      cli(["thermo", "-e", "bad.csv", "-t", "1"], { cwd: dir }),
      /^gibbs-softmax: bad\.csv:3:1: "abc" is not a number$/,
    );
    refused(
      cli(["softmax", "1", "2", "abc"]),
      /^gibbs-softmax: logits\[2\]: "abc" is not a number \(indices count from 0\)$/,
    );
    refused(
      cli(["softmax", "1", "NaN", "3"]),
      /^gibbs-softmax: softmax: logits\[1\] is NaN \(indices count from 0\)$/,
    );
  });

  it("a mistyped first row (O.5) is reported, not taken for a header and dropped", () => {
    writeFileSync(join(dir, "typo.csv"), "O.5\n1\n2\n");
    refused(cli(["thermo", "-e", "typo.csv", "-t", "1"], { cwd: dir }), /typo\.csv:1:1: "O\.5"/);
    writeFileSync(join(dir, "comma.csv"), "energy;g\n0,5;1\n");
    refused(
      cli(["thermo", "-e", "comma.csv", "-t", "1"], { cwd: dir }),
      /comma\.csv:2:1: "0,5" is not a number \(write the decimal mark as a point: 0\.5\)/,
    );
    // A real header is still read as one.
    writeFileSync(join(dir, "named.csv"), "energy\n0\n1\n");
    const plain = cli(["gibbs", "-e", "0,1", "-t", "1"]).out;
    expect(cli(["gibbs", "-e", "named.csv", "-t", "1"], { cwd: dir }).out).toBe(plain);
  });

  it("semicolon- and tab-separated files read, with and without a header", () => {
    const expected = cli(["gibbs", "-e", "0,1", "-g", "1,3", "-t", "1"]).out;
    writeFileSync(join(dir, "semi.csv"), "energy;degeneracy\n0;1\n1;3\n");
    writeFileSync(join(dir, "tabs.csv"), "0\t1\n1\t3\n");
    writeFileSync(join(dir, "tabs.tsv"), "energy\tdegeneracy\n0\t1\n1\t3\n");
    for (const [e, g] of [
      ["semi.csv", "semi.csv#degeneracy"],
      ["tabs.csv", "tabs.csv#2"],
      ["tabs.tsv#energy", "tabs.tsv#2"],
    ] as const) {
      const r = cli(["gibbs", "-e", e, "-g", g, "-t", "1"], { cwd: dir });
      expect(r.err).toBe("");
      expect(r.out).toBe(expected);
    }
  });

  it("-e - -g -: standard input can be read once, and the message says so", () => {
    const r = spawnSync(process.execPath, [main, "gibbs", "-e", "-", "-g", "-", "-t", "1"], {
      input: "0 1\n",
      encoding: "utf8",
    });
    refused(
      { code: r.status, out: r.stdout, err: r.stderr },
      /--energies and --degeneracies both ask for standard input \(-\), which can be read only once/,
    );
  });

  it("a # in a file name: the whole name is read when it exists; #column otherwise", () => {
    writeFileSync(join(dir, "run#1.txt"), "0 1\n");
    writeFileSync(join(dir, "run#2.csv"), "e,g\n0,1\n1,3\n");
    const plain = cli(["gibbs", "-e", "0,1", "-t", "1"]).out;
    expect(cli(["gibbs", "-e", "run#1.txt", "-t", "1"], { cwd: dir }).out).toBe(plain);
    const withG = cli(["gibbs", "-e", "0,1", "-g", "1,3", "-t", "1"]).out;
    expect(
      cli(["gibbs", "-e", "run#2.csv#e", "-g", "run#2.csv#g", "-t", "1"], { cwd: dir }).out,
    ).toBe(withG);
    expect(cli(["softmax", "1", "2", "--out", "out#1.csv"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, "out#1.csv"), "utf8")).toMatch(/^index,logit,probability\n/);
    refused(
      cli(["gibbs", "-e", "run#1.txt#2", "-t", "1"], { cwd: dir }),
      /a column \(#2\) can be picked only from a \.csv or \.tsv file/,
    );
  });

  it("a number beyond the double range is refused; inf is infinity", () => {
    refused(cli(["softmax", "1", "1e999"]), /"1e999" is beyond the range of a double/);
    refused(cli(["thermo", "-e", "0,1", "-t", "1e400"]), /--temperature: "1e400" is beyond/);
    // T = inf is the T → ∞ limit: β = 0, uniform occupations, S = ln 2 for two levels.
    const r = cli(["thermo", "-e", "0,1", "-t", "inf"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "temperature,beta,Z,logZ,freeEnergy,internalEnergy,entropy,heatCapacity,energyVariance\n" +
        `Infinity,0,2,${Math.LN2},-Infinity,0.5,${Math.LN2},0,0.25\n`,
    );
  });

  it("--out and --html naming one file are refused before any work", () => {
    refused(
      cli(["sweep", "-e", "0,1", "--from", "1", "--to", "2", "--out", "x", "--html", "./x"], {
        cwd: dir,
      }),
      /--out and --html name the same file/,
    );
  });
});
