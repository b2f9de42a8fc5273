/**
 * Credit-limit changes, collections actions, marketing (tag sets, campaigns, take-up) and consortium events are
 * entries of the tenant's audit chain, appended inside the change's own transaction: a change that fails leaves no
 * entry, and an entry that cannot be written undoes the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../src/audit/index.js';
import { ConflictError } from '../../src/core/errors.js';
import { createSqlConsortiumRepository, type ConsortiumEvent } from '../../src/features/index.js';
import { recordTakeUps, saveCampaign, saveTagSet, DEFAULT_TAG_SET } from '../../src/marketing/index.js';
import {
  createSqlCollectionsRepository,
  createSqlLimitRepository,
  recordOutcome,
  type Alert,
  type CollectionCase,
} from '../../src/monitoring/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';

const alert: Alert = {
  alertId: 'alt_audit_1',
  tenantId: 'a1',
  borrowerId: 'b_hash_1',
  triggerId: 'multi_borrowing_7d',
  triggerName: 'Three loans elsewhere in a week',
  severity: 'high',
  reasons: ['3 new loans at other lenders in 7 days'],
  values: {},
  loans: [],
  actions: ['freeze'],
  eventId: 'e1',
  occurredAt: '2024-06-01T09:00:00.000Z',
  raisedAt: '2024-06-01T09:00:00.010Z',
};

const kase: CollectionCase = {
  caseId: 'c1',
  tenantId: 'a1',
  borrowerId: 'b1',
  loanId: 'L1',
  dpd: 40,
  overdueAmount: 300,
  outstanding: 2000,
  status: 'open',
  brokenPromises: 0,
  failedContacts: 0,
  overdueElsewhere: false,
};

const event = (eventId: string, institutionId = 'a1'): ConsortiumEvent => ({
  eventId,
  institutionId,
  institutionType: 'bank',
  eventType: 'loan',
  occurredAt: Date.parse('2024-06-01T09:00:00Z'),
  idHash: 'h'.repeat(43),
  phoneHash: null,
  loanRef: `ref-${eventId}`,
  amount: 1000,
  dpd: null,
});

describe.each(storeFactories)('state changes in the audit chain on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let audit: AuditLog;
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    audit = createAuditLog(store.db);
    for (const t of ['a1', 'a2']) await store.tenants.ensure(t);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const entries = async (tenantId: string, action: string) =>
    (await audit.list(tenantId, { action, limit: 1000 })).items.reverse();

  it.skipIf(factory.unavailable)('credit limits: set, an alert freezing, an analyst lifting', async () => {
    const limits = createSqlLimitRepository(store.db);
    await limits.set('a1', 'b_hash_1', {
      limit: 10_000,
      drawn: 4_000,
      reason: 'origination',
      actor: 'key_1',
      auditActor: 'key:key_1',
    });
    await limits.applyAlert(alert);
    await limits.applyAlert(alert); // the same alert again changes nothing, so no second entry
    // refused (not frozen any more after the lift below would be a conflict): nothing is appended for a failure
    await limits.unfreeze('a1', 'b_hash_1', { reason: 'reviewed', actor: 'usr_1', auditActor: 'user:usr_1' });
    await expect(
      limits.unfreeze('a1', 'b_hash_1', { reason: 'again', actor: 'usr_1', auditActor: 'user:usr_1' }),
    ).rejects.toBeInstanceOf(ConflictError);
    const got = await entries('a1', 'limit.');
    expect(got.map((e) => `${e.action} ${e.subject} ${e.actor}`)).toEqual([
      'limit.set limit:b_hash_1 key:key_1',
      'limit.freeze limit:b_hash_1 monitoring',
      'limit.unfreeze limit:b_hash_1 user:usr_1',
    ]);
    expect(got[0]!.detail).toMatchObject({
      previousLimit: 0,
      newLimit: 10_000,
      status: 'active',
      reason: 'origination',
    });
    expect(got[1]!.detail).toMatchObject({ alertId: 'alt_audit_1', status: 'frozen' });
    expect((await audit.verify('a1')).ok).toBe(true);
  });

  it.skipIf(factory.unavailable)('collections: queue changes and outcomes', async () => {
    const repo = createSqlCollectionsRepository(store.db);
    await repo.saveCases([kase], {
      tenantId: 'a1',
      actor: 'key:k1',
      action: 'collections.assign',
      subject: 'collections:queue',
      detail: { assigned: 1 },
    });
    const outcome = { kind: 'no_answer' as const };
    await repo.recordOutcome(
      { tenantId: 'a1', caseId: 'c1', day: 20_000, outcome, agentId: 'k1' },
      recordOutcome(kase, outcome, 20_000),
      { tenantId: 'a1', actor: 'key:k1', action: 'collections.outcome', subject: 'collections:c1' },
    );
    // an outcome on a case that does not exist fails, and leaves no entry
    await expect(
      repo.recordOutcome(
        { tenantId: 'a1', caseId: 'nope', day: 20_000, outcome },
        { ...kase, caseId: 'nope' },
        { tenantId: 'a1', actor: 'key:k1', action: 'collections.outcome', subject: 'collections:nope' },
      ),
    ).rejects.toThrow();
    expect((await entries('a1', 'collections.')).map((e) => `${e.action} ${e.subject}`)).toEqual([
      'collections.assign collections:queue',
      'collections.outcome collections:c1',
    ]);
    // the entry cannot be written (a control character in the actor): the outcome is not stored either
    const before = (await repo.outcomes('a1', 'c1')).length;
    await expect(
      repo.recordOutcome({ tenantId: 'a1', caseId: 'c1', day: 20_001, outcome }, recordOutcome(kase, outcome, 20_001), {
        tenantId: 'a1',
        actor: 'key:\u0000',
        action: 'collections.outcome',
        subject: 'collections:c1',
      }),
    ).rejects.toThrow(/invalid audit entry/);
    expect(await repo.outcomes('a1', 'c1')).toHaveLength(before);
  });

  it.skipIf(factory.unavailable)('marketing: a tag set saved, a campaign created, offers taken up', async () => {
    const saved = await saveTagSet(store.db, 'a1', DEFAULT_TAG_SET, 'key_1', 'first', 'key:key_1');
    await saveCampaign(
      store.db,
      'a1',
      {
        campaignId: 'cmp-audit',
        name: 'spring',
        terms: { product: 'cash-loan', amount: 5000, term: 12 },
        summary: {
          prospects: 2,
          offers: 1,
          excluded: 1,
          exclusionsByReason: {},
          averageLimit: 5000,
          averagePrice: 0.18,
        },
        createdBy: 'key_1',
      },
      [
        {
          entryNo: 1,
          ref: 'p1',
          prospectKey: 'k1',
          offered: true,
          limit: 5000,
          price: 0.18,
          outcome: 'offer',
          reasons: [],
        },
        {
          entryNo: 2,
          ref: 'p2',
          prospectKey: 'k2',
          offered: false,
          limit: null,
          price: null,
          outcome: 'excluded',
          reasons: [],
        },
      ],
      'user:usr_1',
    );
    const taken = await recordTakeUps(
      store.db,
      'a1',
      'cmp-audit',
      [{ ref: 'p1' }, { ref: 'p2' }],
      new Date(),
      'key:k2',
    );
    expect(taken).toEqual({ recorded: 1, notOffered: ['p2'] });
    // nothing taken up (only refs that were not offered): no change, no entry
    await recordTakeUps(store.db, 'a1', 'cmp-audit', [{ ref: 'p2' }], new Date(), 'key:k2');
    const tags = await entries('a1', 'marketing.');
    expect(tags.map((e) => `${e.action} ${e.subject} ${e.actor}`)).toEqual([
      `marketing.tags.save tags:v${saved.version} key:key_1`,
    ]);
    const campaign = await entries('a1', 'campaign.');
    expect(campaign.map((e) => `${e.action} ${e.subject} ${e.actor}`)).toEqual([
      'campaign.create campaign:cmp-audit user:usr_1',
      'campaign.take-up campaign:cmp-audit key:k2',
    ]);
    expect(campaign[0]!.detail).toMatchObject({ prospects: 2, offers: 1 });
    expect(campaign[1]!.detail).toEqual({ recorded: 1, notOffered: 1 });
  });

  it.skipIf(factory.unavailable)(
    'consortium: each stored batch, in the sharing tenant chain, with the events',
    async () => {
      const repo = createSqlConsortiumRepository(store.db, `audit-${factory.kind}`);
      const post = { tenantId: 'a2', actor: 'key:k9', action: 'consortium.post' };
      expect(await repo.append([event('e1', 'a2'), event('e2', 'a2')], post)).toHaveLength(2);
      // all duplicates: nothing stored, nothing appended
      expect(await repo.append([event('e1', 'a2')], post)).toHaveLength(0);
      await repo.append([event('e3', 'a2')], { tenantId: 'a2', actor: 'cli:ops', action: 'consortium.import' });
      const got = await entries('a2', 'consortium.');
      expect(got.map((e) => `${e.action} ${e.subject} ${e.actor}`)).toEqual([
        `consortium.post consortium:audit-${factory.kind} key:k9`,
        `consortium.import consortium:audit-${factory.kind} cli:ops`,
      ]);
      expect(got[0]!.detail).toMatchObject({ stored: 2, duplicates: 0, byType: { loan: 2 }, firstEventId: 'e1' });
      // identifier hashes stay out of the chain
      expect(JSON.stringify(got)).not.toContain('h'.repeat(43));
      // an entry that cannot be written undoes the batch
      await expect(repo.append([event('e4', 'a2')], { ...post, actor: 'bad\u0000' })).rejects.toThrow(
        /invalid audit entry/,
      );
      expect(await repo.count()).toBe(3);
    },
  );
});
