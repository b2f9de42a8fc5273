import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories } from '../support/stores.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';
import type { Store } from '../../src/store/index.js';
import { call, creditFlow, startNode, TENANT, type Node } from '../rules-store/harness.js';

const PHONE = sampleApplication().applicant.phone!;
const DEVICE = sampleApplication().device!.deviceId!;

describe.each(storeFactories)('lists end to end on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let node: Node;
  const logLines: string[] = [];

  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    });
    node = await startNode(store, logStream);
  });
  afterAll(async () => {
    await node?.close();
    await store?.dispose();
  });

  const admin = () => node.keys.admin.secret;
  const decide = async (overrides = {}) => {
    const r = await call(node, 'POST', '/v1/decisions', node.keys.decision.secret, sampleApplication(overrides));
    expect(r.statusCode).toBe(200);
    return r.json();
  };

  it.skipIf(factory.unavailable)('viewers cannot read lists; analysts create and fill them', async () => {
    expect((await call(node, 'GET', '/v1/lists', node.keys.viewer.secret)).statusCode).toBe(403);
    const bad = await call(node, 'POST', '/v1/lists', node.keys.analyst.secret, {
      name: 'phone_black',
      kind: 'fax',
      color: 'black',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.some((e: { path: string }) => e.path.startsWith('/kind'))).toBe(true);
    for (const def of [
      { name: 'phone_black', kind: 'phone', color: 'black' },
      { name: 'device_white', kind: 'deviceId', color: 'white' },
      { name: 'phone_grey', kind: 'phone', color: 'grey' },
    ]) {
      expect((await call(node, 'POST', '/v1/lists', node.keys.analyst.secret, def)).statusCode).toBe(201);
    }
  });

  it.skipIf(factory.unavailable)(
    'a blacklisted phone declines at once, naming the list and the kind only',
    async () => {
      const add = await call(node, 'POST', '/v1/lists/phone_black/entries', admin(), {
        entries: [
          {
            value: `${PHONE.slice(0, 3)}-${PHONE.slice(3, 7)} ${PHONE.slice(7)}`,
            reason: 'confirmed fraud',
            source: 'case-42',
          },
        ],
      });
      expect(add.statusCode).toBe(201);
      expect(add.json().hashes[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const d = await decide({ applicationId: 'APP-black' });
      expect(d.outcome).toBe('decline');
      expect(d.limit).toBeNull();
      expect(d.reasons[0]).toMatchObject({ code: 'LIST_BLACK_PHONE', principal: true, source: 'list' });
      expect(d.reasons[0].message).toContain('phone_black');
      // the knockout and strategy stages did not run past the halt
      expect(Object.keys(d.timings.stages)).not.toContain('knockout');

      const rows = await store.db.query('select * from decisions where tenant_id = $1', [TENANT]);
      const entries = await store.db.query('select * from rule_list_entries where tenant_id = $1', [TENANT]);
      const text = JSON.stringify([rows.rows, entries.rows, logLines]);
      for (const id of SAMPLE_IDENTIFIERS) expect(text).not.toContain(id);

      const listed = await call(node, 'GET', '/v1/lists/phone_black/entries', node.keys.analyst.secret);
      expect(listed.json().items).toEqual([
        expect.objectContaining({ hash: add.json().hashes[0], reason: 'confirmed fraud', source: 'case-42' }),
      ]);
      expect(JSON.stringify(listed.json())).not.toContain(PHONE);

      const removed = await call(node, 'POST', '/v1/lists/phone_black/entries/remove', admin(), { value: PHONE });
      expect(removed.json()).toEqual({ removed: true });
      expect((await decide({ applicationId: 'APP-unblack' })).outcome).toBe('approve');
    },
  );

  it.skipIf(factory.unavailable)('grey leans to review; expired entries no longer match', async () => {
    await call(node, 'POST', '/v1/lists/phone_grey/entries', admin(), {
      entries: [{ value: PHONE, reason: 'disputed account' }],
    });
    const d = await decide({ applicationId: 'APP-grey' });
    expect(d.outcome).toBe('review');
    expect(d.reasons.map((r: { code: string }) => r.code)).toContain('LIST_GREY_PHONE');
    await call(node, 'POST', '/v1/lists/phone_grey/entries/remove', admin(), { value: PHONE });

    const soon = new Date(Date.now() + 60_000).toISOString();
    await call(node, 'POST', '/v1/lists/phone_black/entries', admin(), {
      entries: [{ value: PHONE, reason: 'temporary hold', expiresAt: soon }],
    });
    expect((await decide({ applicationId: 'APP-hold', submittedAt: new Date().toISOString() })).outcome).toBe(
      'decline',
    );
    const past = await call(node, 'POST', '/v1/lists/phone_black/entries', admin(), {
      entries: [{ value: PHONE, reason: 'x', expiresAt: '2020-01-01T00:00:00Z' }],
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('/entries/0/expiresAt');
    await call(node, 'POST', '/v1/lists/phone_black/entries/remove', admin(), { value: PHONE });
  });

  it.skipIf(factory.unavailable)('CSV import is all or nothing and reports every bad row', async () => {
    const bad = await call(node, 'POST', '/v1/lists/phone_black/import', admin(), {
      csv: 'value,reason,expires_at\n13800000001,fraud,\n,fraud,\n13800000003,fraud,not-a-date\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['row 3 / value', 'row 4 / expires_at']);
    const count = async () =>
      (await call(node, 'GET', '/v1/lists', admin()))
        .json()
        .items.find((l: { name: string }) => l.name === 'phone_black').entries;
    expect(await count()).toBe(0);
    const ok = await call(node, 'POST', '/v1/lists/phone_black/import', admin(), {
      csv: 'value,reason\n13800000001,fraud\n13800000002,mule\n',
      source: 'import:test.csv',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ imported: 2 });
    expect(await count()).toBe(2);
    expect(
      (
        await decide({
          applicationId: 'APP-imported',
          applicant: { ...sampleApplication().applicant, phone: '13800000002' },
        })
      ).outcome,
    ).toBe('decline');
  });

  it.skipIf(factory.unavailable)('a whitelisted device takes the fast lane past the skippable stage', async () => {
    await call(node, 'POST', '/v1/flows', node.keys.analyst.secret, {
      document: creditFlow({ screening: { identifiers: [{ field: 'device.deviceId', kind: 'deviceId' }] } }),
    });
    const pub = await call(node, 'POST', '/v1/flows/credit-main/versions/1/publish', admin(), { comment: 'live' });
    expect(pub.statusCode).toBe(200);
    const normal = await decide({ applicationId: 'APP-normal' });
    expect(normal.outcome).toBe('review'); // F01 in the skippable fraud stage fires on 10 000

    await call(node, 'POST', '/v1/lists/device_white/entries', admin(), {
      entries: [{ value: DEVICE, reason: 'long-standing customer' }],
    });
    const fast = await decide({ applicationId: 'APP-fast' });
    expect(fast.outcome).toBe('approve');
    const codes = fast.reasons.map((r: { code: string }) => r.code);
    expect(codes).toContain('FAST_LANE');
    expect(codes).not.toContain('LARGE_AMOUNT');
    const replay = await call(node, 'POST', `/v1/decisions/${fast.decisionId}/replay`, admin());
    expect(replay.json().matches).toBe(true);
  });

  it.skipIf(factory.unavailable)('list changes are audited with the API key id', async () => {
    const audit = await call(node, 'GET', '/v1/policy/audit?subject=list:phone_black', admin());
    const rows = audit.json().items as Array<{ actor: string; action: string }>;
    expect(rows.some((r) => r.action === 'list.define' && r.actor === node.keys.analyst.keyId)).toBe(true);
    expect(rows.some((r) => r.action === 'list.add' && r.actor === node.keys.admin.keyId)).toBe(true);
    expect(rows.some((r) => r.action === 'list.remove' && r.actor === node.keys.admin.keyId)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PHONE);
    // a removed entry names its identifier's keyed hash: an admin reads it, a viewer only its last four characters
    const hashes = (text: string) => text.match(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g) ?? [];
    const full = hashes(JSON.stringify(rows));
    expect(full.length).toBeGreaterThan(0);
    const seen = await call(node, 'GET', '/v1/policy/audit?subject=list:phone_black', node.keys.viewer.secret);
    expect(seen.statusCode).toBe(200);
    const text = JSON.stringify(seen.json().items);
    expect(hashes(text)).toEqual([]);
    for (const h of full) expect(text).toContain('*'.repeat(39) + h.slice(-4));
  });
});
