import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/flow-store.js';
import { loadConfig } from '../../src/config/index.js';
import { openStore } from '../../src/store/index.js';
import { policyRepositories } from '../../src/rules-store/index.js';
import { userRepository } from '../../src/users/index.js';
import { creditFlow } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-policy-cli-'));
const env = { RISKLOOP_DATA_DIR: dir };

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const program = new Command('riskloop').exitOverride();
  register(program);
  process.exitCode = undefined;
  await program.parseAsync(['node', 'riskloop', ...args]);
  const exit = process.exitCode;
  process.exitCode = undefined;
  return { out: out.join('\n'), err: err.join('\n'), exit };
}

describe('riskloop policy (CLI on the embedded store)', () => {
  const saved = process.env.RISKLOOP_DATA_DIR;
  process.env.RISKLOOP_DATA_DIR = dir;
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => {
    if (saved === undefined) delete process.env.RISKLOOP_DATA_DIR;
    else process.env.RISKLOOP_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates and imports a list, drafts and publishes a flow, all audited as the CLI user', async () => {
    const t = ['--tenant', 'demo'];
    expect(
      (await cli('policy', 'list-create', ...t, '--name', 'phone_black', '--kind', 'phone', '--color', 'black')).exit,
    ).toBeUndefined();
    const csv = join(dir, 'black.csv');
    writeFileSync(csv, 'value,reason\n13900000000,fraud\n,missing\n');
    const bad = await cli('policy', 'list-import', csv, ...t, '--list', 'phone_black');
    expect(bad.exit).toBe(1);
    expect(bad.err).toContain('row 3 / value');
    writeFileSync(csv, 'value,reason\n13900000000,fraud\n13900000001,mule\n');
    expect((await cli('policy', 'list-import', csv, ...t, '--list', 'phone_black')).out).toContain('2 entries');

    const flowFile = join(dir, 'flow.yaml');
    const doc = creditFlow();
    (doc.stages[1]! as { rules: Array<{ when: string }> }).rules[0]!.when = 'dtii > 0.9';
    writeFileSync(flowFile, stringify(doc));
    const typo = await cli('policy', 'draft', flowFile, ...t);
    expect(typo.exit).toBe(1);
    expect(typo.err).toMatch(/line 1, column 1: unknown field 'dtii'.*did you mean 'dti'/);
    writeFileSync(flowFile, stringify(creditFlow()));
    // two console users: one writes the draft, the other publishes it (four eyes)
    const people = await openStore(loadConfig(env).store);
    try {
      await people.tenants.ensure('demo');
      const users = userRepository(people.db);
      for (const email of ['ana@lender.example', 'bob@lender.example'])
        await users.create({ tenantId: 'demo', email, name: email, passwordHash: 'unused', role: 'admin' });
    } finally {
      await people.close();
    }
    const as = (email: string) => ['--as', email];
    expect((await cli('policy', 'draft', flowFile, ...t, ...as('ana@lender.example'))).out).toContain(
      'credit-main@1 saved as draft',
    );
    const publish = (...extra: string[]) =>
      cli('policy', 'publish', ...t, '--flow', 'credit-main', '--version', '1', '--comment', 'go', ...extra);
    const self = await publish(...as('ana@lender.example'));
    expect(self.exit).toBe(1);
    expect(self.err).toMatch(/other than its author/);
    const nobody = await publish(...as('root'));
    expect(nobody.err).toMatch(/approved by a person/);
    const pub = await publish(...as('bob@lender.example'));
    expect(pub.out).toContain('credit-main@1\tpublished\tchampion');
    expect((await cli('policy', 'versions', ...t, '--flow', 'credit-main')).out).toMatch(/^credit-main@1\tpublished/);

    // a challenger on 20 % of live traffic, then back to shadow; outcomes per arm
    expect((await cli('policy', 'draft', flowFile, ...t, ...as('ana@lender.example'))).out).toContain('credit-main@2');
    const challenger = await cli(
      'policy',
      'publish',
      ...t,
      '--flow',
      'credit-main',
      '--version',
      '2',
      '--comment',
      'try it',
      '--challenger',
      '--traffic',
      '0.2',
      ...as('bob@lender.example'),
    );
    expect(challenger.out, challenger.err).toContain('credit-main@2\tpublished\tchallenger\ttraffic 0.2');
    const tooMuch = await cli(
      'policy',
      'traffic',
      ...t,
      '--flow',
      'credit-main',
      '--version',
      '2',
      '--share',
      '1',
      '--comment',
      'x',
      ...as('bob@lender.example'),
    );
    expect(tooMuch.exit).toBe(1);
    expect(tooMuch.err).toMatch(/champion must keep a share/);
    const off = await cli(
      'policy',
      'traffic',
      ...t,
      '--flow',
      'credit-main',
      '--version',
      '2',
      '--share',
      '0',
      '--comment',
      'stop',
      ...as('bob@lender.example'),
    );
    expect(off.out).toContain('credit-main@2\tchallenger\ttraffic 0');
    const arms = await cli('policy', 'arms', ...t, '--flow', 'credit-main');
    expect(arms.exit).toBeUndefined();
    expect(arms.out).toMatch(/^arm\tflow\tdecisions\tapproval/);

    const store = await openStore(loadConfig(env).store);
    try {
      const repos = policyRepositories(store.db);
      expect((await repos.lists.entries('demo', 'phone_black')).length).toBe(2);
      const audit = await repos.audit.list('demo');
      expect(audit.length).toBeGreaterThanOrEqual(4);
      // operators without --as are `cli:<os user>`; the draft and the publication name the two people
      expect(audit.every((r) => r.actor.startsWith('cli:') || r.actor.startsWith('usr_'))).toBe(true);
    } finally {
      await store.close();
    }
  }, 240_000);
});
