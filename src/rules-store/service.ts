/**
 * Policy administration over the store: lists (create, add/remove entries, CSV import), flow versions (draft,
 * validate, diff, publish), backtests, the champion–challenger report and decision replay. Every change goes to the
 * store (audited there, actor = API key id or CLI user) and then to this node's in-memory runtime.
 */
import {
  AsyncScoringError,
  checkFairnessSettings,
  delinquencyCtes,
  FairnessGateError,
  flaggedGroups,
  protectedGroups,
  systemClock,
  type FairnessGateCheck,
  type FairnessSettings,
  type Actor as Person,
  type Application,
  type FieldCatalog,
  type Role,
} from '../core/index.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  hashIdentifier,
  normalizeIdentifier,
  type FieldIssue,
} from '../core/index.js';
import {
  createDraft,
  compareShadow,
  diffFlows,
  formatFlowDiff,
  FlowValidationError,
  parseFlowDocument,
  parseListCsv,
  publishVersion,
  setTrafficShare,
  rowMapper,
  runBacktest,
  updateDraft,
  assertFlowDocument,
  flowVersionLabel,
  LIST_COLORS,
  LIST_KINDS,
  type BacktestReport,
  type CompiledFlow,
  type FlowDiff,
  type FlowDocument,
  type FlowIssue,
  type FlowRole,
  type FlowVersionRecord,
  type LabelledFacts,
  type ListDefinition,
  type ListEntry,
  type ListIndex,
  type ListKind,
  type ModelScorer,
  type ShadowComparison,
} from '../rules/index.js';
import {
  enrichStage,
  flowSummary,
  IDENTIFIER_FACTS,
  loadKnockoutPolicy,
  recordedLists,
  sameSummary,
  unpackFacts,
  type DecisionContext,
  type FlowSummary,
  type KnockoutPolicy,
  type StoredFlowRun,
} from '../decision/index.js';
import { tenantRepository, type Store } from '../store/index.js';
import { appendAuditEntry } from '../audit/index.js';
import { armOutcomes, type ArmOutcome } from './arms.js';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { PolicyRuntime } from './runtime.js';
import type { AuditRow } from './audit.js';

export interface Actor extends Person {
  /** API key id, user id, or `cli:<user>`. */
  id: string;
  role: Role;
}

/** A flow given as a JSON document or as YAML/JSON text (authoring errors then carry the text's line/column). */
export interface FlowInput {
  document?: unknown;
  text?: string;
}

export interface NewEntry {
  /** Clear identifier: hashed at once, never stored or logged. */
  value?: string;
  /** Or an already keyed hash (43 base64url characters). */
  hash?: string;
  reason: string;
  source?: string;
  expiresAt?: string | null;
}

export type BacktestSource =
  | { kind: 'decisions'; limit?: number }
  | { kind: 'applications'; limit?: number }
  | { kind: 'csv'; text: string; labelColumn?: string; idColumn?: string; timeColumn?: string };

export interface ReplayResult {
  decisionId: string;
  flowVersion: string;
  /** The replayed result equals the stored one (timings aside). */
  matches: boolean;
  stored: FlowSummary;
  replayed: FlowSummary;
}

const HASH_RE = /^[A-Za-z0-9_-]{43}$/;

export interface PolicyService {
  readonly runtime: PolicyRuntime;
  lists(tenantId: string): Promise<Array<ListDefinition & { entries: number }>>;
  createList(tenantId: string, def: ListDefinition, actor: Actor): Promise<ListDefinition>;
  addEntries(tenantId: string, list: string, items: NewEntry[], actor: Actor): Promise<{ hashes: string[] }>;
  removeEntry(tenantId: string, list: string, key: { value?: string; hash?: string }, actor: Actor): Promise<boolean>;
  importCsv(
    tenantId: string,
    list: string,
    text: string,
    actor: Actor,
    options?: { source?: string; defaultReason?: string },
  ): Promise<{ imported: number }>;
  entries(tenantId: string, list: string, page?: { limit?: number; offset?: number }): Promise<ListEntry[]>;

