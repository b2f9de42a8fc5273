import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/index.js';
import { SingleBar, Presets } from 'cli-progress';
import { createKeyRing } from '../../core/index.js';
import { demoBookLoaded, demoTruth, ensureDemoPeople, loadDemoBook } from '../../demo/index.js';
import {
  applyStarterOnNode,
  DEMO_TENANT,
  ensureBootstrapKey,
  startNode,
  type RunningNode,
} from '../../server/index.js';
import { generateApiKeySecret, openStore } from '../../store/index.js';
import { startTelemetry } from '../../telemetry/index.js';
import { isWorker, planWorkers, superviseWorkers } from '../workers.js';

/**
 * Pilot convenience: the embedded store makes a demo admin key once, kept in its data dir (0600) for the console.
 * It is printed only by the start that created it: a key printed on every start ends up in every container log.
 */
export function demoKey(config: Pick<Config, 'dataDir'>): { secret: string; file: string; created: boolean } {
  const file = join(config.dataDir, 'demo-api-key');
  const created = !existsSync(file);
  if (created) writeFileSync(file, generateApiKeySecret() + '\n', { mode: 0o600 });
  return { secret: readFileSync(file, 'utf8').trim(), file, created };
}

const SAMPLE = {
  applicationId: 'APP-0001',
  product: 'cash-loan',
  amount: 12000,
  term: 12,
  channel: 'app',
  submittedAt: '<now>',
  declaredIncome: 8000,
  applicant: { nationalId: '110101199003077774', name: 'Li Lei', dateOfBirth: '1990-03-07', phone: '13800138000' },
};

async function loadDemo(node: RunningNode, config: Config): Promise<void> {
  console.error('First start on this data dir: building the demo book (once; RISKLOOP_DEMO=off skips it)…');
  const bar = new SingleBar(
    { format: '  {stage} {bar} {value}/{total}', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let stage = '';
  bar.start(1, 0, { stage: '' });
  const keyRing = createKeyRing(config.masterKey);
  const summary = await loadDemoBook({
    store: node.store,
    keyRing,
    consortiumKey: config.consortiumKey,
    decisions: node.decisions,
    dataDir: config.dataDir,
    // the starter program, trained on the history before the out-of-time months, proposed and approved by two people
    program: async (asOf) => {
      const people = await ensureDemoPeople(node.store, DEMO_TENANT);
      // the book's truth measures the scorecard through the door in its report (never trained on); the B-card's
      // sample reads the consortium's shared events as live monitoring receives them
      const behaviour = {
        consortium: { id: config.consortium.id, key: config.consortiumKey, sealer: keyRing.sealer },
      };
      await applyStarterOnNode({ ...node, behaviour }, DEMO_TENANT, people, asOf, demoTruth(config.dataDir));
    },
    onProgress: (name, done, total) => {
      if (name !== stage) {
        stage = name;
        bar.setTotal(total);
      }
      bar.update(done, { stage: name.padEnd(26) });
    },
  });
  bar.stop();
  console.error(
    `demo book: ${summary.applications} applications, ${summary.loans} loans, ${summary.repayments} instalments, ` +
      `${summary.consortiumEvents} consortium events, ${summary.decisions} live decisions`,
  );
}

/** What a start prints: where to go, and a secret only on the start that created it. */
export function serveBanner(
  url: string,
  embeddedDir: string | undefined,
  demo: ReturnType<typeof demoKey> | undefined,
) {
  const sample = JSON.stringify({ ...SAMPLE, submittedAt: new Date().toISOString() });
  const lines = [
    `riskloop is listening on ${url} (store: ${embeddedDir ? `embedded PGlite in ${embeddedDir}` : 'PostgreSQL'})`,
    `Console:   ${url}/`,
    `API docs:  ${url}/docs`,
  ];
  // a secret is shown once, by the start that created it; an operator's RISKLOOP_BOOTSTRAP_API_KEY never
  if (demo?.created) {
    lines.push(
      `API key:   ${demo.secret}  (admin, tenant demo; shown this once, kept in ${demo.file})`,
      'Try one decision:',
      `  curl -s -X POST ${url}/v1/decisions -H 'authorization: Bearer ${demo.secret}' ` +
        `-H 'content-type: application/json' -d '${sample}'`,
    );
  } else if (demo) {
    lines.push(`API key:   the demo admin key printed at first start, kept in ${demo.file}`);
  }
  return lines;
}

/** The primary of `--workers N`: migrates and makes the bootstrap key once, then supervises the workers. */
async function servePrimary(config: Config, workers: number): Promise<void> {
  const store = await openStore(config.store);
  try {
    if (config.bootstrapApiKey) await ensureBootstrapKey(store, config.bootstrapApiKey);
  } finally {
    await store.close();
  }
  const supervisor = superviseWorkers(workers, (line) => console.error(line));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: draining the workers' in-flight requests…`);
    void supervisor.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const url = await supervisor.listening;
  console.log([...serveBanner(url, undefined, undefined), `Workers:   ${workers} processes`].join('\n'));
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the decision API (embedded PGlite store unless DATABASE_URL is set)')
    .option(
      '--workers <n>',
      'processes serving the API; default one per core with DATABASE_URL and REDIS_URL, else 1 (embedded: always 1)',
    )
    .action(async (options: { workers?: string }) => {
      const config = loadConfig();
      const embedded = config.store.kind === 'pglite';
      const worker = isWorker();
      if (!worker) {
        const plan = planWorkers(options.workers, config);
        if (plan.workers > 1) return servePrimary(config, plan.workers);
        if (plan.note && !embedded) console.error(`workers: ${plan.note}`);
      }
      // before the node: its store and Redis clients are traced from their first call
      const telemetry = config.tracing ? await startTelemetry() : undefined;
      const demo = embedded && !config.bootstrapApiKey ? demoKey(config) : undefined;
      if (demo) config.bootstrapApiKey = demo.secret;
      const node = await startNode(config, { listen: false });
      if (embedded && process.env.RISKLOOP_DEMO !== 'off' && !demoBookLoaded(config.dataDir)) {
        await loadDemo(node, config);
      }
      node.url = await node.app.listen({ host: config.host, port: config.port });
      node.warmUp();
      // a worker's banner is its primary's
      if (!worker) console.log(serveBanner(node.url, embedded ? config.dataDir : undefined, demo).join('\n'));
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.error(`${signal}: draining in-flight requests and closing the store…`);
        node
          .close()
          .then(() => telemetry?.shutdown())
          .then(
            () => process.exit(0),
            (err: unknown) => {
              console.error(err);
              process.exit(1);
            },
          );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
