import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Identifier } from '../../core/index.js';
import { checkLocator, type PrivacyService } from '../../privacy/index.js';
import { actorOf, caller } from '../auth.js';

const NO_CONTROL = '^[^\\u0000-\\u001f]+$';

// Clear identifiers travel in the body (never the URL, which proxies and access logs keep) and are hashed at once.
const Clear = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: NO_CONTROL });
const Locator = Type.Object(
  {
    nationalId: Type.Optional(Clear(32)),
    phone: Type.Optional(Clear(32)),
    email: Type.Optional(Clear(254)),
    applicationId: Type.Optional(Identifier),
  },
  { additionalProperties: false, description: 'exactly one of nationalId, phone, email, applicationId' },
);

const Counts = Type.Record(Type.String(), Type.Integer());

/** Data-subject requests and retention (admins only): export unseals identity, erase is irreversible. */
export function privacyRoutes(privacy: PrivacyService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/export',
      {
        config: { permission: 'privacy:manage' },
        schema: {
          summary: 'Everything held about one applicant, identity unsealed (audited)',
          tags: ['privacy'],
          body: Locator,
        },
      },
      async (request, reply) => {
        const result = await privacy.exportSubject(
          caller(request).tenantId,
          checkLocator(request.body),
          actorOf(caller(request)),
        );
        void reply.header('cache-control', 'no-store');
        return result;
      },
    );
    app.post(
      '/erase',
      {
        config: { permission: 'privacy:manage' },
        schema: {
          summary: "Erase one applicant's personal data; decisions stay de-identified where retention requires",
          tags: ['privacy'],
          body: Locator,
          response: {
            200: Type.Object({
              erasureId: Type.String(),
              erasedAt: Type.String({ format: 'date-time' }),
              retainedDecisions: Type.Boolean(),
              counts: Counts,
            }),
          },
        },
      },
      async (request) =>
        privacy.eraseSubject(caller(request).tenantId, checkLocator(request.body), actorOf(caller(request))),
    );
    app.post(
      '/erasures',
      {
        config: { permission: 'privacy:manage' },
        schema: {
          summary: 'Whether (and when) a person, named by national id, was erased',
          tags: ['privacy'],
          body: Type.Object({ nationalId: Clear(32) }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ erasureId: Type.String(), erasedAt: Type.String() })),
            }),
          },
        },
      },
      async (request) => ({ items: await privacy.erasures(caller(request).tenantId, request.body.nationalId) }),
    );
    app.post(
      '/sweep',
      {
        config: { permission: 'privacy:manage' },
        schema: {
          summary: "Purge this tenant's rows older than the configured retention periods (audited)",
          tags: ['privacy'],
        },
      },
      async (request) => {
        const r = await privacy.sweep(caller(request).tenantId, actorOf(caller(request)));
        return { sweptAt: r.sweptAt, policy: r.policy, purged: r.purged[caller(request).tenantId] ?? {} };
      },
    );
  };
}
