/** `riskloop features …`: the feature catalogue, point-in-time training export, consortium file import. Thin. */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../../config/index.js';
import { ConfigError, RiskloopError, ValidationError } from '../../core/errors.js';
import { createKeyRing } from '../../core/keyring.js';
import { openStore } from '../../store/index.js';
import {
  createFeatureRegistry,
  createSqlConsortiumRepository,
  exportTrainingTable,
  ingestConsortiumCsv,
} from '../../features/index.js';

/** The consortium-wide HMAC key is shared by members: importing their events needs the configured shared key. */
function consortiumKey(required: boolean, config: Config): Buffer {
  if (required && !config.consortiumKeyShared) {
    throw new ConfigError('RISKLOOP_CONSORTIUM_KEY or RISKLOOP_CONSORTIUM_KEY_FILE is required');
  }
  return config.consortiumKey;
}

/** Typed errors become a message and exit code 1; anything else is a bug and keeps its stack. */
async function reporting(bar: cliProgress.SingleBar, job: () => Promise<void>): Promise<void> {
  try {
    await job();
  } catch (err) {
    bar.stop();
    if (!(err instanceof RiskloopError)) throw err;
    console.error(`error: ${err.message}`);
    if (err instanceof ValidationError) for (const i of err.issues) console.error(`  ${i.path}: ${i.message}`);
    process.exitCode = 1;
  }
}

function progressBar(label: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { format: `${label} {bar} {value}/{total} rows`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
}

export function register(program: Command): void {
  const features = program
    .command('features')
    .description('feature registry, point-in-time training sets, consortium data');

  features
    .command('list')
    .description('print every registered feature (name, type, entity, window, description)')
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }) => {
      const defs = createFeatureRegistry().catalog.list();
      if (opts.json) console.log(JSON.stringify(defs, null, 2));
      else
        for (const d of defs) console.log([d.name, d.type, d.entity ?? '', d.window ?? '', d.description].join('\t'));
      console.error(`${defs.length} features`);
    });

  features
    .command('export')
    .description('build a training table where each row sees only events strictly before its own as-of time')
    .requiredOption('--applications <file>', 'applications CSV (applicationId, the as-of column, identifiers, amount)')
    .option('--events <file>', 'consortium events CSV (hashed with the consortium key, or clear and hashed here)')
    .requiredOption('--as-of-column <column>', 'timestamp column each row is computed as of', 'submittedAt')
    .requiredOption('--out <file>', 'output CSV (rows in as-of order)')
    .option('--keep <columns>', 'comma-separated application columns to copy (e.g. the target)', '')
    .option('--tenant <tenantId>', 'tenant whose identifier key hashes the velocity counters', 'default')
    .option('--institution <id>', "this lender's consortium institution id: its own events are left out")
    .option('--utc-offset <minutes>', 'applicants’ local time offset for night-time applications', (v) => Number(v), 0)
    .action(
      async (opts: {
        applications: string;
        events?: string;
        asOfColumn: string;
        out: string;
        keep: string;
        tenant: string;
        institution?: string;
        utcOffset: number;
      }) => {
        const config = loadConfig();
        const bar = progressBar('features');
        bar.start(0, 0);
        await reporting(bar, async () => {
          const summary = await exportTrainingTable({
            applicationsCsv: opts.applications,
            eventsCsv: opts.events,
            asOfColumn: opts.asOfColumn,
            out: opts.out,
            tenantKey: createKeyRing(config.masterKey).tenantHmacKey(opts.tenant),
            consortiumKey: consortiumKey(opts.events !== undefined, config),
            institutionId: opts.institution,
            keep: opts.keep ? opts.keep.split(',').filter((k) => k) : [],
            utcOffsetMinutes: opts.utcOffset,
            onProgress: (done, total) => {
              bar.setTotal(total);
              bar.update(done);
            },
          });
          bar.stop();
          for (const issue of summary.rejectedEvents.slice(0, 10))
            console.error(`rejected event ${issue.path}: ${issue.message}`);
          console.error(
            `${summary.rows} rows × ${summary.features} features from ${summary.events} consortium events ` +
              `in ${summary.totalSeconds.toFixed(1)} s → ${opts.out}`,
          );
        });
      },
    );

  features
    .command('consortium-import')
    .description('import a member’s consortium events CSV into the store (identifiers hashed on arrival)')
    .requiredOption('--file <file>', 'CSV with the columns of a consortium event')
    .option('--consortium <id>', 'consortium namespace', 'default')
    .option('--institution <id>', 'reject rows of any other institution')
    .action(async (opts: { file: string; consortium: string; institution?: string }) => {
      const config = loadConfig();
      const key = consortiumKey(true, config);
      const store = await openStore(config.store);
      const bar = progressBar('events');
      bar.start(0, 0);
      await reporting(bar, async () => {
        const r = await ingestConsortiumCsv(createSqlConsortiumRepository(store.db, opts.consortium), opts.file, {
          consortiumKey: key,
          institutionId: opts.institution,
          onProgress: (rows) => {
            bar.setTotal(rows);
            bar.update(rows);
          },
        });
        bar.stop();
        for (const issue of r.issues.slice(0, 10)) console.error(`rejected ${issue.path}: ${issue.message}`);
        console.error(
          `${r.received} rows: ${r.stored} stored, ${r.duplicates} already present, ${r.rejected} rejected`,
        );
        if (r.rejected > 0) process.exitCode = 1;
      }).finally(async () => {
        bar.stop();
        await store.close();
      });
    });
}
