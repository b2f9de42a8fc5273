import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/portfolio.js';
import { runCli } from '../support/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rl-portfolio-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = async (...args: string[]): Promise<string> => (await runCli([register], args)).out;

describe('riskloop portfolio', () => {
  it('vintage on credit_record.csv writes an SVG chart and prints the curves', async () => {
    const svg = join(dir, 'vintage.svg');
    const text = await run(
      'portfolio',
      'vintage',
      '--data',
      '../shared/data/credit_record.csv',
      '--dpd',
      '60',
      '--out',
      svg,
    );
    expect(text).toContain('ever 60+ DPD');
    expect(text.split('\n').filter((l) => /^M-?\d/.test(l))).toHaveLength(61);
    const chart = await readFile(svg, 'utf8');
    expect(chart).toMatch(/^<svg /);
    expect((chart.match(/<path /g) ?? []).length).toBe(61);
  });

  it('rollrate and dpd on a monthly status CSV, as JSON', async () => {
    const csv = join(dir, 'book.csv');
    await writeFile(
      csv,
      'loan_id,month,dpd,balance\na,2024-01,0,100\na,2024-02,10,90\nb,2024-01,0,50\nb,2024-02,0,40\n',
    );
    const rr = JSON.parse(await run('portfolio', 'rollrate', '--data', csv, '--json', '--out', join(dir, 'rr.svg')));
    expect(rr.counts[0][0]).toBe(1);
    expect(rr.counts[0][1]).toBe(1);
    const flow = JSON.parse(await run('portfolio', 'flow', '--data', csv, '--json', '--out', join(dir, 'flow.svg')));
    expect(flow.rates[0]).toEqual([0.5]); // one of two current loans rolled to M1
    expect(await readFile(join(dir, 'flow.svg'), 'utf8')).toContain('current→M1');
    // --lang zh-CN: the chart's words as a Chinese risk team reads them
    await run('portfolio', 'flow', '--data', csv, '--lang', 'zh-CN', '--out', join(dir, 'flow-zh.svg'));
    const zh = await readFile(join(dir, 'flow-zh.svg'), 'utf8');
    expect(zh).toContain('迁徙率');
    expect(zh).toContain('正常→M1');
    expect(zh).not.toContain('current');
    const dpd = JSON.parse(await run('portfolio', 'dpd', '--data', csv, '--json'));
    expect(dpd.counts[1]).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const el = JSON.parse(
      await run('portfolio', 'el', '--data', csv, '--json', '--lgd', '0.5', '--horizon', '1', '--default-dpd', '1'),
    );
    // one month, default = 1+ DPD: half the current loans rolled to M1, so PD(current) = 0.5
    expect(el.pdByBucket[0]).toBeCloseTo(0.5, 12);
    expect(el.total.ead).toBe(130);
    expect(el.total.expectedLoss).toBeCloseTo(0.5 * 0.5 * 40 + 1 * 0.5 * 90, 10);
  });

  it('labels and psi', async () => {
    const out = join(dir, 'labels.csv');
    const text = await run(
      'portfolio',
      'labels',
      '--data',
      '../shared/data/credit_record.csv',
      '--mob',
      '6',
      '--out',
      out,
    );
    expect(text).toMatch(/\d+ bad, \d+ good/);
    const rows = (await readFile(out, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('loan_id,bad');
    expect(rows.slice(1).every((r) => /^\d+,[01]$/.test(r))).toBe(true);
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    await writeFile(a, 'x,y\n' + Array.from({ length: 500 }, (_, i) => `${i},${i % 7}`).join('\n'));
    await writeFile(b, 'x,y\n' + Array.from({ length: 500 }, (_, i) => `${i + 400},${i % 7}`).join('\n'));
    const psi = JSON.parse(await run('portfolio', 'psi', '--baseline', a, '--current', b, '--json'));
    expect(psi[0]).toMatchObject({ name: 'x', status: 'act' });
    expect(psi[1]).toMatchObject({ name: 'y', status: 'stable' });
  });
});
