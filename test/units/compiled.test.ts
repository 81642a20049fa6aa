/**
 * spectrumFromExpression's compiled closures (src/units/compiledExpression.ts) against mathjs' own
 * evaluation of the same formula: bit for bit for numbers (random formulas, fast-check), within
 * 2 ulp with units (mathjs' conversion rounds once more than the one exact factor), the same
 * errors where mathjs has none to give a number; and the cost budget, checked before anything is
 * evaluated.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFast } from "../../src/units/compiledExpression.js";
import { spectrumFromExpression } from "../../src/units/index.js";
import { mathjs } from "../../src/units/mathjs.js";
import { MAX_EXPRESSION_COST } from "../../src/units/spectrumFromExpression.js";
import { ulpDistance } from "../helpers/ulp.js";

const SCOPE = { a: 1.75, b: -0.3 };
const LEVELS = 13;

/** mathjs' value of the formula at n = 0 … LEVELS − 1, or the first level where it has none. */
function byMathjs(formula: string): { values: number[] } | { failsAt: number } {
  const { parse } = mathjs();
  const compiled = parse(formula).compile();
  const values: number[] = [];
  for (let n = 0; n < LEVELS; n++) {
    let v: unknown;
    try {
      v = compiled.evaluate(new Map<string, unknown>([...Object.entries(SCOPE), ["n", n]]));
    } catch {
      return { failsAt: n };
    }
    if (typeof v !== "number" || !Number.isFinite(v)) return { failsAt: n };
    values.push(v);
  }
  return { values };
}

const formula: fc.Arbitrary<string> = fc.letrec<{ x: string }>((tie) => ({
  x: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("n", "a", "b", "0", "1", "2", "7", "0.5", "2.25", "1e-3", "pi", "e", "n"),
    fc
      .tuple(
        fc.constantFrom(
          "-",
          "abs",
          "sqrt",
          "exp",
          "log",
          "sin",
          "cos",
          "tanh",
          "floor",
          "round",
          "fix",
          "sign",
          "cbrt",
          "square",
          "gamma",
          "lgamma",
          "erf",
          "log1p",
          "expm1",
          "asinh",
        ),
        tie("x"),
      )
      .map(([f, x]) => (f === "-" ? `-(${x})` : `${f}(${x})`)),
    fc
      .tuple(
        fc.constantFrom(
          "+",
          "-",
          "*",
          "/",
          "^",
          "mod",
          "pow",
          "atan2",
          "min",
          "max",
          "hypot",
          "<",
          ">=",
          "==",
          "!=",
          "and",
          "or",
          "?:",
          "?",
        ),
        tie("x"),
        tie("x"),
      )
      .map(([op, x, y]) => {
        if (op === "?:") return `((${x}) > 1 ? (${y}) : (${x}))`;
        // A number as the condition: 0 and NaN (0/0) are false in mathjs.
        if (op === "?") return `((${x}) ? (${y}) : (${x}))`;
        if (/^[a-z]/.test(op) && op !== "and" && op !== "or") return `${op}(${x}, ${y})`;
        return `((${x}) ${op} (${y}))`;
      }),
  ),
})).x;

