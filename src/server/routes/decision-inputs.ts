/**
 * What a stored decision was decided on, for the console's decision page: the application as stored (identifiers
 * already keyed hashes, shown masked to their last four characters like the fraud graph's labels) and every fact
 * the flow saw (numeric zeros, omitted in storage, restored from the catalogue).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier, NotFoundError } from '../../core/index.js';
import { unpackFacts } from '../../decision/index.js';
import type { Facts } from '../../rules/index.js';
import type { DecisionRepository } from '../../store/index.js';
import { caller } from '../auth.js';
import { decisionCatalog } from '../../catalog/index.js';
import { ProblemSchema } from './problem-schema.js';

/** Every `…Hash` value becomes `••••<last 4>`: enough to see two applications share one, nothing to look up. */
export function maskHashes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskHashes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k.endsWith('Hash') && typeof v === 'string' ? `••••${v.slice(-4)}` : maskHashes(v),
    ]),
  );
}

export function decisionInputRoutes(decisions: DecisionRepository): FastifyPluginAsyncTypebox {
  const catalog = decisionCatalog();
  return async (app) => {
    app.get(
      '/:decisionId/inputs',
      {
        config: { permission: 'decisions:read' },
        schema: {
          summary: 'The masked application and the facts a stored decision was made on',
          tags: ['decisions'],
          params: Type.Object({ decisionId: Identifier }),
          response: {
            200: Type.Object({
              decisionId: Type.String(),
              applicationId: Type.String(),
              application: Type.Record(Type.String(), Type.Unknown()),
              facts: Type.Record(Type.String(), Type.Unknown()),
            }),
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const row = await decisions.get(caller(request).tenantId, request.params.decisionId);
        if (!row) throw new NotFoundError('decision');
        const input = row.input as { application?: unknown; facts?: Facts; factsPacking?: unknown };
        return {
          decisionId: row.decision.decisionId,
          applicationId: row.decision.applicationId,
          application: maskHashes(input.application ?? {}) as Record<string, unknown>,
          facts: unpackFacts(input.facts, catalog, input.factsPacking),
        };
      },
    );
  };
}
