/**
 * Counted once: what a decision changes in shared state (counters, graph) is applied only after its row commits.
 * A failed commit, a failing later stage, or another node having stored the same idempotency key first discard it;
 * a retry after a failed commit applies it once. A device session's sighting commits in the decision's statement.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, UnavailableError } from '../../src/core/index.js';
import {
  createDecisionService,
  defaultStages,
  loadKnockoutPolicy,
  type DecisionContext,
  type Stage,
} from '../../src/decision/index.js';
import type { Store } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';
import { storeFactories } from '../support/stores.js';

const policy = loadKnockoutPolicy();
const keyRing = createKeyRing(randomBytes(32));

describe.each(storeFactories)('decision effects on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (!factory.unavailable) store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  /** A stage leaving one effect per decision; `log` records what happened to each, by application id. */
  function harness(options: { failAfter?: boolean; sighting?: boolean; on?: Store } = {}) {
    const log: string[] = [];
    const effectStage: Stage = {
      name: 'effect',
      always: true,
      run(ctx: DecisionContext) {
        const id = ctx.application.applicationId;
        ctx.effects.push({
          name: 'probe',
          apply: () => void log.push(`apply ${id}`),
          discard: () => void log.push(`discard ${id}`),
        });
        if (options.sighting) ctx.deviceSighting = { deviceKey: `dk-${id}`, accountId: 'acct-1' };
      },
    };
    const failing: Stage = {
      name: 'fails',
      always: true,
      run() {
        throw new UnavailableError('a later stage failed');
      },
    };
    const stages = [effectStage, ...defaultStages(policy), ...(options.failAfter ? [failing] : [])];
    return { log, service: createDecisionService({ store: options.on ?? store, keyRing, policy, stages }) };
  }

  it.skipIf(factory.unavailable)(
    'applies after the commit; discards when the commit fails; a retry counts once',
    async () => {
      const { log, service } = harness();
      await service.decide('t1', sampleApplication({ applicationId: 'E-1' }), { idempotencyKey: 'k-e1' });
      expect(log).toEqual(['apply E-1']);

      const insertMany = store.decisions.insertMany;
      store.decisions.insertMany = async () => {
        throw new UnavailableError('the store is unavailable, retry shortly');
      };
      try {
        await expect(
          service.decide('t1', sampleApplication({ applicationId: 'E-2' }), { idempotencyKey: 'k-e2' }),
        ).rejects.toThrow(/unavailable/);
      } finally {
        store.decisions.insertMany = insertMany;
      }
      expect(log).toEqual(['apply E-1', 'discard E-2']);

      // the client retries with the same key: stored once, applied once; a further retry is a replay
      await service.decide('t1', sampleApplication({ applicationId: 'E-2' }), { idempotencyKey: 'k-e2' });
      const replay = await service.decide('t1', sampleApplication({ applicationId: 'E-2' }), {
        idempotencyKey: 'k-e2',
      });
      expect(replay.replayed).toBe(true);
      expect(log).toEqual(['apply E-1', 'discard E-2', 'apply E-2']);
    },
  );

  it.skipIf(factory.unavailable)('discards when a later stage fails', async () => {
    const { log, service } = harness({ failAfter: true });
    await expect(service.decide('t1', sampleApplication({ applicationId: 'E-3' }))).rejects.toThrow(/later stage/);
    expect(log).toEqual(['discard E-3']);
    expect(await store.decisions.list({ tenantId: 't1', applicationId: 'E-3' })).toEqual([]);
  });

  it.skipIf(factory.unavailable)('discards when another node stored the same idempotency key first', async () => {
    const nodeA = harness();
    // B looked the key up before A stored it, so it decides too; its row loses the key's unique index
    let looked = false;
    const lateLookup: Store = {
      ...store,
      decisions: {
        ...store.decisions,
        getByIdempotencyKey: async (tenantId, key) =>
          looked ? store.decisions.getByIdempotencyKey(tenantId, key) : void (looked = true),
      },
    };
    const nodeB = harness({ on: lateLookup });
    const body = sampleApplication({ applicationId: 'E-4' });
    const a = await nodeA.service.decide('t1', body, { idempotencyKey: 'k-e4' });
    const b = await nodeB.service.decide('t1', body, { idempotencyKey: 'k-e4' });
    expect(a.decision.decisionId).toBe(b.decision.decisionId);
    expect([...nodeA.log, ...nodeB.log].sort()).toEqual(['apply E-4', 'discard E-4']);
  });

  it.skipIf(factory.unavailable)("a device sighting commits with its decision's row, and only then", async () => {
    const { service } = harness({ sighting: true });
    const stored = await service.decide('t1', sampleApplication({ applicationId: 'E-5' }), { idempotencyKey: 'k-e5' });
    const insertMany = store.decisions.insertMany;
    store.decisions.insertMany = async () => {
      throw new UnavailableError('the store is unavailable, retry shortly');
    };
    await expect(service.decide('t1', sampleApplication({ applicationId: 'E-6' }))).rejects.toThrow(/unavailable/);
    store.decisions.insertMany = insertMany;
    await service.decide('t1', sampleApplication({ applicationId: 'E-5' }), { idempotencyKey: 'k-e5' }); // replay
    const rows = await store.db.query<{ decision_id: string; device_key: string; declined: boolean }>(
      `select decision_id, device_key, declined from device_observations where tenant_id = 't1' order by decision_id`,
    );
    expect(rows.rows).toEqual([
      {
        decision_id: stored.decision.decisionId,
        device_key: 'dk-E-5',
        declined: stored.decision.outcome === 'decline',
      },
    ]);
  });
});