describe("the compiled closures agree with mathjs", () => {
  it("bit for bit on random number formulas, and fail where mathjs has no number (property)", () => {
    fc.assert(
      fc.property(formula, (text) => {
        const reference = byMathjs(text);
        const run = () =>
          spectrumFromExpression({ energy: text, scope: SCOPE, to: LEVELS - 1 }).energies;
        if ("failsAt" in reference) {
          expect(run, text).toThrow(new RegExp(`\\(level ${reference.failsAt}\\)`));
          return;
        }
        const got = run();
        reference.values.forEach((v, k) => {
          expect(Object.is(got[k], v), `${text} at n = ${k}: ${got[k]} vs ${v}`).toBe(true);
        });
      }),
      { numRuns: 600 },
    );
  });
  it("compiles the typical formulas to closures, constants folded", () => {
    const { math, parse } = mathjs();
    const ctx = (scope: Record<string, unknown>, units = false) => ({
      math,
      index: "n",
      scope: new Map(Object.entries(scope)),
      units,
    });
    // hbar·omega is folded, so two operations are left: (n + 1/2) and the product.
    expect(compileFast(parse("hbar*omega*(n + 1/2)"), ctx({ hbar: 1, omega: 2 }))?.ops).toBe(2);
    expect(
      compileFast(
        parse("hbar*omega*(n + 1/2)"),
        ctx({ hbar: math.unit("1.054571817e-34 J s"), omega: math.unit("2e13 rad/s") }, true),
      )?.ops,
    ).toBe(2);
    // A unit with an offset stays with mathjs' evaluator.
    expect(compileFast(parse("n * 1 degC"), ctx({}, true))).toBeUndefined();
  });
  it("takes a condition of NaN as false, as mathjs does", () => {
    // n/n is 0/0 = NaN at n = 0 (false: 2), 1 after (true: 1); mathjs' own values are the reference.
    const reference = byMathjs("(n / n) ? 1 : 2");
    expect(reference).toEqual({ values: [2, ...Array(LEVELS - 1).fill(1)] });
    expect(
      Array.from(spectrumFromExpression({ energy: "(n / n) ? 1 : 2", to: LEVELS - 1 }).energies),
    ).toEqual((reference as { values: number[] }).values);
  });
  it("gives a quotient of quantities the dimension mathjs gives it", () => {
    // A particle in a box, E = n²h²/(8mL²): J²s²/(kg·m²) is an energy. A wrong dimension would
    // leave every level to mathjs' evaluator (hundreds of times slower: see the budget below).
    const { math, parse } = mathjs();
    const scope = {
      h: math.unit("6.62607015e-34 J s"),
      m: math.unit("9.1093837015e-31 kg"),
      L: math.unit("1 nm"),
    };
    const text = "n^2 * h^2 / (8 * m * L^2)";
    const compiled = compileFast(parse(text), {
      math,
      index: "n",
      scope: new Map<string, unknown>(Object.entries(scope)),
      units: true,
    });
    const value = parse(text).evaluate({ ...scope, n: 2 }) as { dimensions: number[] };
    expect(compiled?.dims).toEqual(value.dimensions);
    expect(value.dimensions).toEqual(math.unit("J").dimensions);
  });
});

describe("with units: the exact factor, against mathjs' own conversion", () => {
  // [formula, scope, options.unit, the unit mathjs converts to (a radian stays with ħω)]
  const cases: [string, Record<string, string | number>, string, string?][] = [
    ["-13.6 eV / n^2", {}, "meV"],
    [
      "hbar*omega*(n + 1/2)",
      { hbar: "1.054571817e-34 J s", omega: "2e13 rad/s" },
      "meV",
      "meV rad",
    ],
    ["n kcal/mol + 2 kJ/mol", {}, "kJ/mol"],
    ["B * n * (n + 1)", { B: "1.5 meV" }, "eV"],
    ["sqrt(n) * 3 meV + 2 ueV", {}, "meV"],
    ["n < 3 ? 1 eV : 2 eV + n meV", {}, "meV"],
    ["1200 cm^-1 * n / 1 cm^-1", {}, "meV"],
    ["hartree * n / 4", {}, "eV"],
  ];
  for (const [text, scope, unit, as] of cases) {
    it(`${text} in ${unit}`, () => {
      const { math, parse } = mathjs();
      const s = spectrumFromExpression({ energy: text, scope, unit, from: 1, to: 40 });
      const compiled = parse(text).compile();
      const env = new Map<string, unknown>(
        Object.entries(scope).map(([k, v]) => [k, typeof v === "string" ? math.unit(v) : v]),
      );
      for (let k = 0; k < 40; k++) {
        env.set("n", k + 1);
        const q = compiled.evaluate(env) as { toNumber(u: string): number } | number;
        const want = typeof q === "number" ? q : q.toNumber(as ?? unit);
        expect(
          ulpDistance(s.energies[k] as number, want),
          `${text} at n = ${k + 1}`,
        ).toBeLessThanOrEqual(2);
      }
    });
  }
  it("is exact where the answer is a short decimal", () => {
    expect(
      spectrumFromExpression({ energy: "n kcal/mol", to: 3, unit: "kJ/mol" }).energies,
    ).toEqual(Float64Array.of(0, 4.184, 8.368, 12.552));
    expect(spectrumFromExpression({ energy: "n * 0.1 eV", to: 2, unit: "meV" }).energies).toEqual(
      Float64Array.of(0, 100, 200),
    );
  });
});

