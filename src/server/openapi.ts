/**
 * The OpenAPI description every node serves at /docs/json, kept lint-clean (Redocly's recommended rules) in one
 * place instead of in 80 route files:
 * - every operation gets an `operationId` named for what it does (the generated client's method names);
 * - every operation documents the problem answers it can give, as RFC 9457 `application/problem+json` with one
 *   shared `Problem` schema: which ones follows from the route's own declaration (a permission means 401/403, a
 *   path parameter 404, a body 400 and 413, …), so a new route is described correctly without extra work;
 * - `servers`, licence and described tags.
 * All of this only shapes the document: the routes' runtime validation and serialisation are unchanged.
 */
import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { ProblemSchema } from './routes/problem-schema.js';

/** Named operations, by `METHOD /path` as the document shows it. A route may also set `schema.operationId`. */
const OPERATION_IDS: Record<string, string> = {
  'POST /v1/decisions': 'decideApplication',
  'GET /v1/decisions': 'searchDecisions',
  'GET /v1/decisions/{decisionId}': 'getDecision',
  'GET /v1/decisions/{decisionId}/inputs': 'getDecisionInputs',
  'POST /v1/decisions/{decisionId}/replay': 'replayDecision',
  'POST /v1/keys': 'createApiKey',
  'GET /v1/keys': 'listApiKeys',
  'DELETE /v1/keys/{keyId}': 'revokeApiKey',
  'GET /v1/audit': 'listAuditEntries',
  'GET /v1/audit/verify': 'verifyAuditChain',
  'POST /v1/privacy/export': 'exportApplicantData',
  'POST /v1/privacy/erase': 'eraseApplicant',
  'POST /v1/privacy/erasures': 'findErasure',
  'POST /v1/privacy/sweep': 'sweepRetention',
  'GET /v1/lists': 'listLists',
  'POST /v1/lists': 'createList',
  'GET /v1/lists/{name}/entries': 'listListEntries',
  'POST /v1/lists/{name}/entries': 'addListEntries',
  'POST /v1/lists/{name}/entries/remove': 'removeListEntry',
  'POST /v1/lists/{name}/import': 'importListEntries',
  'GET /v1/flows': 'listFlows',
  'POST /v1/flows': 'saveFlowDraft',
  'POST /v1/flows/validate': 'validateFlow',
  'GET /v1/flows/shadow': 'getShadowReport',
  'GET /v1/flows/{flowId}/versions': 'listFlowVersions',
  'GET /v1/flows/{flowId}/versions/{version}': 'getFlowVersion',
  'PUT /v1/flows/{flowId}/versions/{version}': 'replaceFlowDraft',
  'GET /v1/flows/{flowId}/diff': 'diffFlowVersions',
  'POST /v1/flows/{flowId}/versions/{version}/publish': 'publishFlowVersion',
  'POST /v1/flows/{flowId}/versions/{version}/backtest': 'backtestFlowVersion',
  'POST /v1/flows/{flowId}/versions/{version}/traffic': 'setChallengerTraffic',
  'GET /v1/flows/{flowId}/arms': 'getFlowArmOutcomes',
  'GET /v1/policy/audit': 'listPolicyChanges',
  'GET /v1/device/collector.js': 'getDeviceCollector',
  'POST /v1/device/payloads': 'submitDevicePayload',
  'POST /v1/models': 'registerModel',
  'POST /v1/models/import': 'importModel',
  'GET /v1/models': 'listModelVersions',
  'POST /v1/models/{name}/versions/{version}/approve': 'approveModelVersion',
  'POST /v1/models/{name}/versions/{version}/retire': 'retireModelVersion',
  'GET /v1/models/{name}/versions/{version}/report': 'getModelReport',
  'GET /v1/models/{name}/compare': 'compareModelVersions',
  'POST /v1/consortium/events': 'shareConsortiumEvents',
  'GET /v1/consortium/metrics': 'getConsortiumMetrics',
  'GET /v1/applications': 'listApplications',
  'GET /v1/applications/{applicationId}': 'getApplication',
  'POST /v1/session': 'signIn',
  'GET /v1/session': 'getSession',
  'DELETE /v1/session': 'signOut',
  'POST /v1/session/tenant': 'switchTenant',
  'POST /v1/users': 'createUser',
  'GET /v1/users': 'listUsers',
  'DELETE /v1/users/{userId}': 'removeUser',
  'GET /v1/cases': 'listCases',
  'GET /v1/cases/{caseId}': 'getCase',
  'POST /v1/cases/{caseId}/assign': 'assignCase',
  'POST /v1/cases/{caseId}/comments': 'commentOnCase',
  'POST /v1/cases/{caseId}/decide': 'decideCase',
  'POST /v1/cases/{caseId}/escalate': 'escalateCase',
  'GET /v1/overview': 'getOverview',
  'GET /v1/graph/applications/{applicationId}': 'getApplicationGraph',
  'GET /v1/graph/rings': 'listLargestRings',
  'POST /v1/collections/refresh': 'refreshCollections',
  'GET /v1/collections/queue': 'getCollectionsQueue',
  'POST /v1/collections/assign': 'assignCollections',
  'POST /v1/collections/cases/{caseId}/outcomes': 'recordContactOutcome',
  'POST /v1/events': 'reportLoanEvents',
  'GET /v1/alerts': 'listAlerts',
  'GET /v1/stream': 'streamConsoleEvents',
  'GET /v1/portfolio/{chart}': 'getPortfolioChart',
  'GET /v1/customers/{customerId}/limit': 'getCreditLimit',
  'PUT /v1/customers/{customerId}/limit': 'setCreditLimit',
  'POST /v1/customers/{customerId}/limit/unfreeze': 'unfreezeCreditLimit',
  'GET /v1/customers/{customerId}/portrait': 'getCustomerPortrait',
  'GET /v1/monitoring/triggers': 'getLiveTriggers',
  'GET /v1/monitoring/fields': 'listTriggerFields',
  'POST /v1/monitoring/triggers/validate': 'validateTriggers',
  'GET /v1/monitoring/triggers/versions': 'listTriggerVersions',
  'POST /v1/monitoring/triggers/versions': 'saveTriggerDraft',
  'GET /v1/monitoring/triggers/versions/{version}': 'getTriggerVersion',
  'POST /v1/monitoring/triggers/versions/{version}/backtest': 'backtestTriggerVersion',
  'POST /v1/monitoring/triggers/versions/{version}/publish': 'publishTriggerVersion',
  'GET /v1/marketing/tags': 'listTagSets',
  'POST /v1/marketing/tags': 'saveTagSet',
  'POST /v1/marketing/segments': 'segmentBook',
  'POST /v1/marketing/lookalike': 'rankLookalikes',
  'GET /v1/marketing/churn': 'getChurnModel',
  'POST /v1/campaigns': 'prescreenCampaign',
  'GET /v1/campaigns/{campaignId}': 'getCampaign',
  'GET /v1/campaigns/{campaignId}/entries': 'listCampaignEntries',
  'POST /v1/campaigns/{campaignId}/take-up': 'recordCampaignTakeUp',
};

