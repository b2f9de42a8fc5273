/**
 * Which capabilities a node serves, and where: each becomes one fastify plugin (capability.ts) whose route groups
 * sit under their prefixes. A capability whose runtime is absent from the deps is not served.
 */
import { systemClock } from '../core/index.js';
import { createAuditLog } from '../audit/index.js';
import { createNoticeService } from '../notices/index.js';
import { createCaseService } from '../cases/index.js';
import { importedApplications } from '../ingest/index.js';
import { createSqlCollectionsRepository } from '../monitoring/index.js';
import { createOverviewService, createTrends, overviewRepository } from '../overview/index.js';
import { createUserAdministration } from '../users/index.js';
import type { ServerDeps } from './deps.js';
import type { Capability } from './capability.js';
import type { Metrics } from './metrics.js';
import type { SessionManager } from './session.js';
import { applicationRoutes } from './routes/applications.js';
import { auditRoutes } from './routes/audit.js';
import { caseRoutes } from './routes/cases.js';
import { collectionsRoutes } from './routes/collections.js';
import { consoleRoutes } from './routes/console.js';
import { consortiumRoutes } from './routes/consortium.js';
import { decisionInputRoutes } from './routes/decision-inputs.js';
import { decisionNoticeRoutes } from './routes/decision-notice.js';
import { decisionRoutes } from './routes/decisions.js';
import { deviceRoutes } from './routes/device.js';
import { flowRoutes } from './routes/flows.js';
import { fairnessSettingsRoutes } from './routes/fairness-settings.js';
import { graphRoutes } from './routes/graph.js';
import { healthRoutes } from './routes/health.js';
import { keyRoutes } from './routes/keys.js';
import { limitRoutes } from './routes/limits.js';
import { listRoutes } from './routes/lists.js';
import { marketingRoutes } from './routes/marketing.js';
import { jobRoutes } from './routes/jobs.js';
import { createJobRunner } from '../jobs/index.js';
import { modelExportRoutes } from './routes/model-export.js';
import { flowPerformanceRoutes, modelPerformanceRoutes } from './routes/model-performance.js';
import { modelReportRoutes } from './routes/model-report.js';
import { modelRoutes } from './routes/models.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { overviewRoutes } from './routes/overview.js';
import { streamRoutes } from './routes/stream.js';
import { privacyRoutes } from './routes/privacy.js';
import { programRoutes } from './routes/programs.js';
import { meRoutes, sessionRoutes } from './routes/session.js';
import { triggerRoutes } from './routes/triggers.js';
import { userRoutes } from './routes/users.js';
import { webhookRoutes } from './routes/webhooks.js';

/** What the HTTP layer itself made (hooks' state) that some capabilities' routes need. */
export interface HttpParts {
  metrics: Metrics;
  sessions: SessionManager;
  /** Drops this node's cached keys of a tenant (a key revoked here is refused at once). */
  forgetKeys(tenantId: string): void;
  /** Where failures of background work go (the server's log). */
  logError?: (err: unknown, what: string) => void;
  /** How background jobs hand the event loop back: once the node's requests are served (jobs/foreground.ts). */
  pause?: () => Promise<void>;
}

