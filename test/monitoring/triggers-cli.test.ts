import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/triggers.js';
import { createAuditLog } from '../../src/audit/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createSqlEventLog, type TriggerSetDocument } from '../../src/monitoring/index.js';
import { openStore } from '../../src/store/index.js';
import { userRepository } from '../../src/users/index.js';
import { runCli } from '../support/cli.js';
import { loanElsewhere } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-triggers-cli-'));
const saved = process.env.RISKLOOP_DATA_DIR;
process.env.RISKLOOP_DATA_DIR = dir;
const cli = (...args: string[]) => runCli([register], ['triggers', ...args]);

describe('riskloop triggers (CLI on the embedded store)', () => {
  afterAll(() => {
    if (saved === undefined) delete process.env.RISKLOOP_DATA_DIR;
    else process.env.RISKLOOP_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the stock set, validates, drafts, backtests and publishes; four eyes by the console users it names, audited', async () => {
    const file = join(dir, 'triggers.yaml');
    expect((await cli('show', '--tenant', 't1', '--out', file)).code).toBe(0);
    const doc = parse(readFileSync(file, 'utf8')) as TriggerSetDocument;
    expect(doc.triggers.map((t) => t.id)).toContain('multi_borrowing_7d');

    const multi = doc.triggers.find((t) => t.id === 'multi_borrowing_7d')!;
    multi.when = "event.kind == 'loan' and consortium.loans_7 >= 2";
    writeFileSync(file, stringify(doc));
    const bad = await cli('validate', file);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(
      /\/triggers\/0\/when \(line 1, column 26\): unknown field 'consortium.loans_7'; did you mean 'consortium.loans_7d'\?$/m,
    );
    expect((await cli('draft', file, '--tenant', 't1')).code).toBe(1);

    multi.when = "event.kind == 'loan' and consortium.loans_7d >= 2";
    writeFileSync(file, stringify(doc));
    expect((await cli('validate', file)).out).toContain(`✓ ${doc.triggers.length} triggers`);

    const store = await openStore(loadConfig().store);
    try {
      // two console users: one writes the version, the other publishes it (four eyes)
      await store.tenants.ensure('t1');
      for (const email of ['ana@lender.example', 'bob@lender.example'])
        await userRepository(store.db).create({ tenantId: 't1', email, name: email, passwordHash: 'x', role: 'admin' });
      const log = createSqlEventLog(store.db, 't1');
      for (const e of [loanElsewhere(0, 'm1', 'b1'), loanElsewhere(2, 'm2', 'b1')])
        await log.append({ ...e, tenantId: 't1' });
    } finally {
      await store.close();
    }
    expect(
      (await cli('draft', file, '--tenant', 't1', '--comment', 'two in a week', '--as', 'ana@lender.example')).out,
    ).toContain('v1 saved as draft');
    const bt = await cli('backtest', '--tenant', 't1', '--version', '1', '--json');
    expect(JSON.parse(bt.out)).toMatchObject({ events: 2, borrowers: 1, onlyCandidate: 1 });
    expect((await cli('backtest', '--tenant', 't1', '--version', '1')).out).toMatch(/multi_borrowing_7d\s+1 alerts/);

    const publish = (version: string, as: string) =>
      cli('publish', '--tenant', 't1', '--version', version, '--comment', 'tighter', '--as', as);
    const own = await publish('1', 'ana@lender.example');
    expect(own.code).toBe(1);
    expect(own.out).toMatch(/other than its author/);
    expect((await publish('1', 'bob@lender.example')).out).toContain('v1 is live');
    expect((await cli('versions', '--tenant', 't1')).out).toMatch(/v1\tpublished/);
    expect((await publish('7', 'bob@lender.example')).code).toBe(1);

    const again = await openStore(loadConfig().store);
    try {
      const entries = (await createAuditLog(again.db).list('t1', { action: 'triggers.' })).items;
      expect(entries.map((e) => e.action)).toEqual(['triggers.publish', 'triggers.draft']);
      // the people: the console users the CLI named
      expect(entries[0]!.actor).toMatch(/^usr_/);
      expect(entries[1]!.actor).toMatch(/^usr_/);
      expect(entries[0]!.actor).not.toBe(entries[1]!.actor);
    } finally {
      await again.close();
    }
  }, 240_000);
});
