import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/flow.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function cli(...args: string[]): Promise<{ out: string; err: string; exit: number | undefined }> {
  const out: string[] = [];
  const err: string[] = [];
  let exit: number | undefined;
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    exit = code;
    throw new Error('exit');
  }) as never);
  const program = new Command('riskloop').exitOverride();
  register(program);
  try {
    await program.parseAsync(['node', 'riskloop', ...args]);
  } catch (e) {
    if ((e as Error).message !== 'exit') throw e;
  }
  return { out: out.join('\n'), err: err.join('\n'), exit };
}

afterEach(() => vi.restoreAllMocks());

describe('riskloop flow', () => {
  it('validate: accepts a good flow and names the problems in a bad one', async () => {
    const ok = await cli(
      'flow',
      'validate',
      fixture('consumer-loan.yaml'),
      '--fields',
      fixture('consumer-loan.fields.yaml'),
      '--lists',
      'phone_watch,phone_black',
    );
    expect(ok.out).toBe('✓ consumer-loan: 3 stages, 6 rules, 0 model calls');
    const dir = mkdtempSync(join(tmpdir(), 'riskloop-cli-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(fixture('consumer-loan.yaml'), 'utf8').replace('when: ml_orgs_1m >= 6', 'when: ml_orgs_1n >= 6'),
    );
    const r = await cli('flow', 'validate', bad, '--fields', fixture('consumer-loan.fields.yaml'));
    expect(r.exit).toBe(1);
    expect(r.err).toContain(
      "/stages/1/rules/0/when: stage 'fraud', rule 'F01', line 1, column 1: unknown field 'ml_orgs_1n'; did you mean 'ml_orgs_1m'?",
    );
  });

  it('diff and backtest on the example flows', async () => {
    const d = await cli('flow', 'diff', fixture('gmsc-live.yaml'), fixture('gmsc-draft.yaml'));
    expect(d.out.split('\n')).toContain(
      '~ rule P03.when: "RevolvingUtilizationOfUnsecuredLines > 1.2" → "RevolvingUtilizationOfUnsecuredLines > 0.9"',
    );
    const dir = mkdtempSync(join(tmpdir(), 'riskloop-cli-'));
    const csv = join(dir, 'gmsc-slice.csv');
    // a slice of the public GMSC file, made at run time
    const lines = readFileSync(
      fileURLToPath(new URL('../../../shared/data/gmsc_cs-training.csv', import.meta.url)),
      'utf8',
    )
      .split('\n')
      .slice(0, 3001);
    writeFileSync(csv, lines.join('\n') + '\n');
    const report = join(dir, 'bt.html');
    const b = await cli(
      'flow',
      'backtest',
      '--flow',
      fixture('gmsc-draft.yaml'),
      '--baseline',
      fixture('gmsc-live.yaml'),
      '--data',
      csv,
      '--label',
      'SeriousDlqin2yrs',
      '--report',
      report,
      '--json',
    );
    const json = JSON.parse(b.out) as {
      rows: number;
      draft: { approvalRate: number };
      baseline: { approvalRate: number };
      swapOut: { count: number };
    };
    expect(json.rows).toBe(3000);
    expect(json.draft.approvalRate).toBeLessThan(json.baseline.approvalRate);
    expect(json.swapOut.count).toBeGreaterThan(0);
    expect(readFileSync(report, 'utf8')).toContain('<svg');
  });
});