describe("the cost budget", () => {
  it(`refuses a 995-character sum of n*meV terms × 10⁷ levels before evaluating any (budget ${MAX_EXPRESSION_COST})`, () => {
    // The first term fails at n = 0 (1/0): had any level been evaluated, that would be the error.
    const terms = `1/n*meV + ${Array.from({ length: 164 }, () => "n*meV").join("+")}`;
    const text = terms.padEnd(995, " ");
    expect(text.length).toBe(995);
    expect(() => spectrumFromExpression({ energy: text, unit: "meV", to: 9_999_999 })).toThrow(
      /^spectrumFromExpression: the formula cost about 3[23]\d operations a level, so 10000000 levels would take 3\.\de\+9, beyond the budget of 1e\+8 \(a few seconds\); ask for at most \d+ levels/,
    );
  });
  it("lets the typical formula take the 10⁶ levels of the issue (and up to the 10⁷ cap)", () => {
    const s = spectrumFromExpression({
      energy: "hbar*omega*(n + 1/2)",
      scope: { hbar: "1.054571817e-34 J s", omega: "2e13 rad/s" },
      unit: "meV",
      to: 999_999,
    });
    expect(s.energies.length).toBe(1_000_000);
    // ħω(n + ½) in meV, with ħω = 1.054571817e−34 · 2e13 J: the last level, to 2 ulp.
    const hw = (1.054571817e-34 * 2e13) / 1.602176634e-22;
    expect(Math.abs((s.energies[999_999] as number) / (hw * 999_999.5) - 1)).toBeLessThan(1e-15);
  });
  it("lets a formula with a quotient of quantities take 10⁶ levels (it compiles)", () => {
    // E = n²h²/(8mL²) in eV for an electron in a 1 nm box: 10⁶ levels are within the budget only
    // compiled (at mathjs' cost they would be refused). Reference: the closed form in doubles,
    // h²/(8mL²) = 6.0246…e−20 J, to 1e−15.
    const s = spectrumFromExpression({
      energy: "n^2 * h^2 / (8 * m * L^2)",
      scope: { h: "6.62607015e-34 J s", m: "9.1093837015e-31 kg", L: "1 nm" },
      unit: "eV",
      from: 1,
      to: 1_000_000,
    });
    expect(s.energies.length).toBe(1_000_000);
    const ground = 6.62607015e-34 ** 2 / (8 * 9.1093837015e-31 * 1e-18) / 1.602176634e-19;
    for (const n of [1, 2, 1000, 1_000_000]) {
      expect(Math.abs((s.energies[n - 1] as number) / (ground * n * n) - 1)).toBeLessThan(1e-15);
    }
  });
  it("budgets again at mathjs' cost when a compiled formula leaves its levels to mathjs", () => {
    expect(() => spectrumFromExpression({ energy: "abs(sqrt(-n))", to: 9_999_999 })).toThrow(
      /in mathjs' own evaluator \(the compiled form left a level to it\)/,
    );
    expect(spectrumFromExpression({ energy: "abs(sqrt(-n))", to: 3 }).energies).toEqual(
      Float64Array.of(0, 1, Math.SQRT2, Math.sqrt(3)),
    );
  });
});
