/**
 * The console's sign-in waits out a busy node once: a 429 with a short Retry-After is retried after that wait, a
 * second 429, a long Retry-After or any other answer is returned as it came (the page shows it).
 */
import { describe, expect, it } from 'vitest';
import { quietWaitMs, retryOnceWhenBusy } from '../../src/web/busy-retry.js';

const answer = (status: number, headers: Record<string, string> = {}) => ({
  response: new Response(status === 200 ? '{}' : null, { status, headers }),
});

function node(...answers: ReturnType<typeof answer>[]) {
  const sent: number[] = [];
  return {
    sent,
    send: () => {
      sent.push(sent.length);
      return Promise.resolve(answers[Math.min(sent.length - 1, answers.length - 1)]!);
    },
  };
}

describe('sign-in retry on a busy node', () => {
  it('waits Retry-After and signs in on the second try, silently', async () => {
    const waits: number[] = [];
    const n = node(answer(429, { 'retry-after': '1' }), answer(200));
    const out = await retryOnceWhenBusy(n.send, async (ms) => void waits.push(ms));
    expect(out.response.status).toBe(200);
    expect(n.sent).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it('retries only once: a second 429 is the answer', async () => {
    const n = node(answer(429, { 'retry-after': '1' }), answer(429, { 'retry-after': '1' }), answer(200));
    const out = await retryOnceWhenBusy(n.send, async () => {});
    expect(out.response.status).toBe(429);
    expect(n.sent).toHaveLength(2);
  });

  it('does not retry a long throttle, a 429 without Retry-After, or a refused password', async () => {
    for (const first of [answer(429, { 'retry-after': '60' }), answer(429), answer(401)]) {
      const n = node(first, answer(200));
      const out = await retryOnceWhenBusy(n.send, async () => {});
      expect(out.response.status).toBe(first.response.status);
      expect(n.sent).toHaveLength(1);
    }
  });

  it('really waits when no wait is given', async () => {
    const n = node(answer(429, { 'retry-after': '1' }), answer(200));
    const started = Date.now();
    await retryOnceWhenBusy(n.send);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('reads Retry-After as seconds up to 2', () => {
    expect(quietWaitMs('0')).toBe(0);
    expect(quietWaitMs('2')).toBe(2000);
    expect(quietWaitMs('3')).toBeNull();
    expect(quietWaitMs('Wed, 21 Oct 2026 07:28:00 GMT')).toBeNull();
    expect(quietWaitMs(null)).toBeNull();
  });
});
