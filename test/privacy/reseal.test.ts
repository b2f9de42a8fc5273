import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCipheriv, randomBytes } from 'node:crypto';
import { createKeyRing, deriveKey } from '../../src/core/index.js';
import { resealLegacyIdentities } from '../../src/privacy/index.js';
import { storeFactories } from '../support/stores.js';

/** A value in the format written before sealed identities were bound to their row (`v1`, no associated data). */
function legacySeal(master: Buffer, text: string, tagBytes = 16): string {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', deriveKey(master, 'riskloop/seal'), nonce, { authTagLength: tagBytes });
  const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
  return ['v1', nonce, c.getAuthTag(), body]
    .map((x) => (typeof x === 'string' ? x : x.toString('base64url')))
    .join('.');
}

describe.each(storeFactories)('reseal of unbound sealed identities on $kind', (factory) => {
  const master = randomBytes(32);
  const keyRing = createKeyRing(master);
  let store: Awaited<ReturnType<typeof factory.open>>;
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    await store.tenants.ensure('r1');
  });
  afterAll(async () => store?.dispose());

  it.skipIf(factory.unavailable)('rewrites every v1 value as v2 bound to its row, once', async () => {
    for (let i = 0; i < 3; i++) {
      await store.db.query(
        `insert into applications (tenant_id, application_id, submitted_at, snapshot, sealed_identity)
         values ('r1', $1, now(), '{}', $2)`,
        [`A${i}`, legacySeal(master, JSON.stringify({ phone: `1390000000${i}` }))],
      );
    }
    // a 4-byte tag (accepted before) and a value under another key: left as they are, never opened
    await store.db.query(
      `insert into applications (tenant_id, application_id, submitted_at, snapshot, sealed_identity)
       values ('r1', 'SHORT', now(), '{}', $1), ('r1', 'OTHER', now(), '{}', $2)`,
      [legacySeal(master, '{}', 4), legacySeal(randomBytes(32), '{}')],
    );
    expect(await resealLegacyIdentities(store.db, keyRing.sealer)).toEqual({ resealed: 3, unreadable: 2 });
    const rows = (
      await store.db.query<{ application_id: string; sealed_identity: string }>(
        `select application_id, sealed_identity from applications where tenant_id = 'r1' order by application_id`,
      )
    ).rows;
    for (const r of rows.filter((x) => x.application_id.startsWith('A'))) {
      expect(r.sealed_identity.startsWith('v2.')).toBe(true);
      const row = { tenantId: 'r1', table: 'applications', rowId: r.application_id };
      expect(JSON.parse(keyRing.sealer.open(r.sealed_identity, row)).phone).toBe(`1390000000${r.application_id[1]}`);
    }
    // a v1 value no longer opens through the ordinary path
    expect(() =>
      keyRing.sealer.open(legacySeal(master, '{}'), { tenantId: 'r1', table: 'applications', rowId: 'A0' }),
    ).toThrow();
    expect(await resealLegacyIdentities(store.db, keyRing.sealer)).toEqual({ resealed: 0, unreadable: 2 });
  });
});
