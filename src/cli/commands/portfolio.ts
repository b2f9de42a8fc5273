/** `riskloop portfolio vintage|rollrate|dpd --data <csv> --out chart.svg`: portfolio analytics as charts. */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { SingleBar, Presets } from 'cli-progress';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { systemClock } from '../../core/clock.js';
import { openStore } from '../../store/index.js';
import type { ApiLanguage } from '../../i18n/index.js';
import { decisionCatalog } from '../../catalog/index.js';
import {
  bookExpectedLoss,
  BUCKET_LABELS,
  bucketOfDpd,
  buildStoredBook,
  buildTrainingSet,
  trainingSetCsv,
  buildMonthlyBook,
  dpdChart,
  flowRateChart,
  flowRates,
  dpdDistribution,
  loadMonthlyBook,
  LABEL_INDETERMINATE,
  performanceLabels,
  psiReport,
  rollRateChart,
  rollRateMatrix,
  syntheticBook,
  toMonth,
  vintageChart,
  vintageCurves,
  type MonthlyBook,
} from '../../monitoring/index.js';

interface Common {
  data?: string;
  synthetic?: string;
  tenant?: string;
  from?: string;
  to?: string;
  out?: string;
  json?: boolean;
  lang: ApiLanguage;
}

async function loadBook(o: Common): Promise<MonthlyBook> {
  if (o.data) return loadMonthlyBook(o.data);
  if (o.tenant) return loadStoredBook(o.tenant, o.from, o.to);
  const n = Number(o.synthetic ?? 0);
  if (!(n > 0))
    throw new Error('give --data <csv> (credit_record.csv or loan_id,month,dpd[,balance]) or --synthetic N');
  const first = toMonth('2023-01');
  const { loans, repayments } = syntheticBook({ loans: n, originationMonths: 12, firstMonth: first });
  const bar = new SingleBar(
    { format: 'book |{bar}| {value}/{total} loans', stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(n, 0);
  const book = buildMonthlyBook(loans, repayments, { firstMonth: first, months: 24, onProgress: (d) => bar.update(d) });
  bar.stop();
  return book;
}

/** The tenant's book from the store (loans, instalments, repayment events), month ends from..to. */
async function loadStoredBook(tenant: string, from?: string, to?: string): Promise<MonthlyBook> {
  const store = await openStore(loadConfig().store);
  const bar = new SingleBar(
    { format: 'book |{bar}| {value}/{total} loans', stream: process.stderr },
    Presets.shades_classic,
  );
  try {
    let started = false;
    const book = await buildStoredBook(store.db, tenant, {
      from,
      to,
      now: systemClock.now(),
      onProgress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    if (!book) throw new Error(`tenant ${tenant} has no loans in the store`);
    return book;
  } finally {
    bar.stop();
    await store.close();
  }
}

async function emit(o: Common, svg: string, report: unknown, summary: string): Promise<void> {
  if (o.out) await writeFile(o.out, svg);
  if (o.json) console.log(JSON.stringify(report));
  else console.log(summary + (o.out ? `\nchart written to ${o.out}` : ''));
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');

function withCommon(cmd: Command): Command {
  return cmd
    .option('--data <csv>', 'credit_record.csv, or a CSV with loan_id,month,dpd[,balance][,segment]')
    .option('--synthetic <loans>', 'use a seeded synthetic book of this many loans × 24 months instead')
    .option('--tenant <tenantId>', "read this tenant's book from the store (loans, instalments, repayment events)")
    .option('--from <YYYY-MM>', 'first month of a stored book (default: first disbursement)')
    .option('--to <YYYY-MM>', 'last month of a stored book (default: this month)')
    .option('--out <file.svg>', 'write the chart as SVG')
    .addOption(
      new Option('--lang <language>', "the chart's words and numbers in this language")
        .choices(['en', 'zh-CN'])
        .default('en'),
    )
    .option('--json', 'print the full report as JSON');
}

export function register(program: Command): void {
  const portfolio = program.command('portfolio').description('Portfolio analytics: vintages, roll rates, DPD');

  withCommon(portfolio.command('vintage').description('vintage curves: ever N+ DPD by months on book'))
    .option('--dpd <days>', 'bad threshold in days past due (30, 60, 90)', '30')
    .option('--max-mob <months>', 'months on book to show', '24')
    .action(async (o: Common & { dpd: string; maxMob: string }) => {
      const book = await loadBook(o);
      const threshold = bucketOfDpd(Number(o.dpd));
      const report = vintageCurves(book, { thresholds: [threshold], maxMob: Number(o.maxMob) });
      const lines = report.vintages.map((v) => {
        const at = (k: number) => pct(v.badRate[0]![k] ?? Number.NaN);
        return `${v.label.padEnd(8)} ${String(v.accounts).padStart(7)}  mob3 ${at(3)}  mob6 ${at(6)}  mob12 ${at(12)}`;
      });
      await emit(
        o,
        vintageChart(report, threshold, o.lang),
        report,
        [`vintage  accounts  ever ${o.dpd}+ DPD`, ...lines].join('\n'),
      );
    });

  withCommon(portfolio.command('rollrate').description('roll-rate matrix month to month'))
    .option('--weight <w>', 'count or balance', 'count')
    .action(async (o: Common & { weight: 'count' | 'balance' }) => {
      const m = rollRateMatrix(await loadBook(o), { weight: o.weight });
      const rows = m.rates
        .slice(0, 8)
        .map((r, i) => `${m.labels[i]!.padEnd(8)} ${r.map((v) => pct(v).padStart(7)).join(' ')}`);
      await emit(
        o,
        rollRateChart(m, o.lang),
        m,
        [`from\\to  ${m.labels.map((l) => l.padStart(7)).join(' ')}`, ...rows].join('\n'),
      );
    });

  withCommon(portfolio.command('flow').description('flow rates month by month along the delinquency chain'))
    .option('--weight <w>', 'count or balance', 'count')
    .action(async (o: Common & { weight: 'count' | 'balance' }) => {
      const f = flowRates(await loadBook(o), o.weight);
      const last = f.months.length - 1;
      const summary =
        `${f.months[last] ?? ''}: ` + f.flows.map((n, k) => `${n} ${pct(f.rates[k]![last] ?? Number.NaN)}`).join(', ');
      await emit(o, flowRateChart(f, o.lang), f, summary);
    });

  withCommon(portfolio.command('dpd').description('DPD bucket distribution by month')).action(async (o: Common) => {
    const d = dpdDistribution(await loadBook(o));
    const last = d.counts[d.counts.length - 1] ?? [];
    const summary = `${d.months[d.months.length - 1]}: ` + d.labels.map((l, i) => `${l} ${last[i] ?? 0}`).join(', ');
    await emit(o, dpdChart(d, o.lang), d, summary);
  });

  withCommon(portfolio.command('labels').description('performance labels (bad = ever N+ DPD within M months on book)'))
    .option('--dpd <days>', 'bad threshold in days past due', '30')
    .option('--mob <months>', 'performance window in months on book', '6')
    .option('--all', 'also write indeterminate loans (label -1)')
    .action(async (o: Common & { dpd: string; mob: string; all?: boolean }) => {
      const book = await loadBook(o);
      const { labels, summary } = performanceLabels(book, {
        threshold: bucketOfDpd(Number(o.dpd)),
        windowMob: Number(o.mob),
      });
      const ids = book.loanIds ?? Array.from({ length: book.loans }, (_, i) => String(i));
      const apps = book.applicationIds;
      const lines = [apps ? 'loan_id,application_id,bad' : 'loan_id,bad'];
      for (let i = 0; i < book.loans; i++)
        if (o.all || labels[i] !== LABEL_INDETERMINATE)
          lines.push(apps ? `${ids[i]},${apps[i]},${labels[i]}` : `${ids[i]},${labels[i]}`);
      if (o.out) await writeFile(o.out, lines.join('\n') + '\n');
      if (o.json) console.log(JSON.stringify(summary));
      else
        console.log(
          `ever ${o.dpd}+ DPD within ${o.mob} months on book: ${summary.bad} bad, ${summary.good} good, ` +
            `${summary.indeterminate} indeterminate (bad rate ${pct(summary.badRate)})` +
            (o.out ? `\nlabels written to ${o.out}` : ''),
        );
    });

  portfolio
    .command('training-set')
    .description("labels from the loan book joined to each loan's decision-time facts, for `riskloop model fit`")
    .requiredOption('--tenant <tenantId>', 'tenant whose book and decisions to use')
    .requiredOption('--out <file>', 'CSV to write (applicationId, facts…, bad)')
    .option('--dpd <days>', 'bad threshold in days past due', '30')
    .option('--mob <months>', 'performance window in months on book', '6')
    .action(async (o: { tenant: string; out: string; dpd: string; mob: string }) => {
      const store = await openStore(loadConfig().store);
      try {
        const set = await buildTrainingSet(store.db, o.tenant, decisionCatalog(), {
          now: systemClock.now(),
          dpd: Number(o.dpd),
          mob: Number(o.mob),
        });
        await writeFile(o.out, trainingSetCsv(set));
        const bad = set.rows.filter((r) => r.bad === 1).length;
        console.log(
          `${set.rows.length} labelled applications (${bad} bad) with ${set.columns.length} decision-time facts ` +
            `written to ${o.out}; ${set.withoutDecision} labelled loans had no stored decision\n` +
            `retrain: riskloop model fit --data ${o.out} --target bad --drop applicationId`,
        );
      } finally {
        await store.close();
      }
    });

  withCommon(
    portfolio.command('el').description('expected loss PD × LGD × EAD by segment, PD from the roll-rate chain'),
  )
    .option('--lgd <share>', 'loss given default (0..1)', '0.6')
    .option('--horizon <months>', 'PD horizon in months', '12')
    .option('--default-dpd <days>', 'default definition in days past due', '90')
    .action(async (o: Common & { lgd: string; horizon: string; defaultDpd: string }) => {
      const book = await loadBook(o);
      const r = bookExpectedLoss(book, {
        lgd: Number(o.lgd),
        horizon: Number(o.horizon),
        defaultBucket: bucketOfDpd(Number(o.defaultDpd)),
      });
      if (o.json) {
        console.log(JSON.stringify({ pdByBucket: Array.from(r.pdByBucket), rows: r.rows, total: r.total }));
        return;
      }
      console.log(
        `PD within ${o.horizon} months by bucket: ` +
          Array.from(r.pdByBucket, (p, b) => `${BUCKET_LABELS[b]} ${pct(p)}`).join(', '),
      );
      for (const row of [...r.rows, r.total])
        console.log(
          `${row.segment.padEnd(16)} ${String(row.accounts).padStart(8)} loans  EAD ${Math.round(row.ead).toLocaleString('en-US').padStart(14)}` +
            `  EL ${Math.round(row.expectedLoss).toLocaleString('en-US').padStart(12)}  (${pct(row.lossRate)})`,
        );
    });

  portfolio
    .command('psi')
    .description('population stability of numeric columns: current vs development sample (0.1 watch, 0.25 act)')
    .requiredOption('--baseline <csv>', 'development sample (CSV with a header)')
    .requiredOption('--current <csv>', 'recent sample, same columns')
    .option('--columns <names>', 'comma-separated columns (default: every numeric column)')
    .option('--bins <n>', 'quantile bins on the baseline', '10')
    .option('--json', 'print JSON')
    .action(async (o: { baseline: string; current: string; columns?: string; bins: string; json?: boolean }) => {
      const read = async (path: string) =>
        parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      const [base, cur] = await Promise.all([read(o.baseline), read(o.current)]);
      const numeric = (rows: Record<string, string>[], c: string) =>
        Float64Array.from(rows, (r) =>
          r[c] === undefined || r[c] === '' || r[c] === 'NA' ? Number.NaN : Number(r[c]),
        );
      const names =
        o.columns?.split(',') ??
        Object.keys(base[0] ?? {}).filter((c) =>
          base.slice(0, 200).some((r) => r[c] !== '' && Number.isFinite(Number(r[c]))),
        );
      const dev = Object.fromEntries(names.map((c) => [c, numeric(base, c)]));
      const now = Object.fromEntries(names.map((c) => [c, numeric(cur, c)]));
      const report = psiReport(dev, now, Number(o.bins));
      if (o.json) console.log(JSON.stringify(report));
      else
        for (const r of report)
          console.log(`${(r.name || '(unnamed)').padEnd(32)} ${r.psi.toFixed(4).padStart(8)}  ${r.status}`);
    });
}
