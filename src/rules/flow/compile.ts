/**
 * Flow compiler: checks a document against the field catalogue (every expression, every field the strategy reads,
 * duplicate ids, model availability) and turns it into closures. All problems are reported at once, each naming
 * the stage, the rule, and the line and column inside the expression.
 */
import type { FieldCatalog, FieldType } from '../../core/fields.js';
import { ValidationError, type FieldIssue } from '../../core/errors.js';
import { referencedNames, type Node } from '../expr/ast.js';
import { checkExpression, compileNode, ExpressionError, nearestName } from '../expr/index.js';
import type { Evaluator } from '../expr/runtime.js';
import type { FlowDocument, FlowStrategy, RuleAction } from './schema.js';

export interface FlowIssue {
  path: string;
  stage?: string;
  rule?: string;
  line?: number;
  column?: number;
  message: string;
  suggestion?: string;
}

export class FlowValidationError extends ValidationError {
  readonly problems: FlowIssue[];
  constructor(flowId: string, problems: FlowIssue[]) {
    super(
      `flow ${flowId} has ${problems.length} problem(s): ${problems
        .slice(0, 3)
        .map((p) => describeIssue(p))
        .join('; ')}`,
      problems.map((p): FieldIssue => ({ path: p.path, message: describeIssue(p) })),
    );
    this.problems = problems;
  }
}

