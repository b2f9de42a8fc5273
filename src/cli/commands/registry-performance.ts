/** `riskloop model performance <name> <version>`: a deployed version's realised performance by origination month. */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { createModelRegistry, modelPerformance, type RealisedPerformance } from '../../models/index.js';
import { checkRealisedAuc, createSqlAlertStore } from '../../monitoring/index.js';
import { openStore } from '../../store/index.js';
import { asOfOption, versionArgument } from '../options.js';

const cell = (v: number | null) => (v === null ? '—' : String(v));

function print(name: string, version: number, p: RealisedPerformance): void {
  console.log(`${name}@${version} as of ${p.asOf} (judged ${p.judgeAfterDays} days after the first instalment)`);
  console.log(['month', 'loans', 'judged', 'bads', 'bad rate', 'predicted', 'AUC', 'KS'].join('\t'));
  for (const m of [...p.months, { month: 'all', ...p.overall }])
    console.log(
      [m.month, m.loans, m.judged, m.bads, cell(m.badRate), cell(m.meanPredicted), cell(m.auc), cell(m.ks)].join('\t'),
    );
  console.log(`${p.alert.status.toUpperCase()}: ${p.alert.detail}`);
}

// Named after registry.ts, not model-*.ts: command files load in name order and model.ts creates `model` itself, so
// a file sorting before it must not (it would clash); this one only adds to it.
export function register(program: Command): void {
  const model = program.commands.find((c) => c.name() === 'model') ?? program.command('model');
  model
    .command('performance <name> <version>')
    .description("a deployed version's realised AUC, KS, bad rate and calibration by origination month")
    .option('--as-of <time>', 'judge the book as of this ISO time (default now)')
    .option('--judge-after-days <n>', 'days past the first due date before a loan is judged', '30')
    .option('--auc-margin <x>', 'alert when realised AUC is more than this below development', '0.05')
    .option('--fail-on-alert', 'exit with status 3 when the alert is raised (for schedulers)')
    .option(
      '--raise-alert',
      "record the alert into the tenant's alerts (console Alerts page, live stream), once per version and month",
    )
    .option('--json', 'print the figures as JSON')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (name: string, version: string, opts: Record<string, string | boolean | undefined>) => {
      const asOf = asOfOption(opts.asOf === undefined ? undefined : String(opts.asOf));
      const v = versionArgument(version);
      const store = await openStore(loadConfig().store);
      try {
        const p = await modelPerformance(store.db, createModelRegistry(store.db), String(opts.tenant), name, v, {
          ...asOf,
          judgeAfterDays: Number(opts.judgeAfterDays),
          aucMargin: Number(opts.aucMargin),
        });
        if (opts.json) console.log(JSON.stringify({ name, version: v, ...p }, null, 2));
        else print(name, v, p);
        if (opts.raiseAlert && p.alert.status === 'alert') {
          const registry = createModelRegistry(store.db);
          const [check] = await checkRealisedAuc(
            { db: store.db, registry, alerts: createSqlAlertStore(store.db) },
            String(opts.tenant),
            { model: { name, version: v }, ...asOf, aucMargin: Number(opts.aucMargin) },
          );
          console.error(
            check?.raised
              ? `alert ${check.alertId} raised`
              : `alert ${check?.alertId ?? ''} was already raised this month`,
          );
        }
        if (opts.failOnAlert && p.alert.status === 'alert') process.exitCode = 3;
      } finally {
        await store.close();
      }
    });
}
