/**
 * A node restart forgets nothing: the runtime rebuilds each tenant's borrower state from the outbox before its
 * consumer resumes, so the third loan elsewhere after a restart still raises the alert, exactly once.
 */
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJetStreamBus } from '../../src/monitoring/index.js';
import { startMonitoringRuntime } from '../../src/monitoring/index.js';
import type { Store } from '../../src/store/index.js';
import { storeFactories } from '../support/stores.js';
import { ev, loanElsewhere } from './helpers.js';

describe.each(storeFactories)('monitoring runtime restart on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'events → restart → one more event: the alert fires once, as without a restart',
    async () => {
      const borrower = 'b_restart';
      let node = await startMonitoringRuntime({ store });
      await node.limits.set('t1', borrower, { limit: 10_000, drawn: 2_000, reason: 'origination', actor: 'k' });
      const unreachable = ev('contact', 0.5, { outcome: 'unreachable' }, borrower);
      await node.publish('t1', [loanElsewhere(0, 'm1', borrower), unreachable, loanElsewhere(2, 'm2', borrower)]);
      await node.idle();
      expect(await node.alerts.list({ tenantId: 't1' })).toEqual([]);
      await node.close();

      node = await startMonitoringRuntime({ store }); // a fresh process: empty memory, same store
      // A producer resending an event from before the restart changes nothing.
      await node.publish('t1', [unreachable, loanElsewhere(4, 'm3', borrower)]);
      await node.idle();
      const alerts = await node.alerts.list({ tenantId: 't1' });
      expect(alerts.map((a) => [a.triggerId, a.values['consortium.loans_7d']])).toEqual([['multi_borrowing_7d', 3]]);
      expect((await node.limits.get('t1', borrower))!.limit).toMatchObject({ status: 'reduced', limit: 7_000 });

      // Another restart with nothing new: the replay re-derives that alert but neither records nor applies it again;
      // a second unreachable within 30 days fires the contact trigger because the first one was remembered.
      await node.close();
      node = await startMonitoringRuntime({ store });
      await node.publish('t1', [ev('contact', 5, { outcome: 'unreachable' }, borrower)]);
      await node.idle();
      const after = await node.alerts.list({ tenantId: 't1' });
      expect(after.map((a) => a.triggerId).sort()).toEqual(['multi_borrowing_7d', 'unreachable_twice']);
      expect((await node.limits.get('t1', borrower))!.actions).toHaveLength(2);
      await node.close();
    },
  );

  it.skipIf(factory.unavailable)(
    'events left unhandled in the outbox are handled at start, without a new event',
    async () => {
      const node = await startMonitoringRuntime({ store });
      const borrower = 'b_backlog';
      // Appended by a node that stopped before its consumer ran (the outbox is written before the 202).
      await store.db.query(
        `insert into monitoring_events (tenant_id, event_id, event_type, borrower_id, occurred_at, event)
       values ('t3', $1, 'consortium', $2, $3, $4)`,
        [
          'backlog-1',
          borrower,
          '2024-06-01T09:00:00Z',
          JSON.stringify({
            ...ev('consortium', 0, { kind: 'overdue', memberId: 'm9', dpd: 40 }, borrower),
            tenantId: 't3',
            eventId: 'backlog-1',
          }),
        ],
      );
      await node.close();
      const next = await startMonitoringRuntime({ store });
      await next.idle();
      expect((await next.alerts.list({ tenantId: 't3' })).map((a) => a.triggerId)).toEqual(['overdue_elsewhere']);
      await next.close();
    },
  );
});

const servers = process.env.NATS_URL ?? '127.0.0.1:4222';
const natsUp = await connect({ servers, timeout: 1500 }).then(
  async (nc) => (await nc.close(), true),
  () => false,
);
if (!natsUp && process.env.CI === 'true') throw new Error(`NATS JetStream is not reachable at ${servers}`);

describe.skipIf(!natsUp)('monitoring runtime restart on JetStream (real server)', () => {
  const stream = `RL_TEST_RESTART_${randomBytes(4).toString('hex').toUpperCase()}`;
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    store = await storeFactories[0]!.open();
  });
  afterAll(async () => {
    await store?.dispose();
    const bus = await createJetStreamBus({ servers, stream, subjectPrefix: `${stream.toLowerCase()}.events` });
    await bus.deleteStream();
    await bus.close();
  });

  it("replays the stream up to the durable consumer's ack floor before resuming it", async () => {
    const nats = { servers, stream };
    const borrower = 'b_js_restart';
    let node = await startMonitoringRuntime({ store, nats });
    await node.publish('t1', [loanElsewhere(0, 'm1', borrower), loanElsewhere(2, 'm2', borrower)]);
    await node.idle();
    await node.close();
    node = await startMonitoringRuntime({ store, nats });
    await node.publish('t1', [loanElsewhere(4, 'm3', borrower)]);
    await node.idle();
    const alerts = await node.alerts.list({ tenantId: 't1', borrowerId: borrower });
    expect(alerts.map((a) => [a.triggerId, a.values['consortium.loans_7d']])).toEqual([['multi_borrowing_7d', 3]]);
    await node.close();
  });
});
