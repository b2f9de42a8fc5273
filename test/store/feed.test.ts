/**
 * The change feed on both adapters: a follower applies every committed transaction of its tables exactly once —
 * also one that commits after a later one was applied (commit order is not xid order), also across a lost LISTEN
 * connection — and nothing of a rolled-back one. Signals name the tenant whose lists, flows, models or keys changed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed, type RowFollower, type SqlExecutor, type Store } from '../../src/store/index.js';
import { POSTGRES_URL, storeFactories, twoPostgresNodes } from '../support/stores.js';

/** A follower of consortium_events that records the event ids it was handed, in order. */
function recorder(skipOwn = false) {
  const seen: string[] = [];
  const follower: RowFollower = {
    tables: ['consortium_events'],
    skipOwn,
    async load(db: SqlExecutor, table: string, filter) {
      const r = await db.query<{ event_id: string }>(
        `select event_id from ${table} where ${filter.condition(1)} order by event_id`,
        filter.params,
      );
      seen.push(...r.rows.map((x) => x.event_id));
    },
  };
  return { follower, seen };
}

const insertEvent = (db: SqlExecutor, id: string) =>
  db.query(
    `insert into consortium_events (tenant_id, institution_id, event_id, institution_type, event_type, occurred_at)
     values ('c', 'm1', $1, 'bank', 'loan', now())`,
    [id],
  );

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(storeFactories)('change feed on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    if (!factory.unavailable) store = await factory.open();
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it.skipIf(factory.unavailable)(
    'initial load, then each committed transaction once; rolled back ones never',
    async () => {
      await insertEvent(store.db, 'before-1');
      const feed = new ChangeFeed(store.db);
      const { follower, seen } = recorder();
      const following = await feed.follow(follower);
      expect(seen).toEqual(['before-1']);

      await store.db.transaction(async (tx) => {
        await insertEvent(tx, 'tx-a');
        await insertEvent(tx, 'tx-b');
      });
      await expect(
        store.db.transaction(async (tx) => {
          await insertEvent(tx, 'rolled-back');
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await insertEvent(store.db, 'after-1');
      await until(() => seen.includes('after-1'));
      await feed.sync();
      expect(seen).toEqual(['before-1', 'tx-a', 'tx-b', 'after-1']);

      // read-your-writes: a writer can make its own transaction applied before it answers
      const xid = (
        await store.db.query<{ xid: string }>(
          `insert into consortium_events (tenant_id, institution_id, event_id, institution_type, event_type, occurred_at)
         values ('c', 'm1', 'ryw', 'bank', 'loan', now()) returning xid::text`,
        )
      ).rows[0]!.xid;
      await following.catchUpTo('consortium_events', xid);
      expect(seen).toContain('ryw');
      await feed.sync();
      expect(seen.filter((s) => s === 'ryw')).toHaveLength(1);
      await feed.close();
    },
  );

  it.skipIf(factory.unavailable)('signals name the tenant whose policy tables changed', async () => {
    const feed = new ChangeFeed(store.db);
    const heard: (string | undefined)[] = [];
    feed.onSignal('rule_lists', (tenant) => heard.push(tenant));
    await feed.start();
    await store.db.query(
      `insert into rule_lists (tenant_id, list_name, kind, color) values ('t9', 'bl', 'phone', 'black')`,
    );
    await store.db.query(`update rule_lists set description = 'x' where tenant_id = 't9'`);
    await store.db.query(`delete from rule_lists where tenant_id = 't9'`);
    await until(() => heard.length >= 3);
    expect(heard).toEqual(['t9', 't9', 't9']);
    await feed.close();
  });
});

const pgFactory = storeFactories.find((f) => f.kind === 'postgres')!;

describe.skipIf(pgFactory.unavailable)('change feed across PostgreSQL nodes', () => {
  let schema: string;
  let a: Store;
  let b: Store;
  let nodes: Awaited<ReturnType<typeof twoPostgresNodes>> | undefined;
  beforeAll(async () => {
    nodes = await twoPostgresNodes();
    ({ schema, a, b } = nodes);
  });
  afterAll(async () => {
    await nodes?.dispose();
  });

  it('a transaction that took its xid first but commits last is applied, also while the listener was away', async () => {
    const feed = new ChangeFeed(a.db, { catchUpMs: 60_000 });
    const { follower, seen } = recorder();
    await feed.follow(follower);
    seen.length = 0;

    // T1 takes its xid (and would take a lower sequence number) first, T2 commits before it
    const t1 = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await t1.connect();
    await t1.query('begin');
    await insertEvent(t1, 'early-xid-late-commit');
    await insertEvent(b.db, 'late-xid-early-commit');
    await until(() => seen.includes('late-xid-early-commit'));

    // the listener loses its connection; T1 commits while nobody listens (its notification is lost)
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [
      `${a.db.origin}-listen`,
    ]);
    await t1.query('commit');
    await t1.end();
    await insertEvent(b.db, 'while-away');
    // the reconnection catches up: a "highest sequence seen" cursor would have skipped the early xid for good
    await until(() => seen.includes('early-xid-late-commit') && seen.includes('while-away'), 10_000);
    await admin.end();

    await insertEvent(b.db, 'after-reconnect');
    await until(() => seen.includes('after-reconnect'));
    await feed.sync();
    expect([...seen].sort()).toEqual([
      'after-reconnect',
      'early-xid-late-commit',
      'late-xid-early-commit',
      'while-away',
    ]);
    await feed.close();
  }, 30_000);

  it("skips the node's own writes when its follower asks to, still sees the other node's", async () => {
    const feed = new ChangeFeed(a.db);
    const { follower, seen } = recorder(true);
    await feed.follow(follower);
    seen.length = 0; // the initial load's rows
    await insertEvent(a.db, 'own');
    await insertEvent(b.db, 'other');
    await until(() => seen.includes('other'));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(['other']);
    await feed.close();
  });
});
