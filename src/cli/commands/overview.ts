/**
 * `riskloop overview trends`: the console overview's trends (GET /v1/overview/trends) read straight from the store —
 * per UTC day or ISO week of application submission, the decisions, their mean score, approval rate and the share
 * held back for fraud. The same service answers the API, so the figures are the same.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { systemClock } from '../../core/clock.js';
import { ValidationError } from '../../core/index.js';
import { createTrends, overviewRepository, type TrendBucket, type Trends } from '../../overview/index.js';
import { openStore } from '../../store/index.js';
import { reportErrors } from '../report.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

/** One line a bucket; empty buckets show their zero and dashes, as the console's chart leaves a gap. */
export function trendsTable(t: Trends): string {
  const head = `${t.bucket === 'day' ? 'day' : 'week of'.padEnd(10)}  decisions  mean score  approved  fraud held back`;
  const lines = t.points.map(
    (p) =>
      `${p.start.slice(0, 10)}  ${String(p.decisions).padStart(9)}  ${(p.meanScore === null ? '—' : p.meanScore.toFixed(1)).padStart(10)}  ` +
      `${pct(p.approvalRate).padStart(8)}  ${pct(p.fraudHeldBackRate).padStart(7)} (${p.fraudHeldBack})`,
  );
  return [`${t.from} → ${t.to}, by ${t.bucket} of submission (UTC)`, head, ...lines].join('\n');
}

export function register(program: Command): void {
  const overview = program.command('overview').description("the console overview's figures from the store");
  overview
    .command('trends')
    .description('mean score, approval rate and fraud held back per day or week (as GET /v1/overview/trends)')
    .requiredOption('--tenant <tenantId>')
    .option('--bucket <day|week>', 'day or week (ISO, Monday)', 'week')
    .option('--from <date-time>', 'start (default: 30 days, or 26 weeks, before --to)')
    .option('--to <date-time>', 'end (default: now)')
    .option('--json', 'print the answer as the API gives it')
    .action((o: { tenant: string; bucket: string; from?: string; to?: string; json?: boolean }) =>
      reportErrors(async () => {
        if (o.bucket !== 'day' && o.bucket !== 'week')
          throw new ValidationError(`--bucket must be day or week, not ${o.bucket}`, [
            { path: '/bucket', message: 'day or week' },
          ]);
        const store = await openStore(loadConfig().store);
        try {
          const trends = createTrends({ repository: overviewRepository(store.db), clock: systemClock });
          const t = await trends.read(o.tenant, { bucket: o.bucket as TrendBucket, from: o.from, to: o.to });
          console.log(o.json ? JSON.stringify(t, null, 2) : trendsTable(t));
        } finally {
          await store.close();
        }
      }),
    );
}
