/**
 * Tracing end to end: `riskloop serve` processes export over OTLP/HTTP to a tiny receiver in this test process.
 * One trace per decision: the request (continuing the caller's traceparent), the decision, every stage the decision
 * timed plus the group commit, and the SQL and Redis calls made inside them; a post-loan event's trace shows its
 * NATS publish. Nothing identifying is in any attribute.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traced, tracedSql } from '../../src/core/index.js';
import {
  DEFAULT_SAMPLE_RATIO,
  samplerChoice,
  startTelemetry,
  tracesUrl,
  tracingRequested,
} from '../../src/telemetry/index.js';
import { sampleApplication, SAMPLE_IDENTIFIERS } from '../support/applications.js';
import { startTwoNodes, twoNodesUnavailable, waitUntil, type TwoNodes } from '../support/two-nodes.js';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP (JSON) trace receiver: POST /v1/traces, spans kept in arrival order. */
function otlpReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; bodies: string[] }> {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        bodies.push(body);
        const doc = JSON.parse(body) as {
          resourceSpans: {
            scopeSpans: { spans: (Omit<ReceivedSpan, 'attributes'> & { attributes?: unknown[] })[] }[];
          }[];
        };
        for (const rs of doc.resourceSpans)
          for (const ss of rs.scopeSpans)
            for (const s of ss.spans) {
              const attributes: Record<string, unknown> = {};
              for (const a of (s.attributes ?? []) as { key: string; value: Record<string, unknown> }[]) {
                attributes[a.key] = Object.values(a.value)[0];
              }
              spans.push({ ...s, attributes });
            }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, bodies }),
    ),
  );
}

describe('tracing is off unless an OTLP endpoint is set', () => {
  it('starts no SDK without OTEL_EXPORTER_OTLP_ENDPOINT, or with OTEL_SDK_DISABLED', async () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' })).toBe(
      false,
    );
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(true);
    expect(await startTelemetry({})).toBeUndefined();
  });
  it('exports to the endpoint in the environment it is given', () => {
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' })).toBe(
      'http://127.0.0.1:4318/v1/traces',
    );
    expect(
      tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:2/t' }),
    ).toBe('http://b:2/t');
  });
});