  validate(tenantId: string, input: FlowInput): { valid: boolean; problems: FlowIssue[]; flowId?: string };
  saveDraft(tenantId: string, input: FlowInput, actor: Actor, comment?: string): Promise<FlowVersionRecord>;
  updateDraft(
    tenantId: string,
    flowId: string,
    version: number,
    input: FlowInput,
    actor: Actor,
    comment?: string,
  ): Promise<FlowVersionRecord>;
  flows(tenantId: string): Promise<Array<{ flowId: string; latest: number; champion: number | null }>>;
  versions(tenantId: string, flowId: string): Promise<FlowVersionRecord[]>;
  version(tenantId: string, flowId: string, version: number): Promise<FlowVersionRecord>;
  diff(tenantId: string, flowId: string, from: number, to: number): Promise<{ diff: FlowDiff; text: string }>;
  publish(
    tenantId: string,
    flowId: string,
    version: number,
    actor: Actor,
    options?: {
      role?: FlowRole;
      comment?: string;
      traffic?: number;
      /** Told what the fairness gate found when it published (warn mode names the flagged groups). */
      onGate?: (check: FairnessGateCheck) => void;
    },
  ): Promise<FlowVersionRecord[]>;
  /** Changes a live challenger's share of live traffic (audited as `flow.traffic`). */
  setTraffic(
    tenantId: string,
    flowId: string,
    version: number,
    share: number,
    actor: Actor,
    comment: string,
  ): Promise<FlowVersionRecord>;
  /** Outcomes per arm of the live split: decisions, approvals, bad rate of mature loans. */
  arms(tenantId: string, flowId: string, options?: { since?: Date }): Promise<ArmOutcome[]>;
  backtest(
    tenantId: string,
    flowId: string,
    version: number,
    source: BacktestSource,
    onProgress?: (rows: number) => void,
    /** How the work hands the event loop back (a job's JobContext.pause). */
    pause?: () => Promise<void>,
  ): Promise<BacktestReport & { baselineVersion: string; draftVersion: string }>;
  shadowReport(
    tenantId: string,
    options?: { limit?: number },
  ): Promise<Array<{ challenger: string; comparison: ShadowComparison }>>;
  replay(tenantId: string, decisionId: string): Promise<ReplayResult>;
  audit(tenantId: string, query?: { subject?: string; limit?: number }): Promise<AuditRow[]>;
  /** The publish gate's settings (warn at four-fifths unless the tenant set otherwise). */
  fairnessSettings(tenantId: string): Promise<FairnessSettings>;
  /** Changes them (a bad field is a 400 naming it); audited as `tenant.fairness` in the same transaction. */
  setFairnessSettings(
    tenantId: string,
    change: Partial<Record<keyof FairnessSettings, unknown>>,
    actor: Actor,
  ): Promise<FairnessSettings>;
  /** What the gate finds for a version now: the version run over the newest decided applications. */
  fairnessGate(tenantId: string, flowId: string, version: number): Promise<FairnessGateCheck>;
}

/**
 * The gate runs the version over at most this many of the newest stored decisions (their stored facts at their own
 * time): enough for every group of 30 to show in a book of a few thousand, and a second or two of a publish.
 */
export const GATE_DECISIONS = 5_000;

function parseInput(input: FlowInput): FlowDocument {
  if (input.text !== undefined && input.document !== undefined)
    throw new ValidationError('give either document or text', [{ path: '/text', message: 'not both' }]);
  if (input.text !== undefined) return parseFlowDocument(input.text, 'text');
  if (input.document === undefined)
    throw new ValidationError('a flow is required', [{ path: '/document', message: 'document or text is required' }]);
  return assertFlowDocument(input.document, 'document');
}

