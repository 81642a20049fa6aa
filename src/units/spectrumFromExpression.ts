import type { MathNode, Unit } from "mathjs";
import type { Spectrum } from "../boltzmann/mergeLevels.js";
import { allocate, describe, optionsOf } from "../internal/validate.js";
import { compileFast, energyIn } from "./compiledExpression.js";
import {
  ALLOWED_CONSTANTS,
  ALLOWED_FUNCTIONS,
  compileExpression,
  type ExpressionContext,
  type VettedExpression,
} from "./expression.js";
import { mathjs } from "./mathjs.js";
import {
  applyFactor,
  dimensionName,
  energyUnit,
  type Factor,
  factorOf,
  joulesPerUnit,
  over,
} from "./quantity.js";

/**
 * The most levels one {@link spectrumFromExpression} call evaluates (10⁷); a request for more is
 * a RangeError before anything is evaluated, and so is one whose formulas would cost more than
 * {@link MAX_EXPRESSION_COST} operations in all.
 * @example
 * ```ts
 * MAX_EXPRESSION_LEVELS // => 10000000
 * ```
 */
export const MAX_EXPRESSION_LEVELS = 10_000_000;

/**
 * The most work one {@link spectrumFromExpression} call may take, in operations (one operator or
 * function applied at one level), checked before anything is evaluated: 10⁸, a few seconds of
 * compiled closures (bench/suites/expression.mjs measures them). A formula mathjs must evaluate
 * itself counts
 * {@link MATHJS_WEIGHT} operations per syntax-tree node. So a 995-character sum of `n*meV` terms
 * (about 330 operations a level) is refused at once for 10⁷ levels and allowed for up to about
 * 3·10⁵, while `hbar*omega*(n + 1/2)` (2 operations after folding) takes every level up to the
 * 10⁷ cap. If a compiled formula turns out to need mathjs for a level that mathjs then answers
 * (a complex intermediate with a real result, as in abs(sqrt(−n))), the levels left are budgeted
 * again at mathjs' cost.
 * @example
 * ```ts
 * MAX_EXPRESSION_COST // => 100000000
 * ```
 */
export const MAX_EXPRESSION_COST = 100_000_000;

/**
 * Operations counted per syntax-tree node of a formula that mathjs' own evaluator runs (one the
 * compiler leaves alone, e.g. a unit with an offset): mathjs dispatches every operation through
 * typed-function and, with quantities, builds a Unit object at each, tens to hundreds of times
 * the cost of a compiled operation.
 * @example
 * ```ts
 * MATHJS_WEIGHT // => 250
 * ```
 */
export const MATHJS_WEIGHT = 250;

/** Number of nodes of a syntax tree. */
function size(tree: MathNode): number {
  let count = 0;
  tree.traverse(() => {
    count++;
  });
  return count;
}

/** Options of {@link spectrumFromExpression}. */
export interface ExpressionSpectrumOptions {
  /** The energy of level `index` as a formula, e.g. "hbar*omega*(n + 1/2)". */
  energy: string;
  /** Its degeneracy as a formula (default 1 for every level), e.g. "2*J + 1". */
  degeneracy?: string;
  /** The index variable (default "n"). */
  index?: string;
  /** First index (an integer, default 0). */
  from?: number;
  /** Last index, inclusive (an integer ≥ from). */
  to: number;
  /**
   * Named numbers the formulas may use, e.g. { omega: 2, hbar: 1 }; with `unit`, also quantities
   * as text, e.g. { omega: "2e13 rad/s" }.
   */
  scope?: Record<string, number | string>;
  /**
   * The energy unit of the result. With it the energy formula may use units and physical
   * constants ("13.6 eV * (1 - 1/n^2)", "reducedPlanckConstant * omega"): quantities are
   * converted to this unit, plain numbers are taken as already in it.
   */
  unit?: string;
  /** A lower cap on the number of levels (default and maximum 10⁷). */
  maxLevels?: number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(["constructor", "prototype", "__proto__", "toString", "valueOf"]);

function identifier(fn: string, name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new TypeError(
      `${fn}: ${name} must be a string (a variable name), got ${describe(value)}`,
    );
  }
  if (!IDENTIFIER.test(value) || RESERVED.has(value)) {
    throw new RangeError(`${fn}: ${name} ${JSON.stringify(value)} is not a usable variable name`);
  }
  if (ALLOWED_FUNCTIONS.has(value) || ALLOWED_CONSTANTS.has(value)) {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(value)} would hide the built-in ${ALLOWED_FUNCTIONS.has(value) ? "function" : "constant"} of that name`,
    );
  }
  return value;
}

/** A quantity given as text in the scope ("2e13 rad/s"): a mathjs Unit with a finite value. */
function quantity(fn: string, name: string, text: string): Unit {
  let q: Unit;
  try {
    q = mathjs().math.unit(text);
  } catch (error) {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(text)} is not a quantity: ${(error as Error).message}`,
    );
  }
  if (typeof q.value !== "number" || !Number.isFinite(q.value)) {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(text)} must be a finite quantity such as "2e13 rad/s"`,
    );
  }
  return q;
}

function integer(fn: string, name: string, value: unknown, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined) throw new TypeError(`${fn}: ${name} is required (an integer)`);
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${name} must be an integer, got ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${fn}: ${name} must be a safe integer, got ${value}`);
  }
  return value;
}