const TAGS: { name: string; description: string }[] = [
  { name: 'decisions', description: 'Decide credit applications; fetch, search, inspect and replay stored decisions.' },
  { name: 'applications', description: 'Imported application history (identifiers as keyed hashes).' },
  { name: 'lists', description: 'Black, grey and white lists of hashed identifiers screened on every decision.' },
  {
    name: 'flows',
    description: 'Versioned decision flows: draft, validate, backtest, publish as champion or challenger.',
  },
  { name: 'models', description: 'Model registry: register, approve (four eyes), retire, reports and comparisons.' },
  {
    name: 'programs',
    description: 'Risk programs: trained on the tenant’s own history, approved by a second person, published.',
  },
  { name: 'device', description: 'Device collector script and device payload intake for application sessions.' },
  { name: 'graph', description: 'Association graph: an application’s neighbourhood and fraud rings.' },
  { name: 'consortium', description: 'Sharing credit events with other members of the consortium.' },
  { name: 'monitoring', description: 'Post-loan events, triggers, alerts, credit limits and portfolio analytics.' },
  {
    name: 'collections',
    description: 'Collections queue of loans past due: priority, assignment and contact outcomes.',
  },
  {
    name: 'marketing',
    description: 'Customer portraits, tags, segments, look-alikes, churn and campaign pre-screens.',
  },
  { name: 'cases', description: 'Manual review cases opened from review decisions and alerts.' },
  { name: 'console', description: 'Aggregates the web console shows (overview).' },
  { name: 'session', description: 'Console sign-in with a session cookie and CSRF token.' },
  { name: 'users', description: 'Console users of a tenant.' },
  { name: 'keys', description: 'API keys: created with the secret shown once, listed, revoked.' },
  { name: 'audit', description: 'The tenant’s hash-chained audit log and its verification.' },
  { name: 'privacy', description: 'Data-subject requests (export, erasure) and retention sweeps.' },
];