export function capabilitiesOf(deps: ServerDeps, http: HttpParts): Capability[] {
  const clock = deps.clock ?? systemClock;
  const db = deps.store.db;
  const policy = deps.policy;
  const cases = createCaseService({
    db,
    clock,
    // a fraud decision's list entries screen this node's next decision at once (other nodes: the feed's signal)
    ...(policy ? { onListsChanged: (tenantId: string) => policy.runtime.reloadLists(tenantId) } : {}),
  });
  // heavy work (k-means segments, backtests, campaign scoring, retraining) runs as background jobs; any node
  // answers GET /v1/jobs/:id from the store
  const jobs = createJobRunner(db, {
    onError: (err) => http.logError?.(err, 'background job failed'),
    ...(http.pause ? { pause: http.pause } : {}),
  });
  const list: (Capability | false | undefined)[] = [
    // jobs finish (or fail into the store) before the store closes
    { name: 'jobs', groups: [{ prefix: '/v1/jobs', routes: jobRoutes(jobs) }], close: () => jobs.close() },
    {
      name: 'health',
      groups: [{ prefix: '', routes: healthRoutes(db, http.metrics, deps.readiness, deps.metricsToken) }],
    },
    {
      name: 'decisions',
      groups: [
        { prefix: '/v1/decisions', routes: decisionRoutes(deps.decisions, http.metrics) },
        { prefix: '/v1/decisions', routes: decisionInputRoutes(deps.store.decisions) },
        {
          prefix: '/v1/decisions',
          routes: decisionNoticeRoutes(
            createNoticeService({
              decisions: deps.store.decisions,
              tenants: deps.store.tenants,
              audit: createAuditLog(db, { clock }),
            }),
          ),
        },
      ],
      // decisions accepted before the close are committed (group commit) before the store closes
      close: () => deps.decisions.drain(),
    },
    { name: 'keys', groups: [{ prefix: '/v1/keys', routes: keyRoutes(deps.store.apiKeys, http.forgetKeys) }] },
    { name: 'audit', groups: [{ prefix: '/v1/audit', routes: auditRoutes(createAuditLog(db)) }] },
    deps.privacy && { name: 'privacy', groups: [{ prefix: '/v1/privacy', routes: privacyRoutes(deps.privacy) }] },
    deps.policy && {
      name: 'policy',
      groups: [
        { prefix: '/v1/lists', routes: listRoutes(deps.policy) },
        // flows, the policy audit trail and decision replay
        { prefix: '/v1', routes: flowRoutes(deps.policy, jobs) },
        { prefix: '/v1/settings', routes: fairnessSettingsRoutes(deps.policy) },
      ],
    },
    // risk program proposals and approvals, and the demo report
    deps.programs && { name: 'programs', groups: [{ prefix: '/v1', routes: programRoutes(deps.programs, jobs) }] },
    deps.device && { name: 'device', groups: [{ prefix: '/v1/device', routes: deviceRoutes(deps.device) }] },
    deps.models && {
      name: 'models',
      groups: [
        { prefix: '/v1/models', routes: modelRoutes(deps.models) },
        { prefix: '/v1/models', routes: modelReportRoutes(deps.models.registry) },
        { prefix: '/v1/models', routes: modelExportRoutes(deps.models.registry, deps.version ?? '0.1.0') },
        {
          prefix: '/v1/models',
          routes: modelPerformanceRoutes(deps.models.registry, db, deps.monitoring?.alerts),
        },
        { prefix: '/v1/flows', routes: flowPerformanceRoutes(db) },
      ],
    },
    deps.consortium && {
      name: 'consortium',
      groups: [{ prefix: '/v1/consortium', routes: consortiumRoutes(deps.consortium) }],
    },
    {
      name: 'applications',
      groups: [{ prefix: '/v1/applications', routes: applicationRoutes(importedApplications(db)) }],
    },
    {
      name: 'people',
      groups: [
        { prefix: '/v1/session', routes: sessionRoutes(http.sessions) },
        { prefix: '/v1/me', routes: meRoutes(http.sessions) },
        {
          prefix: '/v1/users',
          routes: userRoutes(
            createUserAdministration({
              db,
              clock,
              ...(deps.session?.passwordCost ? { passwordCost: deps.session.passwordCost } : {}),
            }),
          ),
        },
      ],
    },
    { name: 'cases', groups: [{ prefix: '/v1/cases', routes: caseRoutes(cases) }] },
    {
      name: 'overview',
      groups: [
        {
          prefix: '/v1/overview',
          routes: overviewRoutes(
            createOverviewService({ repository: overviewRepository(db), cases, clock }),
            createTrends({ repository: overviewRepository(db), clock }),
          ),
        },
      ],
    },
    deps.graph && { name: 'graph', groups: [{ prefix: '/v1/graph', routes: graphRoutes(deps.graph) }] },
    deps.monitoring && {
      name: 'monitoring',
      groups: [
        {
          prefix: '/v1/collections',
          routes: collectionsRoutes(db, createSqlCollectionsRepository(db), clock, (t, b) =>
            deps.monitoring!.behaviourScore(t, b),
          ),
        },
        // post-loan events, alerts and portfolio charts
        { prefix: '/v1', routes: monitoringRoutes(deps.monitoring, clock) },
        // the console's live stream: alerts and review-queue changes pushed at commit
        { prefix: '/v1', routes: streamRoutes({ changes: deps.store.changes, alerts: deps.monitoring.alerts }) },
        { prefix: '/v1/customers', routes: limitRoutes(deps.monitoring.limits) },
        ...(deps.monitoring.webhooks
          ? [{ prefix: '/v1/webhooks', routes: webhookRoutes(deps.monitoring.webhooks) }]
          : []),
        { prefix: '/v1/monitoring', routes: triggerRoutes(deps.monitoring.triggers, jobs) },
      ],
      close: () => deps.monitoring!.close(),
    },
    deps.marketing && {
      name: 'marketing',
      // portraits under /v1/customers, /v1/marketing, /v1/campaigns
      groups: [{ prefix: '/v1', routes: marketingRoutes(deps.marketing.service, jobs) }],
    },
    { name: 'console', groups: [{ prefix: '', routes: consoleRoutes() }] },
  ];
  return list.filter((c): c is Capability => !!c);
}
