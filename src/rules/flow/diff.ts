/** What changed between two versions of a flow: rules added, removed, changed (field by field) or moved. */
import type { FlowDocument, FlowRule } from './schema.js';

export interface RuleChange {
  stage: string;
  ruleId: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

export interface FlowDiff {
  stagesAdded: string[];
  stagesRemoved: string[];
  stageOrderChanged: boolean;
  rulesAdded: Array<{ stage: string; rule: FlowRule }>;
  rulesRemoved: Array<{ stage: string; rule: FlowRule }>;
  rulesChanged: RuleChange[];
  rulesMoved: Array<{ ruleId: string; from: string; to: string }>;
  /** Other top-level sections that differ (bands, strategy, screening, score, stage settings). */
  settingsChanged: Array<{ path: string; before: unknown; after: unknown }>;
  identical: boolean;
}

function rulesOf(doc: FlowDocument): Map<string, { stage: string; rule: FlowRule }> {
  const m = new Map<string, { stage: string; rule: FlowRule }>();
  for (const s of doc.stages) if (s.type === 'rules') for (const r of s.rules) m.set(r.id, { stage: s.id, rule: r });
  return m;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffFlows(before: FlowDocument, after: FlowDocument): FlowDiff {
  const ids = (d: FlowDocument) => d.stages.map((s) => s.id);
  const a = ids(before);
  const b = ids(after);
  const stagesAdded = b.filter((x) => !a.includes(x));
  const stagesRemoved = a.filter((x) => !b.includes(x));
  const common = a.filter((x) => b.includes(x));
  const stageOrderChanged = !same(
    common,
    b.filter((x) => a.includes(x)),
  );
  const ra = rulesOf(before);
  const rb = rulesOf(after);
  const diff: FlowDiff = {
    stagesAdded,
    stagesRemoved,
    stageOrderChanged,
    rulesAdded: [...rb].filter(([id]) => !ra.has(id)).map(([, v]) => v),
    rulesRemoved: [...ra].filter(([id]) => !rb.has(id)).map(([, v]) => v),
    rulesChanged: [],
    rulesMoved: [],
    settingsChanged: [],
    identical: false,
  };
  for (const [id, x] of ra) {
    const y = rb.get(id);
    if (!y) continue;
    if (x.stage !== y.stage) diff.rulesMoved.push({ ruleId: id, from: x.stage, to: y.stage });
    const fields = new Set([...Object.keys(x.rule), ...Object.keys(y.rule)]) as Set<keyof FlowRule>;
    const changes = [...fields]
      .filter((f) => !same(x.rule[f], y.rule[f]))
      .map((f) => ({ field: f, before: x.rule[f] ?? null, after: y.rule[f] ?? null }));
    if (changes.length > 0) diff.rulesChanged.push({ stage: y.stage, ruleId: id, changes });
  }
  for (const key of ['name', 'description', 'screening', 'score', 'bands', 'strategy'] as const) {
    if (!same(before[key], after[key]))
      diff.settingsChanged.push({ path: `/${key}`, before: before[key] ?? null, after: after[key] ?? null });
  }
  for (const s of after.stages) {
    const old = before.stages.find((o) => o.id === s.id);
    if (!old) continue;
    const strip = (st: typeof s) => {
      const { rules: _r, ...rest } = st as typeof st & { rules?: unknown };
      return rest;
    };
    if (!same(strip(old), strip(s)))
      diff.settingsChanged.push({ path: `/stages/${s.id}`, before: strip(old), after: strip(s) });
  }
  diff.identical =
    stagesAdded.length +
      stagesRemoved.length +
      diff.rulesAdded.length +
      diff.rulesRemoved.length +
      diff.rulesChanged.length +
      diff.rulesMoved.length +
      diff.settingsChanged.length ===
      0 && !stageOrderChanged;
  return diff;
}

/** Human-readable summary for the CLI. */
export function formatFlowDiff(d: FlowDiff): string {
  if (d.identical) return 'no differences';
  const out: string[] = [];
  for (const s of d.stagesAdded) out.push(`+ stage ${s}`);
  for (const s of d.stagesRemoved) out.push(`- stage ${s}`);
  if (d.stageOrderChanged) out.push('~ stage order changed');
  for (const r of d.rulesAdded) out.push(`+ rule ${r.rule.id} (${r.stage}): ${r.rule.action} when ${r.rule.when}`);
  for (const r of d.rulesRemoved) out.push(`- rule ${r.rule.id} (${r.stage}): ${r.rule.action} when ${r.rule.when}`);
  for (const m of d.rulesMoved) out.push(`~ rule ${m.ruleId} moved ${m.from} → ${m.to}`);
  for (const c of d.rulesChanged) {
    for (const ch of c.changes)
      out.push(`~ rule ${c.ruleId}.${ch.field}: ${JSON.stringify(ch.before)} → ${JSON.stringify(ch.after)}`);
  }
  for (const s of d.settingsChanged) out.push(`~ ${s.path} changed`);
  return out.join('\n');
}
