/**
 * A vetted expression tree (expression.ts) compiled to plain JavaScript closures, for
 * {@link spectrumFromExpression}'s levels: mathjs' own evaluator re-dispatches every operation
 * through typed-function at each level (17–20 µs a level for "hbar*omega*(n+1/2)" in meV), while
 * these closures call the very functions mathjs would reach for numbers — each operator's and
 * function's `number` signature, taken from the instance — so a number-only formula gives the same
 * bits as mathjs at a few nanoseconds per operation.
 *
 * - Subtrees that do not depend on the index are folded to a constant once (by the same
 *   functions, so to the same value mathjs computes at every level).
 * - Units and physical constants are folded to numbers in SI units (mathjs holds every quantity's
 *   value in SI units too), with the dimension of every subtree checked statically: a product
 *   adds dimensions, a sum needs equal ones, a power of a quantity needs a constant exponent.
 *   The result's dimension (an energy, an energy per amount, a wavenumber or a frequency) then
 *   gives one exact factor to `options.unit` (scaled.ts), applied once per level: the units are
 *   folded to one factor.
 * - Whatever this compiler does not cover — a unit with an offset (degC), a function of a
 *   quantity other than a power or an absolute value, a dimension that does not match — leaves
 *   the formula to mathjs' evaluator (`compileFast` returns undefined), and a level whose value
 *   is not a finite number (NaN, Infinity, a complex number, a boolean) is evaluated again by
 *   mathjs, so its value or its error message is exactly mathjs' own.
 *
 * `cost` counts the operations left per level after folding: the budget check before any
 * evaluation multiplies it by the number of levels.
 * @internal
 */
import type { MathJsInstance, MathNode, Unit } from "mathjs";
import { COMPARISONS, LOGICAL } from "./expression.js";
import { applyFactor, type Factor, factorOf, joulesPerSI, over, type Scaled } from "./quantity.js";

/** A level's value; anything else (a Complex, a Unit) sends the level to mathjs. */
type Value = number | boolean;
type Closure = (n: number) => Value;

/** Thrown inside a closure when a value is not a number or a boolean. */
const FALLBACK = Symbol("fallback");

/** A compiled node: its closure, or its constant value, its dimension and its operation count. */
interface Compiled {
  readonly run: Closure | undefined;
  readonly constant: Value | undefined;
  readonly dims: readonly number[];
  readonly ops: number;
  /** It may give a boolean (a comparison, and, or, not, xor, or a branch of one). */
  readonly logical?: boolean;
}

/**
 * An argument as a number signature receives it: typed-function converts a boolean to 0 or 1
 * before calling it (lgamma(false) is lgamma(0) = Infinity, not lgamma's formula run on false).
 */
function numeric(c: Compiled): Compiled {
  if (!c.logical) return c;
  if (c.run === undefined) return { ...c, constant: Number(c.constant), logical: false };
  const r = c.run;
  return { ...c, run: (n) => Number(r(n)), logical: false };
}

/** The dimension vector of a plain number (mathjs has 9 base dimensions). */
const NONE: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0];
const ANGLE = 7;

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.every((x, i) => Math.abs(x - (b[i] ?? 0)) < 1e-12);
}
function isNone(d: readonly number[]): boolean {
  return sameDims(d, NONE);
}
/** Dimensionless but for an angle: what mathjs' trigonometric functions take. */
function isAngle(d: readonly number[]): boolean {
  return d.every((x, i) => i === ANGLE || Math.abs(x) < 1e-12);
}

/** Why a formula stays with mathjs' evaluator (for the cost weight; never shown). */
class NotCompiled extends Error {}

const typed = (f: unknown): { signatures?: Record<string, (...a: unknown[]) => unknown> } =>
  f as { signatures?: Record<string, (...a: unknown[]) => unknown> };

/**
 * mathjs' implementation of `name` for `arity` numbers: the `number` signature of the function
 * (or of its `…Scalar` twin), else the typed function itself, whose dispatch costs more but gives
 * the same value.
 */
function numberImplementation(
  math: MathJsInstance,
  name: string,
  arity: number,
): (...a: Value[]) => unknown {
  const key = Array(arity).fill("number").join(",");
  const m = math as unknown as Record<string, unknown>;
  for (const candidate of [m[name], m[`${name}Scalar`]]) {
    const f = typed(candidate).signatures?.[key];
    if (typeof f === "function") return f as (...a: Value[]) => unknown;
  }
  const f = m[name];
  if (typeof f !== "function") throw new NotCompiled(name);
  return f as (...a: Value[]) => unknown;
}

