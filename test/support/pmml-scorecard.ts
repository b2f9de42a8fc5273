/**
 * A small, independent PMML 4.4 Scorecard evaluator for tests: it reads only the XML (fast-xml-parser), never
 * riskloop's model, so a round trip through it checks what another engine would compute. It covers what a
 * scorecard export may use: DataDictionary (valid categorical values), MiningField invalidValueTreatment,
 * Characteristic / Attribute in document order (the first TRUE predicate scores), Simple / Compound / SimpleSet
 * predicates with PMML's three-valued logic (a comparison on a missing value is UNKNOWN, which does not match),
 * reason codes (pointsBelow / pointsAbove against baselineScore, summed per code, ranked by points, ties in
 * Characteristic order, only codes with positive points), and transformedValue outputs built from Apply / Constant
 * / FieldRef.
 */
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
type Truth = boolean | 'unknown';
export type Value = number | string | null;

const ARRAYS = new Set([
  'DataField',
  'Value',
  'MiningField',
  'OutputField',
  'Characteristic',
  'Attribute',
  'SimplePredicate',
  'SimpleSetPredicate',
  'CompoundPredicate',
]);

const list = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x === undefined ? [] : [x as Node]);
const str = (n: Node, k: string): string | undefined => (typeof n[k] === 'string' ? n[k] : undefined);

function need(n: Node, k: string): string {
  const v = str(n, k);
  if (v === undefined) throw new Error(`PMML: <${k}> attribute missing`);
  return v;
}

/** The entries of a PMML string/number Array: whitespace-separated, "quoted" when needed, \" inside quotes. */
export function parsePmmlArray(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    if (text[i] === '"') {
      let s = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        s += text[i++];
      }
      i++;
      out.push(s);
    } else {
      let s = '';
      while (i < text.length && !/\s/.test(text[i]!)) s += text[i++];
      out.push(s);
    }
  }
  return out;
}

interface Field {
  optype: string;
  dataType: string;
  values: Set<string> | null;
  invalid: string;
}

export interface PmmlScore {
  score: number;
  /** Ranked reason codes, as the reasonCode outputs would list them (all of them, not just the first few). */
  reasonCodes: string[];
  /** Every OutputField by name (predictedValue, reasonCode ranks, transformedValue). */
  outputs: Record<string, Value>;
}

export interface PmmlScorecard {
  modelName: string;
  fields: string[];
  score(row: Record<string, unknown>): PmmlScore;
}