function checkListDefinition(def: ListDefinition) {
  const issues: FieldIssue[] = [];
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(def.name)) issues.push({ path: '/name', message: 'letters, digits, _ . : -' });
  if (!(LIST_KINDS as readonly string[]).includes(def.kind))
    issues.push({ path: '/kind', message: `one of ${LIST_KINDS.join(', ')}` });
  if (!(LIST_COLORS as readonly string[]).includes(def.color))
    issues.push({ path: '/color', message: `one of ${LIST_COLORS.join(', ')}` });
  if (issues.length) throw new ValidationError('invalid list definition', issues);
}

export function createPolicyService(options: {
  store: Store;
  runtime: PolicyRuntime;
  models?: ModelScorer;
  /** Derives imported applications' facts as live decisions do (installment at the policy price). */
  knockout?: KnockoutPolicy;
  now?: () => Date;
}): PolicyService {
  const { store, runtime } = options;
  const knockout = options.knockout ?? loadKnockoutPolicy();
  const repos = runtime.repos;
  const now = options.now ?? (() => new Date());

  const definition = async (tenantId: string, list: string) => {
    const def = (runtime.listIndex(tenantId)?.definitions ?? (await repos.lists.definitions(tenantId))).find(
      (d) => d.name === list,
    );
    if (!def) throw new NotFoundError(`list ${list}`);
    return def;
  };
  const versionOf = async (tenantId: string, flowId: string, version: number) => {
    const rec = await repos.flows.version(tenantId, flowId, version);
    if (!rec) throw new NotFoundError(`flow ${flowId} version ${version}`);
    return rec;
  };
  const indexFor = async (tenantId: string) => runtime.listIndex(tenantId) ?? (await runtime.reloadLists(tenantId));
  /**
   * The fairness gate before a version answers applicants: off → nothing; warn → the findings for the change's audit
   * entry; block with a group under the threshold → the refusal audited on its own and a 409 naming the groups.
   */
  const gate = async (
    tenantId: string,
    flowId: string,
    version: number,
    actor: Actor,
    onGate?: (check: FairnessGateCheck) => void,
  ): Promise<Record<string, unknown> | undefined> => {
    if ((await store.tenants.fairness(tenantId)).mode === 'off') return undefined;
    const check = await service.fairnessGate(tenantId, flowId, version);
    if (check.mode === 'block' && (check.flagged.length > 0 || check.unjudged !== undefined)) {
      await repos.flows.refused(tenantId, actor.id, 'flow.publish-refused', `flow:${flowId}:${version}`, {
        reason: 'fairness',
        fairness: check,
      });
      throw new FairnessGateError(`flow ${flowId} version ${version}`, check);
    }
    onGate?.(check);
    return { fairness: check };
  };

  const service: PolicyService = {
    runtime,
    async lists(tenantId) {
      const index = await indexFor(tenantId);
      return index.definitions.map((d) => ({ ...d, entries: index.size(d.name) }));
    },
    async createList(tenantId, def, actor) {
      checkListDefinition(def);
      const existing = (await repos.lists.definitions(tenantId)).find((d) => d.name === def.name);
      if (existing && existing.kind !== def.kind)
        throw new ConflictError(`list ${def.name} holds ${existing.kind} hashes; its kind cannot change`);
      await repos.lists.saveDefinition(tenantId, def, actor.id);
      await runtime.reloadLists(tenantId);
      return def;
    },
    async addEntries(tenantId, list, items, actor) {
      const def = await definition(tenantId, list);
      const key = runtime.identifierKey(tenantId);
      const at = now();
      const issues: FieldIssue[] = [];
      const entries: ListEntry[] = [];
      items.forEach((item, i) => {
        let hash: string;
        if (item.value !== undefined) {
          if (normalizeIdentifier(def.kind, item.value) === '') {
            issues.push({ path: `/entries/${i}/value`, message: `empty ${def.kind}` });
            return;
          }
          hash = hashIdentifier(key, def.kind as ListKind, item.value);
        } else if (item.hash !== undefined && HASH_RE.test(item.hash)) hash = item.hash;
        else {
          issues.push({ path: `/entries/${i}`, message: 'a value or a keyed hash (43 base64url characters)' });
          return;
        }
        let expiresAt: string | null = null;
        if (item.expiresAt) {
          const t = Date.parse(item.expiresAt);
          if (Number.isNaN(t) || t <= at.getTime()) {
            issues.push({ path: `/entries/${i}/expiresAt`, message: 'a future ISO 8601 time' });
            return;
          }
          expiresAt = new Date(t).toISOString();
        }
        entries.push({
          list,
          hash,
          reason: item.reason,
          source: item.source ?? 'manual',
          addedAt: at.toISOString(),
          expiresAt,
          addedBy: actor.id,
        });
      });
      if (issues.length) throw new ValidationError(`${issues.length} bad entr(ies); nothing was added`, issues);
      await repos.lists.addEntries(tenantId, entries, actor.id);
      const index = await indexFor(tenantId);
      for (const e of entries) index.add(e);
      return { hashes: entries.map((e) => e.hash) };
    },
    async removeEntry(tenantId, list, k, actor) {
      const def = await definition(tenantId, list);
      const hash =
        k.value !== undefined ? hashIdentifier(runtime.identifierKey(tenantId), def.kind, k.value) : (k.hash ?? '');
      const removed = await repos.lists.removeEntry(tenantId, list, hash, actor.id);
      if (removed) (await indexFor(tenantId)).remove(list, hash);
      return removed;
    },
    async importCsv(tenantId, list, text, actor, opts = {}) {
      const def = await definition(tenantId, list);
      const entries = parseListCsv(text, {
        list: def,
        key: runtime.identifierKey(tenantId),
        now: now(),
        source: opts.source ?? 'import',
        ...(opts.defaultReason ? { defaultReason: opts.defaultReason } : {}),
        actor: actor.id,
      });
      await repos.lists.addEntries(tenantId, entries, actor.id);
      const index = await indexFor(tenantId);
      for (const e of entries) index.add(e);
      return { imported: entries.length };
    },
    async entries(tenantId, list, page = {}) {
      await definition(tenantId, list);
      const all = await repos.lists.entries(tenantId, list);
      const offset = page.offset ?? 0;
      return all.slice(offset, offset + (page.limit ?? 100));
    },

    validate(tenantId, input) {
      try {
        const doc = parseInput(input);
        runtime.compile(tenantId, doc);
        return { valid: true, problems: [], flowId: doc.flowId };
      } catch (e) {
        if (e instanceof FlowValidationError) return { valid: false, problems: e.problems };
        if (e instanceof ValidationError)
          return { valid: false, problems: e.issues.map((i) => ({ path: i.path, message: i.message })) };
        throw e;
      }
    },
    async saveDraft(tenantId, input, actor, comment) {
      const doc = parseInput(input);
      runtime.compile(tenantId, doc); // authoring errors now, not at publish
      const existing = await repos.flows.versions(tenantId, doc.flowId);
      const rec = createDraft(existing, doc, {
        actor: actor.id,
        human: actor.human,
        now: now(),
        ...(comment ? { comment } : {}),
      });
      await repos.flows.save(tenantId, [rec], actor.id);
      return rec;
    },
    async updateDraft(tenantId, flowId, version, input, actor, comment) {
      const doc = parseInput(input);
      runtime.compile(tenantId, doc);
      const rec = updateDraft(await versionOf(tenantId, flowId, version), doc, {
        actor: actor.id,
        human: actor.human,
        now: now(),
        ...(comment ? { comment } : {}),
      });
      await repos.flows.save(tenantId, [rec], actor.id);
      return rec;
    },
    flows: (tenantId) => repos.flows.flows(tenantId),
    async versions(tenantId, flowId) {
      const v = await repos.flows.versions(tenantId, flowId);
      if (v.length === 0) throw new NotFoundError(`flow ${flowId}`);
      return v;
    },
    version: versionOf,
    async diff(tenantId, flowId, from, to) {
      const [a, b] = await Promise.all([versionOf(tenantId, flowId, from), versionOf(tenantId, flowId, to)]);
      const diff = diffFlows(a.document, b.document);
      return { diff, text: formatFlowDiff(diff) };
    },
    async publish(tenantId, flowId, version, actor, opts = {}) {
      const existing = await repos.flows.versions(tenantId, flowId);
      const target = existing.find((r) => r.version === version);
      if (target) runtime.compile(tenantId, target.document, version); // lists or catalogue may have changed since
      const changed = publishVersion(existing, version, {
        actor: actor.id,
        human: actor.human,
        actorRole: actor.role,
        now: now(),
        ...(opts.role ? { role: opts.role } : {}),
        ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
        ...(opts.traffic !== undefined ? { traffic: opts.traffic } : {}),
      });
      // the gate judges versions that will answer applicants: a champion, or a challenger with a traffic share
      // (a shadow challenger decides no one, and publishing it is how its outcomes are first seen)
      const published = changed.find((r) => r.version === version)!;
      const answers = published.role === 'champion' || (published.trafficShare ?? 0) > 0;
      const detail = answers ? await gate(tenantId, flowId, version, actor, opts.onGate) : undefined;
      await repos.flows.save(tenantId, changed, actor.id, undefined, detail && { version, detail });
      await runtime.reloadFlows(tenantId);
      return changed;
    },
    async fairnessSettings(tenantId) {
      return store.tenants.fairness(tenantId);
    },
    async setFairnessSettings(tenantId, change, actor) {
      const next = checkFairnessSettings(change, await store.tenants.fairness(tenantId));
      await store.db.transaction(async (tx) => {
        await tenantRepository(tx).setFairness(tenantId, next);
        await appendAuditEntry(tx, {
          tenantId,
          actor: actor.id,
          action: 'tenant.fairness',
          subject: `tenant:${tenantId}`,
          detail: { ...next },
        });
      });
      return next;
    },
    async fairnessGate(tenantId, flowId, version) {
      const { mode, threshold } = await store.tenants.fairness(tenantId);
      let report;
      try {
        report = await service.backtest(tenantId, flowId, version, { kind: 'decisions', limit: GATE_DECISIONS });
      } catch (e) {
        if (!(e instanceof AsyncScoringError)) throw e;
        return { mode, threshold, rows: 0, flagged: [], unjudged: e.message };
      }
      return {
        mode,
        threshold,
        rows: report.rows,
        flagged: report.fairness ? flaggedGroups(report.fairness.draft) : [],
      };
    },
    async setTraffic(tenantId, flowId, version, share, actor, comment) {
      const changed = setTrafficShare(await repos.flows.versions(tenantId, flowId), version, share, {
        actor: actor.id,
        human: actor.human,
        actorRole: actor.role,
        now: now(),
        comment,
      });
      // a shadow challenger given a share starts answering applicants: the same gate as a publish
      const detail = share > 0 ? await gate(tenantId, flowId, version, actor) : undefined;
      await repos.flows.save(tenantId, [changed], actor.id, 'flow.traffic', detail && { version, detail });
      await runtime.reloadFlows(tenantId);
      return changed;
    },
    async arms(tenantId, flowId, opts = {}) {
      // another tenant's flow id is not found here, whatever decisions this tenant has
      if ((await repos.flows.versions(tenantId, flowId)).length === 0) throw new NotFoundError(`flow ${flowId}`);
      return armOutcomes(store.db, tenantId, flowId, now(), opts.since);
    },
    async backtest(tenantId, flowId, version, source, onProgress, pause) {
      const draftRec = await versionOf(tenantId, flowId, version);
      const draft = runtime.compile(tenantId, draftRec.document, draftRec.version);
      const live = runtime.liveFlows(tenantId) ?? (await runtime.reloadFlows(tenantId));
      const baseline: CompiledFlow = live.champion ?? draft;
      const index = await indexFor(tenantId);
      const { threshold } = await store.tenants.fairness(tenantId);
      const rows =
        source.kind === 'csv'
          ? csvRows(source, runtime)
          : source.kind === 'applications'
            ? importedRows(store, tenantId, index, knockout, source.limit)
            : storedRows(store, tenantId, runtime.catalog, source.limit);
      const report = await runBacktest({
        draft,
        baseline,
        rows,
        runtime: { lists: index, models: runtime.models?.(tenantId) ?? options.models ?? null },
        now: now().getTime(),
        fairnessThreshold: threshold,
        ...(onProgress ? { onProgress, progressEvery: 10_000 } : {}),
        ...(pause ? { pause } : {}),
      });
      return { ...report, draftVersion: flowVersionLabel(draft), baselineVersion: flowVersionLabel(baseline) };
    },
    async shadowReport(tenantId, opts = {}) {
      const r = await store.db.query<{
        outcome: string;
        score: number | null;
        credit_limit: number | null;
        price: number | null;
        flow: StoredFlowRun | string | null;
      }>(
        `select outcome, score, credit_limit, price, input->'flow' as flow from decisions
         where tenant_id = $1 and input ? 'flow' and coalesce(input->'flow'->>'arm', 'champion') = 'champion'
         order by decision_id desc limit $2`,
        [tenantId, Math.min(Math.max(opts.limit ?? 10_000, 1), 50_000)],
      );
      const pairs = new Map<string, Parameters<typeof compareShadow>[0] & unknown[]>();
      for (const row of r.rows) {
        const flow = (typeof row.flow === 'string' ? JSON.parse(row.flow) : row.flow) as StoredFlowRun | null;
        for (const s of flow?.shadow ?? []) {
          const label = `${s.flowId}@${s.version ?? 'draft'}`;
          const list = pairs.get(label) ?? [];
          list.push({
            champion: {
              outcome: row.outcome as 'approve',
              score: num(row.score),
              limit: num(row.credit_limit),
              price: num(row.price),
            },
            challenger: { outcome: s.outcome, score: s.score, limit: s.limit, price: s.price },
          });
          pairs.set(label, list);
        }
      }
      return [...pairs].map(([challenger, p]) => ({ challenger, comparison: compareShadow(p) }));
    },
    async replay(tenantId, decisionId) {
      const row = await store.decisions.get(tenantId, decisionId);
      if (!row) throw new NotFoundError('decision');
      const input = row.input as {
        facts: Record<string, unknown>;
        factsPacking?: string;
        screening?: Parameters<typeof recordedLists>[1];
        flow?: StoredFlowRun;
      };
      const run = input.flow;
      if (!run)
        throw new ConflictError(
          'this decision was made by the default strategy, not a decision flow: nothing to replay',
        );
      const rec = await versionOf(tenantId, run.flowId, run.version ?? 0);
      const flow = runtime.compiled(tenantId, rec);
      const screening = input.screening ?? { hits: [], black: false, white: false, grey: false };
      const lists = recordedLists(undefined, screening, { ...run.lookups });
      const facts = unpackFacts(input.facts, runtime.catalog, input.factsPacking);
      const models = runtime.models?.(tenantId) ?? options.models ?? null;
      // ONNX models answer asynchronously: score them on these facts first, as the decision path did
      const calls = flow.plan.document.stages.flatMap((st) => (st.type === 'model' ? [st.model] : []));
      if (models?.prepare) await models.prepare(calls, facts);
      const result = flow.evaluate(facts, Date.parse(run.evaluatedAt), { lists, models });
      const replayed = flowSummary(result);
      return {
        decisionId,
        flowVersion: flowVersionLabel(flow),
        matches: sameSummary(replayed, run.result),
        stored: run.result,
        replayed,
      };
    },
    audit: (tenantId, query) => repos.audit.list(tenantId, query),
  };
  return service;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Outcome labels from the loan book for the applications of the CTE `page`: bad (1) by the one delinquency
 * definition (core/delinquency: ever 30+ days past due, or written off, as of now), good (0) when every loan was
 * paid off without going bad, unknown otherwise (still running and not bad yet, sold, never booked).
 */
const labelCtes = (page: string) => `${delinquencyCtes({
  tenant: '$1',
  asOf: 'now()',
  loans: `loan_id in (select loan_id from loans where tenant_id = $1 and application_id in (select application_id from ${page}))`,
})},
  labels as (
    select application_id, case when bool_or(bad) then 1 when bool_and(status = 'paid-off') then 0 end as label
    from dq_loans group by application_id)`;

/**
 * Rows a backtest reads from the store at a time. On the embedded store a query runs in the node's own thread and
 * cannot hand it back, so a page (its rows and their loans' delinquency) is as long as a decision may wait: 250
 * rows, not 1,000.
 */
const PAGE_ROWS = 250;

const toLabel = (v: unknown): 0 | 1 | null => (v === null || v === undefined ? null : Number(v) === 1 ? 1 : 0);

/** Stored decisions, newest first, in pages (keyset on the id): their stored facts at their own decision time. */
async function* storedRows(
  store: Store,
  tenantId: string,
  catalog: FieldCatalog,
  limit = 100_000,
): AsyncGenerator<LabelledFacts> {
  let before = '\uffff';
  let left = limit;
  while (left > 0) {
    const r = await store.db.query<{
      decision_id: string;
      facts: unknown;
      packing: string | null;
      at: string | null;
      decided: string;
      sex: string | null;
      province: string | null;
      label: unknown;
    }>(
      `with page as (
         select d.decision_id, d.application_id, d.input->'facts' as facts, d.input->>'factsPacking' as packing,
                d.input->'flow'->>'evaluatedAt' as at, d.decision->>'decidedAt' as decided,
                d.input->'groups'->>'sex' as sex, d.input->'application'->'applicant'->'address'->>'province' as province
         from decisions d where d.tenant_id = $1 and d.decision_id < $2 order by d.decision_id desc limit $3),
       ${labelCtes('page')}
       select p.decision_id, p.facts, p.packing, p.at, p.decided, p.sex, p.province, labels.label
       from page p left join labels using (application_id) order by p.decision_id desc`,
      [tenantId, before, Math.min(left, PAGE_ROWS)],
    );
    if (r.rows.length === 0) return;
    for (const row of r.rows) {
      const stored = (typeof row.facts === 'string' ? JSON.parse(row.facts) : row.facts) as Record<string, unknown>;
      const facts = unpackFacts(stored, catalog, row.packing);
      yield {
        facts: facts ?? {},
        label: toLabel(row.label),
        id: row.decision_id,
        at: Date.parse(row.at ?? row.decided),
        // sex as derived from the national id at decision time (input.groups), never a fact the flow reads
        groups: protectedGroups({ age: facts?.['applicant.age'], sex: row.sex, province: row.province }),
      };
    }
    before = r.rows[r.rows.length - 1]!.decision_id;
    left -= r.rows.length;
  }
}

/** Characters of CSV handed to the parser at a time. */
const CSV_CHUNK = 64 * 1024;

/**
 * A CSV's rows, parsed as a stream a chunk at a time: a 16 MiB backtest file never sits parsed in memory whole (and
 * the backtest yields to the node's other requests every few milliseconds; see runBacktest).
 */
async function* csvRows(
  source: Extract<BacktestSource, { kind: 'csv' }>,
  runtime: PolicyRuntime,
): AsyncGenerator<LabelledFacts> {
  const text = source.text;
  const chunks = (function* () {
    for (let at = 0; at < text.length; at += CSV_CHUNK) yield text.slice(at, at + CSV_CHUNK);
  })();
  const records = Readable.from(chunks).pipe(parseCsv({ skip_empty_lines: true, trim: true }));
  let map: ((row: string[]) => LabelledFacts) | undefined;
  for await (const record of malformedAsInvalid(records as AsyncIterable<string[]>)) {
    if (!map) {
      map = rowMapper(record, {
        catalog: runtime.catalog,
        ...(source.labelColumn ? { labelColumn: source.labelColumn } : {}),
        ...(source.idColumn ? { idColumn: source.idColumn } : {}),
        ...(source.timeColumn ? { timeColumn: source.timeColumn } : {}),
      });
      continue;
    }
    yield map(record);
  }
}

/** A CSV the parser refuses (a quote left open, a row of the wrong width) is the caller's error, with its line. */
async function* malformedAsInvalid(records: AsyncIterable<string[]>): AsyncGenerator<string[]> {
  try {
    yield* records;
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    if (!e.code?.startsWith('CSV_')) throw err;
    throw new ValidationError('the CSV could not be read', [
      { path: `/csv${e.lines ? `:${e.lines}` : ''}`, message: e.code },
    ]);
  }
}

/** Snapshot field holding each identifier kind's keyed hash (see protectApplication). */
const SNAPSHOT_HASH: Record<string, (a: Record<string, unknown>) => unknown> = {
  nationalId: (a) => (a.applicant as Record<string, unknown> | undefined)?.nationalIdHash,
  phone: (a) => (a.applicant as Record<string, unknown> | undefined)?.phoneHash,
  email: (a) => (a.applicant as Record<string, unknown> | undefined)?.emailHash,
  card: (a) => (a.applicant as Record<string, unknown> | undefined)?.bankCardHash,
  employer: (a) =>
    ((a.applicant as Record<string, unknown> | undefined)?.employment as Record<string, unknown> | undefined)
      ?.employerHash,
  deviceId: (a) => (a.device as Record<string, unknown> | undefined)?.deviceIdHash,
  ip: (a) => a.ipHash,
};

/**
 * Imported applications (the book's `applications` table, protected snapshots): facts derived by the live enrich
 * stage, identifier hashes of listed kinds as the lists stage sets them, labels from the loan book. Velocity and
 * multi-lender features are not recomputed (they are missing, as for an unseen applicant).
 */
async function* importedRows(
  store: Store,
  tenantId: string,
  index: ListIndex,
  knockout: KnockoutPolicy,
  limit = 100_000,
): AsyncGenerator<LabelledFacts> {
  const enrich = enrichStage(knockout);
  const kinds = new Set(index.definitions.map((d) => d.kind as string));
  let after = '';
  let left = limit;
  while (left > 0) {
    const r = await store.db.query<{ application_id: string; snapshot: unknown; label: unknown }>(
      `with page as (
         select a.application_id, a.snapshot from applications a
         where a.tenant_id = $1 and a.application_id > $2 order by a.application_id limit $3),
       ${labelCtes('page')}
       select p.application_id, p.snapshot, labels.label
       from page p left join labels using (application_id) order by p.application_id`,
      [tenantId, after, Math.min(left, PAGE_ROWS)],
    );
    if (r.rows.length === 0) return;
    for (const row of r.rows) {
      const snap = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as Record<
        string,
        unknown
      >;
      const ctx = {
        tenantId,
        application: snap as unknown as Application,
        facts: {},
        clock: systemClock,
      } as unknown as DecisionContext;
      await enrich.run(ctx);
      for (const d of IDENTIFIER_FACTS) {
        const h = kinds.has(d.kind) ? SNAPSHOT_HASH[d.kind]?.(snap) : undefined;
        if (typeof h === 'string') ctx.facts[d.fact] = h;
      }
      const at = Date.parse(String(snap.submittedAt));
      // an imported snapshot keeps no national id in clear nor a declared sex: sex is unknown for this source
      const applicant = snap.applicant as { address?: { province?: unknown } } | undefined;
      const record = (ctx as { record?: { groups?: { sex?: unknown } } }).record;
      yield {
        groups: protectedGroups({
          age: ctx.facts['applicant.age'],
          sex: record?.groups?.sex,
          province: applicant?.address?.province,
        }),
        facts: ctx.facts,
        label: toLabel(row.label),
        id: row.application_id,
        ...(Number.isNaN(at) ? {} : { at }),
      };
    }
    after = r.rows[r.rows.length - 1]!.application_id;
    left -= r.rows.length;
  }
}
