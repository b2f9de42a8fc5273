/**
 * Every route a running node serves, read from fastify's own route table (`printRoutes`), so fuzz and tenancy
 * tests cover routes other capabilities add without being told about them.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** fastify's path, e.g. `/v1/decisions/:decisionId`. */
  url: string;
  /** Names of the path parameters, in order (`*` for a wildcard). */
  params: string[];
}

/** Parses the tree `app.printRoutes({ commonPrefix: false })` prints into method + full path rows (HEAD omitted). */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  const text = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out: RouteEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^((?:[│ ] {3})*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const segment = m[2]!;
    stack.length = depth;
    const parent = depth === 0 ? '' : stack[depth - 1]!;
    const full = parent + segment;
    stack[depth] = full;
    const url = full.startsWith('/') ? full : `/${full}`;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (!method || method === 'HEAD') continue;
      const params = [...url.matchAll(/:([A-Za-z0-9_]+)|(\*)/g)].map((p) => p[1] ?? '*');
      out.push({ method, url, params });
    }
  }
  return out;
}

export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