export function readPmmlScorecard(xml: string): PmmlScorecard {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  });
  const doc = parser.parse(xml) as Node;
  const pmml = doc.PMML as Node;
  if (!pmml || pmml.version !== '4.4') throw new Error('PMML: not a PMML 4.4 document');
  const sc = pmml.Scorecard as Node;
  if (!sc) throw new Error('PMML: no Scorecard model');

  const fields = new Map<string, Field>();
  for (const df of list((pmml.DataDictionary as Node).DataField)) {
    const values = list(df.Value).map((v) => need(v, 'value'));
    fields.set(need(df, 'name'), {
      optype: need(df, 'optype'),
      dataType: need(df, 'dataType'),
      values: values.length ? new Set(values) : null,
      invalid: 'returnInvalid',
    });
  }
  for (const mf of list((sc.MiningSchema as Node).MiningField)) {
    const f = fields.get(need(mf, 'name'));
    if (!f) throw new Error(`PMML: MiningField ${String(mf.name)} is not in the DataDictionary`);
    f.invalid = str(mf, 'invalidValueTreatment') ?? 'returnInvalid';
  }

  const initial = Number(str(sc, 'initialScore') ?? '0');
  const useReasons = sc.useReasonCodes !== 'false';
  const algorithm = str(sc, 'reasonCodeAlgorithm') ?? 'pointsBelow';
  const scorecardBaseline = str(sc, 'baselineScore');
  const characteristics = list((sc.Characteristics as Node).Characteristic).map((c) => ({
    reasonCode: str(c, 'reasonCode'),
    baseline: Number(str(c, 'baselineScore') ?? scorecardBaseline ?? Number.NaN),
    attributes: list(c.Attribute).map((a) => ({
      partialScore: Number(need(a, 'partialScore')),
      reasonCode: str(a, 'reasonCode'),
      node: a,
    })),
  }));
  const outputs = list((sc.Output as Node | undefined)?.OutputField);

  /** The field's value after PMML's missing / invalid treatment. */
  const prepare = (name: string, raw: unknown): Value => {
    const f = fields.get(name);
    if (!f) throw new Error(`PMML: field ${name} is not in the DataDictionary`);
    if (raw === null || raw === undefined || (typeof raw === 'number' && Number.isNaN(raw))) return null;
    let v: Value;
    let valid = true;
    if (f.dataType === 'double' || f.dataType === 'float' || f.dataType === 'integer') {
      v = typeof raw === 'number' ? raw : Number(String(raw));
      valid = typeof v === 'number' && !Number.isNaN(v) && String(raw).trim() !== '';
    } else {
      v = String(raw);
      valid = f.values === null || f.values.has(v);
    }
    if (valid) return v;
    if (f.invalid === 'asMissing') return null;
    throw new Error(`PMML: invalid value for ${name} (invalidValueTreatment ${f.invalid})`);
  };

  const compare = (x: Value, op: string, target: string): Truth => {
    if (op === 'isMissing') return x === null;
    if (op === 'isNotMissing') return x !== null;
    if (x === null) return 'unknown';
    const y = typeof x === 'number' ? Number(target) : target;
    switch (op) {
      case 'equal':
        return x === y;
      case 'notEqual':
        return x !== y;
      case 'lessThan':
        return x < y;
      case 'lessOrEqual':
        return x <= y;
      case 'greaterThan':
        return x > y;
      case 'greaterOrEqual':
        return x >= y;
      default:
        throw new Error(`PMML: operator ${op}`);
    }
  };

  const predicate = (node: Node, row: Map<string, Value>): Truth => {
    const results: Truth[] = [];
    for (const p of list(node.SimplePredicate))
      results.push(compare(row.get(need(p, 'field')) ?? null, need(p, 'operator'), str(p, 'value') ?? ''));
    for (const p of list(node.SimpleSetPredicate)) {
      const x = row.get(need(p, 'field')) ?? null;
      const arr = list(p.Array)[0] as Node;
      const text = typeof arr === 'string' ? arr : String(arr['#text'] ?? '');
      const set = new Set(parsePmmlArray(text));
      results.push(x === null ? 'unknown' : set.has(String(x)) === (p.booleanOperator === 'isIn'));
    }
    for (const p of list(node.CompoundPredicate)) {
      const parts = predicate(p, row);
      results.push(parts);
    }
    if ('True' in node) results.push(true);
    if ('False' in node) results.push(false);
    if (results.length !== 1 && node.booleanOperator === undefined) throw new Error('PMML: one predicate expected');
    if (node.booleanOperator === undefined) return results[0]!;
    const op = node.booleanOperator;
    if (op === 'and') return results.includes(false) ? false : results.includes('unknown') ? 'unknown' : true;
    if (op === 'or') return results.includes(true) ? true : results.includes('unknown') ? 'unknown' : false;
    throw new Error(`PMML: booleanOperator ${String(op)}`);
  };

  // transformedValue expressions are read from an order-preserving parse: an Apply's arguments are positional
  const ordered = orderedOutputs(xml);

  return {
    modelName: str(sc, 'modelName') ?? '',
    fields: [...fields.keys()],
    score(input) {
      const row = new Map<string, Value>();
      for (const name of fields.keys()) row.set(name, prepare(name, input[name]));
      let score = initial;
      const points = new Map<string, number>();
      for (const c of characteristics) {
        const hit = c.attributes.find((a) => predicate(a.node, row) === true);
        if (!hit) throw new Error('PMML: no Attribute matched');
        score += hit.partialScore;
        const code = hit.reasonCode ?? c.reasonCode;
        if (useReasons && code !== undefined) {
          const diff = algorithm === 'pointsAbove' ? hit.partialScore - c.baseline : c.baseline - hit.partialScore;
          points.set(code, (points.get(code) ?? 0) + diff);
        }
      }
      // Map keeps first-seen (Characteristic) order and Array.sort is stable: ties stay in document order
      const reasonCodes = [...points.entries()]
        .filter(([, p]) => p > 0)
        .sort((x, y) => y[1] - x[1])
        .map(([code]) => code);
      const values: Record<string, Value> = {};
      for (const o of outputs) {
        const name = need(o, 'name');
        const feature = str(o, 'feature') ?? 'predictedValue';
        if (feature === 'predictedValue') values[name] = score;
        else if (feature === 'reasonCode') values[name] = reasonCodes[Number(str(o, 'rank') ?? '1') - 1] ?? null;
        else if (feature === 'transformedValue') {
          const expr = ordered.get(name);
          if (!expr) throw new Error(`PMML: output ${name} has no expression`);
          values[name] = evaluateExpression(expr, values);
        }
      }
      return { score, reasonCodes, outputs: values };
    },
  };
}

export type OrderedNode = Record<string, unknown>;

/** Value of an Apply / Constant / FieldRef element (order-preserving form) given the outputs computed so far. */
export function evaluateExpression(node: OrderedNode, values: Record<string, Value>): number {
  const [tag] = Object.keys(node).filter((k) => k !== ':@');
  const children = (node[tag!] as OrderedNode[]).filter((c) => !('#text' in c) || tag === 'Constant');
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  if (tag === 'Constant') return Number(children.map((c) => c['#text']).join(''));
  if (tag === 'FieldRef') return Number(values[attrs.field!]);
  if (tag !== 'Apply') throw new Error(`PMML: expression <${String(tag)}>`);
  const args = children.map((c) => evaluateExpression(c, values));
  const [a, b] = [args[0]!, args[1]!];
  switch (attrs.function) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case 'exp':
      return Math.exp(a);
    default:
      throw new Error(`PMML: function ${String(attrs.function)}`);
  }
}

/** OutputField name → its expression element, from fast-xml-parser's order-preserving form. */
export function orderedOutputs(xml: string): Map<string, OrderedNode> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    preserveOrder: true,
  });
  const out = new Map<string, OrderedNode>();
  const walk = (nodes: OrderedNode[]) => {
    for (const n of nodes) {
      const tag = Object.keys(n).find((k) => k !== ':@');
      if (!tag || tag === '#text') continue;
      const children = n[tag] as OrderedNode[];
      if (tag === 'OutputField') {
        const expr = children.find((c) => !('#text' in c));
        const name = (n[':@'] as Record<string, string> | undefined)?.name;
        if (expr && name) out.set(name, expr);
      } else walk(children);
    }
  };
  walk(parser.parse(xml) as OrderedNode[]);
  return out;
}
