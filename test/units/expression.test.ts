/**
 * spectrumFromExpression: typed-in formulas, and the hostile inputs the mathjs security guide and
 * the mathjs advisories name, each refused with a clear message before anything runs.
 */
import { describe, expect, it } from "vitest";
import { thermodynamics } from "../../src/index.js";
import { harmonicOscillator } from "../../src/models/index.js";
import { MAX_EXPRESSION_LENGTH, spectrumFromExpression } from "../../src/units/index.js";
import { mathjs } from "../../src/units/mathjs.js";

const spectrum = (energy: string, more: Record<string, unknown> = {}) =>
  spectrumFromExpression({ energy, to: 3, ...more } as Parameters<
    typeof spectrumFromExpression
  >[0]);

describe("formulas", () => {
  it("builds the oscillator and rotor spectra", () => {
    const osc = spectrumFromExpression({
      energy: "hbar*omega*(n + 1/2)",
      scope: { hbar: 1, omega: 1 },
      to: 999,
    });
    const m = harmonicOscillator({ levels: 1000 });
    expect(osc.energies).toEqual(m.energies);
    expect(thermodynamics(osc.energies, { temperature: 2 }).heatCapacity).toBe(
      thermodynamics(m.energies, { temperature: 2 }).heatCapacity,
    );
    const rotor = spectrumFromExpression({
      energy: "B*J*(J + 1)",
      degeneracy: "2*J + 1",
      index: "J",
      scope: { B: 0.5 },
      from: 0,
      to: 3,
    });
    expect(rotor.energies).toEqual(Float64Array.of(0, 1, 3, 6));
    expect(rotor.degeneracies).toEqual(Float64Array.of(1, 3, 5, 7));
  });
  it("allows functions, constants, conditionals and comparisons", () => {
    expect(spectrum("n < 2 ? 0 : n").energies).toEqual(Float64Array.of(0, 0, 2, 3));
    expect(spectrum("sqrt(n) * cos(pi * n)").energies[1]).toBe(-1);
    expect(spectrum("factorial(n) + mod(n, 2)").energies).toEqual(Float64Array.of(1, 2, 2, 7));
    expect(spectrum("2n").energies).toEqual(Float64Array.of(0, 2, 4, 6));
  });
  it("converts quantities and physical constants to options.unit", () => {
    const h = spectrumFromExpression({ energy: "-13.6 eV / n^2", from: 1, to: 2, unit: "eV" });
    expect(h.energies[0]).toBeCloseTo(-13.6, 13);
    const w = spectrumFromExpression({
      energy: "reducedPlanckConstant * omega * (n + 1/2)",
      scope: { omega: "1e13 rad/s" },
      to: 1,
      unit: "meV",
    });
    // ħω = 6.582119569… meV for ω = 1e13 rad/s.
    expect(w.energies[1]).toBeCloseTo(1.5 * 6.582119569509066, 12);
    expect(
      spectrumFromExpression({ energy: "n kcal/mol", to: 2, unit: "kJ/mol" }).energies,
    ).toEqual(Float64Array.of(0, 4.184, 8.368));
  });
  it("leaves nothing behind between calls", () => {
    expect(() => spectrum("x = 5")).toThrow();
    expect(() => spectrum("x")).toThrow(/unknown name x/);
    expect(() => spectrum('config({number: "BigNumber"})')).toThrow();
    expect(() => spectrum("import({n: 7}, {override: true})")).toThrow();
    // The index, numbers and functions still behave as before: nothing was redefined.
    expect(spectrum("n / 3 + sqrt(4)").energies).toEqual(
      Float64Array.of(2, 2 + 1 / 3, 2 + 2 / 3, 3),
    );
  });
});

