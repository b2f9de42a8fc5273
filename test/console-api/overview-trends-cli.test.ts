/**
 * `riskloop overview trends` on a store with decisions: the same figures as GET /v1/overview/trends (one service
 * answers both), as a table and as the API's JSON, and a clear error for a bucket it does not know.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/overview.js';
import { loadConfig } from '../../src/config/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';
import { seedDecision } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-trends-cli-'));
const saved = { data: process.env.RISKLOOP_DATA_DIR, demo: process.env.RISKLOOP_DEMO };
const window = ['--from', '2026-11-09T00:00:00Z', '--to', '2026-11-25T12:00:00Z'];

beforeAll(async () => {
  process.env.RISKLOOP_DATA_DIR = join(dir, 'data');
  process.env.RISKLOOP_DEMO = 'off';
  const store = await openStore(loadConfig().store);
  const decidedAt = '2026-11-25T11:00:00Z';
  const seeded = [
    // week of Mon 9 Nov: two approvals, one decline for affordability (not fraud)
    { applicationId: 'C-1', outcome: 'approve', submittedAt: '2026-11-09T08:00:00Z', score: 700 },
    { applicationId: 'C-2', outcome: 'approve', submittedAt: '2026-11-10T08:00:00Z', score: 640 },
    { applicationId: 'C-3', outcome: 'decline', submittedAt: '2026-11-15T23:00:00Z', score: 520, reasons: ['DTI_CAP'] },
    // week of Mon 16 Nov: a ring member declined, an approval
    {
      applicationId: 'C-4',
      outcome: 'decline',
      submittedAt: '2026-11-16T00:30:00Z',
      score: 560,
      reasons: ['GRAPH_RING'],
    },
    { applicationId: 'C-5', outcome: 'approve', submittedAt: '2026-11-19T10:00:00Z', score: 660 },
  ] as const;
  for (const d of seeded)
    await seedDecision(store, 't1', { ...d, decidedAt, reasons: 'reasons' in d ? [...d.reasons] : [] });
  await seedDecision(store, 't2', { applicationId: 'X-1', outcome: 'decline', decidedAt, reasons: ['GRAPH_RING'] });
  await store.close();
}, 120_000);
afterAll(() => {
  process.env.RISKLOOP_DATA_DIR = saved.data;
  process.env.RISKLOOP_DEMO = saved.demo;
  if (saved.data === undefined) delete process.env.RISKLOOP_DATA_DIR;
  if (saved.demo === undefined) delete process.env.RISKLOOP_DEMO;
  rmSync(dir, { recursive: true, force: true });
});

describe('riskloop overview trends', () => {
  it('prints the API answer as JSON: per ISO week, mean score, approval rate, fraud held back', async () => {
    const { out, code } = await runCli([register], ['overview', 'trends', '--tenant', 't1', ...window, '--json']);
    expect(code, out).toBe(0);
    const t = JSON.parse(out);
    expect(t.bucket).toBe('week');
    expect(t.points).toEqual([
      {
        start: '2026-11-09T00:00:00.000Z',
        decisions: 3,
        meanScore: 620,
        approvalRate: 0.6667,
        fraudHeldBackRate: 0,
        fraudHeldBack: 0,
      },
      {
        start: '2026-11-16T00:00:00.000Z',
        decisions: 2,
        meanScore: 610,
        approvalRate: 0.5,
        fraudHeldBackRate: 0.5,
        fraudHeldBack: 1,
      },
      {
        start: '2026-11-23T00:00:00.000Z',
        decisions: 0,
        meanScore: null,
        approvalRate: null,
        fraudHeldBackRate: null,
        fraudHeldBack: 0,
      },
    ]);
  });

  it('prints a table by day, one line a day with the empty days', async () => {
    const { out, code } = await runCli(
      [register],
      ['overview', 'trends', '--tenant', 't1', '--bucket', 'day', ...window],
    );
    expect(code, out).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/by day of submission/);
    expect(lines.filter((l) => /^2026-11-\d\d /.test(l))).toHaveLength(17);
    expect(out).toMatch(/^2026-11-16\s+1\s+560\.0\s+0\.0 %\s+100\.0 % \(1\)$/m);
    expect(out).toMatch(/^2026-11-09\s+1\s+700\.0\s+100\.0 %\s+0\.0 % \(0\)$/m);
    expect(out).toMatch(/^2026-11-11\s+0\s+—\s+—\s+— \(0\)$/m);
  });

  it('refuses a bucket it does not know, naming it', async () => {
    const { out, code } = await runCli([register], ['overview', 'trends', '--tenant', 't1', '--bucket', 'month']);
    expect(code).toBe(1);
    expect(out).toMatch(/--bucket must be day or week/);
  });
});
