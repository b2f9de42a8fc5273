/** `riskloop model register|import|approve|retire|list|export`: the model registry, on the store directly. */
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { fileSha256 } from '../../ingest/index.js';
import {
  auc,
  buildModelReport,
  createModelRegistry,
  EXPORT_FORMAT_OF_KIND,
  EXPORT_FORMATS,
  exportModel,
  type ExportFormat,
  heldOutEvaluation,
  IMPORT_FORMATS,
  importForRegistry,
  type ImportFormat,
  ks,
  modelFromJSON,
  readLabelledDataset,
  riskOf,
} from '../../models/index.js';
import { openStore, type Store } from '../../store/index.js';
import { actorNamed } from '../../users/index.js';

async function withRegistry<T>(
  fn: (registry: ReturnType<typeof createModelRegistry>, store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(loadConfig().store);
  try {
    return await fn(createModelRegistry(store.db), store);
  } finally {
    await store.close();
  }
}

const whoami = () => process.env.RISKLOOP_ACTOR || userInfo().username;

export function register(program: Command): void {
  const model = program.commands.find((c) => c.name() === 'model') ?? program.command('model');
  // `riskloop models export …` reads as naturally as `riskloop model export …`
  if (!model.aliases().includes('models')) model.alias('models');
  model
    .command('register')
    .description('store a fitted model as a new draft version, with its data fingerprint and metrics')
    .requiredOption('--model <file>', 'model.json written by `model fit --out`')
    .requiredOption('--name <name>', 'registry name, e.g. application-scorecard')
    .requiredOption('--data <file>', 'the data it was evaluated on (fingerprinted; held-out data recommended)')
    .requiredOption('--target <column>', 'target column of --data')
    .option('--bad <value>', 'target value meaning bad')
    .option('--metrics <file>', 'JSON metrics to record instead (e.g. the output of `model fit --json`)')
    .option('--comment <text>', 'why this version', '')
    .option(
      '--author <email>',
      'who built it: a console user of the tenant (by e-mail) counts as a person for four eyes (default: RISKLOOP_ACTOR or the OS user)',
    )
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (opts: Record<string, string | undefined>) => {
      const trained = modelFromJSON(readFileSync(opts.model!, 'utf8'));
      let metrics: Record<string, number>;
      // the labelled --data also yields the stored report (curves and the development score distribution)
      const labelled = readLabelledDataset(opts.data!, { target: opts.target!, bad: opts.bad });
      const report = buildModelReport(trained, labelled.data, labelled.y);
      if (opts.metrics) {
        const raw = JSON.parse(readFileSync(opts.metrics, 'utf8')) as Record<string, unknown>;
        metrics = Object.fromEntries(
          Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === 'number'),
        );
      } else {
        const risk = riskOf(trained, labelled.data);
        const a = auc(risk, labelled.y);
        metrics = { auc: a, ks: ks(risk, labelled.y), gini: 2 * a - 1, rows: labelled.data.rows };
      }
      const dataFingerprint = await fileSha256(opts.data!);
      const info = await withRegistry(async (r, store) =>
        r.register(opts.tenant!, {
          name: opts.name!,
          model: trained,
          metrics,
          dataFingerprint,
          author: await actorNamed(store.db, opts.tenant!, opts.author ?? whoami()),
          comment: opts.comment,
          report,
        }),
      );
      console.log(
        `registered ${info.name}@${info.version} (${info.kind}, draft) auc ${metrics.auc?.toFixed(4) ?? '—'}`,
      );
    });
  model
    .command('import')
    .description(
      'register an XGBoost (save_model JSON), LightGBM (dump_model JSON) or ONNX model as a new draft version, with metrics and report from labelled held-out data',
    )
    .requiredOption('--file <file>', 'the model file as the library wrote it')
    .requiredOption('--name <name>', 'registry name, e.g. fraud-xgb')
    .requiredOption('--data <file>', 'labelled held-out CSV: the input facts (by name) and the target')
    .requiredOption('--target <column>', 'target column of --data')
    .option('--bad <value>', 'target value meaning bad')
    .option('--format <format>', `one of ${IMPORT_FORMATS.join(', ')} (default: detected)`)
    .option('--features <names>', 'comma-separated fact names of the input columns, in order (required for ONNX)')
    .option('--output <name>', 'ONNX output holding P(bad)')
    .option('--positive-index <n>', 'ONNX: column of P(bad) in a [rows, k] output')
    .option('--comment <text>', 'why this version')
    .option('--author <email>', 'who imports it: a console user of the tenant counts as a person for four eyes')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (opts: Record<string, string | undefined>) => {
      if (opts.format && !(IMPORT_FORMATS as readonly string[]).includes(opts.format))
        throw new Error(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
      const trained = await importForRegistry({
        bytes: new Uint8Array(readFileSync(opts.file!)),
        target: opts.target!,
        ...(opts.format ? { format: opts.format as ImportFormat } : {}),
        ...(opts.features ? { features: opts.features.split(',').map((f) => f.trim()) } : {}),
        ...(opts.output ? { output: opts.output } : {}),
        ...(opts.positiveIndex !== undefined ? { positiveIndex: Number(opts.positiveIndex) } : {}),
      });
      const labelled = readLabelledDataset(opts.data!, { target: opts.target!, bad: opts.bad });
      const { metrics, report } = await heldOutEvaluation(trained, labelled.data, labelled.y);
      const dataFingerprint = await fileSha256(opts.data!);
      const info = await withRegistry(async (r, store) =>
        r.register(opts.tenant!, {
          name: opts.name!,
          model: trained,
          metrics,
          dataFingerprint,
          author: await actorNamed(store.db, opts.tenant!, opts.author ?? whoami()),
          comment: opts.comment ?? `imported from ${opts.file!.split('/').pop()}`,
          report,
        }),
      );
      console.log(
        `registered ${info.name}@${info.version} (${info.kind}, draft) auc ${metrics.auc!.toFixed(4)} ks ${metrics.ks!.toFixed(4)} on ${metrics.rows} held-out rows`,
      );
    });
  model
    .command('approve')
    .description('approve a draft version (four eyes: a console user other than the person who registered it)')
    .requiredOption('--name <name>')
    .requiredOption('--version <n>', 'version number')
    .option('--approver <email>', 'the console user who approves (default: RISKLOOP_ACTOR)')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (opts: { name: string; version: string; approver?: string; tenant: string }) => {
      const info = await withRegistry(async (r, store) =>
        r.approve(
          opts.tenant,
          opts.name,
          Number(opts.version),
          await actorNamed(store.db, opts.tenant, opts.approver ?? whoami()),
        ),
      );
      console.log(`approved ${info.name}@${info.version} by ${info.approvedBy}`);
    });
  model
    .command('retire')
    .requiredOption('--name <name>')
    .requiredOption('--version <n>')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (opts: { name: string; version: string; tenant: string }) => {
      const info = await withRegistry((r) => r.retire(opts.tenant, opts.name, Number(opts.version), whoami()));
      console.log(`retired ${info.name}@${info.version}`);
    });
  model
    .command('list')
    .description('registered model versions')
    .option('--name <name>')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (opts: { name?: string; tenant: string }) => {
      for (const v of await withRegistry((r) => r.list(opts.tenant, opts.name))) {
        console.log(
          [
            `${v.name}@${v.version}`,
            v.kind,
            v.status,
            `auc=${v.metrics.auc?.toFixed(4) ?? '—'}`,
            `by ${v.author}`,
            v.approvedBy ? `approved by ${v.approvedBy}` : '',
          ]
            .filter(Boolean)
            .join('\t'),
        );
      }
    });
  model
    .command('export <name> <version>')
    .description(
      'write a version as a file other engines and validators run: a scorecard as PMML 4.4, a tree model as ONNX',
    )
    .option('--format <format>', `${EXPORT_FORMATS.join(' | ')} (default: the model kind's own format)`)
    .option('--out <file>', 'where to write it (default: <name>-<version>.<format> here)')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (name: string, versionText: string, opts: { format?: string; out?: string; tenant: string }) => {
      const version = Number(versionText);
      if (!Number.isInteger(version) || version < 1)
        throw new Error(`version must be a whole number ≥ 1, not "${versionText}"`);
      if (opts.format && !(EXPORT_FORMATS as readonly string[]).includes(opts.format))
        throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${opts.format}"`);
      const { info, file } = await withRegistry(async (r) => {
        const info = await r.info(opts.tenant, name, version);
        const format = (opts.format as ExportFormat | undefined) ?? EXPORT_FORMAT_OF_KIND[info.kind];
        return { info, file: exportModel(await r.load(opts.tenant, name, version), format, { name, version }) };
      });
      const out = opts.out ?? file.filename;
      writeFileSync(out, file.bytes);
      console.log(
        `exported ${info.name}@${info.version} (${info.kind}) as ${file.filename.split('.').pop()} to ${out} (${file.bytes.length} bytes)`,
      );
    });
}
