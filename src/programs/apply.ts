/**
 * Puts a risk program live for a tenant in two steps by two people. The author proposes: validate; train its
 * models on the tenant's own decided history, out of time; register them with their reports; create its lists;
 * draft its triggers; write the flow with the trained versions and cut-offs filled in (kept with the proposal).
 * Another person approves (four eyes — refused for the same person or a key no person owns): the models are
 * approved, the flow is drafted in the author's name and published as champion, the triggers published. Both
 * steps are in the audit log. Nothing is published when training fails or the approval is refused.
 */
import { appendAuditEntry, auditTransaction } from '../audit/index.js';
import {
  ConflictError,
  NotFoundError,
  checkFourEyes,
  newId,
  type Actor,
  type FieldCatalog,
  type Role,
} from '../core/index.js';
import type { TriggerSets } from '../monitoring/index.js';
import { createModelRegistry, type ModelRegistry } from '../models/index.js';
import type { PolicyService } from '../rules-store/index.js';
import type { Store } from '../store/index.js';
import { instantiateFlow, type RiskProgram } from './document.js';
import { readBehaviourHistory, type BehaviourSources } from './behaviour.js';
import { readHistory } from './history.js';
import { trainProgram, type ThroughTheDoorTruth } from './train.js';
import { assertValidProgram } from './validate.js';

export interface ProposeProgramOptions {
  store: Store;
  tenantId: string;
  program: RiskProgram;
  catalog: FieldCatalog;
  policy: PolicyService;
  triggers?: Pick<TriggerSets, 'saveDraft' | 'publish'>;
  /** Who writes: registers the models, makes the lists, drafts the triggers and the flow. */
  author: Actor;
  /** Train on what was decided and known before this date (default now). */
  asOf?: Date;
  registry?: ModelRegistry;
  onStage?: (stage: string) => void;
  /** Where the outcome of every application is known (the demo book): measure the scorecards through the door. */
  truth?: ThroughTheDoorTruth;
  /** Where a behaviour model's sample finds the consortium's shared events (without it: the tenant's event log only). */
  behaviour?: BehaviourSources;
}

export interface ProgramProposal {
  proposalId: string;
  program: string;
  version: number;
  asOf: string;
  status: 'proposed' | 'applied';
  author: string;
  models: Array<{
    name: string;
    version: number;
    kind: string;
    metrics: Record<string, number>;
    outOfTimeFrom: string;
  }>;
  cutoffs: Record<string, number>;
  lists: string[];
  /** The draft trigger set, when the program has triggers. */
  triggers: { version: number } | null;
  /** Set once applied: the published flow version. */
  flow: { flowId: string; version: number } | null;
  appliedBy: string | null;
}

interface ProposalDetail {
  asOf: string;
  models: ProgramProposal['models'];
  cutoffs: Record<string, number>;
  lists: string[];
  triggers: { version: number } | null;
  flowText: string;
  flow: { flowId: string; version: number } | null;
}

const asPolicyActor = (a: Actor, role: Role) => ({ id: a.id, human: a.human, role });

interface ProposalRow {
  proposal_id: string;
  program: string;
  program_version: number;
  status: 'proposed' | 'applied';
  author: string;
  author_human: string | null;
  detail: ProposalDetail | string;
  applied_by: string | null;
}

const detailOf = (r: ProposalRow): ProposalDetail =>
  typeof r.detail === 'string' ? (JSON.parse(r.detail) as ProposalDetail) : r.detail;

function toProposal(r: ProposalRow): ProgramProposal {
  const d = detailOf(r);
  return {
    proposalId: r.proposal_id,
    program: r.program,
    version: Number(r.program_version),
    asOf: d.asOf,
    status: r.status,
    author: r.author,
    models: d.models,
    cutoffs: d.cutoffs,
    lists: d.lists,
    triggers: d.triggers,
    flow: d.flow,
    appliedBy: r.applied_by,
  };
}