/**
 * A spectrum typed as formulas: the energy (and optionally the degeneracy) of level n for
 * n = from … to, evaluated by a restricted mathjs instance, e.g.
 * `{ energy: "hbar*omega*(n + 1/2)", scope: { hbar: 1, omega: 2 }, to: 200 }` for an oscillator or
 * `{ energy: "B*J*(J + 1)", degeneracy: "2*J + 1", index: "J", scope: { B: 1 }, to: 50 }` for a
 * rotor. Formulas are user input (the demo and the CLI pass typed text straight in), so:
 *
 * - only numbers, the index, `scope`, the constants pi, e, tau, phi (and the Math ones), the
 *   functions abs … erf (see ALLOWED_FUNCTIONS: arithmetic, powers, logs, trig and hyperbolic,
 *   rounding, min/max, gamma/factorial) and the operators + − * / ^ mod ! and comparisons with
 *   `? :` are allowed — checked on the syntax tree before anything is compiled;
 * - refused with a message: function or variable definitions (`f(x) = …`, `x = 5`), several
 *   statements, property or element access (`cos.constructor(…)`, `[].map`, `a["b"]`),
 *   strings, arrays, objects, ranges, and the functions the mathjs security guide names
 *   (`import`, `createUnit`, `evaluate`, `parse`, `simplify`, `derivative`, `resolve`, `compile`,
 *   `config`, `chain`, …), which are also disabled in the instance itself;
 * - a text longer than 1000 characters, more than 10⁷ levels, or more work than the cost budget
 *   ({@link MAX_EXPRESSION_COST} operations: levels × operations a level after folding) is
 *   refused up front, before any level is evaluated;
 * - a syntax error names its character and shows it with a caret.
 *
 * Speed: the vetted formula is compiled to plain closures over mathjs' own number functions
 * (compiledExpression.ts): index-free parts folded to constants, units folded to one exact factor
 * to `unit`, so a level costs a few operations rather than mathjs' dispatch (measured in
 * bench/suites/expression.mjs against mathjs' compiled evaluate); the values are mathjs' own, bit
 * for bit for numbers, and within 2 ulp with units (one exact factor instead of mathjs' two
 * conversions). What the compiler does not cover runs through mathjs' evaluator, budgeted at
 * {@link MATHJS_WEIGHT} operations a node.
 *
 * Nothing outlives a call: each evaluation gets a fresh scope. Every energy must be a finite
 * number (or, with `unit`, an energy quantity), every degeneracy a finite number ≥ 0; anything
 * else — NaN, ±Infinity, a complex or boolean result, a negative degeneracy — is a RangeError
 * naming the index value, the level and the formula.
 *
 * @see https://mathjs.org/docs/expressions/security.html
 * @example
 * ```ts
 * const s = spectrumFromExpression({ energy: "hbar*omega*(n + 1/2)", scope: { hbar: 1, omega: 2 }, to: 3 });
 * s.energies // => Float64Array [1, 3, 5, 7]
 * spectrumFromExpression({ energy: "J*(J+1)", degeneracy: "2*J + 1", index: "J", to: 2 }).degeneracies
 * // => Float64Array [1, 3, 5]
 * const h = spectrumFromExpression({ energy: "-13.6 eV / n^2", from: 1, to: 3, unit: "meV" });
 * Array.from(h.energies, (e) => Math.round(e)) // => [-13600, -3400, -1511]
 * ```
 */
