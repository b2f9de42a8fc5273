import { Type } from '@sinclair/typebox';
import { negotiateLanguage, type ApiLanguage } from '../../i18n/index.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BAD_DPD, bucketOfDpd, NotFoundError, ValidationError, type Clock, type FieldIssue } from '../../core/index.js';
import {
  dpdChart,
  dpdDistribution,
  flowRateChart,
  flowRates,
  parseMonitoringEvent,
  rollRateChart,
  rollRateMatrix,
  vintageChart,
  vintageCurves,
  type MonitoringEvent,
} from '../../monitoring/index.js';
import { caller } from '../auth.js';
import { AlertSchema } from './monitoring-schemas.js';
import type { MonitoringRuntime } from '../../monitoring/index.js';

const MAX_EVENTS = 1000;
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$' });

/** Validate a whole batch first: one bad event rejects the batch, so nothing is half-accepted. */
function parseBatch(tenantId: string, events: unknown[]): MonitoringEvent[] {
  const issues: FieldIssue[] = [];
  const parsed: MonitoringEvent[] = [];
  events.forEach((raw, i) => {
    try {
      const e = parseMonitoringEvent(raw);
      if (e.tenantId !== tenantId) issues.push({ path: `/events/${i}/tenantId`, message: 'must be your own tenant' });
      else parsed.push(e);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const issue of err.issues)
        issues.push({ path: `/events/${i}${issue.path === '/' ? '' : issue.path}`, message: issue.message });
    }
  });
  if (issues.length > 0) {
    throw new ValidationError(
      `events are invalid: ${issues
        .slice(0, 10)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ')}`,
      issues,
    );
  }
  return parsed;
}

export function monitoringRoutes(runtime: MonitoringRuntime, clock: Clock): FastifyPluginAsyncTypebox {
  // Built once per book version and shared by the four charts (src/monitoring/portfolio/snapshot-cache.ts).
  const portfolio = runtime.portfolio;
  return async (app) => {
    app.post(
      '/events',
      {
        config: { permission: 'events:write' },
        schema: {
          summary: 'Report post-loan events (repayment, consortium, contact outcome, behaviour)',
          description:
            'Each event carries its own `eventId`: a repeated id changes nothing. The batch is stored before the ' +
            'answer (202); triggers evaluate it asynchronously and raise alerts (GET /v1/alerts, webhooks).',
          tags: ['monitoring'],
          body: Type.Object(
            { events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_EVENTS }) },
            { additionalProperties: false },
          ),
          response: { 202: Type.Object({ accepted: Type.Integer() }) },
        },
      },
      async (request, reply) => {
        const { tenantId } = caller(request);
        const events = parseBatch(tenantId, request.body.events);
        await runtime.publish(tenantId, events);
        reply.code(202);
        return { accepted: events.length };
      },
    );

    app.get(
      '/alerts',
      {
        config: { permission: 'monitoring:read' },
        schema: {
          summary: 'Alerts raised by post-loan triggers, newest first',
          tags: ['monitoring'],
          querystring: Type.Object(
            {
              borrowerId: Type.Optional(Type.String({ maxLength: 128 })),
              severity: Type.Optional(Type.Union(['low', 'medium', 'high', 'critical'].map((s) => Type.Literal(s)))),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(AlertSchema) }) },
        },
      },
      async (request) => {
        const q = request.query as {
          borrowerId?: string;
          severity?: 'low' | 'medium' | 'high' | 'critical';
          limit?: number;
        };
        return { items: await runtime.alerts.list({ tenantId: caller(request).tenantId, ...q }) };
      },
    );

    app.get(
      '/portfolio/:chart',
      {
        config: { permission: 'monitoring:read' },
        schema: {
          summary: 'Portfolio analytics of the loan book as an SVG chart (or JSON with Accept: application/json)',
          tags: ['monitoring'],
          params: Type.Object({
            chart: Type.Union(['vintage.svg', 'rollrate.svg', 'flow.svg', 'dpd.svg'].map((c) => Type.Literal(c))),
          }),
          querystring: Type.Object(
            {
              from: Type.Optional(Month),
              to: Type.Optional(Month),
              dpd: Type.Optional(Type.Integer({ minimum: 1, maximum: 180, default: 30 })),
              lang: Type.Optional(
                Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], {
                  description: "the chart's words and numbers in this language (default: by Accept-Language)",
                }),
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const { tenantId } = caller(request);
        const q = request.query as { from?: string; to?: string; dpd?: number; lang?: ApiLanguage };
        const chart = (request.params as { chart: string }).chart;
        const dpd = q.dpd ?? BAD_DPD;
        const range = { from: q.from, to: q.to, now: clock.now() };
        // the chart's words in the reader's language: ?lang= (an <img> cannot send headers), else Accept-Language;
        // cached per language
        const language = q.lang ?? negotiateLanguage(request.headers['accept-language']);
        if (!q.lang) reply.header('vary', 'accept-language');
        const key = `${chart}\0${dpd}\0${language}`;
        const out = await portfolio.derive(tenantId, range, key, (book): [string, unknown] => {
          if (chart === 'vintage.svg') {
            // vintages take a bucket code (30+ DPD is M2), not days
            const threshold = bucketOfDpd(dpd);
            const report = vintageCurves(book, { thresholds: [threshold], maxMob: 24 });
            return [vintageChart(report, threshold, language), report];
          }
          if (chart === 'rollrate.svg') {
            const m = rollRateMatrix(book, {});
            return [rollRateChart(m, language), m];
          }
          if (chart === 'flow.svg') {
            const f = flowRates(book, 'count');
            return [flowRateChart(f, language), f];
          }
          const d = dpdDistribution(book);
          return [dpdChart(d, language), d];
        });
        if (!out) throw new NotFoundError('loan book (no loans imported for this tenant)');
        const [svg, data] = out;
        if ((request.headers.accept ?? '').includes('application/json')) return data;
        return reply.type('image/svg+xml').send(svg);
      },
    );
  };
}
