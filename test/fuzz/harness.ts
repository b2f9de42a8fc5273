/**
 * Endpoint fuzzing shared by the test (a fast subset) and `npm run bench -- fuzz` (≥ 100,000 cases). Routes come
 * from the running node's route table and their body schemas from its OpenAPI document, so endpoints added later
 * are fuzzed without being listed here. Each case is hostile: random, oversized, deeply nested, wrong-typed,
 * unicode-tricky, injection (SQL, rules expressions, prototype pollution, path traversal, CSV formulas).
 *
 * Oracles per case: no 5xx; a body the route's own schema rejects (checked here with a strict validator, as the
 * server compiles it) must not be accepted (2xx); a rejected write changes no table's row count.
 * No vitest import: the bench runs this file too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { loadConfig } from '../../src/config/index.js';
import { createAjv } from '../../src/core/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { routeKey, routeTable, type RouteEntry } from '../support/route-table.js';
import { hostileString, ROUTE_FUZZ, sampleFromSchema, type JsonSchema } from './payloads.js';

export const FUZZ_KEY = 'rk_fuzz_admin_key_0123456789abcdef0123';

/** Tables written in the background by earlier accepted requests (consumers, dispatchers): not a partial write. */
const ASYNC_TABLES = new Set([
  'monitoring_consumer_offsets',
  'monitoring_alerts',
  'monitoring_webhook_dead_letters',
  'credit_limits',
  'credit_limit_actions',
  'schema_migrations',
]);

export interface FuzzRoute extends RouteEntry {
  /** The route's JSON body schema from the OpenAPI document (absent for hidden routes or routes without a body). */
  bodySchema?: JsonSchema;
  validate?: ValidateFunction;
  /** A body built from the schema, the starting point of mutations. */
  sample?: unknown;
}

export interface FuzzCase {
  route: FuzzRoute;
  family: string;
  url: string;
  headers: Record<string, string>;
  /** Raw payload text (JSON bodies are serialised by the generator so `__proto__` keys survive). */
  payload?: string;
  /** True when the case is invalid by construction (unparseable, wrong content type, or fails the route schema). */
  invalid: boolean;
  /** Client address: key guessing comes from its own, so the per-address lockout does not starve other cases. */
  remoteAddress?: string;
}

export interface RouteStats {
  cases: number;
  serverErrors: number;
  acceptedInvalid: number;
  partialWrites: number;
  statuses: Record<string, number>;
  failures: { family: string; status: number; url: string; payload: string; detail: string }[];
}

export interface FuzzNode {
  node: RunningNode;
  routes: FuzzRoute[];
  dispose(): Promise<void>;
}

