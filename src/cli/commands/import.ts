import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../../config/index.js';
import { createKeyRing } from '../../core/index.js';
import { createSqlConsortiumRepository, ingestConsortiumCsv } from '../../features/index.js';
import { importFile, IMPORT_KINDS, registerDataset, type ImportKind } from '../../ingest/index.js';
import { openStore } from '../../store/index.js';
import {
  createConsortiumBridge,
  createSqlConsortiumLinkRepository,
  openMonitoringPublisher,
} from '../../monitoring/index.js';

interface ImportOptions {
  kind?: string;
  tenant: string;
  reject?: string;
  dataset?: string;
  target?: string;
  bad?: string;
  drop?: string;
  name?: string;
  consortium: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'load a CSV/Parquet file into the store through the API schemas (bad rows go to a reject file), ' +
        'or register a modelling data set with --dataset',
    )
    .argument('[file]', 'file to import (.csv or .parquet)')
    .option('--kind <kind>', `${[...IMPORT_KINDS, 'consortium-events'].join(' | ')}`)
    .option('--tenant <tenantId>', 'tenant that owns the rows', 'demo')
    .option('--reject <file>', 'where rejected rows are listed (default: <file>.rejects.csv)')
    .option('--consortium <id>', 'consortium namespace for --kind consortium-events', 'default')
    .option('--dataset <file>', 'register this modelling data set instead of importing rows')
    .option('--target <column>', 'target column of --dataset (bad = 1)')
    .option('--bad <value>', 'the target value meaning bad, e.g. "Charged Off"')
    .option('--drop <columns>', 'comma-separated columns of --dataset to ignore')
    .option('--name <name>', 'name of the registered data set (default: file name)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string | undefined, opts: ImportOptions) => {
      const config = loadConfig();
      if (opts.dataset) {
        if (!opts.target) throw new Error('--dataset needs --target <column>');
        const store = await openStore(config.store);
        try {
          const reg = await registerDataset(store, opts.tenant, {
            file: opts.dataset,
            target: opts.target,
            bad: opts.bad,
            drop: opts.drop?.split(',').map((c) => c.trim()),
            name: opts.name,
          });
          if (opts.json) console.log(JSON.stringify(reg));
          else {
            console.log(
              `registered data set ${reg.name}: ${reg.rows} rows, ${reg.columns.length} columns, ` +
                `bad rate ${(reg.badRate * 100).toFixed(2)} %, sha256 ${reg.sha256.slice(0, 12)}…`,
            );
            for (const w of reg.warnings) console.error(`warning: ${w}`);
          }
        } finally {
          await store.close();
        }
        return;
      }
      if (!file || !opts.kind)
        throw new Error('usage: riskloop import --kind <kind> FILE  (or --dataset FILE --target COL)');
      const kinds = [...IMPORT_KINDS, 'consortium-events'];
      if (!kinds.includes(opts.kind)) throw new Error(`--kind must be one of ${kinds.join(', ')}`);
      const store = await openStore(config.store);
      const bar = new SingleBar(
        { format: 'import {bar} {value} rows', stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(0, 0);
      try {
        if (opts.kind === 'consortium-events') {
          await store.tenants.ensure(opts.tenant);
          const repo = createSqlConsortiumRepository(store.db, opts.consortium);
          // shared events reach post-loan monitoring of the borrowers they are about (the stream or the outbox)
          const publisher = await openMonitoringPublisher({ store, ...(config.nats ? { nats: config.nats } : {}) });
          const bridge = createConsortiumBridge({
            links: createSqlConsortiumLinkRepository(store.db),
            sealer: createKeyRing(config.masterKey).sealer,
            consortiumKey: config.consortiumKey,
            publish: (tenantId, events) => publisher.publish(tenantId, events),
          });
          let monitored = 0;
          const r = await ingestConsortiumCsv(repo, file, {
            consortiumKey: config.consortiumKey,
            // each stored batch is an entry in the importing tenant's audit chain
            audit: {
              tenantId: opts.tenant,
              actor: `cli:${process.env.RISKLOOP_ACTOR || userInfo().username}`,
              action: 'consortium.import',
            },
            onStored: async (events) => (monitored += await bridge.route(events)),
            onProgress: (n) => bar.update(n),
          }).finally(() => publisher.close());
          bar.stop();
          console.log(
            opts.json
              ? JSON.stringify({ ...r, monitored })
              : `consortium events: ${r.received} read, ${r.stored} stored, ${r.duplicates} already present, ` +
                  `${r.rejected} rejected; ${monitored} post-loan events for borrowers of member lenders`,
          );
          for (const i of r.issues.slice(0, 20)) console.error(`  ${i.path}: ${i.message}`);
          return;
        }
        const rejectFile = opts.reject ?? `${file}.rejects.csv`;
        const summary = await importFile({
          store,
          keyRing: createKeyRing(config.masterKey),
          tenantId: opts.tenant,
          kind: opts.kind as ImportKind,
          file,
          rejectFile,
          onProgress: (n) => {
            bar.setTotal(Math.max(n, 1));
            bar.update(n);
          },
        });
        bar.stop();
        if (opts.json) console.log(JSON.stringify({ ...summary, rejectFile }));
        else {
          console.log(
            `${summary.kind}: ${summary.read} read, ${summary.inserted} inserted, ${summary.duplicates} already present, ` +
              `${summary.rejected} rejected${summary.rejected ? ` (see ${rejectFile})` : ''}`,
          );
          if (summary.ignoredColumns.length) console.log(`columns not imported: ${summary.ignoredColumns.join(', ')}`);
          for (const r of summary.sampleRejections.slice(0, 10))
            console.error(`  row ${r.rowNumber} ${r.column}: ${r.reason}`);
        }
      } finally {
        bar.stop();
        await store.close();
      }
    });
}
