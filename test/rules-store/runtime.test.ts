import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, mergeFieldCatalogs } from '../../src/core/index.js';
import {
  APPLICATION_FACTS,
  createDecisionService,
  loadKnockoutPolicy,
  protectApplication,
} from '../../src/decision/index.js';
import { featureCatalog } from '../../src/features/index.js';
import {
  createPolicyRuntime,
  createPolicyService,
  policyRepositories,
  type PolicyService,
} from '../../src/rules-store/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';
import { sampleApplication } from '../support/applications.js';
import { creditFlow } from './harness.js';

const admin = { id: 'key_admin', role: 'admin' as const, human: 'usr_admin' };
const analyst = { id: 'key_analyst', role: 'analyst' as const, human: 'usr_analyst' };

describe.each(storeFactories)('policy store and runtime on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  const keyRing = createKeyRing(randomBytes(32));
  const catalog = mergeFieldCatalogs(APPLICATION_FACTS, featureCatalog());
  const node = () => {
    const runtime = createPolicyRuntime({ repos: policyRepositories(store.db), keyRing, catalog });
    return { runtime, policy: createPolicyService({ store, runtime }) };
  };
  let a: { runtime: ReturnType<typeof createPolicyRuntime>; policy: PolicyService };

  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    a = node();
    await a.runtime.refresh();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'a second node loads lists and the champion from the store, scoped by tenant',
    async () => {
      await a.policy.createList('t1', { name: 'phone_black', kind: 'phone', color: 'black' }, analyst);
      await a.policy.addEntries('t1', 'phone_black', [{ value: '13900000000', reason: 'fraud' }], analyst);
      await a.policy.saveDraft('t1', { document: creditFlow() }, analyst);
      await a.policy.publish('t1', 'credit-main', 1, admin, { comment: 'live' });
      await a.policy.createList('t2', { name: 'email_grey', kind: 'email', color: 'grey' }, analyst);

      const b = node();
      await b.runtime.refresh();
      expect(b.runtime.listIndex('t1')!.size('phone_black')).toBe(1);
      expect(b.runtime.listIndex('t1')!.definitions.map((d) => d.name)).toEqual(['phone_black']);
      expect(b.runtime.listIndex('t2')!.definitions.map((d) => d.name)).toEqual(['email_grey']);
      expect(b.runtime.liveFlows('t1')!.champion!.version).toBe(1);
      expect(b.runtime.liveFlows('t2')!.champion).toBeNull();
      // hashes are keyed per tenant: the same phone is not on t2's lists, and entries hold no clear value
      const h = b.runtime.identifierKey('t1');
      expect(h.equals(b.runtime.identifierKey('t2'))).toBe(false);
      const rows = await store.db.query('select * from rule_list_entries');
      expect(JSON.stringify(rows.rows)).not.toContain('13900000000');

      // another node's change reaches this one on refresh
      await b.policy.addEntries('t1', 'phone_black', [{ value: '13900000001', reason: 'mule' }], admin);
      expect(a.runtime.listIndex('t1')!.size('phone_black')).toBe(1);
      await a.runtime.refresh();
      expect(a.runtime.listIndex('t1')!.size('phone_black')).toBe(2);
    },
  );

  it.skipIf(factory.unavailable)('a published version is compiled once and reused', async () => {
    const rec = await a.policy.version('t1', 'credit-main', 1);
    expect(a.runtime.compiled('t1', rec)).toBe(a.runtime.compiled('t1', rec));
    const live1 = a.runtime.liveFlows('t1')!.champion;
    await a.runtime.reloadFlows('t1');
    expect(a.runtime.liveFlows('t1')!.champion).toBe(live1);
  });

  it.skipIf(factory.unavailable)('publishing checks role, state, and the lists the flow names', async () => {
    const doc = creditFlow();
    (doc.stages[1]! as { rules: Array<{ when: string }> }).rules[0]!.when = "applicant.phone in list('nope')";
    await expect(a.policy.saveDraft('t1', { document: doc }, analyst)).rejects.toThrow(/nope/);
    const withModel = creditFlow({
      stages: [
        ...creditFlow().stages,
        { id: 'score', type: 'model', model: { name: 'pd', version: '1' }, output: 'pd_score', primary: true },
      ],
    });
    const v = a.policy.validate('t1', { document: withModel });
    expect(v.valid).toBe(false);
    expect(v.problems).toEqual([expect.objectContaining({ path: '/stages/2/model', stage: 'score' })]);
    await a.policy.saveDraft('t1', { document: creditFlow() }, analyst);
    await expect(a.policy.publish('t1', 'credit-main', 2, analyst, { comment: 'x' })).rejects.toThrow(/admin/);
    await expect(a.policy.publish('t1', 'credit-main', 1, admin, { comment: 'x' })).rejects.toThrow(/already/);
    await a.policy.publish('t1', 'credit-main', 2, admin, { comment: 'v2' });
    const versions = await a.policy.versions('t1', 'credit-main');
    expect(versions.map((v) => [v.version, v.status, v.role])).toEqual([
      [1, 'retired', 'champion'],
      [2, 'published', 'champion'],
    ]);
    expect(a.runtime.liveFlows('t1')!.champion!.version).toBe(2);
    const audit = await a.policy.audit('t1', { subject: 'flow:credit-main' });
    expect(audit.filter((r) => r.action === 'flow.published').map((r) => r.actor)).toEqual(['key_admin', 'key_admin']);
    expect(await a.policy.audit('t2', { subject: 'flow:credit-main' })).toEqual([]);
  });

  it.skipIf(factory.unavailable)(
    'decisions read lists and flows from memory: no SQL but the batched insert',
    async () => {
      const statements: string[] = [];
      const db = store.db as unknown as { query: (sql: string, params?: unknown[]) => Promise<unknown> };
      const original = db.query.bind(db);
      const decisions = createDecisionService({
        store,
        keyRing,
        policy: loadKnockoutPolicy(),
        policySource: a.runtime,
      });
      db.query = (sql, params) => {
        statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
        return original(sql, params);
      };
      try {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            decisions.decide('t1', sampleApplication({ applicationId: `APP-${i}`, amount: 5000 + i })),
          ),
        );
        await decisions.drain();
        expect(results.every((r) => r.decision.flowVersion === 'credit-main@2')).toBe(true);
      } finally {
        db.query = original;
      }
      expect(statements.length).toBeGreaterThan(0);
      expect(new Set(statements)).toEqual(new Set(['insert into decisions']));
    },
  );

  it.skipIf(factory.unavailable)('a blacklist hit halts before the flow', async () => {
    const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy(), policySource: a.runtime });
    const app = sampleApplication({ applicationId: 'APP-b' });
    app.applicant.phone = '139 0000 0001';
    const { decision } = await decisions.decide('t1', app);
    await decisions.drain();
    expect(decision.outcome).toBe('decline');
    expect(decision.flowVersion).not.toMatch(/credit-main/);
    expect(decision.reasons.map((r) => r.code)).toEqual(['LIST_BLACK_PHONE']);
  });
  it.skipIf(factory.unavailable)('replay sees the lists as they were at decision time', async () => {
    await a.policy.createList('t3', { name: 'phone_watch', kind: 'phone', color: 'grey' }, analyst);
    await a.policy.addEntries('t3', 'phone_watch', [{ value: '13912345678', reason: 'watch' }], analyst);
    const doc = creditFlow();
    (doc.stages[1]! as { rules: Array<{ when: string; action: string }> }).rules[0]!.when =
      "applicant.phone in list('phone_watch')";
    await a.policy.saveDraft('t3', { document: doc }, analyst);
    await a.policy.publish('t3', 'credit-main', 1, admin, { comment: 'watch list rule' });
    const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy(), policySource: a.runtime });
    const { decision } = await decisions.decide('t3', sampleApplication({ applicationId: 'APP-w', amount: 5000 }));
    await decisions.drain();
    expect(decision.outcome).toBe('decline');
    expect(decision.reasons.map((r) => r.code)).toContain('HIGH_DTI');
    // the list changes afterwards; the replay still reproduces the decision
    await a.policy.removeEntry('t3', 'phone_watch', { value: '13912345678' }, admin);
    const replay = await a.policy.replay('t3', decision.decisionId);
    expect(replay.matches).toBe(true);
    expect(replay.replayed.firedRules).toContain('C01');
  });
  it.skipIf(factory.unavailable)('backtests imported applications with loan-book labels', async () => {
    const key = keyRing.tenantHmacKey('t4');
    const put = async (id: string, amount: number, loanStatus?: string) => {
      const app = sampleApplication({ applicationId: id, amount });
      const { snapshot } = protectApplication(app, key, keyRing.sealer, {
        tenantId: 't4',
        table: 'applications',
        rowId: id,
      });
      await store.db.query(
        'insert into applications (tenant_id, application_id, submitted_at, snapshot) values ($1, $2, $3, $4)',
        ['t4', id, app.submittedAt, JSON.stringify(snapshot)],
      );
      if (loanStatus)
        await store.db.query(
          `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
           values ($1, $2, $3, 'cash-loan', $4, 12, 0.15, now(), $5)`,
          ['t4', `L-${id}`, id, amount, loanStatus],
        );
    };
    await put('A1', 5000, 'written-off');
    await put('A2', 6000, 'paid-off');
    await put('A3', 20000);
    await a.policy.saveDraft('t4', { document: creditFlow() }, analyst);
    const report = await a.policy.backtest('t4', 'credit-main', 1, { kind: 'applications' });
    expect(report.rows).toBe(3);
    expect(report.labelled).toBe(2);
    expect(report.draft.outcomes).toEqual({ approve: 2, review: 1, decline: 0 });
    expect(report.draft.badRateApproved).toBe(0.5);
    expect(report.draft.rules.find((r) => r.ruleId === 'F01')!.hits).toBe(1);
  });
});
