import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/model.js';
import { dataPath } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-model-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `riskloop model …` in-process and returns what it printed. */
async function cli(args: string[]): Promise<{ out: string[]; err: string[]; exit?: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  const error = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
  let exit: number | undefined;
  const quit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    exit = code;
    throw new Error('exit');
  }) as never);
  try {
    const program = new Command('riskloop').exitOverride();
    register(program);
    await program.parseAsync(['node', 'riskloop', 'model', ...args]);
  } catch (e) {
    if ((e as Error).message !== 'exit') throw e;
  } finally {
    log.mockRestore();
    error.mockRestore();
    quit.mockRestore();
  }
  return { out, err, ...(exit !== undefined ? { exit } : {}) };
}

describe('riskloop model (CLI contract)', () => {
  it('fit --json prints ONE JSON object with auc, ks, gini, fitSeconds, rows, features; --out writes the files', async () => {
    const outDir = join(dir, 'german');
    const r = await cli([
      'fit',
      '--data',
      dataPath('germancredit.csv'),
      '--target',
      'creditability=bad',
      '--kind',
      'scorecard',
      '--drop',
      'telephone,foreign_worker',
      '--test-fraction',
      '0.3',
      '--seed',
      '42',
      '--out',
      outDir,
      '--json',
    ]);
    expect(r.out).toHaveLength(1);
    const j = JSON.parse(r.out[0]!) as Record<string, unknown>;
    for (const k of ['auc', 'ks', 'gini', 'fitSeconds', 'rows']) expect(typeof j[k]).toBe('number');
    expect(j.rows).toBe(1000);
    expect(j.testRows).toBe(300);
    expect(j.auc as number).toBeGreaterThan(0.75);
    expect(j.features).not.toContain('telephone');
    const model = JSON.parse(readFileSync(join(outDir, 'model.json'), 'utf8')) as { kind: string };
    expect(model.kind).toBe('scorecard');

    const scored = join(dir, 'scored.csv');
    await cli([
      'score',
      '--model',
      join(outDir, 'model.json'),
      '--data',
      dataPath('germancredit.csv'),
      '--out',
      scored,
    ]);
    const lines = readFileSync(scored, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toMatch(/^row,score,probability,reason_1,reason_1_points_lost/);
  });

  it('stability: PSI 0 against itself, a shift when only bad applicants arrive', async () => {
    const model = join(dir, 'german', 'model.json');
    const lines = readFileSync(dataPath('germancredit.csv'), 'utf8').trim().split('\n');
    const bads = join(dir, 'bads.csv');
    writeFileSync(bads, [lines[0], ...lines.slice(1).filter((l) => l.endsWith(',bad'))].join('\n') + '\n');
    const same = await cli([
      'stability',
      '--model',
      model,
      '--baseline',
      dataPath('germancredit.csv'),
      '--current',
      dataPath('germancredit.csv'),
      '--json',
    ]);
    expect((JSON.parse(same.out[0]!) as { score: { psi: number } }).score.psi).toBe(0);
    const shifted = await cli([
      'stability',
      '--model',
      model,
      '--baseline',
      dataPath('germancredit.csv'),
      '--current',
      bads,
      '--json',
    ]);
    const r = JSON.parse(shifted.out[0]!) as {
      score: { psi: number };
      characteristics: Array<{ variable: string; csi: number }>;
    };
    expect(r.score.psi).toBeGreaterThan(0.25);
    expect(Math.max(...r.characteristics.map((c) => c.csi))).toBeGreaterThan(0.1);
  });

  it('applies manual cut points and level groups from --cuts and --edits', async () => {
    const edits = join(dir, 'edits.json');
    writeFileSync(
      edits,
      JSON.stringify({ groups: { housing: [['own'], ['rent', 'for free']] }, cuts: { age_in_years: [99] } }),
    );
    const outDir = join(dir, 'edited');
    const r = await cli([
      'fit',
      '--data',
      dataPath('germancredit.csv'),
      '--target',
      'creditability=bad',
      '--cuts',
      'duration_in_month=12,24,36',
      '--edits',
      edits,
      '--min-iv',
      '0',
      '--out',
      outDir,
      '--json',
    ]);
    expect(r.out).toHaveLength(1);
    const points = JSON.parse(readFileSync(join(outDir, 'points.json'), 'utf8')) as Array<{
      variable: string;
      bin: string;
    }>;
    const bins = (v: string) => points.filter((p) => p.variable === v).map((p) => p.bin);
    expect(bins('duration_in_month')).toEqual(['[-inf, 12)', '[12, 24)', '[24, 36)', '[36, inf)', 'missing']);
    expect(bins('housing')).toEqual(['own', 'rent | for free', 'missing']);
  });

  it('exits 2 with a message naming the column on bad input', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'income,y\n' + Array.from({ length: 30 }, (_, i) => `${i === 3 ? 'n/a?' : i},${i % 2}`).join('\n'),
    );
    const r = await cli(['fit', '--data', bad, '--target', 'y', '--json']);
    expect(r.exit).toBe(2);
    expect(r.out).toHaveLength(0);
    expect(r.err.join('\n')).toMatch(/income/);
  });

  it('fit --kind gbdt --threads N: the same model on 1 and 2 threads; a bad count exits 2 naming --threads', async () => {
    const fit = (threads: string) =>
      cli([
        'fit',
        '--data',
        dataPath('hmeq.csv'),
        '--target',
        'BAD',
        '--kind',
        'gbdt',
        '--trees',
        '40',
        '--threads',
        threads,
        '--json',
      ]);
    const one = JSON.parse((await fit('1')).out[0]!) as { auc: number; ks: number };
    const two = JSON.parse((await fit('2')).out[0]!) as { auc: number; ks: number };
    expect(two.auc).toBe(one.auc);
    expect(two.ks).toBe(one.ks);
    expect(one.auc).toBeGreaterThan(0.9);
    const bad = await fit('0');
    expect(bad.exit).toBe(2);
    expect(bad.err.join('\n')).toMatch(/threads/);
  });
});
