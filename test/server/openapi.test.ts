import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedOpenApi } from '../../src/server/index.js';
import { documentText, OPENAPI_FILE, SCHEMA_FILE, schemaTypes } from '../../scripts/client-types.js';

type Operation = {
  operationId?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Doc = {
  servers?: unknown[];
  info: { license?: { name: string } };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[] }> };
};

const STALE = 'stale: run `npm run client:generate` and commit clients/typescript';

let doc: Doc;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

beforeAll(async () => {
  doc = (await servedOpenApi()) as unknown as Doc;
}, 300_000);

describe('the served OpenAPI document', () => {
  it('names every operation once, and documents its problem answers with the one RFC 9457 schema', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations().find(({ key }) => key === 'POST /v1/decisions')?.op.operationId).toBe('decideApplication');
    for (const { key, op } of operations()) {
      const problems = Object.entries(op.responses).filter(([code]) => Number(code) >= 400);
      expect(problems.length, key).toBeGreaterThan(0);
      expect(
        Object.keys(op.responses).some((code) => code.startsWith('2')),
        key,
      ).toBe(true);
      for (const [code, answer] of problems) {
        expect(answer.content?.['application/problem+json']?.schema?.$ref, `${key} ${code}`).toBe(
          '#/components/schemas/Problem',
        );
      }
    }
    // a route with a path parameter can answer 404; one behind a permission 401 and 403; every one 429 and 503
    const getDecision = operations().find(({ key }) => key === 'GET /v1/decisions/{decisionId}')!.op;
    expect(Object.keys(getDecision.responses)).toEqual(expect.arrayContaining(['401', '403', '404', '429', '503']));
    expect(doc.components.schemas.Problem?.required).toEqual(['type', 'title', 'status', 'detail']);
  });

  it('has servers, a licence and a description for every tag it uses', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.info.license?.name).toBe('Apache-2.0');
    const described = new Set((doc.tags ?? []).filter((t) => t.description).map((t) => t.name));
    for (const { key, op } of operations()) for (const tag of op.tags ?? []) expect(described, key).toContain(tag);
  });

  it('is the document the TypeScript client was generated from (clients/typescript)', async () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8') === documentText(doc), `${OPENAPI_FILE} is ${STALE}`).toBe(true);
    expect(readFileSync(SCHEMA_FILE, 'utf8') === (await schemaTypes(doc)), `${SCHEMA_FILE} is ${STALE}`).toBe(true);
  });
});
