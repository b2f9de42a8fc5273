/**
 * Type-checker: gives every node a type from the field catalogue, collecting all problems (not just the first)
 * with positions and "did you mean" suggestions.
 */
import type { FieldCatalog, FieldType } from '../../core/fields.js';
import type { Node, ValueType } from './ast.js';
import { issueAt, type ExpressionIssue } from './errors.js';
import { FUNCTIONS, functionNamed } from './functions.js';
import { nearestName } from './suggest.js';

export interface CheckOptions {
  catalog: FieldCatalog;
  /** Extra names visible to the expression (e.g. model outputs computed earlier in a flow). */
  locals?: Record<string, FieldType>;
  /** When given, `list('x')` must name a known list. */
  listNames?: Iterable<string>;
}

const ORDERED: ReadonlySet<ValueType> = new Set(['number', 'string', 'date']);
const EQUATABLE: ReadonlySet<ValueType> = new Set(['number', 'string', 'boolean', 'date']);

export function checkTypes(source: string, root: Node, options: CheckOptions): ExpressionIssue[] {
  const issues: ExpressionIssue[] = [];
  const itTypes: ValueType[] = [];
  const lists = options.listNames ? new Set(options.listNames) : undefined;
  const report = (node: Node, message: string, suggestion?: string) =>
    issues.push(issueAt(source, node.start, node.length, message, suggestion));

  const knownNames = (): string[] => [
    ...options.catalog.list().map((d) => d.name),
    ...Object.keys(options.locals ?? {}),
  ];

  function visit(node: Node): ValueType | undefined {
    const t = infer(node);
    if (t !== undefined) node.type = t;
    return t;
  }

  function infer(node: Node): ValueType | undefined {
    switch (node.kind) {
      case 'number':
        return Number.isFinite(node.value) ? 'number' : (report(node, 'number out of range'), undefined);
      case 'string':
        return 'string';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'name': {
        if (node.name === 'it') {
          const t = itTypes[itTypes.length - 1];
          if (t === undefined) report(node, "'it' is only defined inside any(), all() or count()");
          return t;
        }
        const local =
          options.locals && Object.hasOwn(options.locals, node.name) ? options.locals[node.name] : undefined;
        if (local) return local;
        const def = options.catalog.get(node.name);
        if (def) return def.type;
        const suggestion = nearestName(node.name, knownNames());
        const fn = functionNamed(node.name) ? ` ('${node.name}' is a function: call it with parentheses)` : '';
        report(
          node,
          `unknown field '${node.name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}${fn}`,
          suggestion,
        );
        return undefined;
      }
      case 'array': {
        if (node.items.length === 0) return (report(node, 'empty list'), undefined);
        const types = node.items.map(visit);
        if (types.some((t) => t === undefined)) return undefined;
        const concrete = types.filter((t) => t !== 'null');
        const el = concrete[0];
        if (el !== 'number' && el !== 'string') {
          return (report(node, `list items must be numbers or strings${el ? `, got ${el}` : ''}`), undefined);
        }
        const bad = node.items.find((_, i) => types[i] !== el && types[i] !== 'null');
        if (bad) return (report(bad, `all list items must be ${el}s, this one is ${bad.type}`), undefined);
        return el === 'number' ? 'number[]' : 'string[]';
      }
      case 'negate': {
        const t = visit(node.arg);
        if (t === undefined) return undefined;
        if (t !== 'number' && t !== 'null') return (report(node, `cannot negate ${t}`), undefined);
        return 'number';
      }
      case 'not': {
        const t = visit(node.arg);
        if (t === undefined) return undefined;
        if (t !== 'boolean' && t !== 'null') return (report(node, `'not' needs a boolean, got ${t}`), undefined);
        return 'boolean';
      }
      case 'arithmetic': {
        const l = visit(node.left);
        const r = visit(node.right);
        if (l === undefined || r === undefined) return undefined;
        if (
          node.op === '+' &&
          (l === 'string' || r === 'string') &&
          (l === 'string' || l === 'null') &&
          (r === 'string' || r === 'null')
        ) {
          return 'string';
        }
        if ((l === 'number' || l === 'null') && (r === 'number' || r === 'null')) return 'number';
        const hint = l === 'date' || r === 'date' ? ' (use daysBetween/hoursSince for dates)' : '';
        return (report(node, `type mismatch: ${l} ${node.op} ${r}${hint}`), undefined);
      }
      case 'compare': {
        const l = visit(node.left);
        const r = visit(node.right);
        if (l === undefined || r === undefined) return 'boolean';
        const allowed = node.op === '==' || node.op === '!=' ? EQUATABLE : ORDERED;
        if (l === 'null' || r === 'null') {
          const other = l === 'null' ? r : l;
          if (node.op !== '==' && node.op !== '!=') report(node, `'${node.op}' with null is always false; use == null`);
          else if (other !== 'null' && !EQUATABLE.has(other)) report(node, `cannot compare ${other} with null`);
          return 'boolean';
        }
        if (l !== r) report(node, `type mismatch: cannot compare ${l} ${node.op} ${r}`);
        else if (!allowed.has(l)) report(node, `'${node.op}' is not defined for ${l}`);
        return 'boolean';
      }
      case 'logical': {
        const l = visit(node.left);
        const r = visit(node.right);
        for (const [side, t] of [
          [node.left, l],
          [node.right, r],
        ] as const) {
          if (t !== undefined && t !== 'boolean' && t !== 'null') report(side, `'${node.op}' needs booleans, got ${t}`);
        }
        return 'boolean';
      }
      case 'in': {
        const v = visit(node.value);
        const s = visit(node.set);
        if (v === undefined || s === undefined) return 'boolean';
        if (s === 'list') {
          if (v !== 'string' && v !== 'null') report(node.value, `list membership needs a text identifier, got ${v}`);
          return 'boolean';
        }
        if (s !== 'number[]' && s !== 'string[]') return (report(node.set, `'in' needs a list, got ${s}`), 'boolean');
        const el = s === 'number[]' ? 'number' : 'string';
        if (v !== el && v !== 'null') report(node, `type mismatch: ${v} in ${s}`);
        return 'boolean';
      }
      case 'between': {
        const types = [visit(node.value), visit(node.low), visit(node.high)];
        if (types.some((t) => t === undefined)) return 'boolean';
        const concrete = types.filter((t) => t !== 'null') as ValueType[];
        const first = concrete[0];
        if (first !== undefined && (!ORDERED.has(first) || concrete.some((t) => t !== first))) {
          report(node, `'between' needs three numbers, texts or dates, got ${types.join(', ')}`);
        }
        return 'boolean';
      }
      case 'call': {
        const def = functionNamed(node.name);
        if (!def) {
          const suggestion = nearestName(node.name, Object.keys(FUNCTIONS));
          report(
            node,
            `unknown function '${node.name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
            suggestion,
          );
          node.args.forEach(visit);
          return undefined;
        }
        const types: (ValueType | undefined)[] = [];
        node.args.forEach((arg, i) => {
          if (def.lambda && i === 1) {
            const listType = types[0];
            itTypes.push(listType === 'number[]' ? 'number' : 'string');
            types.push(visit(arg));
            itTypes.pop();
          } else {
            types.push(visit(arg));
          }
        });
        if (types.some((t) => t === undefined)) return undefined;
        const result = def.signature(node.args, types as ValueType[]);
        if (result === 'list' && lists && node.args[0]?.kind === 'string' && !lists.has(node.args[0].value)) {
          const suggestion = nearestName(node.args[0].value, lists);
          report(
            node.args[0],
            `unknown list '${node.args[0].value}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
            suggestion,
          );
          return 'list';
        }
        if (
          result === 'number' ||
          result === 'string' ||
          result === 'boolean' ||
          result === 'date' ||
          result === 'list' ||
          result === 'null' ||
          result === 'number[]' ||
          result === 'string[]'
        ) {
          return result;
        }
        report(node, `${node.name}: ${result}; usage ${def.usage}`);
        return undefined;
      }
    }
  }

  visit(root);
  if (root.type === 'list') report(root, "a list reference must be used as: value in list('name')");
  return issues;
}
