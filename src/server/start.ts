/**
 * Start a riskloop node — the composition root of runtimes: open and migrate the store, make sure the bootstrap key
 * exists, start each capability's runtime, hand them to the server (app.ts), listen. `close()` is fastify's close:
 * stop accepting, finish in-flight requests, then each capability's onClose hook (pending decisions committed,
 * consumers stopped), then the shared engines (feature runtime, store).
 */
import { createKeyRing, ConfigError, startWarmUp, type WarmUp } from '../core/index.js';
import type { Config } from '../config/index.js';
import { createDecisionService, loadKnockoutPolicy, type DecisionService } from '../decision/index.js';
import { decisionCatalog } from '../catalog/index.js';
import { openStore, type Store } from '../store/index.js';
import { buildServer, type RiskloopServer } from './app.js';
import { startModelWatch, startMonitoringRuntime, type MonitoringRuntime } from '../monitoring/index.js';
import { createModelsRuntime, type ModelsRuntime } from '../models/index.js';
import { createMarketingRuntime, type MarketingRuntime } from '../marketing/index.js';
import { createCaseService } from '../cases/index.js';
import { approveOnNode, proposeOnNode, retrainOnNode } from './programs.js';
import { programProposals, readProgram, starterProgramDir } from '../programs/index.js';
import { demoReport, demoTruth } from '../demo/index.js';
import { createPrivacyService, resealLegacyIdentities } from '../privacy/index.js';
import { createSqlConsortiumRepository, startFeatureRuntime, type FeatureRuntime } from '../features/index.js';
import { createGraphRuntime } from '../graph/index.js';
import { createDeviceRuntime } from '../device/index.js';
import {
  createPolicyRuntime,
  createPolicyService,
  policyRepositories,
  type PolicyService,
} from '../rules-store/index.js';

export const DEMO_TENANT = 'demo';

export interface RunningNode extends RiskloopServer {
  store: Store;
  decisions: DecisionService;
  features: FeatureRuntime;
  monitoring: MonitoringRuntime;
  marketing: MarketingRuntime;
  policy: PolicyService;
  /** Approved models in memory (refresh after approving one). */
  models: ModelsRuntime;
  /** Set once listening (startNode listens unless told not to). */
  url: string;
  /** Build graphs and open review cases in the background (after listening); close() stops and awaits it. */
  warmUp(): WarmUp;
  close(): Promise<void>;
}

export async function ensureBootstrapKey(store: Store, secret: string): Promise<boolean> {
  if (secret.length < 16) throw new ConfigError('RISKLOOP_BOOTSTRAP_API_KEY must be at least 16 characters');
  await store.tenants.ensure(DEMO_TENANT, 'Demo lender');
  if (await store.apiKeys.findBySecret(secret)) return false;
  await store.apiKeys.create({ tenantId: DEMO_TENANT, role: 'admin', name: 'bootstrap', secret });
  return true;
}

