/**
 * A small, independent evaluator of PMML 4.4 tree ensembles for tests (the shape riskloop exports: a MiningModel
 * whose Segmentation sums TreeModels), reading only the XML. It covers DataDictionary types (a `float` field rounds
 * its input to float32, as an engine converting to the declared type does), invalid → missing, MapValues derived
 * fields from an InlineTable (an unmapped value is missing), TreeModel with missingValueStrategy="defaultChild" (a
 * child predicate that is UNKNOWN sends the row to the parent's defaultChild; otherwise the first TRUE child wins),
 * and transformedValue outputs through the scorecard reader's expression evaluator.
 */
import { XMLParser } from 'fast-xml-parser';
import { evaluateExpression, orderedOutputs, type Value } from './pmml-scorecard.js';

type Node = Record<string, unknown>;
type Truth = boolean | 'unknown';

const ARRAYS = new Set(['DataField', 'Value', 'DerivedField', 'row', 'Segment', 'Node', 'OutputField']);
const list = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x === undefined ? [] : [x as Node]);
const text = (x: unknown): string =>
  typeof x === 'object' && x !== null ? String((x as Node)['#text'] ?? '') : String(x);

export interface PmmlTrees {
  modelName: string;
  score(row: Record<string, unknown>): Record<string, Value>;
}

export function readPmmlTrees(xml: string): PmmlTrees {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  });
  const pmml = (parser.parse(xml) as Node).PMML as Node;
  if (!pmml || pmml.version !== '4.4') throw new Error('PMML: not a PMML 4.4 document');
  const mining = pmml.MiningModel as Node;
  const segmentation = mining?.Segmentation as Node;
  if (!segmentation || segmentation.multipleModelMethod !== 'sum')
    throw new Error('PMML: expected a summed Segmentation');

  const fields = list((pmml.DataDictionary as Node).DataField).map((f) => ({
    name: String(f.name),
    dataType: String(f.dataType),
    values: list(f.Value).length ? new Set(list(f.Value).map((v) => String(v.value))) : null,
  }));
  const derived = list((pmml.TransformationDictionary as Node | undefined)?.DerivedField).map((d) => {
    const map = d.MapValues as Node;
    const pair = map.FieldColumnPair as Node;
    const column = String(pair.column);
    const out = String(map.outputColumn);
    const table = new Map(list((map.InlineTable as Node).row).map((r) => [text(r[column]), Number(text(r[out]))]));
    return { name: String(d.name), field: String(pair.field), table };
  });
  const trees = list(segmentation.Segment).map((s) => {
    const tm = s.TreeModel as Node;
    if (tm.missingValueStrategy !== 'defaultChild') throw new Error('PMML: expected missingValueStrategy defaultChild');
    return list(tm.Node)[0]!;
  });
  const outputs = list((mining.Output as Node | undefined)?.OutputField);
  const ordered = orderedOutputs(xml);

  const predicate = (node: Node, row: Map<string, number | string | null>): Truth => {
    if ('True' in node) return true;
    if ('False' in node) return false;
    const p = node.SimplePredicate as Node | undefined;
    if (!p) throw new Error('PMML: unsupported predicate');
    const x = row.get(String(p.field)) ?? null;
    if (x === null) return 'unknown';
    const y = Number(p.value);
    if (p.operator === 'lessThan') return (x as number) < y;
    if (p.operator === 'greaterOrEqual') return (x as number) >= y;
    throw new Error(`PMML: operator ${String(p.operator)}`);
  };

  const leaf = (root: Node, row: Map<string, number | string | null>): number => {
    let node = root;
    for (;;) {
      const children = list(node.Node);
      if (children.length === 0) return Number(node.score);
      const truths = children.map((c) => predicate(c, row));
      const next = truths.includes('unknown')
        ? children.find((c) => String(c.id) === String(node.defaultChild))
        : children[truths.indexOf(true)];
      if (!next) throw new Error(`PMML: no child to follow from node ${String(node.id)}`);
      node = next;
    }
  };

  return {
    modelName: String(mining.modelName ?? ''),
    score(input) {
      const row = new Map<string, number | string | null>();
      for (const f of fields) {
        const raw = input[f.name];
        let v: number | string | null = null;
        if (raw !== null && raw !== undefined && !(typeof raw === 'number' && Number.isNaN(raw))) {
          if (f.dataType === 'string') v = f.values && !f.values.has(String(raw)) ? null : String(raw);
          else {
            const x = typeof raw === 'number' ? raw : String(raw).trim() === '' ? Number.NaN : Number(raw);
            v = Number.isNaN(x) ? null : f.dataType === 'float' ? Math.fround(x) : x;
          }
        }
        row.set(f.name, v);
      }
      for (const d of derived) {
        const v = row.get(d.field);
        row.set(d.name, v === null || v === undefined ? null : (d.table.get(String(v)) ?? null));
      }
      let margin = 0;
      for (const t of trees) margin += leaf(t, row);
      const values: Record<string, Value> = {};
      for (const o of outputs) {
        const name = String(o.name);
        if ((o.feature ?? 'predictedValue') === 'predictedValue') values[name] = margin;
        else {
          const expr = ordered.get(name);
          if (!expr) throw new Error(`PMML: output ${name} has no expression`);
          values[name] = evaluateExpression(expr, values);
        }
      }
      return values;
    },
  };
}