function checked(v: unknown): Value {
  if (typeof v === "number" || typeof v === "boolean") return v;
  throw FALLBACK;
}

/** A node applying `f` to compiled arguments: folded when every argument is constant. */
function apply(
  f: (...a: Value[]) => unknown,
  given: Compiled[],
  dims: readonly number[],
  logical: boolean,
): Compiled {
  const args = given.map(numeric);
  const ops = args.reduce((s, a) => s + a.ops, 0);
  if (args.every((a) => a.run === undefined)) {
    const value = f(...args.map((a) => a.constant as Value));
    if (typeof value !== "number" && typeof value !== "boolean") throw new NotCompiled("constant");
    return { run: undefined, constant: value, dims, ops: 0, logical };
  }
  const [a, b] = args;
  let run: Closure;
  if (args.length === 1 && a !== undefined) {
    const ra = a.run as Closure;
    run = (n) => checked(f(ra(n)));
  } else if (args.length === 2 && a !== undefined && b !== undefined) {
    // The common shapes, without a closure call for a constant operand.
    if (a.run === undefined) {
      const ca = a.constant as Value;
      const rb = b.run as Closure;
      run = (n) => checked(f(ca, rb(n)));
    } else if (b.run === undefined) {
      const ra = a.run;
      const cb = b.constant as Value;
      run = (n) => checked(f(ra(n), cb));
    } else {
      const ra = a.run;
      const rb = b.run;
      run = (n) => checked(f(ra(n), rb(n)));
    }
  } else {
    const parts = args.map((x) => x.run ?? (() => x.constant as Value));
    run = (n) => checked(f(...parts.map((p) => p(n))));
  }
  return { run, constant: undefined, dims, ops: ops + 1, logical };
}

/** What the compiler needs to know about the caller's names. */
export interface CompileContext {
  readonly math: MathJsInstance;
  readonly index: string;
  /** Scope values: numbers, or (with units) mathjs quantities. */
  readonly scope: ReadonlyMap<string, unknown>;
  readonly units: boolean;
}

/** The SI value and dimension of a Unit (a scope quantity, a constant or a unit symbol). */
function quantityLeaf(u: Unit): Compiled {
  const parts = u.units as unknown as { unit: { offset?: unknown } }[];
  if (parts.some((c) => Number(c.unit.offset ?? 0) !== 0)) throw new NotCompiled("offset");
  const value = u.value;
  if (typeof value !== "number") throw new NotCompiled("value");
  return { run: undefined, constant: value, dims: u.dimensions, ops: 0 };
}

/** Operations mathjs defines on quantities of one dimension, giving that dimension. */
const SAME_DIMS = new Set(["add", "subtract", "unaryMinus", "unaryPlus", "abs"]);
const POWERS: Record<string, number> = { sqrt: 0.5, cbrt: 1 / 3, square: 2, cube: 3 };

function compileNode(node: MathNode, ctx: CompileContext): Compiled {
  const { math } = ctx;
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case "ConstantNode":
      return { run: undefined, constant: n.value as number, dims: NONE, ops: 0 };
    case "ParenthesisNode":
      return compileNode(n.content as MathNode, ctx);
    case "SymbolNode": {
      const name = n.name as string;
      if (name === ctx.index) return { run: (x) => x, constant: undefined, dims: NONE, ops: 0 };
      if (ctx.scope.has(name)) {
        const v = ctx.scope.get(name);
        if (typeof v === "number") return { run: undefined, constant: v, dims: NONE, ops: 0 };
        return quantityLeaf(v as Unit);
      }
      const value = (math as unknown as Record<string, unknown>)[name];
      if (typeof value === "number") return { run: undefined, constant: value, dims: NONE, ops: 0 };
      if (!ctx.units) throw new NotCompiled(name);
      if (math.typeOf(value) === "Unit") return quantityLeaf(value as Unit);
      // A unit symbol such as meV: one of it, in SI units.
      return quantityLeaf(math.unit(1, name));
    }
    case "OperatorNode":
    case "FunctionNode": {
      const name =
        node.type === "OperatorNode"
          ? (n.fn as string)
          : ((n.fn as MathNode & { name: string }).name as string);
      const args = (n.args as MathNode[]).map((a) => compileNode(a, ctx));
      return combine(math, name, args);
    }
    case "ConditionalNode": {
      const condition = compileNode(n.condition as MathNode, ctx);
      const yes = compileNode(n.trueExpr as MathNode, ctx);
      const no = compileNode(n.falseExpr as MathNode, ctx);
      if (!isNone(condition.dims) || !sameDims(yes.dims, no.dims)) throw new NotCompiled("?:");
      // mathjs' test: a number or boolean is true when nonzero (NaN is false).
      const test = (v: Value) => (typeof v === "number" ? v !== 0 && !Number.isNaN(v) : v);
      if (condition.run === undefined) return test(condition.constant as Value) ? yes : no;
      const c = condition.run;
      const y = yes.run ?? (() => yes.constant as Value);
      const f = no.run ?? (() => no.constant as Value);
      return {
        run: (x) => (test(c(x)) ? y(x) : f(x)),
        constant: undefined,
        dims: yes.dims,
        ops: condition.ops + yes.ops + no.ops + 1,
        logical: yes.logical === true || no.logical === true,
      };
    }
    default:
      // RelationalNode (chained comparisons) and anything else: mathjs' evaluator.
      throw new NotCompiled(node.type);
  }
}