const PROBLEM_ANSWERS: Record<number, string> = {
  400: 'The request is invalid: the problem names each field and what was expected',
  401: 'No valid API key or console session',
  403: 'The caller’s role may not do this',
  404: 'No such resource in this tenant',
  409: 'Conflicts with the current state of the resource',
  413: 'The body is larger than the configured limit',
  429: 'Rate limit exceeded; `Retry-After` says when to try again',
  503: 'The store (or a service it needs) is unavailable, or the node is shutting down',
};

/** The document's own name for a route's operation: its table entry, else a name built from method and path. */
export function operationIdFor(method: string, url: string): string {
  const named = OPERATION_IDS[`${method} ${url}`];
  if (named) return named;
  const words = url
    .replace(/^\/v1\//, '')
    .split(/[/{}._-]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The problem answers a route can give, read from what it declares. */
function problemStatuses(route: Parameters<SwaggerTransform>[0]['route'], schema: Record<string, unknown>): number[] {
  const declared = Object.keys((schema.response as Record<string, unknown> | undefined) ?? {})
    .map(Number)
    .filter((s) => s >= 400);
  const config = (route.config ?? {}) as { permission?: string; rateLimit?: unknown };
  const method = String(route.method).toUpperCase();
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const out = new Set(declared);
  if (hasBody || schema.querystring || schema.params || schema.headers) out.add(400);
  if (config.permission) {
    out.add(401);
    out.add(403);
  }
  if (schema.params) out.add(404);
  if (hasBody) out.add(413);
  if (config.rateLimit !== false) out.add(429);
  out.add(503);
  return [...out].sort((a, b) => a - b);
}

const transform: SwaggerTransform = ({ schema, url, route }) => {
  if (!schema || (schema as { hide?: boolean }).hide) return { schema, url };
  const s = schema as Record<string, unknown>;
  const response: Record<string, unknown> = { ...((s.response as Record<string, unknown> | undefined) ?? {}) };
  // a route that does not describe its success yet still answers one: say so rather than leave only the problems
  if (!Object.keys(response).some((code) => code.startsWith('2'))) {
    response[200] = { description: 'Success', content: { 'application/json': { schema: {} } } };
  }
  for (const status of problemStatuses(route, s)) {
    // a marker the document-wide pass below turns into a reference to the one Problem schema
    response[status] = {
      description: PROBLEM_ANSWERS[status] ?? 'Problem',
      content: { 'application/problem+json': { schema: { 'x-problem': true } } },
    };
  }
  const method = String(route.method).toUpperCase();
  return {
    schema: {
      ...s,
      response,
      operationId: (s.operationId as string | undefined) ?? operationIdFor(method, openApiPath(url)),
    },
    url,
  };
};

type Doc = Record<string, unknown> & {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
  components?: Record<string, unknown>;
};

const transformObject = ({ openapiObject }: { openapiObject: unknown }) => {
  const doc = openapiObject as Doc;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const answer of Object.values(op.responses ?? {})) {
        const problem = answer.content?.['application/problem+json'] as { schema?: Record<string, unknown> };
        if (problem?.schema?.['x-problem']) problem.schema = { $ref: '#/components/schemas/Problem' };
      }
    }
  }
  const components = (doc.components ??= {});
  components.schemas = { ...(components.schemas as object), Problem: problemComponent() };
  return doc;
};

function problemComponent() {
  return {
    ...JSON.parse(JSON.stringify(ProblemSchema)),
    description:
      'RFC 9457 problem details. `type` is a stable URI per kind of problem; `errors` lists each invalid field ' +
      '(a JSON pointer) with what was expected.',
  };
}

export function openApiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'riskloop API',
        version,
        description:
          'Credit decisions, stored and replayable. Authenticate with `Authorization: Bearer <API key>`. ' +
          'Every error is an RFC 9457 problem document (`application/problem+json`).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // relative: the node that serves the document is the one to call
      servers: [{ url: '/', description: 'the riskloop node serving this document' }],
      tags: TAGS,
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform,
    transformObject: transformObject as FastifyDynamicSwaggerOptions['transformObject'],
  };
}
