import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { boundsOfSchema, pointerAt, scanJson } from '../../src/server/json-bounds.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { jobStore } from '../../src/jobs/index.js';

const items = (n: number, item = '{}') => Array.from({ length: n }, () => item).join(',');

describe('bounds of a body schema', () => {
  it('takes the largest maxItems and the deepest nesting; free-form values bound nothing', () => {
    const closed = { additionalProperties: false };
    const prospect = Type.Object({ ref: Type.String(), values: Type.Record(Type.String(), Type.Number()) }, closed);
    const body = Type.Object(
      {
        features: Type.Array(Type.String(), { maxItems: 15 }),
        prospects: Type.Array(prospect, { maxItems: 100_000 }),
        top: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
      },
      closed,
    );
    expect(boundsOfSchema(body)).toEqual({ maxItems: 100_000, maxDepth: 4 });
    expect(boundsOfSchema(Type.Object({ a: Type.Array(Type.String()) }, closed))).toEqual({
      maxItems: Infinity,
      maxDepth: 2,
    });
    expect(boundsOfSchema(Type.Object({ document: Type.Unknown() }, closed)).maxDepth).toBe(Infinity);
    // an object that does not close its properties may hold anything more
    expect(boundsOfSchema(Type.Object({ x: Type.String() })).maxDepth).toBe(Infinity);
  });
});

describe('scanning a body against its bounds', () => {
  const bounds = { maxItems: 3, maxDepth: 3 };

  it('finds the first list that is too long and the first container that is too deep', () => {
    expect(scanJson('{"a":[1,2,3],"b":[[1],[2]]}', bounds)).toBeNull();
    const long = '{"a":[1,2],"b":[1,2,3,4]}';
    expect(scanJson(long, bounds)).toEqual({ kind: 'items', offset: long.indexOf('[1,2,3') });
    expect(pointerAt(long, long.indexOf('[1,2,3'))).toBe('/b');
    const deep = '{"a":[[1],{"b":2}],"c":[{"d":1},[1,[{"e":{}}]]]}';
    const breach = scanJson(deep, bounds);
    expect(breach?.kind).toBe('depth');
    expect(pointerAt(deep, breach!.offset)).toBe('/c/1/1');
  });

  it('ignores brackets and commas inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: ['x,y,z,w', '[[[[', 'say \\"hi\\", [,,,]', '"'], k: { 'a,b': '{{{{' } });
    expect(scanJson(text, { maxItems: 4, maxDepth: 2 })).toBeNull();
    expect(scanJson(text, { maxItems: 3, maxDepth: 2 })?.kind).toBe('items');
  });

  it('names keys that need escaping in the pointer', () => {
    const text = '{"a/b":{"c~d":[1,2,3,4]}}';
    expect(pointerAt(text, text.indexOf('[1'))).toBe('/a~1b/c~0d');
  });
});

describe('oversized list bodies on a node (PGlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-bounds-'));
  const ADMIN = 'rk_bounds_test_key_0123456789abc';
  let node: RunningNode;
  beforeAll(async () => {
    const config = loadConfig({
      RISKLOOP_DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      RISKLOOP_BOOTSTRAP_API_KEY: ADMIN,
    });
    node = await startNode(config, { listen: false });
  }, 120_000);
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (url: string, payload: string) =>
    node.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      payload,
    });

  it('refuses a list-entries batch past 10,000 items before parsing it, naming the limit; nothing lands', async () => {
    const list = await post('/v1/lists', JSON.stringify({ name: 'phone_bounds', kind: 'phone', color: 'black' }));
    expect(list.statusCode).toBe(201);
    const entry = JSON.stringify({ value: '13800000000', reason: 'fraud' });
    const body = `{"entries":[${items(10_001, entry)}]}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const r = await post('/v1/lists/phone_bounds/entries', body);
      expect(r.statusCode).toBe(400);
      expect(r.json().errors).toEqual([{ path: '/entries', message: expect.stringContaining('10000 items') }]);
      // the body's values were never built
      expect(parse.mock.calls.some(([text]) => text === body)).toBe(false);
    } finally {
      parse.mockRestore();
    }
    const listed = await node.app.inject({
      method: 'GET',
      url: '/v1/lists/phone_bounds/entries',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([]);
    // a batch within the bound is still taken whole
    const two = [13800000001, 13800000002].map((phone) => ({ value: String(phone), reason: 'fraud' }));
    const ok = await post('/v1/lists/phone_bounds/entries', JSON.stringify({ entries: two }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().hashes).toHaveLength(2);
  });

  it('refuses 600 kB of empty lookalike prospects at /prospects, and nesting deeper than the schema', async () => {
    const wide = await post(
      '/v1/marketing/lookalike',
      `{"seedWhen":"customer.loans >= 1","features":["loans"],"prospects":[${items(200_000)}]}`,
    );
    expect(wide.statusCode).toBe(400);
    expect(wide.json().errors[0]).toEqual({ path: '/prospects', message: expect.stringContaining('100000 items') });
    const deep = await post(
      '/v1/marketing/lookalike',
      `{"seedWhen":"customer.loans >= 1","features":["loans"],"prospects":[{"ref":"a","values":{"loans":[[[[1]]]]}}]}`,
    );
    expect(deep.statusCode).toBe(400);
    expect(deep.json().errors[0].path).toBe('/prospects/0/values/loans');
  });

  it('answers 429 before reading the body of a job-starting request when the tenant has no room for a job', async () => {
    // four jobs held open by another node (its lease far ahead): the tenant's cap
    const other = jobStore(node.store.db, 'another-node', 3_600_000);
    for (let i = 0; i < 4; i++)
      await other.create('demo', `job_held_${i}`, {
        kind: 'test.held',
        readPermission: 'flows:draft',
        createdBy: 'x',
        input: null,
      });
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const url of ['/v1/flows/credit-main/versions/1/backtest', '/v1/marketing/lookalike', '/v1/campaigns']) {
        // not even JSON: had it been read, the answer would be 400
        const body = `{"source":"csv","csv":"${'a,b\\n'.repeat(50_000)}`;
        const r = await post(url, body);
        expect(r.statusCode, url).toBe(429);
        expect(r.json().detail).toMatch(/4 jobs of this tenant are queued or running/);
        expect(parse.mock.calls.some(([text]) => text === body)).toBe(false);
      }
    } finally {
      parse.mockRestore();
    }
    await node.store.db.query(`update jobs set status = 'failed' where tenant_id = 'demo' and kind = 'test.held'`);
    // a tenant found full is refused for a second without counting again
    await new Promise((r) => setTimeout(r, 1100));
    expect((await post('/v1/marketing/lookalike', '{"seedWhen":')).statusCode).toBe(400);
  });
});
