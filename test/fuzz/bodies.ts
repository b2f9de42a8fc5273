/**
 * The oversized-body fuzz family, shared by test/fuzz/bodies.test.ts and `npm run bench -- fuzz`: for every route
 * that takes a JSON body, the route's own sample with its first array stretched to hundreds of thousands of empty
 * items (each one an error for the schema: 400,000 errors and 83 MB of heap from one 600 kB body when validation
 * collected them all), sent at several sizes. Oracles: no 5xx, at most a few errors in the answer, and the node's
 * heap grows by at most a bound linear in the body (HEAP_BOUND). No vitest import: the bench runs this file too.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { RunningNode } from '../../src/server/index.js';
import { routeKey } from '../support/route-table.js';
import { FUZZ_KEY, type FuzzRoute } from './harness.js';

/** Body sizes per route: the issue's 600 kB, and 4 MiB (beyond most routes' limit: a 413 without parsing). */
export const BODY_SIZES = [600 * 1024, 4 * 1024 * 1024] as const;
/** Heap a request may take: what parsing the JSON itself costs (a few times the text), plus a fixed margin. */
export const heapBoundBytes = (bodyBytes: number) => 32 * 1024 * 1024 + 16 * bodyBytes;
/** An answer lists the first problems, not all of them. */
export const MAX_ERRORS_IN_ANSWER = 20;

export interface BodyCase {
  route: FuzzRoute;
  url: string;
  payload: string;
  item: string;
}

export interface BodyStats {
  cases: number;
  serverErrors: number;
  /** Cases whose heap growth passed the bound: must be 0. */
  overHeapBound: number;
  /** Answers listing more than MAX_ERRORS_IN_ANSWER problems: must be 0. */
  longErrorLists: number;
  peakHeapGrowthMb: number;
  statuses: Record<string, number>;
  failures: string[];
}

export const newBodyStats = (): BodyStats => ({
  cases: 0,
  serverErrors: 0,
  overHeapBound: 0,
  longErrorLists: 0,
  peakHeapGrowthMb: 0,
  statuses: {},
  failures: [],
});

/** Where the first array of a sample body is (depth first), or undefined. */
function firstArrayPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (Array.isArray(value)) return path;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = firstArrayPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

const MARK = '"__riskloop_fuzz_items__"';

/** The sample with its first array (or a new `items` field) replaced by `size` bytes of `item,item,…`. */
export function stretchedBody(sample: unknown, size: number, item: string): string {
  const path = firstArrayPath(sample);
  const copy = JSON.parse(JSON.stringify(sample ?? {})) as Record<string, unknown>;
  if (path && path.length > 0) {
    let at: Record<string | number, unknown> = copy;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    at[path.at(-1)!] = '__riskloop_fuzz_items__';
  } else copy.items = '__riskloop_fuzz_items__';
  const frame = JSON.stringify(copy);
  const count = Math.max(1, Math.floor((size - frame.length) / (item.length + 1)));
  const items = `[${Array.from({ length: count }, () => item).join(',')}]`;
  return frame.replace(MARK, items);
}

export function bodyCases(routes: FuzzRoute[], sizes: readonly number[] = BODY_SIZES): BodyCase[] {
  const out: BodyCase[] = [];
  for (const route of routes) {
    if (route.method === 'GET' || route.method === 'DELETE' || !route.bodySchema) continue;
    const url = route.url.replace(/:([A-Za-z0-9_]+)|\*/g, 'x');
    for (const size of sizes) {
      // empty objects (each fails the item schema) at the size; cheap numbers at the large one
      const item = size <= 1024 * 1024 ? '{}' : '0';
      out.push({ route, url, item, payload: stretchedBody(route.sample, size, item) });
    }
  }
  return out;
}

// a collection before each case, so the growth measured is this request's (the bench runs without --expose-gc)
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export async function runBodyCase(node: RunningNode, c: BodyCase, stats: BodyStats): Promise<void> {
  stats.cases++;
  gc();
  const before = v8.getHeapStatistics();
  const res = await node.app.inject({
    method: c.route.method as 'POST',
    url: c.url,
    headers: { authorization: `Bearer ${FUZZ_KEY}`, 'content-type': 'application/json' },
    payload: c.payload,
  });
  const after = v8.getHeapStatistics();
  // the heap's committed size keeps the peak for a while; what is still used catches growth that stayed
  const growth = Math.max(
    after.total_heap_size - before.total_heap_size,
    after.used_heap_size - before.used_heap_size,
    0,
  );
  stats.peakHeapGrowthMb = Math.max(stats.peakHeapGrowthMb, growth / 1024 / 1024);
  stats.statuses[res.statusCode] = (stats.statuses[res.statusCode] ?? 0) + 1;
  const what = `${routeKey(c.route)} ${(c.payload.length / 1024).toFixed(0)} kB of ${c.item}`;
  if (res.statusCode >= 500) {
    stats.serverErrors++;
    stats.failures.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  if (growth > heapBoundBytes(c.payload.length)) {
    stats.overHeapBound++;
    stats.failures.push(`${what}: heap grew ${(growth / 1024 / 1024).toFixed(0)} MB`);
  }
  let errors = 0;
  try {
    errors = ((JSON.parse(res.body) as { errors?: unknown[] }).errors ?? []).length;
  } catch {
    errors = 0;
  }
  if (errors > MAX_ERRORS_IN_ANSWER) {
    stats.longErrorLists++;
    stats.failures.push(`${what}: ${errors} errors in the answer`);
  }
}