/** An operator or function applied to compiled arguments, with its dimension rule. */
function combine(math: MathJsInstance, name: string, args: Compiled[]): Compiled {
  const dims = args.map((a) => a.dims);
  const first = dims[0] ?? NONE;
  const plain = dims.every(isNone);
  let out: readonly number[] = NONE;
  if (plain) out = NONE;
  else if (name === "multiply" || name === "divide") {
    const b = dims[1] ?? NONE;
    out = first.map((x, i) => (name === "multiply" ? x + (b[i] ?? 0) : x - (b[i] ?? 0)));
  } else if (name === "pow" || name in POWERS) {
    const exponent = name === "pow" ? args[1] : undefined;
    if (exponent !== undefined && (exponent.run !== undefined || !isNone(exponent.dims))) {
      throw new NotCompiled("pow");
    }
    const p = exponent === undefined ? (POWERS[name] as number) : Number(exponent.constant);
    out = first.map((x) => x * p);
  } else if (SAME_DIMS.has(name)) {
    if (!dims.every((d) => sameDims(d, first))) throw new NotCompiled("dimensions");
    out = first;
  } else if (COMPARISONS.has(name)) {
    if (!dims.every((d) => sameDims(d, first))) throw new NotCompiled("dimensions");
    out = NONE;
  } else if (["sin", "cos", "tan", "sec", "csc", "cot"].includes(name) && dims.every(isAngle)) {
    out = NONE;
  } else {
    throw new NotCompiled(name);
  }
  const logical = COMPARISONS.has(name) || LOGICAL.has(name);
  return apply(numberImplementation(math, name, args.length), args, out, logical);
}

/** A formula compiled to closures: the value of level n in SI units, and its cost. */
export interface CompiledFormula {
  /** The level's value (a number in `options.unit` for an energy), or FALLBACK thrown. */
  readonly value: (n: number) => Value;
  /** The result's dimension. */
  readonly dims: readonly number[];
  /** Operations per level after folding (at least 1). */
  readonly ops: number;
}

/** The closures for a vetted tree, or undefined when mathjs' evaluator must run it. */
export function compileFast(tree: MathNode, ctx: CompileContext): CompiledFormula | undefined {
  try {
    const c = compileNode(tree, ctx);
    const run = c.run;
    const constant = c.constant as Value;
    return { value: run ?? (() => constant), dims: c.dims, ops: Math.max(1, c.ops) };
  } catch (error) {
    if (error instanceof NotCompiled || error === FALLBACK) return undefined;
    // Anything else thrown while folding a constant subtree (mathjs refusing an argument): the
    // evaluator will throw it again at level 0, with the formula and level in the message.
    return undefined;
  }
}

/**
 * The level's energy in the target unit: the compiled SI value times the one exact factor for
 * its dimension (an energy, per amount, wavenumber or frequency), or undefined when the value is
 * not a finite number (the caller asks mathjs for the level).
 */
export function energyIn(
  formula: CompiledFormula,
  target: Scaled | undefined,
): ((n: number) => number | undefined) | undefined {
  let factor: Factor | undefined;
  if (target !== undefined && !isNone(formula.dims)) {
    const perSI = joulesPerSI(formula.dims);
    if (perSI === undefined) return undefined; // not an energy: mathjs' message
    factor = factorOf(over(perSI, target));
  } else if (!isNone(formula.dims)) {
    return undefined;
  }
  const value = formula.value;
  return (n) => {
    let v: Value;
    try {
      v = value(n);
    } catch {
      // FALLBACK, or a function refusing its argument: mathjs evaluates the level (and words
      // the error) itself.
      return undefined;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
    if (factor === undefined) return v;
    const e = applyFactor(v, factor);
    return Number.isFinite(e) ? e : undefined;
  };
}
