/**
 * The fraud graph around one application, for the console: applications and the entities they share, labelled by
 * kind and the last characters of the keyed hash (never a clear identifier), with the rings they belong to.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier, NotFoundError } from '../../core/index.js';
import { caller } from '../auth.js';
import type { GraphRuntime } from '../../graph/index.js';
import { ProblemSchema } from './problem-schema.js';

const NodeKind = Type.Union(
  [
    'application',
    'phone',
    'device',
    'ip',
    'nationalId',
    'email',
    'bankCard',
    'address',
    'employerPhone',
    'contact',
  ].map((k) => Type.Literal(k)),
);

const NeighbourhoodSchema = Type.Object(
  {
    center: Type.String(),
    nodes: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: NodeKind,
        label: Type.String(),
        ringId: Type.Optional(Type.String()),
        outcome: Type.Optional(Type.String()),
        knownBad: Type.Optional(Type.Boolean()),
        hub: Type.Optional(Type.Boolean()),
      }),
    ),
    edges: Type.Array(Type.Object({ source: Type.String(), target: Type.String(), kind: NodeKind })),
    rings: Type.Array(
      Type.Object({
        ringId: Type.String(),
        size: Type.Integer(),
        applications: Type.Array(Type.String()),
        score: Type.Number(),
        reasons: Type.Array(Type.String()),
        identities: Type.Integer({ description: 'people behind the ring’s applications' }),
        knownBad: Type.Integer(),
        shared: Type.Array(Type.Object({ kind: NodeKind, count: Type.Integer() }), {
          description: 'entities the ring shares, by kind, most first (what `reasons` says in English)',
        }),
      }),
    ),
    truncated: Type.Boolean(),
  },
  { title: 'GraphNeighbourhood' },
);

const RingsSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        ringId: Type.String(),
        applications: Type.Integer({ description: 'Applications in the ring' }),
        identities: Type.Integer({ description: 'Distinct people (identities) behind them' }),
        knownBad: Type.Integer({ description: 'Members known bad (defaulted, charged off, confirmed fraud)' }),
        score: Type.Number({ description: 'Structural suspicion in [0, 1]' }),
        sharedEntities: Type.Record(Type.String(), Type.Integer(), {
          description: 'Entity kind → entities of that kind shared by two or more identities of the ring',
        }),
        members: Type.Array(Type.String(), { description: 'The first 50 member application ids' }),
        summary: Type.String(),
      }),
    ),
  },
  { title: 'GraphRings' },
);

export function graphRoutes(graph: GraphRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/rings',
      {
        config: { permission: 'graph:read' },
        schema: {
          summary: 'The largest fraud rings of the book, with their members and the kinds of entities they share',
          description:
            'Most applications first, then the highest structural score. Member ids are the lender’s application ' +
            'ids; shared entities are counted by kind, never shown.',
          tags: ['graph'],
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })) },
            { additionalProperties: false },
          ),
          response: { 200: RingsSchema },
        },
      },
      async (request) => ({
        items: await graph.largestRings(caller(request).tenantId, request.query.limit ?? 10),
      }),
    );

    app.get(
      '/applications/:applicationId',
      {
        config: { permission: 'graph:read' },
        schema: {
          summary: "An application's neighbourhood in the association graph, with its rings",
          description:
            'Applications within `depth` hops (application → shared entity → application), at most `limit` nodes. ' +
            'Entities are labelled `<kind> ••••<last 4 of the keyed hash>`; hubs are shown but not expanded.',
          tags: ['graph'],
          params: Type.Object({ applicationId: Identifier }),
          querystring: Type.Object(
            {
              depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 2 })),
              limit: Type.Optional(Type.Integer({ minimum: 2, maximum: 2000, default: 200 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: NeighbourhoodSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const found = await graph.neighbourhood(caller(request).tenantId, request.params.applicationId, request.query);
        if (!found) throw new NotFoundError('application in the graph');
        return found;
      },
    );
  };
}
