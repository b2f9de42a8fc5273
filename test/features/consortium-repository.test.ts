import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryConsortiumRepository,
  createSqlConsortiumRepository,
  ingestConsortiumEvents,
  loadEventIndex,
  type ConsortiumRepository,
} from '../../src/features/index.js';
import { storeFactories } from '../support/stores.js';
import { CONSORTIUM_KEY, DAY, T0, ev } from './helpers.js';

type Opened = { repo: ConsortiumRepository; rawDump: () => Promise<string>; other: ConsortiumRepository };
const disposers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const d of disposers) await d();
});

const adapters: Array<{ name: string; skip: boolean; open: () => Promise<Opened> }> = [
  {
    name: 'memory',
    skip: false,
    async open() {
      const repo = createMemoryConsortiumRepository();
      return {
        repo,
        other: createMemoryConsortiumRepository(),
        rawDump: async () => {
          const all: unknown[] = [];
          await repo.scan((b) => all.push(...b));
          return JSON.stringify(all);
        },
      };
    },
  },
  ...storeFactories.map((f) => ({
    name: f.kind,
    skip: f.unavailable,
    async open(): Promise<Opened> {
      const store = await f.open();
      disposers.push(() => store.dispose());
      return {
        repo: createSqlConsortiumRepository(store.db, 'consortium-1'),
        other: createSqlConsortiumRepository(store.db, 'consortium-2'),
        rawDump: async () => JSON.stringify((await store.db.query('select * from consortium_events')).rows),
      };
    },
  })),
];

const ID = '110101199001011234';
const PHONE = '13800000001';

describe.each(adapters)('consortium repository ($name)', ({ skip, open }) => {
  it.skipIf(skip)('stores hashed events idempotently, pages by member, scans in time order, aggregates', async () => {
    const { repo, rawDump, other } = await open();
    const inputs = [
      ev({
        eventId: '1',
        eventType: 'application',
        occurredAt: T0 - 3 * DAY,
        nationalId: ID,
        phone: PHONE,
        amount: 5000,
      }),
      ev({ eventId: '2', eventType: 'loan', occurredAt: T0 - 2 * DAY, nationalId: ID, loanId: 'L-1', amount: 5000 }),
      ev({
        eventId: '1',
        eventType: 'overdue',
        occurredAt: T0 - 5 * DAY,
        phone: PHONE,
        dpd: 30,
        institutionId: 'mc',
        institutionType: 'microloan',
      }),
      ev({
        eventId: '2',
        eventType: 'application',
        occurredAt: T0 - DAY,
        nationalId: '999',
        institutionId: 'mc',
        institutionType: 'microloan',
      }),
    ];
    const r1 = await ingestConsortiumEvents(repo, inputs, { consortiumKey: CONSORTIUM_KEY });
    expect(r1.stored).toBe(4);
    const r2 = await ingestConsortiumEvents(repo, inputs.slice(0, 2), { consortiumKey: CONSORTIUM_KEY });
    expect(r2).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await repo.count()).toBe(4);
    expect(await other.count()).toBe(0);

    const scanned: number[] = [];
    await repo.scan((b) => scanned.push(...b.map((e) => e.occurredAt)), 2);
    expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
    expect(scanned).toHaveLength(4);

    const own = await repo.listOwn('mc');
    expect(own.map((e) => [e.eventId, e.eventType, e.dpd])).toEqual([
      ['1', 'overdue', 30],
      ['2', 'application', null],
    ]);
    expect(await repo.listOwn('mc', { limit: 1, offset: 1 })).toHaveLength(1);

    expect(await repo.memberMetrics('bankA')).toEqual({
      institutionId: 'bankA',
      contributed: { application: 1, loan: 1 },
      consortiumEvents: 4,
      consortiumMembers: 2,
      sharedIdentifiers: 1,
    });

    const index = await loadEventIndex(repo);
    expect(index.size).toBe(4);

    const raw = await rawDump();
    for (const clear of [
      ID,
      PHONE,
      'L-1',
      createHash('sha256').update(PHONE).digest('hex'),
      createHash('md5').update(ID).digest('hex'),
    ])
      expect(raw).not.toContain(clear);
  });
});