// The hostile list. Each entry: the input, what it tries, and the message it must get.
const HOSTILE: [string, string, RegExp][] = [
  [
    "import({evil: 1}, {override: true})",
    "replace functions of the instance",
    /calls import\(\) at character 1, which is disabled/,
  ],
  ['createUnit("foo")', "define units", /calls createUnit\(\) at character 1, which is disabled/],
  ['evaluate("1 + 1")', "nested evaluation", /calls evaluate\(\).*disabled/],
  ['parse("1 + 1")', "build an expression tree", /calls parse\(\).*disabled/],
  ['simplify("x + x")', "symbolic rewriting", /calls simplify\(\).*disabled/],
  ['derivative("x^2", "x")', "symbolic differentiation", /calls derivative\(\).*disabled/],
  ['resolve(parse("x"), {x: 1})', "resolve symbols", /calls resolve\(\).*disabled/],
  ['compile("1")', "compile new code", /calls compile\(\).*disabled/],
  [
    'config({number: "BigNumber"})',
    "change the instance's configuration",
    /calls config\(\).*disabled/,
  ],
  ["chain(3).done()", "the chain API", /calls .*chain|accesses a property/],
  [
    'typed("f", {})',
    "create typed functions",
    /calls typed\(\) at character 1, which is not an allowed function/,
  ],
  ['reviver("x", 1)', "JSON reviver", /calls reviver\(\).*disabled/],
  [
    'cos.constructor("return process")',
    "reach Function through a function's constructor",
    /calls cos\.constructor.*property access such as \.constructor is not allowed/,
  ],
  ['cos.constructor("return process")()', "the same, called", /syntax error at character/],
  [
    '[].map.constructor("return this")',
    "Function through an array method",
    /calls \[\]\.map\.constructor: only named functions may be called/,
  ],
  ["[].map.constructor", "an array method's constructor", /accesses a property or an element/],
  ['cos["constructor"]', "constructor by index", /accesses a property or an element/],
  [
    'cos["constr\\u0075ctor"]',
    "constructor with an escape",
    /accesses a property or an element|syntax error/,
  ],
  [
    '"abc".constructor',
    "a string's constructor",
    /accesses a property|contains the string constant/,
  ],
  ["{a: 1}.constructor", "an object's constructor", /accesses a property|builds an object/],
  ["f = cos; f.constructor", "alias then access", /several statements/],
  ["f(x) = x^2", "define a function", /defines the function f\(x\)/],
  ["x = 5", "define a variable", /assigns x = 5; definitions are not allowed/],
  ["a.b = 1", "assign a property", /assigns|accesses a property/],
  ["a = 1; a", "several statements", /several statements/],
  ["1\n2", "several statements on lines", /several statements/],
  ["1:1e9", "a huge range", /builds a range/],
  [
    "zeros(1e9)",
    "a huge matrix",
    /calls zeros\(\) at character 1, which is not an allowed function/,
  ],
  [
    "map([1, 2], cos)",
    "callbacks",
    /calls map\(\) at character 1, which is not an allowed function/,
  ],
  ['"abc"', "strings", /contains the string constant "abc"/],
  [
    "evaluate",
    "a disabled function as a value",
    /names evaluate at character 1, which is disabled/,
  ],
  ["cos", "a function as a value", /names the function cos at character 1 without calling it/],
  ["__proto__", "the prototype", /unknown name __proto__/],
  ["n + q", "an unknown variable", /unknown name q at character 5/],
  ["5 cm to inch", "unit conversion operator", /uses the operator "to"/],
  [
    "n * 5 meV",
    "units without options.unit",
    /uses the unit meV at character 7; pass options.unit/,
  ],
];

