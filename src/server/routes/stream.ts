/**
 * The console's live stream: server-sent events for one tenant, so an open page is told instead of asking every few
 * seconds. `alert` carries each post-loan alert raised (on any node: the change feed's signal at commit), `cases`
 * says the review queue changed, and `tick` every 30 s lets the overview refresh its decision counts (decisions are
 * not signalled: the decision path sends nothing more per decision). A reconnecting EventSource gets the alerts
 * raised while it was away (Last-Event-ID: the newest alert it saw).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RiskloopError } from '../../core/index.js';
import type { AlertStore } from '../../monitoring/index.js';
import type { ChangeFeed } from '../../store/index.js';
import { caller } from '../auth.js';
import { ProblemSchema } from './problem-schema.js';

const TICK_MS = 30_000;
/** Alerts looked at on each signal: more than one statement raises between two signals. */
const RECENT = 50;

export function streamRoutes(deps: {
  changes: ChangeFeed;
  alerts: AlertStore;
  tickMs?: number;
}): FastifyPluginAsyncTypebox {
  return async (app) => {
    // the node closing ends open streams first (preClose), so closing does not wait for them
    const open = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of open) end();
    });
    app.get(
      '/stream',
      {
        config: { permission: 'monitoring:read' },
        schema: {
          summary: 'Live console events (server-sent events): post-loan alerts, review-queue changes, a 30 s tick',
          description:
            'Send `Accept: text/event-stream` (an EventSource does). Events: `alert` (data: an Alert, id: its ' +
            'raisedAt and alertId), `cases` (the review queue changed), `tick`. Reconnect with `Last-Event-ID` ' +
            'to receive the alerts raised since.',
          tags: ['console'],
          response: {
            200: {
              description: 'The event stream (never ends by itself)',
              content: { 'text/event-stream': { schema: Type.String() } },
            },
            406: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        if (!(request.headers.accept ?? '').includes('text/event-stream'))
          throw new RiskloopError(
            'not_acceptable',
            406,
            'this route streams server-sent events: send Accept: text/event-stream',
          );
        const { tenantId } = caller(request);
        // alerts newer than this (raisedAt, alertId) are sent: at connection, the newest one now (or the client's)
        const last = request.headers['last-event-id'];
        let seen = typeof last === 'string' && last.includes(' ') ? last : '';
        if (!seen) {
          const [newest] = await deps.alerts.list({ tenantId, limit: 1 });
          seen = newest ? `${newest.raisedAt} ${newest.alertId}` : '';
        }
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no', // a proxy in front must not hold events back
          connection: 'keep-alive',
        });
        const send = (event: string, data: unknown, id?: string) =>
          res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        res.write('retry: 5000\n\n');
        send('ready', { tenantId });

        let sending = Promise.resolve();
        const sendNewAlerts = () => {
          sending = sending
            .then(async () => {
              const recent = await deps.alerts.list({ tenantId, limit: RECENT });
              const fresh = recent.filter((a) => `${a.raisedAt} ${a.alertId}` > seen).reverse();
              for (const a of fresh) {
                seen = `${a.raisedAt} ${a.alertId}`;
                send('alert', a, seen);
              }
            })
            .catch((err: unknown) => request.log.warn({ err }, 'console stream: reading new alerts failed'));
        };
        if (last) sendNewAlerts();
        // undefined: the feed reconnected and anything may have changed
        const offAlerts = deps.changes.onSignal('monitoring_alerts', (t) => {
          if (t === tenantId || t === undefined) sendNewAlerts();
        });
        const offCases = deps.changes.onSignal('review_cases', (t) => {
          if (t === tenantId || t === undefined) send('cases', {});
        });
        const tick = setInterval(() => send('tick', { at: new Date().toISOString() }), deps.tickMs ?? TICK_MS);
        const end = () => {
          clearInterval(tick);
          offAlerts();
          offCases();
          open.delete(end);
          if (!res.writableEnded) res.end();
        };
        open.add(end);
        request.raw.on('close', end);
      },
    );
  };
}
