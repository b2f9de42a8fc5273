/** `riskloop privacy`, run in process against an embedded store in a temporary data dir. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/privacy.js';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { protectApplication } from '../../src/decision/protect.js';
import { openStore } from '../../src/store/index.js';
import { sampleApplication } from '../support/applications.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-privacy-cli-'));
const saved = { dataDir: process.env.RISKLOOP_DATA_DIR, db: process.env.DATABASE_URL };

const run = (...args: string[]) => runCli([register], ['privacy', ...args]);

beforeAll(async () => {
  process.env.RISKLOOP_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const config = loadConfig();
  const keyRing = createKeyRing(config.masterKey);
  const store = await openStore(config.store);
  await store.tenants.ensure('t');
  const p = protectApplication(sampleApplication(), keyRing.tenantHmacKey('t'), keyRing.sealer, {
    tenantId: 't',
    table: 'applications',
    rowId: 'APP-1',
  });
  await store.db.query(
    'insert into applications (tenant_id, application_id, submitted_at, snapshot, sealed_identity) values ($1, $2, $3, $4, $5)',
    ['t', 'APP-1', '2026-01-01T00:00:00Z', JSON.stringify(p.snapshot), p.sealedIdentity],
  );
  await store.close();
}, 60_000);
afterAll(() => {
  if (saved.dataDir === undefined) delete process.env.RISKLOOP_DATA_DIR;
  else process.env.RISKLOOP_DATA_DIR = saved.dataDir;
  if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
  rmSync(dir, { recursive: true, force: true });
});

describe('riskloop privacy', () => {
  it('exports to a private file, refuses to erase without --yes, erases, then finds the tombstone', async () => {
    const out = join(dir, 'subject.json');
    const exported = await run('export', '--tenant', 't', '--phone', '13912345678', '--out', out);
    expect(exported.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { identity: { identity: { name: string } }[] };
    expect(doc.identity[0]!.identity.name).toBe('Zhang Wei');
    expect(exported.out).not.toContain('Zhang');

    const refused = await run('erase', '--tenant', 't', '--application-id', 'APP-1');
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/--yes/);
    const erased = await run('erase', '--tenant', 't', '--application-id', 'APP-1', '--yes');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.out)).toMatchObject({ retainedDecisions: true, counts: { applications: 1 } });
    const again = await run('export', '--tenant', 't', '--national-id', '11010119900307123X');
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/data subject not found/);
    const tomb = await run('erasures', '--tenant', 't', '--national-id', '11010119900307123X');
    expect(tomb.out).toMatch(/^era_/);
    const sweep = await run('sweep');
    expect(JSON.parse(sweep.out)).toMatchObject({ purged: {} });
  });
});
