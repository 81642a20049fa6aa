/**
 * Executable documentation: pulls every `@example` block out of the TSDoc in src/ and every
 * ```ts block out of the Markdown docs, runs it, and compares each `// => value` comment with
 * what the code gives. So a doc example can never drift from the library (mathjs does the same
 * in doc.test.js).
 */
import { readFileSync } from "node:fs";
import ts from "typescript";

/** One runnable example: its code and where it came from. */
export interface Example {
  file: string;
  line: number;
  code: string;
}

/** One `expression // => expected` check inside an example. */
export interface Check {
  line: number;
  got: string;
  expected: string;
}

/** The ```ts blocks of every @example in a TypeScript source file. */
export function examplesInSource(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const found: Example[] = [];
  let inExample = false;
  let block: string[] | undefined;
  let start = 0;
  lines.forEach((raw, index) => {
    const line = raw.replace(/^\s*\* ?/, "");
    if (/^\s*\*\s*@example/.test(raw)) {
      inExample = true;
      return;
    }
    if (inExample && block === undefined && /^```ts\s*$/.test(line.trim())) {
      block = [];
      start = index + 2;
      return;
    }
    if (block !== undefined && line.trim() === "```") {
      found.push({ file, line: start, code: block.join("\n") });
      block = undefined;
      inExample = false;
      return;
    }
    if (block !== undefined) block.push(line);
    if (/^\s*\*\//.test(raw)) inExample = false;
  });
  return found;
}

/** The ```ts blocks of a Markdown file (blocks marked ```ts no-run are skipped). */
export function examplesInMarkdown(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const found: Example[] = [];
  let block: string[] | undefined;
  let start = 0;
  lines.forEach((line, index) => {
    if (block === undefined && /^```(ts|typescript)\s*$/.test(line)) {
      block = [];
      start = index + 2;
      return;
    }
    if (block !== undefined && /^```\s*$/.test(line)) {
      found.push({ file, line: start, code: block.join("\n") });
      block = undefined;
      return;
    }
    if (block !== undefined) block.push(line);
  });
  return found;
}

/** Renders a value the way the examples write it: `Float64Array [0.5, 0.5]`, `"text"`, `-0`. */
export function render(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const items = Array.from(value as unknown as ArrayLike<number>, render);
    return `${value.constructor.name} [${items.join(", ")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${render(v)}`);
    return `{ ${entries.join(", ")} }`;
  }
  return String(value);
}

/**
 * Turns an example into a function body that records every `// =>` check. A statement whose
 * line ends in `// => value` (or that is followed by a line holding only `// => value`) becomes
 * `__check(line, () => (expression), "value")`; other lines run as written. Imports from
 * "gibbs-softmax" are dropped: the library is passed in.
 */
export function instrument(example: Example): string {
  const lines = example.code.split("\n");
  const out: string[] = [];
  let pending: { text: string; line: number } | undefined;
  const flush = () => {
    if (pending !== undefined) out.push(pending.text);
    pending = undefined;
  };
  lines.forEach((raw, k) => {
    const lineNo = example.line + k;
    if (/^\s*import\s.*from\s+["']gibbs-softmax(\/[\w-]+)?["'];?\s*$/.test(raw)) return;
    const only = raw.match(/^\s*\/\/ => (.*)$/);
    if (only && pending !== undefined) {
      out.push(wrap(pending.text, pending.line, only[1] as string));
      pending = undefined;
      return;
    }
    const inline = raw.match(/^(.*?);?\s*\/\/ => (.*)$/);
    flush();
    if (inline) {
      out.push(wrap(inline[1] as string, lineNo, inline[2] as string));
      return;
    }
    if (/^\s*\/\//.test(raw) || raw.trim() === "") {
      out.push(raw);
      return;
    }
    pending = { text: raw, line: lineNo };
  });
  flush();
  return out.join("\n");
}

function wrap(expression: string, line: number, expected: string): string {
  const expr = expression.trim().replace(/;$/, "");
  return `__check(${line}, () => (${expr}), ${JSON.stringify(expected.trim())});`;
}

/** Runs an example with the given bindings in scope and returns its checks. */
export async function runExample(
  example: Example,
  bindings: Record<string, unknown>,
): Promise<Check[]> {
  const body = ts.transpileModule(instrument(example), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const checks: Check[] = [];
  const check = (line: number, thunk: () => unknown, expected: string) => {
    checks.push({ line, got: render(thunk()), expected });
  };
  const names = Object.keys(bindings);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const run = new AsyncFunction(...names, "__check", body);
  await run(...names.map((n) => bindings[n]), check);
  return checks;
}
