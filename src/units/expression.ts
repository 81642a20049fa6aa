/**
 * Typed-in formulas, safely: the text is parsed by mathjs and its syntax tree is checked against
 * a whitelist before anything is compiled, so only arithmetic on numbers, the index, the caller's
 * scope, a fixed set of functions and constants, and (when asked) units survive. What the mathjs
 * security guide warns about is refused by name with a message; the instance's dangerous
 * functions are also disabled (mathjs.ts), as a second line.
 * @internal
 */
import type { MathNode } from "mathjs";
import { DISABLED, mathjs } from "./mathjs.js";

/**
 * The longest formula {@link spectrumFromExpression} accepts, in characters: longer text is a
 * RangeError before it is parsed.
 * @example
 * ```ts
 * MAX_EXPRESSION_LENGTH // => 1000
 * ```
 */
export const MAX_EXPRESSION_LENGTH = 1000;

/** Functions an expression may call (all are pure, total and fast on numbers). */
export const ALLOWED_FUNCTIONS = new Set([
  "abs",
  "sign",
  "sqrt",
  "cbrt",
  "square",
  "cube",
  "exp",
  "expm1",
  "log",
  "log10",
  "log2",
  "log1p",
  "pow",
  "nthRoot",
  "hypot",
  "sin",
  "cos",
  "tan",
  "sec",
  "csc",
  "cot",
  "asin",
  "acos",
  "atan",
  "atan2",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "floor",
  "ceil",
  "round",
  "fix",
  "mod",
  "min",
  "max",
  "gamma",
  "lgamma",
  "factorial",
  "erf",
]);

/** The comparisons an expression may use (mathjs' function names); each gives a boolean. */
export const COMPARISONS = new Set([
  "smaller",
  "larger",
  "smallerEq",
  "largerEq",
  "equal",
  "unequal",
]);

/** The logical operators; each gives a boolean. */
export const LOGICAL = new Set(["and", "or", "xor", "not"]);

/** Operators an expression may use. */
const ALLOWED_OPERATORS = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
  "mod",
  "factorial",
  ...COMPARISONS,
  ...LOGICAL,
]);

/** Mathematical constants an expression may name. */
export const ALLOWED_CONSTANTS = new Set([
  "pi",
  "PI",
  "e",
  "E",
  "tau",
  "phi",
  "LN2",
  "LN10",
  "LOG2E",
  "LOG10E",
  "SQRT2",
  "SQRT1_2",
]);

/** Physical constants (mathjs' CODATA 2018 quantities), allowed with units. */
export const PHYSICAL_CONSTANTS = new Set([
  "planckConstant",
  "reducedPlanckConstant",
  "boltzmann",
  "speedOfLight",
  "avogadro",
  "elementaryCharge",
  "electronMass",
  "protonMass",
  "neutronMass",
  "atomicMass",
  "bohrMagneton",
  "nuclearMagneton",
  "bohrRadius",
  "hartreeEnergy",
  "rydberg",
  "gasConstant",
]);

/** Where a formula comes from, for messages. */
export interface ExpressionContext {
  /** The public function, e.g. "spectrumFromExpression". */
  fn: string;
  /** The argument, e.g. "options.energy". */
  name: string;
  /** The names the caller binds: the index and the scope's keys. */
  variables: ReadonlySet<string>;
  /** The index variable's name, for messages. */
  index: string;
  /** Whether units and physical constants may appear. */
  units: boolean;
}

