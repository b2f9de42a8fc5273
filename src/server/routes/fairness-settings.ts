/**
 * The tenant's fairness gate for publishing flows: read by anyone who reads flows, changed by admins (who publish).
 * A change is audited as `tenant.fairness`.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PolicyService } from '../../rules-store/index.js';
import { caller } from '../auth.js';
import { FairnessSettingsSchema } from './fairness-schemas.js';
import { ProblemSchema } from './problem-schema.js';

const Errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

export function fairnessSettingsRoutes(policy: PolicyService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/fairness',
      {
        config: { permission: 'flows:read' },
        schema: {
          summary: 'The fairness gate flows are published under: off, warn or block, and the adverse impact threshold',
          tags: ['flows'],
          response: { 200: FairnessSettingsSchema, ...Errors },
        },
      },
      async (request) => policy.fairnessSettings(caller(request).tenantId),
    );

    app.put(
      '/fairness',
      {
        config: { permission: 'flows:publish' },
        schema: {
          summary: 'Change the fairness gate (either field; the other keeps its value)',
          description:
            'warn: a publish goes through and its audit entry names the groups whose adverse impact ratio is under ' +
            'the threshold; block: such a publish is refused (409); off: no check. Threshold in (0, 1], 0.8 is the ' +
            'four-fifths rule. A bad value is a 400 naming the field.',
          tags: ['flows'],
          // checked in the room (one message per field); the schema only says what the fields are
          body: Type.Object(
            {
              mode: Type.Optional(Type.Unknown({ description: 'off, warn or block' })),
              threshold: Type.Optional(Type.Unknown({ description: 'a number in (0, 1]' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: FairnessSettingsSchema, ...Errors },
        },
      },
      async (request) => {
        const { tenantId, keyId, role, human } = caller(request);
        return policy.setFairnessSettings(
          tenantId,
          {
            ...(request.body.mode !== undefined ? { mode: request.body.mode } : {}),
            ...(request.body.threshold !== undefined ? { threshold: request.body.threshold } : {}),
          },
          { id: keyId, role, human },
        );
      },
    );
  };
}
