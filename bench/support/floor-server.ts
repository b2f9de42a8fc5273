/**
 * The floor of `npm run bench -- decision`: what this machine can store over HTTP with no risk logic. The same
 * fastify with the same strict body schema, the same identifier hashing and identity sealing, and the same
 * group-committed insert of the same stored row (a template decision taken from riskloop's own run, with this
 * request's application snapshot) — no features, lists, graph, rules, models or effects. Same worker count.
 *
 * env: DATABASE_URL, RISKLOOP_DB_SCHEMA, FLOOR_TEMPLATE (JSON file: {decision, facts}), FLOOR_WORKERS, PORT.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import {
  ApplicationSchema,
  canonicalJson,
  createAjv,
  createKeyRing,
  DecisionSchema,
  newId,
  sha256Hex,
  type Application,
  type Decision,
} from '../../src/core/index.js';
import { protectApplication } from '../../src/decision/index.js';
import { BatchWriter, openStore, type DecisionRecord } from '../../src/store/index.js';

const workers = Number(process.env.FLOOR_WORKERS ?? 1);

if (cluster.isPrimary && workers > 1) {
  let listening = 0;
  cluster.on('listening', (_w, address) => {
    if (++listening === workers) console.log(`listening on http://127.0.0.1:${address.port}`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
  });
} else {
  const template = JSON.parse(readFileSync(process.env.FLOOR_TEMPLATE!, 'utf8')) as {
    decision: Decision;
    facts: unknown;
  };
  const store = await openStore({
    kind: 'postgres',
    connectionString: process.env.DATABASE_URL!,
    schema: process.env.RISKLOOP_DB_SCHEMA!,
  });
  const keyRing = createKeyRing(randomBytes(32));
  const writer = new BatchWriter<DecisionRecord, boolean>(
    async (records) => {
      const inserted = await store.decisions.insertMany(records);
      return records.map((r) => inserted.has(r.decision.decisionId));
    },
    { maxBatch: 256, maxInFlight: 4 },
  );
  const ajv = createAjv();
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  app.post(
    '/v1/decisions',
    { schema: { body: ApplicationSchema, response: { 200: DecisionSchema } } },
    async (request) => {
      const application = request.body as Application;
      const requestHash = sha256Hex(canonicalJson(application));
      const decisionId = newId('dec', new Date());
      const { snapshot, sealedIdentity } = protectApplication(
        application,
        keyRing.tenantHmacKey('floor'),
        keyRing.sealer,
        { tenantId: 'floor', table: 'decisions', rowId: decisionId },
      );
      const decision: Decision = {
        ...template.decision,
        decisionId,
        applicationId: application.applicationId,
        decidedAt: new Date().toISOString(),
      };
      await writer.write({
        tenantId: 'floor',
        decision,
        idempotencyKey: null,
        requestHash,
        input: { application: snapshot, facts: template.facts },
        sealedIdentity,
      });
      return decision;
    },
  );
  const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  if (!cluster.isWorker) console.log(`listening on ${url}`);
  process.on('SIGTERM', () => {
    void app
      .close()
      .then(() => writer.drain())
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}
