/**
 * Hostile values and per-route starting bodies for the fuzz harness. A body is derived from the route's own JSON
 * schema unless ROUTE_FUZZ gives a realistic one; every route the node serves must appear in ROUTE_FUZZ (a new
 * endpoint fails the fuzz test until someone decides how it is fuzzed).
 */
import fc from 'fast-check';
import { sampleApplication } from '../support/applications.js';
import { DEFAULT_TRIGGER_SET } from '../../src/monitoring/index.js';

export type JsonSchema = Record<string, unknown>;

/** Injection and trickery, each a string a client can send in any text field, path segment or query value. */
export const HOSTILE_STRINGS = [
  // SQL
  "' OR '1'='1",
  "'; drop table decisions; --",
  '1; select pg_sleep(5); --',
  '" OR ""="',
  "$1'); delete from api_keys; --",
  "\\'; truncate tenants cascade; --",
  // the rules expression language and template engines
  'amount > 0 or true',
  'applicant.age >= 0 ? approve : decline',
  "constructor.constructor('return process')().exit()",
  '__proto__.polluted',
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  'eval("1")',
  // prototype pollution as text
  '__proto__',
  'constructor',
  'prototype',
  // path traversal
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/dev/zero',
  'file:///etc/shadow',
  // CSV formulas
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|/c calc',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  // unicode trickery
  '\u202eevil\u202c',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  'ＡＢＣ１２３',
  'e\u0301\u0301\u0301',
  '\u200b\u200d\ufeff',
  '𝕏🦄👩‍👩‍👧‍👦',
  'İıſK',
  '\u0085\u2028\u2029',
  // numbers and dates as text
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9999-99-99T99:99:99Z',
  '0000-00-00',
  'null',
  'true',
  '',
  ' ',
];

/** A hostile string: a known payload, random unicode, or a long one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 500, maxLength: 5000 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS))
      .map(([a, b]) => `${a}${b}`),
  },
);

const PATTERN_CANDIDATES = ['a', 'A1', 'x_1', '2026-11', '2026-11-01', '1', 'a.b', 'ab-cd', '0', 'cash-loan'];

/** A body that satisfies the shape of `schema` as far as a plain walk can (required fields, types, bounds). */
export function sampleFromSchema(schema: JsonSchema, depth = 0): unknown {
  if (depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[k];
    if (Array.isArray(options) && options.length > 0) return sampleFromSchema(options[0] as JsonSchema, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) {
        if (required.has(k) || depth === 0) out[k] = sampleFromSchema(v, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: n }, () => sampleFromSchema((schema.items ?? {}) as JsonSchema, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
      const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
      return min ?? (max !== undefined ? Math.min(max, 1) : 1);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string': {
      if (schema.format === 'date-time') return '2026-11-01T10:00:00Z';
      if (schema.format === 'date') return '2026-11-01';
      if (schema.format === 'email') return 'a@example.com';
      if (schema.format === 'uri') return 'https://example.com/x';
      const min = Number(schema.minLength ?? 1);
      if (typeof schema.pattern === 'string') {
        const re = new RegExp(schema.pattern);
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c) && c.length >= min);
        if (hit) return hit;
      }
      return 'a'.repeat(Math.max(1, min));
    }
    default:
      return 'x';
  }
}

export interface RouteFuzz {
  /** A realistic starting body (otherwise one is derived from the route's schema). */
  sample?: unknown;
  /** Why the generic hostile cases are enough for this route. */
  note?: string;
}

const GENERIC: RouteFuzz = { note: 'generic hostile cases against the schema-derived body and path' };