export async function startFuzzNode(): Promise<FuzzNode> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-fuzz-'));
  const node = await startNode(
    loadConfig({
      RISKLOOP_DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
      RISKLOOP_BOOTSTRAP_API_KEY: FUZZ_KEY,
      RISKLOOP_RATE_LIMIT_PER_MINUTE: '100000000',
    }),
    { listen: false },
  );
  await node.app.ready();
  const spec = node.app.swagger() as { paths?: Record<string, Record<string, OpenApiOperation>> };
  const ajv = createAjv();
  const routes: FuzzRoute[] = routeTable(node.app).map((r) => {
    const op = spec.paths?.[r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[r.method.toLowerCase()];
    const bodySchema = op?.requestBody?.content?.['application/json']?.schema;
    if (!bodySchema) return r;
    let validate: ValidateFunction | undefined;
    try {
      validate = ajv.compile(bodySchema);
    } catch {
      validate = undefined;
    }
    return { ...r, bodySchema, validate, sample: ROUTE_FUZZ[routeKey(r)]?.sample ?? sampleFromSchema(bodySchema) };
  });
  await seed(node, routes);
  return {
    node,
    routes,
    async dispose() {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Real targets so hostile cases reach deep code: a list named `x`, one stored decision (its id joins the pool). */
async function seed(node: RunningNode, routes: FuzzRoute[]): Promise<void> {
  const list = routes.find((r) => routeKey(r) === 'POST /v1/lists');
  if (list?.sample) {
    await node.app.inject({
      method: 'POST',
      url: '/v1/lists',
      headers: AUTH,
      payload: { ...(list.sample as object), name: 'x' },
    });
  }
  const decision = await node.app.inject({
    method: 'POST',
    url: '/v1/decisions',
    headers: AUTH,
    payload: ROUTE_FUZZ['POST /v1/decisions']!.sample as object,
  });
  const id = (decision.json() as { decisionId?: string }).decisionId;
  if (id) PARAM_POOL.push(id);
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/**
 * Every table's row count in one query (tables read once from the catalogue). Counting is cached against the next
 * transaction id: a request that started no write transaction cannot have changed a row, so most rejected
 * requests cost one tiny query instead of a count of every table.
 */
export function tableCounter(node: RunningNode) {
  let sql: string | undefined;
  let cached: { xmax: string; counts: Record<string, number> } | undefined;
  return async (): Promise<Record<string, number>> => {
    const xmax = (await node.store.db.query<{ x: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as x'))
      .rows[0]!.x;
    if (cached?.xmax === xmax) return cached.counts;
    if (!sql) {
      const tables = (
        await node.store.db.query<{ t: string }>(
          `select table_name as t from information_schema.tables
           where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
        )
      ).rows
        .map((r) => r.t)
        .filter((t) => !ASYNC_TABLES.has(t));
      sql = `select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`;
    }
    const counts = (await node.store.db.query<Record<string, number>>(sql)).rows[0]!;
    cached = { xmax, counts };
    return counts;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// case generation

const FAMILIES = [
  'schema-mutation',
  'hostile-strings',
  'extra-field',
  'type-flip',
  'proto-pollution',
  'non-object',
  'garbage-text',
  'wrong-content-type',
  'deep-nesting',
  'oversized',
  'hostile-path',
  'hostile-query',
  'bad-key',
] as const;

const AUTH = { authorization: `Bearer ${FUZZ_KEY}` };

/** True when the JSON text has an own `__proto__` or `constructor` key at any depth (or is not JSON). */
function poisoned(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return true;
  }
  const walk = (v: unknown): boolean =>
    Array.isArray(v)
      ? v.some(walk)
      : v !== null && typeof v === 'object'
        ? Object.keys(v).some((k) => k === '__proto__' || k === 'constructor') || Object.values(v).some(walk)
        : false;
  return walk(value);
}

function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function setAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head!] = setAt(
    (value as Record<string | number, unknown>)[head!],
    rest,
    leaf,
  );
  return copy;
}

const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constantFrom(null, true, 0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, [], {}),
);
const differentType = (v: unknown) =>
  fc.constantFrom<unknown>('1', 1, true, null, [], {}, 1.5, '').filter((x) => typeof x !== typeof v || x === null);

/** Percent-encodes any string, lone surrogates included (sent as U+FFFD). */
const enc = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));

/** Fills path parameters; a `raw:` value goes in unencoded (malformed percent sequences, traversal). */
function fillPath(route: FuzzRoute, params: string[]): string {
  let i = 0;
  return route.url.replace(/:([A-Za-z0-9_]+)|\*/g, () => {
    const p = params[i++] ?? 'x';
    return p.startsWith('raw:') ? p.slice(4) : enc(p);
  });
}

const rawSegment = fc.constantFrom(
  'raw:%ff',
  'raw:%E0%A4%A',
  'raw:%00',
  'raw:..%2f..%2fetc%2fpasswd',
  'raw:%2e%2e',
  'raw:..',
  'raw:.',
);

/** Path parameter values: plain ones plus real ids seeded at start (a list named `x`, a stored decision). */
const PARAM_POOL = ['demo', 'x', '1', 'missing-id', 'vintage', 'FUZZ-1'];

const plainParams = (route: FuzzRoute) =>
  fc.array(fc.constantFrom(...PARAM_POOL), {
    minLength: route.params.length,
    maxLength: route.params.length,
  });

function jsonCase(route: FuzzRoute, family: string, params: string[], body: unknown, raw?: string): FuzzCase {
  const payload = raw ?? JSON.stringify(body);
  let invalid = false;
  if (route.validate) {
    try {
      invalid = !route.validate(JSON.parse(payload));
    } catch {
      invalid = true;
    }
  } else invalid = raw !== undefined && !isJson(raw);
  return {
    route,
    family,
    url: fillPath(route, params),
    headers: { ...AUTH, 'content-type': 'application/json' },
    payload,
    invalid,
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const hasBody = (route: FuzzRoute) => route.method !== 'GET' && route.method !== 'DELETE';

function familyCase(route: FuzzRoute, family: (typeof FAMILIES)[number]): fc.Arbitrary<FuzzCase> {
  const sample = route.sample ?? {};
  const found = leaves(sample);
  const paths = found.length > 0 ? found : [['x']];
  const params = plainParams(route);
  if (!hasBody(route) && !['hostile-path', 'hostile-query', 'bad-key'].includes(family)) family = 'hostile-query';
  switch (family) {
    case 'schema-mutation':
      return fc
        .tuple(params, fc.constantFrom(...paths), anyJson)
        .map(([p, path, leaf]) => jsonCase(route, family, p, setAt(sample, path, leaf)));
    case 'hostile-strings':
      return fc
        .tuple(params, fc.array(fc.tuple(fc.constantFrom(...paths), hostileString), { maxLength: 4 }))
        .map(([p, edits]) =>
          jsonCase(
            route,
            family,
            p,
            edits.reduce<unknown>((b, [path, s]) => setAt(b, path, s), sample),
          ),
        );
    case 'extra-field':
      return fc
        .tuple(params, fc.constantFrom(...paths), hostileString, anyJson)
        .map(([p, path, key, v]) =>
          jsonCase(route, family, p, setAt(sample, [...path.slice(0, -1), `zz_${key}`.slice(0, 60)], v)),
        );
    case 'type-flip':
      return fc.tuple(params, fc.constantFrom(...paths)).chain(([p, path]) => {
        const current = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], sample);
        return differentType(current).map((leaf) => jsonCase(route, family, p, setAt(sample, path, leaf)));
      });
    case 'proto-pollution':
      return fc.tuple(params, fc.constantFrom('__proto__', 'constructor'), fc.boolean()).map(([p, key, nested]) => {
        const body = JSON.stringify(sample);
        const evil =
          key === '__proto__'
            ? '"__proto__":{"polluted":"yes","isAdmin":true}'
            : '"constructor":{"prototype":{"polluted":"yes"}}';
        const raw =
          nested && body.includes('{"')
            ? body.replace(/\{"(?=[^{]*$)/, `{${evil},"`)
            : body.replace(/^\{/, `{${evil},`);
        const c = jsonCase(route, family, p, undefined, raw.startsWith('{') ? raw : `{${evil}}`);
        // poisoned keys are refused wherever they appear; a sample whose strings hold `{"` (a trigger's reason
        // template) can take the nested key inside a string literal, which poisons nothing
        return { ...c, invalid: poisoned(raw.startsWith('{') ? raw : `{${evil}}`) };
      });
    case 'non-object':
      return fc
        .tuple(params, fc.constantFrom<unknown>([], [sample], 'x', 42, true, null, [[[]]]))
        .map(([p, body]) => jsonCase(route, family, p, body));
    case 'garbage-text':
      return fc
        .tuple(
          params,
          fc.oneof(
            fc.string({ maxLength: 200 }),
            fc.constantFrom('{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"a":NaN}', "{'a':1}", '{"a":1,}'),
            fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
          ),
        )
        .map(([p, raw]) => jsonCase(route, family, p, undefined, raw));
    case 'wrong-content-type':
      return fc
        .tuple(
          params,
          fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'text/csv'),
        )
        .map(([p, type]) => ({
          route,
          family,
          url: fillPath(route, p),
          headers: { ...AUTH, 'content-type': type },
          payload: type === 'application/xml' ? '<a>1</a>' : 'a=1&b=%27%20or%201%3D1',
          invalid: Boolean(route.validate),
        }));
    case 'deep-nesting':
      return fc
        .tuple(params, fc.integer({ min: 200, max: 20_000 }), fc.boolean())
        .map(([p, depth, arrays]) =>
          jsonCase(
            route,
            family,
            p,
            undefined,
            arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
          ),
        );
    case 'oversized':
      return fc
        .tuple(params, fc.constantFrom(...paths), fc.integer({ min: 70_000, max: 300_000 }))
        .map(([p, path, n]) => jsonCase(route, family, p, setAt(sample, path, 'A'.repeat(n))));
    case 'hostile-path':
      return fc
        .array(fc.oneof(hostileString, rawSegment), {
          minLength: route.params.length,
          maxLength: route.params.length,
        })
        .map((p) => ({
          route,
          family,
          url: route.params.length ? fillPath(route, p) : `${fillPath(route, p)}/..%2f..%2fetc%2fpasswd`,
          headers: { ...AUTH, ...(hasBody(route) ? { 'content-type': 'application/json' } : {}) },
          payload: hasBody(route) ? JSON.stringify(sample) : undefined,
          invalid: false,
        }));
    case 'hostile-query':
      return fc
        .tuple(params, fc.array(fc.tuple(hostileString, hostileString), { minLength: 1, maxLength: 5 }))
        .map(([p, pairs]) => {
          const q = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
          return {
            route,
            family,
            url: `${fillPath(route, p)}?${q}`,
            headers: { ...AUTH, ...(hasBody(route) ? { 'content-type': 'application/json' } : {}) },
            payload: hasBody(route) ? JSON.stringify(sample) : undefined,
            invalid: false,
          };
        });
    case 'bad-key':
      return fc
        .tuple(params, fc.oneof(hostileString, fc.constant(''), fc.constant(`${FUZZ_KEY}x`)))
        .map(([p, key]) => ({
          route,
          family,
          url: fillPath(route, p),
          headers: {
            // header values must be latin-1 without control characters, or the client itself refuses to send them
            authorization: `Bearer ${[...key].map((ch) => (ch < ' ' || ch > '~' ? '?' : ch)).join('')}`,
            ...(hasBody(route) ? { 'content-type': 'application/json' } : {}),
          },
          payload: hasBody(route) ? JSON.stringify(sample) : undefined,
          invalid: false,
          remoteAddress: '192.0.2.66',
        }));
  }
}

/** An arbitrary hostile case against one of `routes`. */
export function caseArbitrary(routes: FuzzRoute[]): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(fc.constantFrom(...routes), fc.constantFrom(...FAMILIES))
    .chain(([route, family]) => familyCase(route, family));
}

/** Cases for one route, `n` of them, reproducible from `seed`. */
export function casesFor(route: FuzzRoute, n: number, seed: number): FuzzCase[] {
  return fc.sample(
    fc.constantFrom(...FAMILIES).chain((family) => familyCase(route, family)),
    { numRuns: n, seed },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// running

export function newStats(): RouteStats {
  return { cases: 0, serverErrors: 0, acceptedInvalid: 0, partialWrites: 0, statuses: {}, failures: [] };
}

/** Runs one case and folds its outcome into `stats`; returns false when an oracle failed. */
export async function runCase(
  node: RunningNode,
  counts: () => Promise<Record<string, number>>,
  c: FuzzCase,
  stats: RouteStats,
): Promise<boolean> {
  const write = c.route.method !== 'GET';
  const before = write ? await counts() : undefined;
  const res = await node.app.inject({
    method: c.route.method as 'GET',
    url: c.url,
    headers: c.headers,
    ...(c.payload !== undefined ? { payload: c.payload } : {}),
    ...(c.remoteAddress ? { remoteAddress: c.remoteAddress } : {}),
  });
  stats.cases++;
  stats.statuses[String(res.statusCode)] = (stats.statuses[String(res.statusCode)] ?? 0) + 1;
  const problems: string[] = [];
  if (res.statusCode >= 500) {
    stats.serverErrors++;
    problems.push(`status ${res.statusCode}`);
  }
  if (c.invalid && res.statusCode < 300) {
    stats.acceptedInvalid++;
    problems.push('invalid body accepted');
  }
  if (before && res.statusCode >= 400) {
    const after = await counts();
    const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
    if (changed.length > 0) {
      stats.partialWrites++;
      problems.push(`rejected but rows changed in ${changed.join(', ')}`);
    }
  }
  if (problems.length > 0 && stats.failures.length < 5) {
    stats.failures.push({
      family: c.family,
      status: res.statusCode,
      url: c.url.slice(0, 200),
      payload: (c.payload ?? '').slice(0, 300),
      detail: `${problems.join('; ')}: ${res.body.slice(0, 200)}`,
    });
  }
  return problems.length === 0;
}
