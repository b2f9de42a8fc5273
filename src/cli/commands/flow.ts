/** `riskloop flow validate|diff|backtest`: thin over the rules face. */
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { parse as parseYaml } from 'yaml';
import { createFieldCatalog, type FieldCatalog, type FieldDefinition } from '../../core/fields.js';
import { RiskloopError, ValidationError } from '../../core/errors.js';
import {
  compileFlow,
  diffFlows,
  formatFlowDiff,
  inferCatalogFromCsv,
  parseFlowDocument,
  readFactsCsv,
  renderBacktestHtml,
  runBacktest,
} from '../../rules/index.js';

function loadCatalog(opts: { fields?: string; data?: string }): FieldCatalog {
  if (opts.fields) {
    const raw = parseYaml(readFileSync(opts.fields, 'utf8')) as FieldDefinition[] | { fields: FieldDefinition[] };
    return createFieldCatalog(Array.isArray(raw) ? raw : raw.fields);
  }
  if (opts.data) return inferCatalogFromCsv(opts.data);
  throw new ValidationError('a field catalogue is needed', [
    {
      path: '--fields',
      message: 'pass --fields FILE (YAML/JSON list of {name, type, description}) or --data CSV to infer one',
    },
  ]);
}

function fail(err: unknown): never {
  if (err instanceof ValidationError) {
    console.error(err.issues.length ? `✗ ${err.issues.length} problem(s):` : `✗ ${err.message}`);
    for (const i of err.issues) console.error(`  ${i.path}: ${i.message}`);
  } else if (err instanceof RiskloopError) {
    console.error(`✗ ${err.message}`);
  } else {
    throw err;
  }
  process.exit(1);
}

function readHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const loadFlow = (file: string) => parseFlowDocument(readFileSync(file, 'utf8'), file);

export function register(program: Command): void {
  // `flow publish` is registered by flow-store.ts (it needs the store); whichever file loads first creates `flow`
  const flow = (program.commands.find((c) => c.name() === 'flow') ?? program.command('flow')).description(
    'decision flows: validate, diff, backtest, publish',
  );

  flow
    .command('validate')
    .description('check a flow document (YAML/JSON): structure and every expression against the field catalogue')
    .argument('<file>', 'flow document')
    .option('--fields <file>', 'field catalogue (YAML/JSON list of {name, type, description})')
    .option('--data <csv>', 'infer the field catalogue from a CSV header and first rows')
    .option('--lists <names>', 'comma-separated list names that list(..) may reference')
    .action((file: string, opts: { fields?: string; data?: string; lists?: string }) => {
      try {
        const catalog = loadCatalog(opts);
        const compiled = compileFlow(loadFlow(file), {
          catalog,
          ...(opts.lists ? { listNames: opts.lists.split(',').map((s) => s.trim()) } : {}),
        });
        const models = compiled.plan.stages.filter((s) => s.kind === 'model').length;
        console.log(
          `✓ ${compiled.flowId}: ${compiled.plan.stages.length} stages, ${compiled.ruleIds.length} rules, ${models} model calls`,
        );
      } catch (e) {
        fail(e);
      }
    });

  flow
    .command('diff')
    .description('rules added, removed, changed and moved between two flow versions')
    .argument('<a>', 'older flow document')
    .argument('<b>', 'newer flow document')
    .option('--json', 'machine-readable output')
    .action((a: string, b: string, opts: { json?: boolean }) => {
      try {
        const d = diffFlows(loadFlow(a), loadFlow(b));
        console.log(opts.json ? JSON.stringify(d, null, 2) : formatFlowDiff(d));
      } catch (e) {
        fail(e);
      }
    });

  flow
    .command('backtest')
    .description('run a draft flow against the baseline flow over historical applications with outcomes')
    .requiredOption('--flow <file>', 'draft flow document')
    .requiredOption('--baseline <file>', 'live (baseline) flow document')
    .requiredOption('--data <csv>', 'historical applications, one per row; dotted headers become nested fields')
    .option('--label <column>', 'outcome column (1/0, true/false, bad/good)', 'bad')
    .option('--id <column>', 'application id column (for swap-set samples)')
    .option('--time <column>', 'application time column, used as the evaluation clock')
    .option('--fields <file>', 'field catalogue; inferred from the CSV when absent')
    .option('--review-approved', 'count review as approved')
    .option('--report <file>', 'write an HTML report')
    .option('--json', 'print the full report as JSON')
    .action(
      async (opts: {
        flow: string;
        baseline: string;
        data: string;
        label: string;
        id?: string;
        time?: string;
        fields?: string;
        reviewApproved?: boolean;
        report?: string;
        json?: boolean;
      }) => {
        try {
          const catalog = loadCatalog({ fields: opts.fields, data: opts.data });
          const draft = compileFlow(loadFlow(opts.flow), { catalog });
          const baseline = compileFlow(loadFlow(opts.baseline), { catalog });
          // streaming: estimate the row count from the first 64 KiB for the progress bar
          const size = statSync(opts.data).size;
          const head = readHead(opts.data, 65_536);
          const estimate = Math.max(
            1,
            Math.round(size / Math.max(1, head.length / Math.max(1, head.split('\n').length - 1))),
          );
          const bar = new cliProgress.SingleBar(
            { stream: process.stderr, format: 'backtest [{bar}] {value}/{total} rows | {duration_formatted}' },
            cliProgress.Presets.shades_classic,
          );
          bar.start(estimate, 0);
          const report = await runBacktest({
            draft,
            baseline,
            rows: readFactsCsv(opts.data, {
              catalog,
              labelColumn: opts.label,
              ...(opts.id ? { idColumn: opts.id } : {}),
              ...(opts.time ? { timeColumn: opts.time } : {}),
            }),
            now: Date.now(),
            reviewIsApproved: opts.reviewApproved === true,
            progressEvery: 10_000,
            onProgress: (n) => {
              if (n > bar.getTotal()) bar.setTotal(n);
              bar.update(n);
            },
          });
          bar.setTotal(report.rows);
          bar.update(report.rows);
          bar.stop();
          if (opts.report)
            writeFileSync(opts.report, renderBacktestHtml(report, `Backtest ${draft.flowId} vs ${baseline.flowId}`));
          if (opts.json) {
            console.log(JSON.stringify(report, null, 2));
            return;
          }
          const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
          console.log(
            `${report.rows} applications (${report.labelled} with an outcome) in ${report.seconds.toFixed(2)} s`,
          );
          console.log(
            `approval rate          ${pct(report.baseline.approvalRate)} → ${pct(report.draft.approvalRate)}`,
          );
          console.log(
            `bad rate among approved ${pct(report.baseline.badRateApproved)} → ${pct(report.draft.badRateApproved)}`,
          );
          console.log(`swap-in  ${report.swapIn.count} (bad rate ${pct(report.swapIn.badRate)})`);
          console.log(`swap-out ${report.swapOut.count} (bad rate ${pct(report.swapOut.badRate)})`);
          console.log('draft rule hit rates:');
          for (const r of report.draft.rules)
            console.log(`  ${r.ruleId.padEnd(12)} ${pct(r.hitRate).padStart(8)}  bad ${pct(r.badRate)}`);
          if (opts.report) console.log(`report written to ${opts.report}`);
        } catch (e) {
          fail(e);
        }
      },
    );
}