describe('sampling: which decisions are recorded', () => {
  it('defaults to one decision in ten, parent-based; takes the standard names; refuses a typo', () => {
    expect(samplerChoice({})).toEqual({ name: 'parentbased_traceidratio', ratio: DEFAULT_SAMPLE_RATIO });
    expect(DEFAULT_SAMPLE_RATIO).toBe(0.1);
    expect(samplerChoice({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' })).toEqual({ name: 'parentbased_always_on' });
    expect(samplerChoice({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' })).toEqual({
      name: 'traceidratio',
      ratio: 0.25,
    });
    expect(() => samplerChoice({ OTEL_TRACES_SAMPLER: 'parentbased_alwayson' })).toThrow(/OTEL_TRACES_SAMPLER/);
    expect(() => samplerChoice({ OTEL_TRACES_SAMPLER_ARG: '10' })).toThrow(/between 0 and 1/);
  });

  it('a decision left out records nothing below it (no stage, no SQL); a sampled traceparent is always recorded', async () => {
    const receiver = await otlpReceiver();
    const telemetry = await startTelemetry({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_TRACES_SAMPLER_ARG: '0.5',
    });
    // a decision as the service runs it: its stages and their SQL inside
    const decide = () =>
      traced('decision', { 'riskloop.tenant_id': 'demo' }, () =>
        traced(
          'stage lists',
          () => ({ 'riskloop.stage': 'lists' }),
          () => tracedSql('postgresql', 'SELECT 1', async () => 1),
        ),
      );
    try {
      for (let i = 0; i < 40; i++) await decide();
      await telemetry!.flush();
      const decisions = receiver.spans.filter((s) => s.name === 'decision');
      // about half recorded, each whole; a left-out decision's stage and SQL are not recorded as traces of their own
      expect(decisions.length).toBeGreaterThan(0);
      expect(decisions.length).toBeLessThan(40);
      expect(receiver.spans).toHaveLength(decisions.length * 3);
      for (const s of receiver.spans.filter((x) => x.name !== 'decision')) {
        expect(receiver.spans.some((p) => p.spanId === s.parentSpanId)).toBe(true);
      }
      expect(receiver.spans.find((s) => s.name === 'stage lists')?.attributes['riskloop.stage']).toBe('lists');

      const caller = {
        traceId: 'ab'.repeat(16),
        spanId: 'cd'.repeat(8),
        traceFlags: TraceFlags.SAMPLED,
        isRemote: true,
      };
      for (let i = 0; i < 5; i++) await context.with(trace.setSpanContext(ROOT_CONTEXT, caller), decide);
      await telemetry!.flush();
      const continued = receiver.spans.filter((s) => s.traceId === caller.traceId);
      expect(continued.filter((s) => s.name === 'decision')).toHaveLength(5);
      expect(continued).toHaveLength(15);
    } finally {
      await telemetry?.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      await new Promise((r) => receiver.server.close(r));
    }
  });
});

describe.skipIf(twoNodesUnavailable)('traces over OTLP from `riskloop serve`', () => {
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let two: TwoNodes;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    two = await startTwoNodes({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'riskloop-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      // every decision, not riskloop's default one in ten
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    });
  }, 180_000);
  afterAll(async () => {
    await two?.stop();
    await new Promise((r) => receiver?.server.close(r));
  });

  it('one trace per decision: request, decision, every stage, and the SQL and Redis calls inside them', async () => {
    const run = randomBytes(4).toString('hex');
    const callerTrace = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const answers: { decisionId: string; timings: { stages: Record<string, number> } }[] = [];
    for (const [i, node] of [two.a, two.a, two.b].entries()) {
      const headers: Record<string, string> = i === 0 ? { traceparent: `00-${callerTrace}-${callerSpan}-01` } : {};
      const answer = await node.request<{ decisionId: string; timings: { stages: Record<string, number> } }>(
        'POST',
        '/v1/decisions',
        sampleApplication({ applicationId: `APP-OTEL-${run}-${i}` }),
        headers,
      );
      expect(answer.status).toBe(200);
      answers.push(answer.body);
    }
    const decisionSpans = await waitUntil(
      () => {
        const found = receiver.spans.filter((s) => s.name === 'decision');
        return found.length >= 3 && found;
      },
      { timeoutMs: 20_000, what: 'three decision spans' },
    );
    expect(decisionSpans).toHaveLength(3);
    // one trace each
    expect(new Set(decisionSpans.map((s) => s.traceId)).size).toBe(3);
    // the caller's trace goes on: the first decision's request span is a child of the caller's span
    const first = receiver.spans.find((s) => s.traceId === callerTrace && s.name === 'request');
    expect(first?.parentSpanId).toBe(callerSpan);

    await waitUntil(() => decisionSpans.every((d) => inTrace(d.traceId).some((s) => s.name === 'stage persist')), {
      timeoutMs: 20_000,
      what: 'the persist stage of every decision',
    });
    for (const decision of decisionSpans) {
      const answer = answers.find((a) => a.decisionId === decision.attributes['riskloop.decision_id']);
      expect(answer).toBeDefined();
      const trace = inTrace(decision.traceId);
      const request = trace.find((s) => s.name === 'request')!;
      expect(request.kind).toBe(2); // SERVER
      // request → handler → decision
      expect(ancestors(trace, decision).map((s) => s.name)).toContain('request');
      const stages = trace.filter((s) => s.name.startsWith('stage ') && s.parentSpanId === decision.spanId);
      const timed = Object.keys(answer!.timings.stages);
      expect(stages.map((s) => s.name.slice('stage '.length)).sort()).toEqual([...timed, 'persist'].sort());
      // SQL inside the decision (the persist stage's commit at least), parented inside this trace
      const sql = trace.filter((s) => s.attributes['db.system.name'] === 'postgresql');
      expect(sql.length).toBeGreaterThan(0);
      for (const s of sql) expect(s.kind).toBe(3); // CLIENT
    }
    // Redis calls (velocity counters) are children in decision traces
    const redis = receiver.spans.filter((s) => s.attributes['db.system.name'] === 'redis');
    expect(redis.length).toBeGreaterThan(0);
    expect(redis.every((s) => decisionSpans.some((d) => d.traceId === s.traceId))).toBe(true);
  });

  it('a post-loan event shows its NATS publish, and no span carries an identifier in clear', async () => {
    const eventId = `evt-otel-${randomBytes(4).toString('hex')}`;
    const answer = await two.a.request('POST', '/v1/events', {
      events: [
        {
          eventId,
          tenantId: 'demo',
          borrowerId: `b-otel-${eventId}`,
          occurredAt: new Date().toISOString(),
          type: 'consortium',
          kind: 'loan',
          memberId: 'member-1',
          amount: 3000,
        },
      ],
    });
    expect(answer.status).toBe(202);
    const publish = await waitUntil(() => receiver.spans.find((s) => s.attributes['messaging.system'] === 'nats'), {
      timeoutMs: 20_000,
      what: 'a NATS publish span',
    });
    expect(publish.kind).toBe(4); // PRODUCER
    expect(inTrace(publish.traceId).some((s) => s.name === 'request')).toBe(true);
    const everything = receiver.bodies.join('\n');
    for (const id of SAMPLE_IDENTIFIERS) expect(everything).not.toContain(id);
  });

  function inTrace(traceId: string): ReceivedSpan[] {
    return receiver.spans.filter((s) => s.traceId === traceId);
  }
});

function ancestors(trace: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (
    let s = trace.find((t) => t.spanId === span.parentSpanId);
    s;
    s = trace.find((t) => t.spanId === s!.parentSpanId)
  )
    out.push(s);
  return out;
}