export function spectrumFromExpression(options: ExpressionSpectrumOptions): Spectrum {
  const fn = "spectrumFromExpression";
  if (options === undefined) {
    throw new TypeError(`${fn}: options { energy, to } are required`);
  }
  const opts = optionsOf(fn, options, [
    "energy",
    "degeneracy",
    "index",
    "from",
    "to",
    "scope",
    "unit",
    "maxLevels",
  ]);
  const index = identifier(fn, "options.index", opts.index ?? "n");
  const from = integer(fn, "options.from", opts.from, 0);
  const to = integer(fn, "options.to", opts.to);
  const cap = integer(fn, "options.maxLevels", opts.maxLevels, MAX_EXPRESSION_LEVELS);
  if (cap < 1 || cap > MAX_EXPRESSION_LEVELS) {
    throw new RangeError(
      `${fn}: options.maxLevels must be in [1, ${MAX_EXPRESSION_LEVELS}], got ${cap}`,
    );
  }
  if (to < from) throw new RangeError(`${fn}: options.to (${to}) is below options.from (${from})`);
  const count = to - from + 1;
  if (count > cap) {
    throw new RangeError(
      `${fn}: from ${from} to ${to} asks for ${count} levels; the limit is ${cap} (options.maxLevels, at most ${MAX_EXPRESSION_LEVELS})`,
    );
  }
  const unit = opts.unit;
  const target = unit === undefined ? undefined : energyUnit(fn, "options.unit", unit);
  const scope = new Map<string, unknown>();
  const variables = new Set<string>([index]);
  if (opts.scope !== undefined) {
    if (opts.scope === null || typeof opts.scope !== "object" || Array.isArray(opts.scope)) {
      throw new TypeError(
        `${fn}: options.scope must be an object of numbers, got ${describe(opts.scope)}`,
      );
    }
    for (const [key, value] of Object.entries(opts.scope)) {
      identifier(fn, "options.scope key", key);
      if (key === index) {
        throw new RangeError(`${fn}: options.scope.${key} has the name of the index`);
      }
      if (typeof value === "string" && target !== undefined) {
        scope.set(key, quantity(fn, `options.scope.${key}`, value));
      } else if (typeof value === "number") {
        if (!Number.isFinite(value)) {
          throw new RangeError(`${fn}: options.scope.${key} must be finite, got ${value}`);
        }
        scope.set(key, value);
      } else {
        const more =
          typeof value === "string" ? ' (a quantity such as "2e13 rad/s" needs options.unit)' : "";
        throw new TypeError(
          `${fn}: options.scope.${key} must be a number${more}, got ${describe(value)}`,
        );
      }
      variables.add(key);
    }
  }
  const context = (name: string, units: boolean): ExpressionContext => ({
    fn,
    name,
    variables,
    index,
    units,
  });
  const energy = compileExpression(opts.energy, context("options.energy", target !== undefined));
  const degeneracy =
    opts.degeneracy === undefined
      ? undefined
      : compileExpression(opts.degeneracy, context("options.degeneracy", false));
  const { math } = mathjs();
  // Closures for the formulas where they apply (compiledExpression.ts); mathjs' evaluator for
  // the rest, and for any level whose compiled value is not a finite number.
  const compile = (vetted: VettedExpression, units: boolean) => {
    const formula = compileFast(vetted.tree, { math, index, scope, units });
    const at = formula === undefined ? undefined : energyIn(formula, units ? target : undefined);
    const slowOps = MATHJS_WEIGHT * size(vetted.tree);
    const ops = at === undefined || formula === undefined ? slowOps : formula.ops;
    return { at, ops, slowOps };
  };
  const fastEnergy = compile(energy, target !== undefined);
  const fastDegeneracy = degeneracy === undefined ? undefined : compile(degeneracy, false);
  const plural = degeneracy === undefined ? "" : "s";
  /** The budget: `levels` levels at `perLevel` operations each, refused before they run. */
  const budget = (levels: number, perLevel: number, why: string) => {
    if (perLevel * levels <= MAX_EXPRESSION_COST) return;
    const most = Math.max(1, Math.floor(MAX_EXPRESSION_COST / perLevel));
    throw new RangeError(
      `${fn}: the formula${plural} cost about ${perLevel} operations a level${why}, so ${levels} levels would take ${(perLevel * levels).toExponential(1)}, beyond the budget of ${MAX_EXPRESSION_COST.toExponential(0)} (a few seconds); ask for at most ${most} levels, or simplify the formula${plural}`,
    );
  };
  budget(count, fastEnergy.ops + (fastDegeneracy?.ops ?? 0), "");
  const energies = allocate(fn, "the energies", count);
  const degeneracies = allocate(fn, "the degeneracies", count).fill(1);
  const where = (name: string, text: string, k: number) =>
    `${name} ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)} at ${index} = ${from + k} (level ${k})`;
  const run = (
    compiled: { evaluate: (scope: Map<string, unknown>) => unknown },
    name: string,
    text: string,
    k: number,
  ): unknown => {
    try {
      return compiled.evaluate(scope);
    } catch (error) {
      throw new RangeError(`${fn}: ${where(name, text, k)} failed: ${(error as Error).message}`);
    }
  };
  const kind = (value: unknown): string => {
    const t = math.typeOf(value);
    return t === "Complex" ? `complex (${String(value)})` : `a ${t} (${String(value)})`;
  };
  // mathjs' evaluation of one level, with its messages; used where the closures do not apply.
  const factors = new Map<string, Factor>();
  const slowEnergy = (k: number): number => {
    scope.set(index, from + k);
    const e = run(energy, "options.energy", opts.energy as string, k);
    let value: number;
    if (typeof e === "number") value = e;
    else if (target !== undefined && math.typeOf(e) === "Unit") {
      const q = e as Unit;
      const J = joulesPerUnit(q);
      if (J === undefined) {
        throw new RangeError(
          `${fn}: ${where("options.energy", opts.energy as string, k)} is ${dimensionName(q)} (${q.toString()}), not an energy`,
        );
      }
      // The number in the quantity's own unit, times joules per that unit, over the target's
      // (the exact factor compiled once per unit).
      const name = q.formatUnits();
      let f = factors.get(name);
      if (f === undefined) {
        f = factorOf(over(J, target));
        factors.set(name, f);
      }
      value = applyFactor(q.toNumber(), f);
    } else {
      const hint = math.typeOf(e) === "Unit" ? "; pass options.unit to convert quantities" : "";
      throw new RangeError(
        `${fn}: ${where("options.energy", opts.energy as string, k)} is ${kind(e)}, not a number${hint}`,
      );
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `${fn}: ${where("options.energy", opts.energy as string, k)} is ${value}; energies must be finite`,
      );
    }
    return value;
  };
  const slowDegeneracy = (k: number): number => {
    scope.set(index, from + k);
    const g = run(
      degeneracy as VettedExpression,
      "options.degeneracy",
      opts.degeneracy as string,
      k,
    );
    if (typeof g !== "number") {
      throw new RangeError(
        `${fn}: ${where("options.degeneracy", opts.degeneracy as string, k)} is ${kind(g)}, not a number`,
      );
    }
    if (!Number.isFinite(g) || g < 0) {
      throw new RangeError(
        `${fn}: ${where("options.degeneracy", opts.degeneracy as string, k)} is ${g}; degeneracies must be finite and ≥ 0`,
      );
    }
    return g;
  };
  const energyAt = fastEnergy.at;
  const degeneracyAt = fastDegeneracy?.at;
  // A compiled formula whose level mathjs answers after all (a complex intermediate with a real
  // result, abs(sqrt(-n))): the remaining levels are budgeted at mathjs' cost, once.
  let rebudgeted = false;
  const slow = (k: number) => {
    if (rebudgeted) return;
    rebudgeted = true;
    budget(
      count - k,
      fastEnergy.slowOps + (fastDegeneracy?.slowOps ?? 0),
      " in mathjs' own evaluator (the compiled form left a level to it)",
    );
  };
  for (let k = 0; k < count; k++) {
    let e = energyAt?.(from + k);
    if (e === undefined) {
      e = slowEnergy(k);
      if (energyAt !== undefined) slow(k);
    }
    energies[k] = e;
    if (degeneracy === undefined) continue;
    const g = degeneracyAt?.(from + k);
    if (g !== undefined && g >= 0) degeneracies[k] = g;
    else {
      degeneracies[k] = slowDegeneracy(k);
      if (degeneracyAt !== undefined) slow(k);
    }
  }
  scope.clear();
  return { energies, degeneracies };
}