/** A `name(` or a whole-word `name` in the text: its 1-based position, or undefined. */
function positionOf(text: string, name: string, call: boolean): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(?<![A-Za-z0-9_$])${escaped}${call ? "\\s*\\(" : "(?![A-Za-z0-9_$])"}`);
  const m = re.exec(text);
  return m === null ? undefined : m.index + 1;
}

function at(text: string, name: string, call = false): string {
  const p = positionOf(text, name, call);
  return p === undefined ? "" : ` at character ${p}`;
}

/** Text around a 1-based position, with a caret under it. */
function pointer(text: string, position: number): string {
  const i = Math.max(0, Math.min(text.length, position - 1));
  const from = Math.max(0, i - 30);
  const to = Math.min(text.length, i + 30);
  const line =
    `${from > 0 ? "…" : ""}${text.slice(from, to)}${to < text.length ? "…" : ""}`.replace(
      /\s/g,
      " ",
    );
  const caret = " ".repeat(i - from + (from > 0 ? 1 : 0));
  return `\n  ${line}\n  ${caret}^`;
}

function brief(node: MathNode): string {
  const s = node.toString();
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Throws a RangeError unless every node of the tree is allowed. */
function check(node: MathNode, text: string, ctx: ExpressionContext): void {
  const refuse = (what: string): never => {
    throw new RangeError(`${ctx.fn}: ${ctx.name} ${what}`);
  };
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case "ConstantNode": {
      if (typeof n.value !== "number") {
        refuse(`contains the ${typeof n.value} constant ${brief(node)}; only numbers are allowed`);
      }
      return;
    }
    case "SymbolNode": {
      const name = n.name as string;
      if (ctx.variables.has(name) || ALLOWED_CONSTANTS.has(name)) return;
      if (ALLOWED_FUNCTIONS.has(name)) {
        refuse(`names the function ${name}${at(text, name)} without calling it`);
      }
      if ((DISABLED as readonly string[]).includes(name)) {
        refuse(`names ${name}${at(text, name)}, which is disabled in expressions`);
      }
      const { math } = mathjs();
      if (PHYSICAL_CONSTANTS.has(name) || math.Unit.isValuelessUnit(name)) {
        if (ctx.units) return;
        refuse(
          `uses the ${PHYSICAL_CONSTANTS.has(name) ? "physical constant" : "unit"} ${name}${at(text, name)}; pass options.unit (e.g. "meV") to compute with quantities`,
        );
      }
      refuse(
        `uses the unknown name ${name}${at(text, name)}: it is not the index ${ctx.index}, not in options.scope, and not a constant such as pi or e`,
      );
      return;
    }
    case "OperatorNode": {
      const op = n.fn as string;
      if (!ALLOWED_OPERATORS.has(op)) {
        refuse(`uses the operator "${n.op as string}" (${op}), which is not allowed`);
      }
      for (const arg of n.args as MathNode[]) check(arg, text, ctx);
      return;
    }
    case "ParenthesisNode":
      check(n.content as MathNode, text, ctx);
      return;
    case "ConditionalNode":
      check(n.condition as MathNode, text, ctx);
      check(n.trueExpr as MathNode, text, ctx);
      check(n.falseExpr as MathNode, text, ctx);
      return;
    case "RelationalNode":
      for (const p of n.params as MathNode[]) check(p, text, ctx);
      return;
    case "FunctionNode": {
      const callee = n.fn as MathNode & { name?: string };
      if (callee.type !== "SymbolNode") {
        refuse(
          `calls ${brief(callee)}: only named functions may be called (property access such as .constructor is not allowed)`,
        );
      }
      const name = callee.name as string;
      if (!ALLOWED_FUNCTIONS.has(name)) {
        const why = (DISABLED as readonly string[]).includes(name)
          ? "which is disabled in expressions (it could parse or change the expression environment)"
          : "which is not an allowed function";
        refuse(
          `calls ${name}()${at(text, name, true)}, ${why}; allowed: ${[...ALLOWED_FUNCTIONS].join(", ")}`,
        );
      }
      for (const arg of n.args as MathNode[]) check(arg, text, ctx);
      return;
    }
    case "AssignmentNode":
      refuse(`assigns ${brief(node)}; definitions are not allowed (use options.scope for values)`);
      return;
    case "FunctionAssignmentNode":
      refuse(`defines the function ${brief(node)}; definitions are not allowed`);
      return;
    case "BlockNode":
      refuse("holds several statements (separated by ; or a new line); give a single expression");
      return;
    case "AccessorNode":
    case "IndexNode":
      refuse(`accesses a property or an element (${brief(node)}); property access is not allowed`);
      return;
    case "ArrayNode":
    case "ObjectNode":
    case "RangeNode":
      refuse(
        `builds ${node.type === "ObjectNode" ? "an object" : node.type === "RangeNode" ? "a range" : "an array"} (${brief(node)}); only numbers are allowed`,
      );
      return;
    default:
      refuse(`uses a ${node.type}, which is not allowed`);
  }
}

/** A vetted formula: its syntax tree and mathjs' compiled evaluator of it. */
export interface VettedExpression {
  readonly tree: MathNode;
  evaluate(scope: Map<string, unknown>): unknown;
}

/**
 * Checks the length, parses (a syntax error points at its character) and vets the tree, and
 * returns it with mathjs' compiled evaluator.
 */
export function compileExpression(text: unknown, ctx: ExpressionContext): VettedExpression {
  if (typeof text !== "string") {
    throw new TypeError(
      `${ctx.fn}: ${ctx.name} must be a string (an expression such as "${ctx.index} + 1/2"), got ${text === null ? "null" : typeof text}`,
    );
  }
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new RangeError(
      `${ctx.fn}: ${ctx.name} is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  if (text.trim() === "") throw new RangeError(`${ctx.fn}: ${ctx.name} is empty`);
  const { parse } = mathjs();
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (error) {
    const e = error as Error & { char?: number };
    const position = typeof e.char === "number" ? e.char : undefined;
    const message = e.message.replace(/\s*\(char \d+\)\s*$/, "");
    throw new RangeError(
      position === undefined
        ? `${ctx.fn}: ${ctx.name} has a syntax error: ${message}`
        : `${ctx.fn}: ${ctx.name} has a syntax error at character ${position}: ${message}${pointer(text, position)}`,
    );
  }
  check(tree, text, ctx);
  const compiled = tree.compile();
  return { tree, evaluate: (scope) => compiled.evaluate(scope) };
}
