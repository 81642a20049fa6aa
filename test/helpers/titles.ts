/**
 * The `describe`, `it` and `test` blocks of a test file, read with the TypeScript parser (so a
 * block counts whatever its layout, and a commented-out one does not): for the checks that tie a
 * page of the docs to the tests that hold it (test/edge-cases-map.test.ts,
 * test/reliability-doc.test.ts).
 */
import ts from "typescript";

/** A piece of text to match: literal characters, and wildcards (null) that match any text. */
export type Pattern = (string | null)[];

export interface Block {
  /** The title as written: a string literal's text, or a template literal's head. */
  title: string;
  /** What the title can print: `${…}` substitutions and it.each's `%s` are wildcards. */
  pattern: Pattern;
  /** 1-based line of the block's statement. */
  line: number;
}

/** True when a call's callee is describe/it/test, also as describe.each(...)(...), it.skip(...). */
function isBlock(callee: ts.Expression): boolean {
  let e: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) e = e.expression;
  return ts.isIdentifier(e) && ["describe", "it", "test"].includes(e.text);
}

function literal(s: string): Pattern {
  const out: Pattern = [];
  for (const part of s.split(/(%[sdifjo#%])/)) {
    if (/^%[sdifjo#]$/.test(part)) out.push(null);
    else for (const ch of part) out.push(ch);
  }
  return out;
}

/**
 * The blocks of a test file: only those at the top level (`depth: "top"`, statements of the file)
 * or every one at any depth (`"all"`). A block whose title is not a literal has the title "".
 */
export function testBlocks(file: string, text: string, depth: "top" | "all"): Block[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Block[] = [];
  const record = (call: ts.CallExpression, at: ts.Node): void => {
    const first = call.arguments[0];
    const line = source.getLineAndCharacterOfPosition(at.getStart()).line + 1;
    if (first !== undefined && ts.isStringLiteralLike(first))
      found.push({ title: first.text, pattern: literal(first.text), line });
    else if (first !== undefined && ts.isTemplateExpression(first)) {
      const pattern = literal(first.head.text);
      for (const span of first.templateSpans) pattern.push(null, ...literal(span.literal.text));
      found.push({ title: first.head.text, pattern, line });
    } else found.push({ title: "", pattern: [null], line });
  };
  if (depth === "top") {
    for (const statement of source.statements) {
      if (!ts.isExpressionStatement(statement)) continue;
      const call = statement.expression;
      if (ts.isCallExpression(call) && isBlock(call.expression)) record(call, statement);
    }
    return found;
  }
  const visit = (node: ts.Node): void => {
    // it.each(table)(title, …): the outer call has the title; the inner one only the table
    const parent = node.parent as ts.Node | undefined;
    const callee =
      parent !== undefined && ts.isCallExpression(parent) && parent.expression === node;
    if (ts.isCallExpression(node) && isBlock(node.expression) && !callee) record(node, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
