import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/index.js';
import { SingleBar, Presets } from 'cli-progress';
import { createKeyRing } from '../../core/index.js';
import { demoBookLoaded, loadDemoBook } from '../../demo/index.js';
import { startNode, type RunningNode } from '../../server/index.js';
import { generateApiKeySecret } from '../../store/index.js';

/** Pilot convenience: the embedded store keeps a demo admin key in its data dir so every start can print it. */
function demoKey(config: Config): string {
  if (config.bootstrapApiKey) return config.bootstrapApiKey;
  const file = join(config.dataDir, 'demo-api-key');
  if (!existsSync(file)) writeFileSync(file, generateApiKeySecret() + '\n', { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const SAMPLE = {
  applicationId: 'APP-0001',
  product: 'cash-loan',
  amount: 12000,
  term: 12,
  channel: 'app',
  submittedAt: '<now>',
  declaredIncome: 8000,
  applicant: { nationalId: '110101199003077777', name: 'Li Lei', dateOfBirth: '1990-03-07', phone: '13800138000' },
};

async function loadDemo(node: RunningNode, config: Config): Promise<void> {
  console.error('First start on this data dir: building the demo book (once; RISKLOOP_DEMO=off skips it)…');
  const bar = new SingleBar(
    { format: '  {stage} {bar} {value}/{total}', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let stage = '';
  bar.start(1, 0, { stage: '' });
  const summary = await loadDemoBook({
    store: node.store,
    keyRing: createKeyRing(config.masterKey),
    consortiumKey: config.consortiumKey,
    consortiumEvents: node.features.events,
    decisions: node.decisions,
    dataDir: config.dataDir,
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

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the decision API (embedded PGlite store unless DATABASE_URL is set)')
    .action(async () => {
      const config = loadConfig();
      const embedded = config.store.kind === 'pglite';
      if (embedded && !config.bootstrapApiKey) config.bootstrapApiKey = demoKey(config);
      const node = await startNode(config, { listen: false });
      if (embedded && process.env.RISKLOOP_DEMO !== 'off' && !demoBookLoaded(config.dataDir)) {
        await loadDemo(node, config);
      }
      node.url = await node.app.listen({ host: config.host, port: config.port });
      node.warmUp();
      const sample = JSON.stringify({ ...SAMPLE, submittedAt: new Date().toISOString() });
      const lines = [
        `riskloop is listening on ${node.url} (store: ${embedded ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
        `Console:   ${node.url}/`,
        `API docs:  ${node.url}/docs`,
      ];
      if (config.bootstrapApiKey) {
        lines.push(
          `API key:   ${config.bootstrapApiKey}  (admin, tenant demo)`,
          'Try one decision:',
          `  curl -s -X POST ${node.url}/v1/decisions -H 'authorization: Bearer ${config.bootstrapApiKey}' ` +
            `-H 'content-type: application/json' -d '${sample}'`,
        );
      }
      console.log(lines.join('\n'));
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.error(`${signal}: draining in-flight requests and closing the store…`);
        node.close().then(
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
