/**
 * `npm run bench -- fuzz [--cases N] [--seed S] [--regex-cases N]`: the fuzz suite at scale (default 100,000
 * endpoint cases spread evenly over every route of the full node, plus file-import cases). Prints per endpoint:
 * cases, serverErrors, acceptedInvalid, partialWrites — every one but `cases` must be 0. Two more families: regex
 * (generated patterns on adversarial subjects: refused, or within a bound linear in the subject) and oversized
 * bodies (every JSON route at 600 kB and 4 MiB: no 5xx, short error lists, heap growth bounded by the body).
 */
import fc from 'fast-check';
import { routeKey } from '../test/support/route-table.js';
import { casesFor, newStats, runCase, startFuzzNode, tableCounter, type RouteStats } from '../test/fuzz/harness.js';
import {
  fileArbitrary,
  newImportStats,
  openImportFuzz,
  runCorruptParquetCase,
  runImportCase,
} from '../test/fuzz/imports.js';
import { bodyCases, newBodyStats, runBodyCase } from '../test/fuzz/bodies.js';
import { newRegexStats, patternArbitrary, runRegexCase } from '../test/fuzz/regex.js';
import { flagValue, type Bench, type BenchResult } from './lib.js';

const METRICS = ['cases', 'serverErrors', 'acceptedInvalid', 'partialWrites'] as const;

function rows(subject: string, stats: Pick<RouteStats, (typeof METRICS)[number]>): BenchResult[] {
  return METRICS.map((metric) => ({
    subject,
    case: 'fuzz',
    metric,
    value: stats[metric],
    unit: subject.startsWith('file') ? 'files' : 'requests',
    ...(metric === 'cases' ? {} : { note: 'must be 0' }),
  }));
}

/** One result row of a family of its own (oversized bodies, regex patterns). */
const rowOf =
  (subject: string) =>
  (metric: string, value: number, unit: string, note?: string): BenchResult => ({
    subject,
    case: 'fuzz',
    metric,
    value,
    unit,
    ...(note ? { note } : {}),
  });

export const run: Bench = async (ctx) => {
  const total = Number(flagValue(ctx.args, '--cases') ?? 100_000);
  const seed = Number(flagValue(ctx.args, '--seed') ?? 20261125);
  const fuzz = await startFuzzNode();
  const results: BenchResult[] = [];
  const sum = { cases: 0, serverErrors: 0, acceptedInvalid: 0, partialWrites: 0 };
  const started = Date.now();
  try {
    const counts = tableCounter(fuzz.node);
    const perRoute = Math.ceil(total / fuzz.routes.length);
    ctx.log(`fuzz: ${fuzz.routes.length} routes × ${perRoute} cases, seed ${seed}`);
    // oversized bodies first, on a fresh heap
    const bodies = newBodyStats();
    for (const c of bodyCases(fuzz.routes)) await runBodyCase(fuzz.node, c, bodies);
    for (const f of bodies.failures) ctx.log(`  FAIL body: ${f}`);
    ctx.log(`oversized bodies: ${bodies.cases} cases, statuses ${JSON.stringify(bodies.statuses)}`);
    const bodyRow = rowOf('oversized bodies');
    results.push(
      bodyRow('cases', bodies.cases, 'requests'),
      bodyRow('serverErrors', bodies.serverErrors, 'requests', 'must be 0'),
      bodyRow('overHeapBound', bodies.overHeapBound, 'requests', 'must be 0 (32 MB + 16 × body)'),
      bodyRow('longErrorLists', bodies.longErrorLists, 'requests', 'must be 0'),
      bodyRow('peakHeapGrowth', bodies.peakHeapGrowthMb, 'MB'),
    );
    for (const [i, route] of fuzz.routes.entries()) {
      const stats = newStats();
      // in chunks so memory stays flat and progress shows
      for (let done = 0; done < perRoute; done += 1000) {
        for (const c of casesFor(route, Math.min(1000, perRoute - done), seed + i * 7919 + done)) {
          await runCase(fuzz.node, counts, c, stats);
        }
      }
      for (const f of stats.failures) ctx.log(`  FAIL ${routeKey(route)} ${f.family} ${f.status} ${f.url} ${f.detail}`);
      ctx.log(`${routeKey(route)}: ${stats.cases} cases, statuses ${JSON.stringify(stats.statuses)}`);
      results.push(...rows(routeKey(route), stats));
      for (const m of METRICS) sum[m] += stats[m];
    }
  } finally {
    await fuzz.dispose();
  }
  const endpointSeconds = (Date.now() - started) / 1000;

  // file import: hostile CSV files and corrupt Parquet
  const files = Math.max(50, Math.round(total / 200));
  const imp = await openImportFuzz();
  const istats = newImportStats();
  try {
    for (const specs of fc.sample(fileArbitrary, { numRuns: files, seed })) await runImportCase(imp, specs, istats);
    for (const bytes of fc.sample(fc.uint8Array({ maxLength: 4096 }), { numRuns: Math.round(files / 4), seed }))
      await runCorruptParquetCase(imp, bytes, istats);
  } finally {
    await imp.dispose();
  }
  for (const f of istats.failures) ctx.log(`  FAIL import: ${f}`);
  results.push(...rows('file import (files)', istats));

  results.push(
    ...rows('all endpoints', sum).map((r) => ({
      ...r,
      note: `${r.note ?? ''} ${endpointSeconds.toFixed(0)} s`.trim(),
    })),
  );
  // regex: generated patterns, each refused or linear in the subject
  const regexCases = Number(flagValue(ctx.args, '--regex-cases') ?? 2000);
  const rx = newRegexStats();
  for (const p of fc.sample(patternArbitrary, { numRuns: regexCases, seed })) runRegexCase(p, rx);
  for (const f of rx.failures) ctx.log(`  FAIL regex: ${f}`);
  const rxRow = rowOf('regex patterns');
  results.push(
    rxRow('cases', rx.cases, 'patterns'),
    rxRow('accepted', rx.accepted, 'patterns'),
    rxRow('refused', rx.refused, 'patterns'),
    rxRow('overBound', rx.overBound, 'patterns', 'must be 0 (50 ms + n × (0.02 + 0.002 × pattern length) ms)'),
    rxRow('crashes', rx.crashes, 'patterns', 'must be 0'),
    rxRow('worstPerChar', rx.worstMicrosPerChar, 'µs/char'),
  );
  return results;
};