const COLUMNS = 'proposal_id, program, program_version, status, author, author_human, detail, applied_by';

export async function programProposals(store: Store, tenantId: string): Promise<ProgramProposal[]> {
  const r = await store.db.query<ProposalRow>(
    `select ${COLUMNS} from program_proposals where tenant_id = $1 order by created_at desc, proposal_id desc limit 100`,
    [tenantId],
  );
  return r.rows.map(toProposal);
}

/** The author's step: validate, train out of time, register, make lists, draft triggers; nothing goes live. */
export async function proposeProgram(options: ProposeProgramOptions): Promise<ProgramProposal> {
  const { store, tenantId, program, policy, author } = options;
  const { manifest } = program;
  const stage = options.onStage ?? (() => undefined);
  const asOf = options.asOf ?? new Date();
  const what = `program ${manifest.name}@${manifest.version}`;

  stage('validate');
  assertValidProgram(program, options.catalog);
  stage('train');
  const history = await readHistory(store.db, tenantId, options.catalog, asOf);
  const behaviour = manifest.models.some((m) => m.observation)
    ? await readBehaviourHistory(store.db, tenantId, asOf, options.behaviour)
    : undefined;
  const trained = trainProgram(manifest, history, { ...(options.truth ? { truth: options.truth } : {}), behaviour });

  stage('register');
  const registry = options.registry ?? createModelRegistry(store.db);
  const versions: Record<string, number> = {};
  const models: ProgramProposal['models'] = [];
  for (const m of trained.models) {
    const info = await registry.register(tenantId, {
      name: m.spec.name,
      model: m.model,
      metrics: m.metrics,
      dataFingerprint: m.dataFingerprint,
      author,
      comment: `${what}: ${m.spec.description ?? m.spec.kind}; out of time from ${m.outOfTimeFrom}`,
      report: m.report,
    });
    versions[m.spec.name] = info.version;
    models.push({
      name: info.name,
      version: info.version,
      kind: info.kind,
      metrics: m.metrics,
      outOfTimeFrom: m.outOfTimeFrom,
    });
  }
  const existing = new Set((await policy.lists(tenantId)).map((l) => l.name));
  for (const def of program.lists) {
    if (!existing.has(def.name)) await policy.createList(tenantId, def, asPolicyActor(author, 'admin'));
  }
  const comment = `${what}, trained as of ${asOf.toISOString()}`;
  let triggers: ProposalDetail['triggers'] = null;
  if (program.triggersText !== null && options.triggers) {
    const t = await options.triggers.saveDraft(tenantId, { text: program.triggersText }, author, comment);
    triggers = { version: t.version };
  }
  const detail: ProposalDetail = {
    asOf: asOf.toISOString(),
    models,
    cutoffs: trained.cutoffs,
    lists: program.lists.map((l) => l.name),
    triggers,
    flowText: instantiateFlow(program, trained.cutoffs, versions),
    flow: null,
  };
  const proposalId = newId('prp');
  const row = await auditTransaction(store.db, async (tx) => {
    const r = await tx.query<ProposalRow>(
      `insert into program_proposals (tenant_id, proposal_id, program, program_version, status, author, author_human, detail)
       values ($1, $2, $3, $4, 'proposed', $5, $6, $7) returning ${COLUMNS}`,
      [tenantId, proposalId, manifest.name, manifest.version, author.id, author.human, JSON.stringify(detail)],
    );
    await appendAuditEntry(tx, {
      tenantId,
      actor: author.id,
      action: 'program.propose',
      subject: `program:${manifest.name}@${manifest.version}`,
      detail: {
        proposalId,
        asOf: detail.asOf,
        models: models.map((m) => `${m.name}@${m.version}`),
        triggers: triggers?.version ?? null,
        cutoffs: trained.cutoffs,
      },
    });
    return r.rows[0]!;
  });
  return toProposal(row);
}

