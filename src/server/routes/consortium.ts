import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError, type FieldIssue } from '../../core/index.js';
import {
  ingestConsortiumEvents,
  toConsortiumEvent,
  type ConsortiumEvent,
  type ConsortiumEventInput,
  type ConsortiumRepository,
} from '../../features/index.js';
import { actorOf, caller } from '../auth.js';

export interface ConsortiumDeps {
  repo: ConsortiumRepository;
  consortiumKey: Buffer;
  /** Newly stored events go on to post-loan monitoring of the lenders' borrowers they are about. */
  onStored?: (events: ConsortiumEvent[]) => Promise<unknown>;
  /**
   * Resolves once this node's live consortium index holds what was just stored (the change feed brings it there,
   * and to every other node within a second), so the member's next decision here already counts it.
   */
  visible?: () => Promise<void>;
}

/**
 * A member lender shares its application / approval / loan / repayment / overdue / settled / written-off events.
 * The member is the calling tenant: it may only speak for itself (events name `institutionId` = its tenant id).
 * Identifiers may be sent clear (hashed on arrival with the consortium key, never stored) or already hashed.
 */
export function consortiumRoutes(deps: ConsortiumDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/events',
      {
        config: { permission: 'events:write' },
        schema: {
          summary: 'Share consortium events as a member institution (all or nothing per batch)',
          tags: ['consortium'],
          body: Type.Object(
            { events: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 5000 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const auth = caller(request);
        const { tenantId } = auth;
        const inputs = request.body.events as unknown as ConsortiumEventInput[];
        // validate the whole batch first: a bad event rejects the batch, nothing is half-stored
        const issues: FieldIssue[] = [];
        inputs.forEach((input, i) => {
          if (input.institutionId !== tenantId) {
            issues.push({
              path: `/events/${i}/institutionId`,
              message: 'must be your own institution (your tenant id)',
            });
          }
          const checked = toConsortiumEvent(input, deps.consortiumKey, `/events/${i}`);
          if ('issues' in checked) issues.push(...checked.issues);
        });
        if (issues.length > 0) {
          const summary = issues.slice(0, 10).map((i) => `${i.path} ${i.message}`);
          throw new ValidationError(`events are invalid: ${summary.join('; ')}`, issues);
        }
        const r = await ingestConsortiumEvents(deps.repo, inputs, {
          consortiumKey: deps.consortiumKey,
          institutionId: tenantId,
          audit: { tenantId, actor: actorOf(auth), action: 'consortium.post' },
          ...(deps.onStored ? { onStored: deps.onStored } : {}),
        });
        if (r.stored > 0) await deps.visible?.();
        reply.code(202);
        return { received: r.received, stored: r.stored, duplicates: r.duplicates };
      },
    );
    app.get(
      '/metrics',
      {
        config: { permission: 'monitoring:read' },
        schema: {
          summary: "The member's own contributions and consortium-wide aggregates (no rows)",
          tags: ['consortium'],
        },
      },
      async (request) => deps.repo.memberMetrics(caller(request).tenantId),
    );
  };
}
