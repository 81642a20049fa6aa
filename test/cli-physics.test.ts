/**
 * The CLI's physics flags (src/cli/physics.ts), spawned as users run it: a model parameter whose
 * spectrum overflows (or is subnormal) is refused naming the flag that set it (`--coupling`),
 * never `energies[0]` or an internal `options.coupling`; a temperature or energy unit that the
 * units module refuses is reported under its own flag. Exit code 2, one line, no stack trace.
 */
import { describe, expect, it } from "vitest";
import { modelMessage } from "../src/cli/physics.js";
import { cli as run } from "./helpers/faults.js";

const cli = (args: string[]) => run(args);

describe("model parameters are refused naming their flag", () => {
  const sweep = ["sweep", "--from", "1", "--to", "2", "--points", "3"];
  const cases: [string, string[], RegExp][] = [
    [
      "ising-chain --coupling 1e308",
      ["--model", "ising-chain", "--coupling", "1e308"],
      /^gibbs-softmax: --coupling makes the energies overflow the double range .*\(--model ising-chain\)$/,
    ],
    [
      "ising-chain --field 1e308",
      ["--model", "ising-chain", "--field", "1e308"],
      /^gibbs-softmax: --field makes the energies overflow/,
    ],
    [
      "ising-2d --coupling 1e308",
      ["--model", "ising-2d", "--coupling", "1e308"],
      /^gibbs-softmax: --coupling makes the energies overflow/,
    ],
    [
      "ising-2d --coupling 5e-324",
      ["--model", "ising-2d", "--coupling", "5e-324"],
      /^gibbs-softmax: --coupling = 5e-324 is subnormal/,
    ],
    [
      "oscillator --quantum 1e308",
      ["--model", "oscillator", "--quantum", "1e308"],
      /^gibbs-softmax: --quantum makes the energies overflow/,
    ],
    [
      "rotor --quantum 1e306",
      ["--model", "rotor", "--quantum", "1e306"],
      /^gibbs-softmax: --quantum makes the energies overflow/,
    ],
    [
      "paramagnet --field 1e308",
      ["--model", "paramagnet", "--field", "1e308", "--spin", "3"],
      /^gibbs-softmax: --field makes the energies overflow/,
    ],
    [
      "ising-chain --levels 5000",
      ["--model", "ising-chain", "--levels", "5000"],
      /^gibbs-softmax: --levels must be an integer in \[1, 1000\], got 5000/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = cli([...sweep, ...args]);
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim()).toMatch(message);
      expect(r.err).not.toMatch(/energies\[|options\.|\n\s+at /);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.out).toBe("");
    });
  }
  it("keeps the model's name where no flag is named", () => {
    expect(modelMessage("rotor", "rigidRotor: something else went wrong")).toBe(
      "--model rotor: something else went wrong",
    );
  });
});

describe("temperatures and energy units are reported under their own flags", () => {
  it("a written temperature that overflows is refused (Infinity written is accepted)", () => {
    const r = cli([
      "gibbs",
      "--energies",
      "0,1",
      "--temperature",
      "1e999 K",
      "--energy-unit",
      "meV",
    ]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      'gibbs-softmax: --temperature: "1e999 K" is beyond the double range in K (largest magnitude about 1.8e308); write "Infinity K" if the infinite limit is meant',
    );
    const ok = cli([
      "gibbs",
      "--energies",
      "0,1",
      "--temperature",
      "Infinity K",
      "--energy-unit",
      "meV",
    ]);
    expect(ok.code, ok.err).toBe(0);
  });
  it("an energy unit that is not an energy names --energy-unit", () => {
    const r = cli(["gibbs", "--energies", "0,1", "--temperature", "300 K", "--energy-unit", "K"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^gibbs-softmax: --energy-unit: "K" is a temperature, expected an energy unit/,
    );
  });
});

describe("expression errors name the flags", () => {
  it("--expression, --degeneracy-expression and --count, never spectrumFromExpression's options", () => {
    const cases: [string[], RegExp][] = [
      [["-x", "import('fs')"], /^gibbs-softmax: --expression calls import\(\) at character 1/],
      [
        ["-x", "sqrt(n-2)", "--count", "5"],
        /^gibbs-softmax: --expression "sqrt\(n-2\)" at n = 0 \(level 0\) is complex/,
      ],
      [
        ["-x", "n", "--degeneracy-expression", "1-n", "--count", "5"],
        /^gibbs-softmax: --degeneracy-expression "1-n" at n = 2 \(level 2\) is -1/,
      ],
      [
        ["-x", Array.from({ length: 160 }, () => "n*n").join("+"), "--count", "10000000"],
        /^gibbs-softmax: --expression: the formula cost about \d+ operations a level, .*ask for at most --count \d+/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = cli(["sweep", "--from", "1", "--to", "2", ...args]);
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim()).toMatch(message);
      expect(r.err).not.toMatch(/spectrumFromExpression|options\./);
    }
  });
});