export interface ApproveProgramOptions {
  store: Store;
  tenantId: string;
  proposalId: string;
  policy: PolicyService;
  triggers?: Pick<TriggerSets, 'saveDraft' | 'publish'>;
  /** A person other than the author. */
  approver: Actor;
  /** Reload the decision path's approved models before the flow that calls them is drafted. */
  refreshModels?: () => Promise<void>;
  registry?: ModelRegistry;
}

/** The second person's step: approve the models, publish the flow (as champion) and the triggers. */
export async function approveProgram(options: ApproveProgramOptions): Promise<ProgramProposal> {
  const { store, tenantId, policy, approver } = options;
  const r = await store.db.query<ProposalRow>(
    `select ${COLUMNS} from program_proposals where tenant_id = $1 and proposal_id = $2`,
    [tenantId, options.proposalId],
  );
  const row = r.rows[0];
  if (!row) throw new NotFoundError(`program proposal ${options.proposalId}`);
  const what = `program ${row.program}@${row.program_version}`;
  checkFourEyes(what, row.author_human, approver);
  if (row.status !== 'proposed') throw new ConflictError(`${what} proposal ${row.proposal_id} is already applied`);
  const detail = detailOf(row);
  const author: Actor = { id: row.author, human: row.author_human };
  const registry = options.registry ?? createModelRegistry(store.db);
  for (const m of detail.models) {
    const info = await registry.info(tenantId, m.name, m.version);
    if (info.status === 'draft') await registry.approve(tenantId, m.name, m.version, approver);
  }
  await options.refreshModels?.();
  const comment = `${what} (proposal ${row.proposal_id}, trained as of ${detail.asOf})`;
  // written by the author (the proposal holds their text); drafted now because a flow may only call approved models
  const draft = await policy.saveDraft(tenantId, { text: detail.flowText }, asPolicyActor(author, 'analyst'), comment);
  await policy.publish(tenantId, draft.flowId, draft.version, asPolicyActor(approver, 'admin'), {
    role: 'champion',
    comment,
  });
  if (detail.triggers && options.triggers)
    await options.triggers.publish(tenantId, detail.triggers.version, approver, comment);
  detail.flow = { flowId: draft.flowId, version: draft.version };
  const updated = await auditTransaction(store.db, async (tx) => {
    const u = await tx.query<ProposalRow>(
      `update program_proposals set status = 'applied', applied_by = $3, applied_at = now(), detail = $4
        where tenant_id = $1 and proposal_id = $2 and status = 'proposed' returning ${COLUMNS}`,
      [tenantId, row.proposal_id, approver.id, JSON.stringify(detail)],
    );
    if (!u.rows[0]) throw new ConflictError(`${what} proposal ${row.proposal_id} changed meanwhile`);
    await appendAuditEntry(tx, {
      tenantId,
      actor: approver.id,
      action: 'program.apply',
      subject: `program:${row.program}@${row.program_version}`,
      detail: {
        proposalId: row.proposal_id,
        author: row.author,
        authorPerson: row.author_human,
        approverPerson: approver.human,
        models: detail.models.map((m) => `${m.name}@${m.version}`),
        flow: `${draft.flowId}@${draft.version}`,
        triggers: detail.triggers?.version ?? null,
      },
    });
    return u.rows[0];
  });
  return toProposal(updated);
}

/** Both steps at once, for an operator naming both people (the CLI, the demo's first start). */
export async function applyProgram(
  options: ProposeProgramOptions & Pick<ApproveProgramOptions, 'approver' | 'refreshModels'>,
): Promise<ProgramProposal> {
  // refuse before any training: the same rule the approval applies
  checkFourEyes(
    `program ${options.program.manifest.name}@${options.program.manifest.version}`,
    options.author.human,
    options.approver,
  );
  const proposal = await proposeProgram(options);
  return approveProgram({ ...options, proposalId: proposal.proposalId });
}
