/** Syntax tree of a rule expression. `type` is filled in by the type-checker and read by the compiler. */

export type ValueType = 'number' | 'string' | 'boolean' | 'date' | 'number[]' | 'string[]' | 'null' | 'list';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOp = 'and' | 'or';

interface Base {
  /** 0-based offset of the node's first character, and its length in the source. */
  start: number;
  length: number;
  type?: ValueType;
}

export type Node =
  | (Base & { kind: 'number'; value: number })
  | (Base & { kind: 'string'; value: string })
  | (Base & { kind: 'boolean'; value: boolean })
  | (Base & { kind: 'null' })
  | (Base & { kind: 'name'; name: string })
  | (Base & { kind: 'array'; items: Node[] })
  | (Base & { kind: 'negate'; arg: Node })
  | (Base & { kind: 'not'; arg: Node })
  | (Base & { kind: 'arithmetic'; op: ArithmeticOp; left: Node; right: Node })
  | (Base & { kind: 'compare'; op: ComparisonOp; left: Node; right: Node })
  | (Base & { kind: 'logical'; op: LogicalOp; left: Node; right: Node })
  | (Base & { kind: 'in'; negated: boolean; value: Node; set: Node })
  | (Base & { kind: 'between'; value: Node; low: Node; high: Node })
  | (Base & { kind: 'call'; name: string; args: Node[] });

/** Names (fields, features, locals) an expression reads, in first-seen order; `it` is excluded. */
export function referencedNames(node: Node, out: string[] = []): string[] {
  switch (node.kind) {
    case 'name':
      if (node.name !== 'it' && !out.includes(node.name)) out.push(node.name);
      break;
    case 'array':
      for (const i of node.items) referencedNames(i, out);
      break;
    case 'negate':
    case 'not':
      referencedNames(node.arg, out);
      break;
    case 'arithmetic':
    case 'compare':
    case 'logical':
      referencedNames(node.left, out);
      referencedNames(node.right, out);
      break;
    case 'in':
      referencedNames(node.value, out);
      referencedNames(node.set, out);
      break;
    case 'between':
      referencedNames(node.value, out);
      referencedNames(node.low, out);
      referencedNames(node.high, out);
      break;
    case 'call':
      for (const a of node.args) referencedNames(a, out);
      break;
    default:
      break;
  }
  return out;
}
