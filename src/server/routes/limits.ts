import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../../core/index.js';
import type { LimitRepository } from '../../monitoring/index.js';
import { actorOf, caller } from '../auth.js';

// The customer id is the borrower's keyed hash, as on events and alerts: never a clear identifier.
const Params = Type.Object({ customerId: Type.String({ minLength: 1, maxLength: 128 }) });
const Reason = Type.String({ minLength: 3, maxLength: 500 });
const Money = Type.Number({ minimum: 0, maximum: 1e12 });

const LimitSchema = Type.Object({
  borrowerId: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('reduced'), Type.Literal('frozen')]),
  limit: Type.Number(),
  baseLimit: Type.Number(),
  drawn: Type.Number(),
  available: Type.Number(),
  updatedAt: Type.String(),
});

/** A borrower's credit limit: what monitoring froze or reduced (and why, by which alert), and an analyst's lift. */
export function limitRoutes(limits: LimitRepository): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/:customerId/limit',
      {
        config: { permission: 'monitoring:read' },
        schema: {
          summary: "A borrower's credit limit in force, what is still available, and the actions that set it",
          tags: ['monitoring'],
          params: Params,
        },
      },
      async (request) => {
        const r = await limits.get(caller(request).tenantId, request.params.customerId);
        if (!r) throw new NotFoundError('credit limit');
        return r;
      },
    );
    app.put(
      '/:customerId/limit',
      {
        config: { permission: 'limits:manage' },
        schema: {
          summary: "Set a borrower's limit and drawn amount (a frozen or reduced borrower stays held)",
          tags: ['monitoring'],
          params: Params,
          body: Type.Object({ limit: Money, drawn: Money, reason: Reason }, { additionalProperties: false }),
          response: { 200: LimitSchema },
        },
      },
      async (request) => {
        const auth = caller(request);
        return limits.set(auth.tenantId, request.params.customerId, {
          ...request.body,
          actor: auth.keyId,
          auditActor: actorOf(auth),
        });
      },
    );
    app.post(
      '/:customerId/limit/unfreeze',
      {
        config: { permission: 'limits:manage' },
        schema: {
          summary: 'Lift a freeze or reduction: the limit before monitoring acted is back in force',
          tags: ['monitoring'],
          params: Params,
          body: Type.Object({ reason: Reason }, { additionalProperties: false }),
          response: { 200: LimitSchema },
        },
      },
      async (request) => {
        const auth = caller(request);
        return limits.unfreeze(auth.tenantId, request.params.customerId, {
          reason: request.body.reason,
          actor: auth.keyId,
          auditActor: actorOf(auth),
        });
      },
    );
  };
}
