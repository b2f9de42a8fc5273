import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import {
  createDraft,
  createListIndex,
  parseFlowDocument,
  parseListCsv,
  publishVersion,
  sqlFlowRepository,
  sqlListRepository,
} from '../../src/rules/index.js';
import { key } from './flow-catalog.js';

const doc = parseFlowDocument(readFileSync(new URL('./fixtures/consumer-loan.yaml', import.meta.url), 'utf8'));
let store: Store;

beforeAll(async () => {
  store = await openStore({ kind: 'pglite' });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

describe('SQL list repository (PGlite)', () => {
  it('stores definitions and entries per tenant, all-or-nothing, and rebuilds an index', async () => {
    const lists = sqlListRepository(store.db);
    const def = { name: 'phone_black', kind: 'phone' as const, color: 'black' as const, description: 'fraud' };
    await lists.saveDefinition('t1', def, 'ana');
    await lists.saveDefinition('t2', { ...def, description: '' }, 'bob');
    const now = new Date('2024-06-01T00:00:00Z');
    const entries = parseListCsv('value,reason,expires_at\n13800000001,ring,\n13800000002,mule,2024-07-01\n', {
      list: def,
      key,
      now,
      source: 'import:x.csv',
      actor: 'ana',
    });
    await lists.addEntries('t1', entries, 'ana');
    expect(await lists.definitions('t1')).toEqual([def]);
    const back = await lists.entries('t1');
    expect(back).toHaveLength(2);
    expect(back.find((e) => e.reason === 'mule')).toMatchObject({
      expiresAt: '2024-07-01T00:00:00.000Z',
      addedAt: '2024-06-01T00:00:00.000Z',
      addedBy: 'ana',
      source: 'import:x.csv',
    });
    expect(await lists.entries('t2')).toEqual([]);
    // a failing batch (unknown list) leaves nothing behind
    await expect(lists.addEntries('t2', [entries[0]!, { ...entries[1]!, list: 'nope' }], 'bob')).rejects.toThrow();
    expect(await lists.entries('t2')).toEqual([]);
    const index = createListIndex(await lists.definitions('t1'), back, { key });
    expect(index.has('phone_black', '13800000002', now.getTime())).toBe(true);
    expect(index.has('phone_black', '13800000002', Date.parse('2024-08-01T00:00:00Z'))).toBe(false);
    expect(await lists.removeEntry('t1', 'phone_black', entries[0]!.hash, 'ana')).toBe(true);
    expect(await lists.removeEntry('t1', 'phone_black', entries[0]!.hash, 'ana')).toBe(false);
    const audit = await store.db.query<{ action: string }>(
      "select action from rule_audit where tenant_id = 't1' order by at, action",
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['list.add', 'list.define', 'list.remove']);
  });
});

describe('SQL flow repository (PGlite)', () => {
  it('saves drafts, publishes champions atomically and lists flows', async () => {
    const flows = sqlFlowRepository(store.db);
    const t = (s: string) => new Date(s);
    const v1 = createDraft(await flows.versions('t1', doc.flowId), doc, {
      actor: 'ana',
      human: 'ana',
      now: t('2024-01-01T00:00:00Z'),
      comment: 'first',
    });
    await flows.save('t1', [v1], 'ana');
    await flows.save(
      't1',
      publishVersion(await flows.versions('t1', doc.flowId), 1, {
        actor: 'root',
        human: 'root',
        actorRole: 'admin',
        now: t('2024-01-02T00:00:00Z'),
      }),
      'root',
    );
    const v2 = createDraft(await flows.versions('t1', doc.flowId), doc, {
      actor: 'ana',
      human: 'ana',
      now: t('2024-02-01T00:00:00Z'),
    });
    await flows.save('t1', [v2], 'ana');
    await flows.save(
      't1',
      publishVersion(await flows.versions('t1', doc.flowId), 2, {
        actor: 'root',
        human: 'root',
        actorRole: 'admin',
        now: t('2024-02-02T00:00:00Z'),
      }),
      'root',
    );
    const all = await flows.versions('t1', doc.flowId);
    expect(all.map((r) => [r.version, r.status, r.role])).toEqual([
      [1, 'retired', 'champion'],
      [2, 'published', 'champion'],
    ]);
    expect((await flows.version('t1', doc.flowId, 2))!.document).toEqual(doc);
    expect((await flows.version('t1', doc.flowId, 1))!).toMatchObject({
      author: 'ana',
      comment: 'first',
      publishedBy: 'root',
      publishedAt: '2024-01-02T00:00:00.000Z',
    });
    expect(await flows.flows('t1')).toEqual([{ flowId: doc.flowId, latest: 2, champion: 2 }]);
    expect(await flows.flows('t2')).toEqual([]);
  });
});
