/**
 * Signed webhook delivery with retries: exponential backoff (with jitter) on network errors, 5xx, 408 and 429;
 * other 4xx are permanent (the receiver rejected the payload) and go straight to the dead letter. After
 * `maxAttempts` the payload is dead-lettered with the last error, never dropped silently.
 */
import { systemClock, type Clock } from '../../core/clock.js';
import { signPayload, SIGNATURE_HEADER } from './signature.js';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliveryAttempt {
  attempt: number;
  status?: number;
  error?: string;
}

export interface DeliveryResult {
  delivered: boolean;
  attempts: DeliveryAttempt[];
}

export interface DeadLetter {
  url: string;
  deliveryId: string;
  body: string;
  attempts: DeliveryAttempt[];
  failedAt: string;
}

export interface WebhookOptions {
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxDelayMs (default 500 ms, cap 60 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  clock?: Clock;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** 0..1 share of random jitter on each delay (default 0.2) so retries from many nodes do not align. */
  jitter?: number;
  random?: () => number;
  onDeadLetter?: (d: DeadLetter) => void | Promise<void>;
}

export function backoffDelay(attempt: number, base: number, max: number, jitter = 0, random = Math.random): number {
  const d = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(d * (1 - jitter + 2 * jitter * random()));
}

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;
/** What is read of a receiver's answer: the status matters, the body only up to this (a receiver cannot flood us). */
const MAX_RESPONSE_BYTES = 64 * 1024;

async function drainBounded(res: Response): Promise<void> {
  const reader = res.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > MAX_RESPONSE_BYTES) break;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export async function deliverWebhook(
  target: WebhookTarget,
  payload: unknown,
  deliveryId: string,
  options: WebhookOptions = {},
): Promise<DeliveryResult> {
  const clock = options.clock ?? systemClock;
  const maxAttempts = options.maxAttempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const body = JSON.stringify(payload);
  const attempts: DeliveryAttempt[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    // Re-signed per attempt: the timestamp must be fresh or receivers with a replay window would refuse retries.
    const t = Math.floor(clock.now().getTime() / 1000);
    let permanent = false;
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(target.secret, t, body),
          'x-riskloop-delivery-id': deliveryId,
          'x-riskloop-delivery-attempt': String(attempt),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        // a redirect would re-send the signed body to wherever the receiver points: never followed, a failure
        redirect: 'manual',
      });
      await drainBounded(res).catch(() => undefined);
      attempts.push({ attempt, status: res.status });
      if (res.ok) return { delivered: true, attempts };
      permanent = !retryable(res.status);
    } catch (e) {
      attempts.push({ attempt, error: e instanceof Error ? e.message : String(e) });
    }
    if (permanent || attempt === maxAttempts) break;
    await sleep(
      backoffDelay(
        attempt,
        options.baseDelayMs ?? 500,
        options.maxDelayMs ?? 60_000,
        options.jitter ?? 0.2,
        options.random,
      ),
    );
  }
  await options.onDeadLetter?.({ url: target.url, deliveryId, body, attempts, failedAt: clock.now().toISOString() });
  return { delivered: false, attempts };
}