export async function startNode(
  config: Config,
  // logStream: where log lines go instead of stdout (tests capture them to prove nothing identifying is written)
  options: { listen?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<RunningNode> {
  const policy = loadKnockoutPolicy(config.policyFile);
  const store = await openStore(config.store);
  try {
    if (config.bootstrapApiKey) await ensureBootstrapKey(store, config.bootstrapApiKey);
    const keyRing = createKeyRing(config.masterKey);
    await resealLegacyIdentities(store.db, keyRing.sealer);
    const features = await startFeatureRuntime({
      store,
      keyRing,
      consortiumKey: config.consortiumKey,
      consortiumId: config.consortium.id,
      redisUrl: config.redisUrl,
      onDroppedUpdates: (count, reason) =>
        console.error(`velocity: ${count} counter update(s) of stored decisions given up (${reason})`),
    });
    const models = createModelsRuntime(store.db);
    // Lists, published flows and approved models live in memory: a decision never queries them.
    const policyRuntime = createPolicyRuntime({
      repos: policyRepositories(store.db),
      keyRing,
      catalog: decisionCatalog(),
      models: (tenantId) => models.forTenant(tenantId),
    });
    // any node's change to lists, flows or models reaches this node's memory on the feed's signal (no polling);
    // followed before the loads below, so nothing committed in between is missed
    let logReloadError = (err: unknown) => void err;
    const onReloadError = (err: unknown) => logReloadError(err);
    const unfollow = [
      policyRuntime.follow(store.changes, onReloadError),
      // a flow calling a model approved elsewhere compiles once the model is here
      models.follow(store.changes, onReloadError, async (tenantId) =>
        tenantId ? void (await policyRuntime.reloadFlows(tenantId)) : policyRuntime.refresh(),
      ),
    ];
    await store.changes.start();
    await models.refresh();
    await policyRuntime.refresh();
    const policyService = createPolicyService({ store, runtime: policyRuntime });
    const device = createDeviceRuntime(store.db, keyRing);
    const graph = createGraphRuntime(store.db);
    // other nodes' applications and decisions join this node's graphs within a second
    await graph.follow(store.changes);
    const decisions = createDecisionService({
      store,
      keyRing,
      policy,
      features: features.provider,
      policySource: policyRuntime,
      graph,
      device,
      commit: config.commit,
      featureReads: config.decisionFeatures,
    });
    // background failures of monitoring (lease rounds, dead letters) go to the server's log once it exists
    let logMonitoringError = (err: unknown) => void err;
    const monitoring = await startMonitoringRuntime({
      store,
      onError: (err) => logMonitoringError(err),
      consortium: { key: config.consortiumKey, sealer: keyRing.sealer },
      webhook: config.alertWebhook,
      webhooks: { sealer: keyRing.sealer, allowPrivate: config.webhookAllowPrivate },
      nats: config.nats,
      models: (tenantId) => models.forTenant(tenantId),
    });
    // realised AUC against development for every approved model version, on one node (a lease), into the alerts
    const modelWatch = await startModelWatch({
      db: store.db,
      registry: models.registry,
      alerts: monitoring.alerts,
      ...(store.lockSession ? { lockSession: store.lockSession } : {}),
      onError: (err) => logMonitoringError(err),
    });
    const marketing = createMarketingRuntime({
      store,
      keyRing,
      policy,
      policySource: policyRuntime,
      consortiumEvents: features.events,
      consortiumKey: config.consortiumKey,
      velocity: features.velocity,
    });
    const programParts = {
      store,
      policy: policyService,
      monitoring,
      models,
      behaviour: { consortium: { id: config.consortium.id, key: config.consortiumKey, sealer: keyRing.sealer } },
    };
    // the demo tenant's book knows how every application would have paid: its scorecards' reports are measured
    // through the door against it (after the fit; never a training input)
    const truthFor = (tenantId: string) => {
      const truth = config.store.kind === 'pglite' && tenantId === DEMO_TENANT ? demoTruth(config.dataDir) : undefined;
      return truth ? { truth } : {};
    };
    const server = await buildServer({
      programs: {
        propose: (tenantId, author, o) =>
          proposeOnNode(programParts, tenantId, author, { ...o, ...truthFor(tenantId) }),
        approve: (tenantId, id, approver) => approveOnNode(programParts, tenantId, id, approver),
        retrain: (tenantId, author, o) =>
          retrainOnNode(programParts, tenantId, author, { ...o, ...truthFor(tenantId) }),
        retrainable: () => readProgram(starterProgramDir()).manifest.models.map((m) => m.name),
        kindOf: (model) => readProgram(starterProgramDir()).manifest.models.find((m) => m.name === model)?.kind,
        list: (tenantId) => programProposals(store, tenantId),
        ...(config.store.kind === 'pglite' ? { demoReport: (t: string) => demoReport(store, t, config.dataDir) } : {}),
      },
      marketing,
      store,
      decisions,
      graph,
      policy: policyService,
      monitoring,
      device,
      models,
      privacy: createPrivacyService({
        db: store.db,
        keyRing,
        retention: config.retention,
        consortium: { id: config.consortium.id, key: config.consortiumKey },
      }),
      consortium: {
        repo: createSqlConsortiumRepository(store.db, config.consortium.id),
        consortiumKey: config.consortiumKey,
        onStored: (events) => monitoring.fromConsortium(events),
        visible: () => store.changes.sync(),
      },
      bodyLimitBytes: config.bodyLimitBytes,
      ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
      ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
      rateLimitPerMinute: config.rateLimitPerMinute,
      ...(features.redis ? { rateLimitRedis: features.redis } : {}),
      readiness: config.redisUrl ? { redis: () => features.ping() } : {},
      logLevel: config.logLevel,
      tracing: config.tracing,
      ...(options.logStream ? { logStream: options.logStream } : {}),
      // after every capability: the feature runtime (velocity, Redis) and the store they all use
      shutdown: [
        async () => unfollow.forEach((off) => off()),
        () => modelWatch.close(),
        () => features.close(),
        () => store.close(),
      ],
    });
    store.changes.reportErrorsTo((err) =>
      server.app.log.error({ err }, 'change feed: a committed change was not applied yet (the next catch-up retries)'),
    );
    logMonitoringError = (err) => {
      server.app.log.warn({ err }, 'post-loan monitoring: background work failed');
    };
    logReloadError = (err) => {
      server.app.log.error({ err }, "reloading lists, flows or models after a node's change failed (the next retries)");
    };
    let warming: WarmUp | undefined;
    // before the server stops accepting: the warm-up finishes its current step and quits
    server.app.addHook('preClose', async () => {
      await warming?.stop();
    });
    let url = '';
    if (options.listen !== false) url = await server.app.listen({ host: config.host, port: config.port });
    let closing: Promise<void> | undefined;
    return {
      ...server,
      store,
      decisions,
      features,
      monitoring,
      marketing,
      policy: policyService,
      models,
      url,
      warmUp() {
        const cases = createCaseService({ db: store.db });
        const portfolio = monitoring.portfolio;
        warming ??= startWarmUp({
          tenants: () => store.tenants.withData(),
          steps: [
            (tenantId) => graph.warm(tenantId),
            (tenantId) => cases.sync(tenantId),
            (tenantId) => portfolio.book(tenantId, { now: new Date() }),
          ],
          onError: (err) => server.app.log.warn({ err }, 'warm-up failed (the first graph or case call pays instead)'),
        });
        return warming;
      },
      close() {
        closing ??= (async () => void (await server.app.close()))();
        return closing;
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
