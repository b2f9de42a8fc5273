/** `riskloop audit verify`, run in process against an embedded store in a temporary data dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/audit.js';
import { createAuditLog } from '../../src/audit/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-audit-cli-'));
const saved = { dataDir: process.env.RISKLOOP_DATA_DIR, db: process.env.DATABASE_URL };
const storeOptions = { kind: 'pglite' as const, dataDir: join(dir, 'pgdata') };

const run = (...args: string[]) => runCli([register], ['audit', ...args]);

beforeAll(async () => {
  process.env.RISKLOOP_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const store = await openStore(storeOptions);
  const audit = createAuditLog(store.db);
  for (const tenantId of ['a', 'b'])
    for (let i = 0; i < 4; i++)
      await audit.append({ tenantId, actor: 'cli:op', action: 'list.add', subject: 'list:x', detail: { i } });
  await store.close();
}, 60_000);
afterAll(() => {
  if (saved.dataDir === undefined) delete process.env.RISKLOOP_DATA_DIR;
  else process.env.RISKLOOP_DATA_DIR = saved.dataDir;
  if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
  rmSync(dir, { recursive: true, force: true });
});

describe('riskloop audit', () => {
  it('verify passes on intact chains and lists entries', async () => {
    const ok = await run('verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/ok\s+a: 4 entries/);
    expect(ok.out).toMatch(/ok\s+b: 4 entries/);
    const list = await run('list', '--tenant', 'a', '--limit', '2');
    expect(list.out.split('\n').map((l) => l.split('\t')[0])).toEqual(['4', '3']);
  });

  it('verify fails and names the seq of an edited entry', async () => {
    const store = await openStore(storeOptions);
    await store.db.exec('alter table audit_log disable trigger user');
    await store.db.query(`update audit_log set actor = 'cli:someone-else' where tenant_id = 'b' and seq = 2`);
    await store.db.exec('alter table audit_log enable trigger user');
    await store.close();
    const broken = await run('verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN\s+b: at seq 2: entry 2 was altered/);
    expect((await run('verify', '--tenant', 'a')).code).toBe(0);
    const json = await run('verify', '--tenant', 'b', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, tenants: [{ tenantId: 'b', broken: { seq: 2 } }] });
  });
});
