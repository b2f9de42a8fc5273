/**
 * `riskloop marketing segment|lookalike|churn|prescreen|portrait|tags`: the marketer's jobs from the command line.
 * Thin: reads files, calls the marketing face (or a node's marketing runtime for pre-screen, so the live lists and
 * flows decide), writes files, shows progress on long runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../config/index.js';
import { createKeyRing } from '../../core/index.js';
import {
  createMarketingService,
  CUSTOMER_FEATURE_NAMES,
  elbowTable,
  prospectCsvRows,
  prospectFromCsv,
  type CustomerFeature,
  type SegmentProfile,
} from '../../marketing/index.js';
import { startNode } from '../../server/index.js';
import { openStore } from '../../store/index.js';
import { reportErrors } from '../report.js';

async function withService<T>(fn: (s: ReturnType<typeof createMarketingService>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config.store);
  try {
    // pre-screen needs the live stages (see `prescreen`); every other job only reads the book
    return await fn(
      createMarketingService({ store, keyRing: createKeyRing(config.masterKey), prescreenStages: () => [] }),
    );
  } finally {
    await store.close();
  }
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const readCsv = (file: string) => prospectCsvRows(readFileSync(file, 'utf8'));

function profileTable(profiles: readonly SegmentProfile[]): string {
  const head = 'segment          size      share   bad rate  utilisation  revenue/customer';
  const rows = profiles.map(
    (p) =>
      `${p.segment.padEnd(17)}${String(p.size).padEnd(10)}${(p.share * 100).toFixed(1).padStart(5)} %  ` +
      `${(p.badRate * 100).toFixed(1).padStart(6)} %  ${(p.utilisation * 100).toFixed(1).padStart(9)} %  ${String(p.revenuePerCustomer).padStart(10)}`,
  );
  return [head, ...rows].join('\n');
}

function progressBar(label: string) {
  return new SingleBar({ format: `${label} |{bar}| {value}/{total}`, stream: process.stderr }, Presets.shades_classic);
}

export function register(program: Command): void {
  const m = program
    .command('marketing')
    .description('marketing insight: segments, lookalike lists, churn, pre-screened offers, portraits');

  m.command('segment')
    .description('segment the book: k-means (k-means++, standardised features, elbow/silhouette) or RFM')
    .requiredOption('--tenant <id>', 'tenant whose book to segment')
    .option('--method <kmeans|rfm>', 'segmentation method', 'kmeans')
    .option('--features <list>', `k-means features, comma-separated (${CUSTOMER_FEATURE_NAMES.join(', ')})`, list)
    .option('--k <n>', 'number of segments (default: best silhouette over 2…8)', (v) => Number.parseInt(v, 10))
    .option('--all', 'segment everyone who applied, not only customers with a loan')
    .option('--out <dir>', 'write profiles.json and the SVG charts here')
    .option('--json', 'print JSON')
    .action(
      (o: {
        tenant: string;
        method: string;
        features?: string[];
        k?: number;
        all?: boolean;
        out?: string;
        json?: boolean;
      }) =>
        reportErrors(async () => {
          if (o.method !== 'kmeans' && o.method !== 'rfm') throw new Error('--method must be kmeans or rfm');
          const r = await withService((s) =>
            s.segments(o.tenant, {
              method: o.method as 'kmeans' | 'rfm',
              features: o.features as CustomerFeature[] | undefined,
              k: o.k,
              charts: Boolean(o.out),
            }),
          );
          if (o.out) {
            mkdirSync(o.out, { recursive: true });
            const { charts, ...rest } = r;
            writeFileSync(join(o.out, 'segments.json'), JSON.stringify(rest, null, 2));
            if (charts) {
              writeFileSync(join(o.out, 'segment-sizes.svg'), charts.size);
              writeFileSync(join(o.out, 'segment-risk.svg'), charts.risk);
            }
          }
          if (o.json) return console.log(JSON.stringify(r, null, 2));
          console.log(`${r.customers} customers, ${r.profiles.length} segments (${r.method})`);
          if (r.method === 'kmeans') console.log(`${elbowTable(r.elbow)}\nsilhouette at k=${r.k}: ${r.silhouette}\n`);
          console.log(profileTable(r.profiles));
        }),
    );

  m.command('lookalike')
    .description('rank a prospect CSV (ref + feature columns) by likeness to a seed of customers')
    .requiredOption('--tenant <id>', 'tenant whose customers form the seed')
    .requiredOption(
      '--seed-when <expr>',
      "seed condition over customer facts, e.g. 'not customer.bad and customer.utilisation >= 0.7'",
    )
    .requiredOption('--features <list>', 'features to compare on (columns of the prospect file)', list)
    .requiredOption('--prospects <file>', 'prospect CSV: ref and one column per feature')
    .requiredOption('--out <file>', 'ranked CSV: ref, score, probability, decile, reasons')
    .action((o: { tenant: string; seedWhen: string; features: string[]; prospects: string; out: string }) =>
      reportErrors(async () => {
        const rows = readCsv(o.prospects);
        const prospects = rows.map((r, i) => ({
          ref: r.ref ?? String(i + 1),
          values: Object.fromEntries(
            o.features.map((f) => [f, r[f] === undefined || r[f] === '' ? Number.NaN : Number(r[f])]),
          ),
        }));
        const r = await withService((s) =>
          s.lookalike(o.tenant, {
            seedWhen: o.seedWhen,
            features: o.features as CustomerFeature[],
            prospects,
            top: prospects.length,
          }),
        );
        writeFileSync(
          o.out,
          stringify(
            r.ranked.map((x) => ({ ...x, reasons: x.reasons.map((y) => y.feature).join(' ') })),
            { header: true },
          ),
        );
        console.log(
          `seed ${r.seedSize} customers; ${r.prospects} prospects ranked into ${o.out}; ` +
            `top-decile lift on the seed's holdout ${r.holdout.topDecileLift}×`,
        );
      }),
    );

  m.command('churn')
    .description('churn model from the loan book and the retention list')
    .requiredOption('--tenant <id>', 'tenant')
    .option('--limit <n>', 'retention list length', (v) => Number.parseInt(v, 10), 100)
    .option('--out <file>', 'retention list CSV')
    .option('--json', 'print JSON')
    .action((o: { tenant: string; limit: number; out?: string; json?: boolean }) =>
      reportErrors(async () => {
        const r = await withService((s) => s.churn(o.tenant, o.limit));
        if (o.out) {
          writeFileSync(
            o.out,
            stringify(
              r.retention.map((x) => ({ ...x, reasons: x.reasons.map((y) => y.feature).join(' ') })),
              { header: true },
            ),
          );
        }
        if (o.json) return console.log(JSON.stringify(r, null, 2));
        console.log(
          `${r.model.labelled} labelled customers, churn rate ${(r.model.churnRate * 100).toFixed(1)} %, ` +
            `held-out AUC ${r.model.holdoutAuc}`,
        );
        for (const x of r.retention.slice(0, 10)) {
          console.log(
            `${x.customerId.slice(0, 12)}…  p=${x.churnProbability}  ${x.reasons.map((y) => y.feature).join(', ')}`,
          );
        }
      }),
    );

  m.command('prescreen')
    .description('pre-screen a prospect CSV through the live lists and credit flow (no enquiry recorded)')
    .requiredOption('--tenant <id>', 'tenant')
    .requiredOption(
      '--prospects <file>',
      'CSV: ref,nationalId,name,dateOfBirth,phone,declaredIncome[,email,declaredObligations,employmentStatus,monthsInJob,province,city]',
    )
    .requiredOption('--name <name>', 'campaign name')
    .requiredOption('--product <product>', 'product offered')
    .requiredOption('--amount <n>', 'largest amount offered', Number)
    .requiredOption('--term <months>', 'term in months', (v) => Number.parseInt(v, 10))
    .option('--min-limit <n>', 'smallest limit worth offering', Number)
    .requiredOption('--out <file>', 'result CSV: ref, offered, limit, price, reasons')
    .action(
      (o: {
        tenant: string;
        prospects: string;
        name: string;
        product: string;
        amount: number;
        term: number;
        minLimit?: number;
        out: string;
      }) =>
        reportErrors(async () => {
          const prospects = readCsv(o.prospects).map(prospectFromCsv);
          const node = await startNode(loadConfig(), { listen: false });
          const bar = progressBar('pre-screen');
          try {
            bar.start(prospects.length, 0);
            const r = await node.marketing.service.createCampaign(
              o.tenant,
              {
                name: o.name,
                terms: {
                  product: o.product,
                  amount: o.amount,
                  term: o.term,
                  ...(o.minLimit !== undefined ? { minLimit: o.minLimit } : {}),
                },
                prospects,
              },
              'cli',
              (done) => bar.update(done),
            );
            bar.stop();
            writeFileSync(
              o.out,
              stringify(
                r.entries.map((e) => ({
                  ref: e.ref,
                  offered: e.offered ? 'yes' : 'no',
                  limit: e.limit ?? '',
                  price: e.price ?? '',
                  reasons: e.reasons.map((x) => x.code).join(' '),
                })),
                { header: true },
              ),
            );
            console.log(
              `campaign ${r.campaignId}: ${r.summary.offers} offers, ${r.summary.excluded} excluded ` +
                `${JSON.stringify(r.summary.exclusionsByReason)} → ${o.out}`,
            );
          } finally {
            bar.stop();
            await node.close();
          }
        }),
    );

  m.command('portrait')
    .description("one customer's portrait (masked identity) as JSON")
    .requiredOption('--tenant <id>', 'tenant')
    .requiredOption('--customer <id>', 'customer id (the keyed hash of the national id, as in alerts and the book)')
    .action((o: { tenant: string; customer: string }) =>
      reportErrors(async () => {
        console.log(JSON.stringify(await withService((s) => s.portrait(o.tenant, o.customer)), null, 2));
      }),
    );

  m.command('tags')
    .description('list tag set versions, or save a new version from a YAML/JSON file')
    .requiredOption('--tenant <id>', 'tenant')
    .option('--save <file>', 'tag set file ({ tags: [{ name, when, description }] })')
    .option('--note <text>', 'why this version', '')
    .action((o: { tenant: string; save?: string; note: string }) =>
      reportErrors(async () => {
        await withService(async (s) => {
          if (o.save) {
            const text = readFileSync(o.save, 'utf8');
            const def = (o.save.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as { tags: never };
            const saved = await s.saveTagSet(o.tenant, def, 'cli', o.note);
            console.log(`saved tag set version ${saved.version}`);
          } else {
            for (const v of await s.tagSets(o.tenant)) {
              console.log(`v${v.version}  ${v.createdAt ?? ''}  ${v.definition.tags.map((t) => t.name).join(', ')}`);
            }
          }
        });
      }),
    );
}