export function describeIssue(p: FlowIssue): string {
  const where = [
    p.stage ? `stage '${p.stage}'` : '',
    p.rule ? `rule '${p.rule}'` : '',
    p.line ? `line ${p.line}, column ${p.column}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

export const ACTION_CODE: Record<RuleAction, number> = { flag: 0, 'score-adjust': 1, review: 2, decline: 3 };

export interface CompiledRule {
  /** Position in the flow's flat rule list (hit counters, overlaps). */
  index: number;
  id: string;
  name: string;
  stageId: string;
  action: RuleAction;
  actionCode: number;
  adjust: number;
  reasonCode: string;
  condition: Evaluator;
  /** Fields the condition reads, their readers, and whether each is a listed identifier to redact. */
  names: string[];
  readers: Evaluator[];
  redact: boolean[];
  dates: boolean[];
  /** Message pieces: text, or an expression whose value is shown. */
  template: Array<string | { evaluate: Evaluator; date: boolean }>;
}

export type CompiledStage =
  | { kind: 'rules'; id: string; skippable: boolean; rules: CompiledRule[] }
  | {
      kind: 'model';
      id: string;
      skippable: boolean;
      model: { name: string; version: string };
      output: string;
      primary: boolean;
    };

export interface CompiledStrategyFields {
  income: Evaluator;
  term: Evaluator | null;
  requested: Evaluator | null;
  obligations: Evaluator | null;
  multiLenderDebt: Evaluator | null;
  onTimeLoans: Evaluator | null;
  maxDpd: Evaluator | null;
}

export interface CompiledFlowPlan {
  document: FlowDocument;
  version: number | null;
  stages: CompiledStage[];
  rules: CompiledRule[];
  screening: Array<{ field: string; kind: string; read: Evaluator }>;
  scoreField: Evaluator | null;
  bands: Array<{ name: string; minScore: number; outcome: number }>;
  strategy: FlowStrategy | undefined;
  strategyFields: CompiledStrategyFields | null;
}

export interface CompileFlowOptions {
  catalog: FieldCatalog;
  /** Known list names; `list('x')` must name one of them when given. */
  listNames?: Iterable<string>;
  /** Model availability check (the registry); unknown name+version is an error when given. */
  models?: { has(name: string, version: string): boolean };
  version?: number | null;
  /**
   * Names whose values are personal identifiers: never copied into fired-rule values or messages. Defaults to a
   * name heuristic (phone, national id, email, card, account, device id, IP, address, name).
   */
  isIdentifier?: (name: string) => boolean;
}

const IDENTIFIER_NAMES = new Set([
  'phone',
  'mobile',
  'contactphone',
  'employerphone',
  'nationalid',
  'idnumber',
  'email',
  'card',
  'cardnumber',
  'bankcard',
  'account',
  'accountnumber',
  'iban',
  'deviceid',
  'ip',
  'ipaddress',
  'address',
  'name',
  'fullname',
]);
/** `applicant.phone`, `device_id`, `bankCard` are identifiers; `phone_age_days` or `open_accounts` are features. */
export function looksLikeIdentifier(name: string): boolean {
  const last = (name.split('.').pop() ?? name).replace(/_/g, '').toLowerCase();
  return IDENTIFIER_NAMES.has(last);
}

const OUTCOME_CODE = { approve: 0, review: 1, decline: 2 } as const;

/** Names used as the identifier in `x in list(..)`: their values are never copied into fired-rule values. */
function listedNames(node: Node, out: Set<string>): Set<string> {
  const walk = (n: Node): void => {
    switch (n.kind) {
      case 'in':
        if (n.set.kind === 'call' && n.set.name === 'list') referencedNames(n.value).forEach((x) => out.add(x));
        walk(n.value);
        walk(n.set);
        break;
      case 'negate':
      case 'not':
        walk(n.arg);
        break;
      case 'arithmetic':
      case 'compare':
      case 'logical':
        walk(n.left);
        walk(n.right);
        break;
      case 'between':
        walk(n.value);
        walk(n.low);
        walk(n.high);
        break;
      case 'call':
      case 'array':
        (n.kind === 'call' ? n.args : n.items).forEach(walk);
        break;
      default:
        break;
    }
  };
  walk(node);
  return out;
}

export function compileFlowPlan(doc: FlowDocument, options: CompileFlowOptions): CompiledFlowPlan {
  const problems: FlowIssue[] = [];
  const locals: Record<string, FieldType> = {};
  const listNames = options.listNames ? [...options.listNames] : undefined;
  const screeningFields = new Set((doc.screening?.identifiers ?? []).map((i) => i.field));
  const isIdentifier = options.isIdentifier ?? looksLikeIdentifier;

  const expr = (source: string, path: string, where: { stage?: string; rule?: string }, expect?: 'boolean') => {
    try {
      const root = checkExpression(source, {
        catalog: options.catalog,
        locals,
        ...(listNames ? { listNames } : {}),
        ...(expect ? { expect } : {}),
        path,
      });
      return { root, evaluate: compileNode(root, { locals: new Set(Object.keys(locals)) }) };
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      for (const d of e.details) {
        const issue: FlowIssue = { path, ...where, line: d.line, column: d.column, message: d.message };
        if (d.suggestion) issue.suggestion = d.suggestion;
        problems.push(issue);
      }
      return undefined;
    }
  };
  const nameReader = (name: string, path: string, where: { stage?: string }, wanted?: FieldType): Evaluator | null => {
    const def = options.catalog.get(name);
    const localType = locals[name];
    const type = def?.type ?? localType;
    if (!type) {
      const s = nearestName(name, [...options.catalog.list().map((d) => d.name), ...Object.keys(locals)]);
      problems.push({
        path,
        ...where,
        message: `unknown field '${name}'${s ? `; did you mean '${s}'?` : ''}`,
        ...(s ? { suggestion: s } : {}),
      });
      return null;
    }
    if (wanted && type !== wanted) {
      problems.push({ path, ...where, message: `'${name}' is ${type}, expected ${wanted}` });
      return null;
    }
    return compileNode(
      { kind: 'name', name, start: 0, length: name.length, type },
      { locals: new Set(Object.keys(locals)) },
    );
  };

  const screening = (doc.screening?.identifiers ?? []).flatMap((id, i) => {
    const read = nameReader(id.field, `/screening/identifiers/${i}/field`, {}, 'string');
    return read ? [{ field: id.field, kind: id.kind, read }] : [];
  });

  const stageIds = new Set<string>();
  const ruleIds = new Map<string, string>();
  const stages: CompiledStage[] = [];
  const rules: CompiledRule[] = [];
  let primaryCount = 0;

  doc.stages.forEach((stage, si) => {
    const where = { stage: stage.id };
    if (stageIds.has(stage.id)) problems.push({ path: `/stages/${si}/id`, ...where, message: 'duplicate stage id' });
    stageIds.add(stage.id);
    const skippable = stage.skippableForWhitelist === true;
    if (stage.type === 'model') {
      if (options.catalog.get(stage.output) || locals[stage.output]) {
        problems.push({
          path: `/stages/${si}/output`,
          ...where,
          message: `output name '${stage.output}' is already a field`,
        });
      }
      if (options.models && !options.models.has(stage.model.name, stage.model.version)) {
        problems.push({
          path: `/stages/${si}/model`,
          ...where,
          message: `model ${stage.model.name}@${stage.model.version} is not registered`,
        });
      }
      if (stage.primary) primaryCount++;
      locals[stage.output] = 'number';
      stages.push({
        kind: 'model',
        id: stage.id,
        skippable,
        model: stage.model,
        output: stage.output,
        primary: stage.primary === true,
      });
      return;
    }
    const compiledRules: CompiledRule[] = [];
    stage.rules.forEach((rule, ri) => {
      const rWhere = { stage: stage.id, rule: rule.id };
      const base = `/stages/${si}/rules/${ri}`;
      const prior = ruleIds.get(rule.id);
      if (prior !== undefined)
        problems.push({ path: `${base}/id`, ...rWhere, message: `duplicate rule id (also in stage '${prior}')` });
      ruleIds.set(rule.id, stage.id);
      if (rule.action === 'score-adjust' && rule.adjust === undefined) {
        problems.push({ path: `${base}/adjust`, ...rWhere, message: "action 'score-adjust' needs an 'adjust' value" });
      }
      const cond = expr(rule.when, `${base}/when`, rWhere, 'boolean');
      const template = compileTemplate(rule.message, `${base}/message`, rWhere);
      if (!cond || !template || rule.enabled === false) return;
      const names = referencedNames(cond.root);
      const listed = listedNames(cond.root, new Set(screeningFields));
      const compiled: CompiledRule = {
        index: -1,
        id: rule.id,
        name: rule.name,
        stageId: stage.id,
        action: rule.action,
        actionCode: ACTION_CODE[rule.action],
        adjust: rule.action === 'score-adjust' ? (rule.adjust ?? 0) : 0,
        reasonCode: rule.reasonCode,
        condition: cond.evaluate,
        names,
        readers: names.map((n) => nameReader(n, `${base}/when`, rWhere) ?? (() => null)),
        redact: names.map((n) => listed.has(n) || isIdentifier(n)),
        dates: names.map((n) => (options.catalog.get(n)?.type ?? locals[n]) === 'date'),
        template,
      };
      compiledRules.push(compiled);
    });
    for (const r of compiledRules) {
      r.index = rules.length;
      rules.push(r);
    }
    stages.push({ kind: 'rules', id: stage.id, skippable, rules: compiledRules });
  });

  function compileTemplate(
    message: string,
    path: string,
    where: { stage: string; rule: string },
  ): CompiledRule['template'] | undefined {
    const parts: CompiledRule['template'] = [];
    let ok = true;
    let last = 0;
    const re = /\{\{([^}]*)\}\}/g;
    for (let m = re.exec(message); m !== null; m = re.exec(message)) {
      if (m.index > last) parts.push(message.slice(last, m.index));
      const c = expr(m[1]!.trim(), path, where);
      if (!c) ok = false;
      else if (c.root.type === 'list') ok = false;
      else if (referencedNames(c.root).some((n) => screeningFields.has(n) || isIdentifier(n)))
        parts.push('[identifier]');
      else parts.push({ evaluate: c.evaluate, date: c.root.type === 'date' });
      last = m.index + m[0].length;
    }
    if (last < message.length) parts.push(message.slice(last));
    return ok ? parts : undefined;
  }

  if (primaryCount > 1) problems.push({ path: '/stages', message: 'at most one model stage may be primary' });
  const scoreField = doc.score?.field ? nameReader(doc.score.field, '/score/field', {}, 'number') : null;

  const bands = [...(doc.bands ?? [])]
    .map((b) => ({ name: b.name, minScore: b.minScore, outcome: OUTCOME_CODE[b.outcome ?? 'approve'] }))
    .sort((a, b) => b.minScore - a.minScore);
  const bandNames = new Set<string>();
  for (const b of doc.bands ?? []) {
    if (bandNames.has(b.name)) problems.push({ path: '/bands', message: `duplicate band '${b.name}'` });
    bandNames.add(b.name);
  }
  const hasScore = scoreField !== null || doc.score?.base !== undefined || primaryCount === 1;
  if (bands.length > 0 && !hasScore) {
    problems.push({
      path: '/bands',
      message: 'bands need a score: set score.field, score.base or a primary model stage',
    });
  }

  let strategyFields: CompiledStrategyFields | null = null;
  const lim = doc.strategy?.limit;
  if (lim) {
    const f = (name: string | undefined, key: string) =>
      name ? nameReader(name, `/strategy/limit/${key}`, {}, 'number') : null;
    const income = f(lim.incomeField, 'incomeField');
    strategyFields = {
      income: income ?? (() => null),
      term: f(lim.termField, 'termField'),
      requested: f(lim.requestedField, 'requestedField'),
      obligations: f(lim.obligationsField, 'obligationsField'),
      multiLenderDebt: f(lim.multiLenderDebtField, 'multiLenderDebtField'),
      onTimeLoans: f(lim.onTimeLoansField, 'onTimeLoansField'),
      maxDpd: f(lim.maxDpdField, 'maxDpdField'),
    };
    if (lim.minLimit > lim.maxLimit) problems.push({ path: '/strategy/limit', message: 'minLimit exceeds maxLimit' });
    if (bands.length === 0) problems.push({ path: '/strategy/limit', message: 'a limit strategy needs score bands' });
  }

  if (problems.length > 0) throw new FlowValidationError(doc.flowId, problems);
  return {
    document: doc,
    version: options.version ?? null,
    stages,
    rules,
    screening,
    scoreField,
    bands,
    strategy: doc.strategy,
    strategyFields,
  };
}
