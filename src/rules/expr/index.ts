/** The expression language: parse → type-check against the field catalogue → compile to closures. */
import type { FieldType } from '../../core/fields.js';
import { referencedNames, type Node, type ValueType } from './ast.js';
import { checkTypes, type CheckOptions } from './check.js';
import { compileNode } from './compile.js';
import { ExpressionError, issueAt } from './errors.js';
import { parseExpression } from './parser.js';
import type { EvalEnv, Evaluator, Facts } from './runtime.js';

export interface CompiledExpression {
  source: string;
  type: ValueType;
  /** Fields and locals the expression reads, so a fired rule can show the values that made it fire. */
  names: string[];
  evaluate: Evaluator;
}

export interface CompileExpressionOptions extends CheckOptions {
  /** Required result type (e.g. `boolean` for a rule condition). */
  expect?: FieldType | 'boolean';
  /** Prefix for issue paths, e.g. `/stages/0/rules/3/when`. */
  path?: string;
}

/** Parse and type-check; throws ExpressionError listing every problem with its line and column. */
export function checkExpression(source: string, options: CompileExpressionOptions): Node {
  let root: Node;
  try {
    root = parseExpression(source);
  } catch (e) {
    if (e instanceof ExpressionError && options.path) throw new ExpressionError(e.details, options.path);
    throw e;
  }
  const issues = checkTypes(source, root, options);
  if (issues.length === 0 && options.expect && root.type !== options.expect && root.type !== 'null') {
    issues.push(issueAt(source, root.start, root.length, `expected a ${options.expect} expression, got ${root.type}`));
  }
  if (issues.length > 0) throw new ExpressionError(issues, options.path ?? 'expression');
  return root;
}

export function compileExpression(source: string, options: CompileExpressionOptions): CompiledExpression {
  const root = checkExpression(source, options);
  const evaluate = compileNode(root, { locals: new Set(Object.keys(options.locals ?? {})) });
  return { source, type: root.type!, names: referencedNames(root), evaluate };
}

/** Rule conditions: true only when the expression is exactly true (null and false do not fire). */
export function compileCondition(
  source: string,
  options: CompileExpressionOptions,
): CompiledExpression & {
  test(facts: Facts, env: EvalEnv): boolean;
} {
  const compiled = compileExpression(source, { ...options, expect: 'boolean' });
  const ev = compiled.evaluate;
  return { ...compiled, test: (f, e) => ev(f, e) === true };
}

export type { Node, ValueType } from './ast.js';
export { referencedNames } from './ast.js';
export { ExpressionError, type ExpressionIssue } from './errors.js';
export { FUNCTIONS } from './functions.js';
export { parseExpression } from './parser.js';
export { compileNode } from './compile.js';
export { createEnv, readPath, type EvalEnv, type Evaluator, type Facts, type ListLookup } from './runtime.js';
export { editDistance, nearestName } from './suggest.js';
export type { CheckOptions } from './check.js';
