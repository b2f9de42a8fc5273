import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { collectorScript } from '../../device/index.js';
import { caller } from '../auth.js';
import type { DeviceRuntime } from '../../device/index.js';

export function deviceRoutes(runtime: DeviceRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/collector.js',
      { schema: { summary: 'The browser device collector (stable URL; ≤ 15 kB minified)', tags: ['device'] } },
      async (_request, reply) =>
        reply
          .type('application/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(collectorScript),
    );
    app.post(
      '/payloads',
      {
        config: { permission: 'decisions:create' },
        schema: {
          summary: 'Store a collector / mobile SDK payload for an application session',
          description:
            'The lender relays what the collector or SDK produced, with the session id it will put in the ' +
            "application's `device.sessionId`. Answers the server-derived stable device id (a keyed hash).",
          tags: ['device'],
          body: Type.Object(
            {
              sessionId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' }),
              payload: Type.Unknown(),
              ip: Type.Optional(Type.String({ maxLength: 45 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const { sessionId, payload, ip } = request.body;
        reply.code(201);
        return runtime.receive(caller(request).tenantId, sessionId, payload, ip ?? request.ip);
      },
    );
  };
}