/** Every route the full node serves. A route missing here fails the fuzz test. */
export const ROUTE_FUZZ: Record<string, RouteFuzz> = {
  'GET /': { note: 'console / root' },
  'GET /*': { note: 'console assets: path traversal in the wildcard' },
  'GET /docs': GENERIC,
  'GET /docs/': GENERIC,
  'GET /docs/static/index.html': GENERIC,
  'GET /docs/static/swagger-initializer.js': GENERIC,
  'GET /docs/*': { note: 'static docs assets: path traversal in the wildcard' },
  'GET /docs/json': GENERIC,
  'GET /docs/yaml': GENERIC,
  'GET /healthz': GENERIC,
  'GET /readyz': GENERIC,
  'GET /metrics': GENERIC,
  'POST /v1/decisions': { sample: sampleApplication({ applicationId: 'FUZZ-1' }) },
  'GET /v1/decisions': GENERIC,
  'GET /v1/decisions/:decisionId': GENERIC,
  'GET /v1/decisions/:decisionId/inputs': GENERIC,
  'GET /v1/decisions/:decisionId/notice': GENERIC,
  'POST /v1/decisions/:decisionId/notice/issue': { sample: { lang: 'zh-CN', channel: 'letter' } },
  'POST /v1/decisions/:decisionId/replay': GENERIC,
  'GET /v1/device/collector.js': GENERIC,
  'POST /v1/device/payloads': GENERIC,
  'POST /v1/keys': { sample: { role: 'viewer', name: 'fuzz' } },
  'GET /v1/keys': GENERIC,
  'DELETE /v1/keys/:keyId': GENERIC,
  'GET /v1/lists': GENERIC,
  'POST /v1/lists': GENERIC,
  'GET /v1/lists/:name/entries': GENERIC,
  'POST /v1/lists/:name/entries': GENERIC,
  'POST /v1/lists/:name/entries/remove': GENERIC,
  'POST /v1/lists/:name/import': {
    sample: { csv: 'value,reason\n13912345678,fraud\n=HYPERLINK("x"),+cmd\n', source: 'fuzz' },
  },
  'GET /v1/flows': GENERIC,
  'POST /v1/flows': GENERIC,
  'POST /v1/flows/validate': GENERIC,
  'GET /v1/flows/shadow': GENERIC,
  'GET /v1/flows/:flowId/versions': GENERIC,
  'PUT /v1/flows/:flowId/versions/:version': GENERIC,
  'GET /v1/flows/:flowId/versions/:version': GENERIC,
  'POST /v1/flows/:flowId/versions/:version/publish': GENERIC,
  'POST /v1/flows/:flowId/versions/:version/backtest': GENERIC,
  'GET /v1/settings/fairness': GENERIC,
  'PUT /v1/settings/fairness': { sample: { mode: 'warn', threshold: 0.8 } },
  'GET /v1/flows/:flowId/diff': GENERIC,
  'GET /v1/policy/audit': GENERIC,
  'GET /v1/audit': GENERIC,
  'GET /v1/audit/verify': GENERIC,
  'GET /v1/portfolio/:chart': GENERIC,
  'POST /v1/models': GENERIC,
  'GET /v1/models': GENERIC,
  'POST /v1/models/:name/versions/:version/approve': GENERIC,
  'POST /v1/models/:name/versions/:version/retire': GENERIC,
  'GET /v1/models/:name/versions/:version/report': GENERIC,
  'GET /v1/models/:name/versions/:version/export': GENERIC,
  'GET /v1/models/:name/versions/:version/performance': GENERIC,
  'POST /v1/models/:name/versions/:version/performance/alert': { sample: { aucMargin: 0.05 } },
  'GET /v1/models/:name/versions/:version/fairness': GENERIC,
  'GET /v1/flows/:flowId/versions/:version/performance': GENERIC,
  'GET /v1/models/:name/compare': GENERIC,
  'POST /v1/consortium/events': GENERIC,
  'GET /v1/consortium/metrics': GENERIC,
  'POST /v1/collections/refresh': GENERIC,
  'GET /v1/collections/queue': GENERIC,
  'POST /v1/collections/assign': GENERIC,
  'POST /v1/collections/cases/:caseId/outcomes': GENERIC,
  'GET /v1/customers/:customerId/limit': GENERIC,
  'PUT /v1/customers/:customerId/limit': GENERIC,
  'POST /v1/customers/:customerId/limit/unfreeze': GENERIC,
  'GET /v1/applications': GENERIC,
  'GET /v1/applications/:applicationId': GENERIC,
  'GET /v1/alerts': GENERIC,
  'GET /v1/stream': { note: 'server-sent events: without Accept: text/event-stream a 406 problem' },
  'GET /v1/monitoring/fields': GENERIC,
  'GET /v1/monitoring/triggers': GENERIC,
  'GET /v1/jobs/:jobId': GENERIC,
  'GET /v1/demo/report': GENERIC,
  'GET /v1/programs/proposals': GENERIC,
  'POST /v1/programs/proposals': GENERIC,
  'POST /v1/programs/proposals/:proposalId/approve': GENERIC,
  'POST /v1/models/:name/retrain': {
    sample: {},
    note: 'a background job: 202 or a problem; the job itself fails on no history',
  },
  'POST /v1/flows/:flowId/versions/:version/traffic': GENERIC,
  'GET /v1/flows/:flowId/arms': GENERIC,
  'POST /v1/models/import': GENERIC,
  'POST /v1/webhooks': GENERIC,
  'GET /v1/webhooks': GENERIC,
  'DELETE /v1/webhooks/:endpointId': GENERIC,
  'GET /v1/monitoring/triggers/versions': GENERIC,
  'GET /v1/monitoring/triggers/versions/:version': GENERIC,
  'POST /v1/monitoring/triggers/validate': { sample: { document: DEFAULT_TRIGGER_SET } },
  'POST /v1/monitoring/triggers/versions': { sample: { document: DEFAULT_TRIGGER_SET, comment: 'fuzz' } },
  'POST /v1/monitoring/triggers/versions/:version/backtest': { sample: { days: 30 } },
  'POST /v1/monitoring/triggers/versions/:version/publish': { sample: { comment: 'fuzz' } },
  'POST /v1/session': GENERIC,
  'GET /v1/session': GENERIC,
  'DELETE /v1/session': GENERIC,
  'POST /v1/session/tenant': GENERIC,
  'PATCH /v1/me': GENERIC,
  'POST /v1/users': GENERIC,
  'GET /v1/users': GENERIC,
  'DELETE /v1/users/:userId': GENERIC,
  'GET /v1/marketing/tags': GENERIC,
  'POST /v1/marketing/tags': GENERIC,
  'POST /v1/marketing/segments': GENERIC,
  'POST /v1/marketing/lookalike': GENERIC,
  'GET /v1/marketing/churn': GENERIC,
  'GET /v1/customers/:customerId/portrait': GENERIC,
  'POST /v1/campaigns': GENERIC,
  'GET /v1/campaigns/:campaignId': GENERIC,
  'GET /v1/campaigns/:campaignId/entries': GENERIC,
  'POST /v1/campaigns/:campaignId/take-up': GENERIC,
  'POST /v1/privacy/export': GENERIC,
  'POST /v1/privacy/erase': GENERIC,
  'POST /v1/privacy/erasures': GENERIC,
  'POST /v1/privacy/sweep': GENERIC,
  'GET /v1/cases': GENERIC,
  'GET /v1/cases/:caseId': GENERIC,
  'POST /v1/cases/:caseId/assign': GENERIC,
  'POST /v1/cases/:caseId/comments': GENERIC,
  'POST /v1/cases/:caseId/decide': GENERIC,
  'POST /v1/cases/:caseId/escalate': GENERIC,
  'GET /v1/overview': GENERIC,
  'GET /v1/overview/trends': GENERIC,
  'GET /v1/graph/applications/:applicationId': GENERIC,
  'GET /v1/graph/rings': GENERIC,
  'POST /v1/events': {
    sample: {
      events: [
        {
          eventId: 'fuzz-evt-1',
          tenantId: 'demo',
          borrowerId: 'b-1',
          occurredAt: '2026-11-20T10:00:00Z',
          type: 'contact',
          outcome: 'reached',
          channel: 'call',
        },
      ],
    },
  },
};
