import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeFactories, TEST_AUDIT_KEY } from '../support/stores.js';
import type { Store } from '../../src/store/index.js';
import { createAuditLog, entryHash, verifyHead, type AuditLog } from '../../src/audit/index.js';

describe.each(storeFactories)('audit log on $kind', (factory) => {
  let store: Store & { dispose(): Promise<void> };
  let audit: AuditLog;
  beforeAll(async () => {
    if (factory.unavailable) return;
    store = await factory.open();
    audit = createAuditLog(store.db);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  /** A fresh tenant with `n` entries. */
  async function chain(tenantId: string, n: number): Promise<void> {
    for (let i = 1; i <= n; i++) {
      await audit.append({
        tenantId,
        actor: 'key:k1',
        action: 'list.add',
        subject: `list:l${i}`,
        detail: { count: i },
      });
    }
  }
  /** Tampering as a superuser would: with the append-only triggers switched off for the statement. */
  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    await store.db.exec('alter table audit_log disable trigger user');
    await store.db.exec('alter table audit_heads disable trigger user');
    try {
      await store.db.query(sql, params);
    } finally {
      await store.db.exec('alter table audit_log enable trigger user');
      await store.db.exec('alter table audit_heads enable trigger user');
    }
  }
  async function brokenAt(tenantId: string): Promise<number | undefined> {
    const v = await audit.verify(tenantId);
    return v.tenants[0]!.broken?.seq;
  }

  it.skipIf(factory.unavailable)('entries chain from genesis and verify; list pages newest first', async () => {
    await chain('ok', 5);
    const v = await audit.verify('ok');
    expect(v.ok).toBe(true);
    expect(v.tenants[0]).toMatchObject({ tenantId: 'ok', entries: 5, headSeq: 5 });
    const page = await audit.list('ok', { limit: 2 });
    expect(page.items.map((e) => e.seq)).toEqual([5, 4]);
    expect(page.items[0]!.prevHash).toBe(page.items[1]!.hash);
    expect(page.items[0]!.hash).toBe(entryHash(page.items[0]!, TEST_AUDIT_KEY));
    expect(page.items[0]!.keyed).toBe(true);
    const next = await audit.list('ok', { limit: 10, cursor: page.nextCursor! });
    expect(next.items.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(next.nextCursor).toBeNull();
    expect((await audit.list('ok', { subject: 'list:l2' })).items.map((e) => e.seq)).toEqual([2]);
    expect((await audit.list('other')).items).toEqual([]);
  });

  it.skipIf(factory.unavailable)('the database refuses updates, deletes and truncation', async () => {
    await chain('ro', 2);
    await expect(store.db.query("update audit_log set actor = 'x' where tenant_id = 'ro'")).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.query("delete from audit_log where tenant_id = 'ro'")).rejects.toThrow(/append-only/);
    await expect(store.db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    await expect(store.db.query("update audit_heads set seq = 1 where tenant_id = 'ro'")).rejects.toThrow(/forward/);
    await expect(store.db.query("delete from audit_heads where tenant_id = 'ro'")).rejects.toThrow(/forward/);
    expect((await audit.verify('ro')).ok).toBe(true);
  });

  it.skipIf(factory.unavailable)('an edited entry is reported at its seq', async () => {
    await chain('edit', 6);
    await tamper(`update audit_log set detail = '{"count": 99}' where tenant_id = 'edit' and seq = 3`);
    expect(await brokenAt('edit')).toBe(3);
    const v = await audit.verify('edit');
    expect(v.tenants[0]!.broken!.reason).toMatch(/altered/);
  });

  it.skipIf(factory.unavailable)('an edit with a recomputed hash is caught by the next link', async () => {
    await chain('rehash', 6);
    const [e] = (await audit.list('rehash', { cursor: 5, limit: 1 })).items;
    const forged = { ...e!, actor: 'key:someone-else' };
    await tamper("update audit_log set actor = $1, hash = $2 where tenant_id = 'rehash' and seq = 4", [
      forged.actor,
      entryHash(forged, TEST_AUDIT_KEY),
    ]);
    expect(await brokenAt('rehash')).toBe(5);
  });

  it.skipIf(factory.unavailable)(
    'the database owner without the key cannot rewrite history: every recomputed chain is refused',
    async () => {
      await chain('owner', 5);
      const entries = (await audit.list('owner', { limit: 10 })).items.reverse();
      // rewrite entry 2 and every hash after it, as a plain SHA-256 chain (what the old chain allowed) and as an
      // HMAC under a guessed key
      for (const [tenant, key, keyed] of [
        ['owner', null, false],
        ['owner2', randomBytes(32), true],
      ] as const) {
        if (tenant === 'owner2') await chain('owner2', 5);
        const rows = tenant === 'owner' ? entries : (await audit.list('owner2', { limit: 10 })).items.reverse();
        let prev = rows[0]!.hash;
        for (const e of rows.slice(1)) {
          const forged = { ...e, prevHash: prev, actor: e.seq === 2 ? 'key:forger' : e.actor };
          const hash = entryHash(forged, key);
          await tamper(
            `update audit_log set actor = $3, prev_hash = $4, hash = $5, keyed = $6 where tenant_id = $1 and seq = $2`,
            [tenant, e.seq, forged.actor, prev, hash, keyed],
          );
          prev = hash;
        }
        await tamper('update audit_heads set hash = $2 where tenant_id = $1', [tenant, prev]);
        const v = (await audit.verify(tenant)).tenants[0]!;
        expect(v.ok, tenant).toBe(false);
        expect(v.broken!.seq).toBe(2);
      }
    },
  );

  it.skipIf(factory.unavailable)(
    'a signed head verifies with the published key, outside riskloop too (openssl, the standalone script)',
    async () => {
      await chain('signed', 4);
      const head = await audit.signedHead('signed');
      expect(head).toMatchObject({ tenantId: 'signed', seq: 4, keyedFrom: 1 });
      expect(verifyHead(head, head.publicKey)).toBe(true);
      expect(verifyHead({ ...head, seq: 3 }, head.publicKey)).toBe(false);
      expect(
        createHash('sha256')
          .update(Buffer.from(head.publicKey.split('\n').slice(1, -2).join(''), 'base64'))
          .digest('hex'),
      ).toBe(head.publicKeyFingerprint);
      // a broken chain is never signed
      await chain('unsigned', 3);
      await tamper(`update audit_log set detail = '{"count": 7}' where tenant_id = 'unsigned' and seq = 2`);
      await expect(audit.signedHead('unsigned')).rejects.toThrow(/broken at seq 2/);

      const dir = mkdtempSync(join(tmpdir(), 'riskloop-audit-export-'));
      const lines: string[] = [];
      for await (const e of audit.entries('signed')) lines.push(JSON.stringify(e));
      writeFileSync(join(dir, 'chain.jsonl'), lines.join('\n') + '\n');
      writeFileSync(join(dir, 'head.json'), JSON.stringify(head));
      const script = join(process.cwd(), 'scripts', 'verify-audit-chain.mjs');
      const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
      const ok = run(join(dir, 'chain.jsonl'), join(dir, 'head.json'), '--key', TEST_AUDIT_KEY.toString('hex'));
      expect(ok.stdout + ok.stderr).toMatch(/ok: 4 entries/);
      expect(ok.status).toBe(0);
      // an edited line in the export is caught by the script
      const edited = lines.map((l, i) => (i === 1 ? l.replace('list:l2', 'list:lX') : l));
      writeFileSync(join(dir, 'edited.jsonl'), edited.join('\n') + '\n');
      const bad = run(join(dir, 'edited.jsonl'), join(dir, 'head.json'), '--key', TEST_AUDIT_KEY.toString('hex'));
      expect(bad.status).toBe(1);
      expect(bad.stdout + bad.stderr).toMatch(/entry 2/);
      // openssl checks the signature alone, from the head's own text
      const which = spawnSync('openssl', ['version'], { encoding: 'utf8' });
      if (which.status === 0) {
        const text = run(join(dir, 'head.json'), '--print-signed-text');
        writeFileSync(join(dir, 'head.txt'), text.stdout);
        writeFileSync(join(dir, 'head.sig'), Buffer.from(head.signature, 'base64'));
        writeFileSync(join(dir, 'head.pub'), head.publicKey);
        const v = spawnSync(
          'openssl',
          [
            'pkeyutl',
            '-verify',
            '-pubin',
            '-inkey',
            join(dir, 'head.pub'),
            '-rawin',
            '-in',
            join(dir, 'head.txt'),
            '-sigfile',
            join(dir, 'head.sig'),
          ],
          { encoding: 'utf8' },
        );
        expect(v.stdout + v.stderr).toMatch(/Signature Verified Successfully/);
      }
    },
  );

  it.skipIf(factory.unavailable)(
    'a removed entry, a removed tail and an inserted entry are each reported',
    async () => {
      await chain('gap', 6);
      await tamper("delete from audit_log where tenant_id = 'gap' and seq = 4");
      expect(await brokenAt('gap')).toBe(4);

      await chain('tail', 6);
      await tamper("delete from audit_log where tenant_id = 'tail' and seq >= 5");
      expect(await brokenAt('tail')).toBe(5);

      await chain('ins', 3);
      const [last] = (await audit.list('ins', { limit: 1 })).items;
      const extra = { ...last!, seq: 4, prevHash: last!.hash, actor: 'key:intruder', at: new Date().toISOString() };
      await tamper(
        `insert into audit_log (tenant_id, seq, at, actor, action, subject, detail, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          'ins',
          4,
          extra.at,
          extra.actor,
          extra.action,
          extra.subject,
          JSON.stringify(extra.detail),
          extra.prevHash,
          entryHash(extra, TEST_AUDIT_KEY),
        ],
      );
      expect(await brokenAt('ins')).toBe(4);
    },
  );

  it.skipIf(factory.unavailable)('two swapped entries are reported at the first of them', async () => {
    await chain('swap', 5);
    await tamper(
      `update audit_log set subject = case seq when 2 then 'list:l3' else 'list:l2' end,
         detail = case seq when 2 then '{"count": 3}'::jsonb else '{"count": 2}'::jsonb end
       where tenant_id = 'swap' and seq in (2, 3)`,
    );
    expect(await brokenAt('swap')).toBe(2);
  });

  it.skipIf(factory.unavailable)(
    '100 concurrent appends give a gapless, valid chain; tenants chain apart',
    async () => {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          audit.append({
            tenantId: i % 2 ? 'busy' : 'busy2',
            actor: `key:k${i}`,
            action: 'case.note',
            subject: `case:${i}`,
            detail: { i },
          }),
        ),
      );
      for (const t of ['busy', 'busy2']) {
        expect(
          results
            .filter((r) => r.tenantId === t)
            .map((r) => r.seq)
            .sort((a, b) => a - b),
        ).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        const v = await audit.verify(t);
        expect(v.tenants[0]).toMatchObject({ ok: true, entries: 50, headSeq: 50 });
      }
    },
  );

  it.skipIf(factory.unavailable)('a clear identifier in a detail is redacted before it is stored', async () => {
    const e = await audit.append({
      tenantId: 'pii',
      actor: 'key:k1',
      action: 'case.note',
      subject: 'case:1',
      detail: {
        comment: 'called 138 1234 5678 and wrote to li.lei@example.cn about 11010519491231002X',
        hash: 'Ab13812345678-x',
      },
    });
    expect(e.detail).toEqual({
      comment: 'called [redacted] and wrote to [redacted] about [redacted]',
      hash: 'Ab13812345678-x',
    });
    const dump = await store.db.query<{ t: string }>("select detail::text as t from audit_log where tenant_id = 'pii'");
    expect(dump.rows[0]!.t).not.toMatch(/1234 5678|example|1231002X/);
  });

  it.skipIf(factory.unavailable)('verify without a tenant checks every chain', async () => {
    const v = await audit.verify();
    expect(v.tenants.map((t) => t.tenantId)).toEqual(expect.arrayContaining(['ok', 'edit', 'busy']));
    expect(v.ok).toBe(false);
  });
});