describe("hostile inputs are refused with a message", () => {
  for (const [input, what, message] of HOSTILE) {
    it(`${JSON.stringify(input)} (${what})`, () => {
      expect(() => spectrum(input)).toThrow(RangeError);
      expect(() => spectrum(input)).toThrow(message);
    });
  }
  it("an expression longer than the cap", () => {
    const long = `${"n+".repeat(MAX_EXPRESSION_LENGTH)}1`;
    expect(() => spectrum(long)).toThrow(/is 2001 characters long; the limit is 1000/);
  });
  it("a huge number of levels, before any evaluation", () => {
    expect(() => spectrumFromExpression({ energy: "n", to: 1e9 })).toThrow(
      /asks for 1000000001 levels; the limit is 10000000/,
    );
    expect(() => spectrumFromExpression({ energy: "n", to: 99, maxLevels: 50 })).toThrow(
      /limit is 50/,
    );
    expect(() => spectrumFromExpression({ energy: "n", to: 9, maxLevels: 1e8 })).toThrow(
      /maxLevels must be in/,
    );
  });
  it("the disabled functions also throw inside the instance itself (second line of defence)", () => {
    const { parse } = mathjs();
    for (const name of [
      "import",
      "createUnit",
      "evaluate",
      "parse",
      "simplify",
      "derivative",
      "resolve",
      "compile",
    ]) {
      expect(() => parse(`${name}("1")`).compile().evaluate(), name).toThrow(/disabled/);
    }
  });
  it("scope keys and values are checked", () => {
    expect(() => spectrum("n + a", { scope: { a: "1" } })).toThrow(
      /options.scope.a must be a number \(a quantity/,
    );
    expect(() => spectrum("n + a", { scope: { a: Number.NaN } })).toThrow(
      /options.scope.a must be finite/,
    );
    expect(() => spectrum("n", { scope: { n: 1 } })).toThrow(/has the name of the index/);
    expect(() => spectrum("n", { scope: { constructor: 1 } })).toThrow(
      /not a usable variable name/,
    );
    expect(() => spectrum("n", { scope: { sin: 1 } })).toThrow(/would hide the built-in function/);
    expect(() => spectrum("n", { index: "pi" })).toThrow(/would hide the built-in constant/);
  });
});

describe("errors point at the problem", () => {
  it("a syntax error names its character and shows a caret", () => {
    let message = "";
    try {
      spectrum("2*(n + ");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /options.energy has a syntax error at character 8: Unexpected end of expression/,
    );
    expect(message.split("\n").slice(1)).toEqual(["  2*(n + ", "         ^"]);
    expect(() => spectrum("n +* 2")).toThrow(/at character 4: Value expected/);
  });
  it("non-finite, complex, boolean results and negative degeneracies name the level", () => {
    expect(() => spectrum("0/0 + n")).toThrow(
      /options.energy "0\/0 \+ n" at n = 0 \(level 0\) is NaN/,
    );
    expect(() => spectrum("1/(n - 2)")).toThrow(
      /at n = 2 \(level 2\) is Infinity; energies must be finite/,
    );
    expect(() => spectrum("sqrt(n - 2)")).toThrow(/at n = 0 \(level 0\) is complex/);
    expect(() => spectrum("n > 1")).toThrow(/is a boolean \(false\), not a number/);
    expect(() => spectrum("n", { degeneracy: "1 - n", from: 0 })).toThrow(
      /options.degeneracy "1 - n" at n = 2 \(level 2\) is -1; degeneracies must be finite and ≥ 0/,
    );
    expect(() => spectrumFromExpression({ energy: "1/(k-5)", index: "k", from: 3, to: 9 })).toThrow(
      /at k = 5 \(level 2\) is Infinity/,
    );
    expect(() => spectrum("n * 1 m", { unit: "meV" })).toThrow(
      /is a length \(0 m\), not an energy/,
    );
  });
  it("wrong types are TypeErrors", () => {
    expect(() => spectrumFromExpression({ energy: 5, to: 3 } as never)).toThrow(TypeError);
    expect(() => spectrumFromExpression({ energy: "n" } as never)).toThrow(
      /options.to is required/,
    );
    expect(() => spectrumFromExpression(undefined as never)).toThrow(TypeError);
  });
});
