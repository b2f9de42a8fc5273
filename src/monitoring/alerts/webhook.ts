/**
 * Signed webhook delivery with retries: exponential backoff (with jitter) on network errors, 5xx, 408 and 429;
 * other 4xx are permanent (the receiver rejected the payload) and go straight to the dead letter. After
 * `maxAttempts` the payload is dead-lettered with the last error, never dropped silently. The receiver's address is
 * checked where the socket connects (see address-guard.ts): private, loopback and link-local addresses are refused
 * unless the operator allowed them. Redirects are never followed and at most 64 kB of an answer is read.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { systemClock, type Clock } from '../../core/clock.js';
import { createAddressGuard, type AddressGuard } from './address-guard.js';
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
  /** Which addresses may be reached (default: public ones only). */
  guard?: AddressGuard;
}

export function backoffDelay(attempt: number, base: number, max: number, jitter = 0, random = Math.random): number {
  const d = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(d * (1 - jitter + 2 * jitter * random()));
}

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;
/** What is read of a receiver's answer: the status matters, the body only up to this (a receiver cannot flood us). */
const MAX_RESPONSE_BYTES = 64 * 1024;

const strictGuard = createAddressGuard(false);

/**
 * One POST; resolves with the status once at most MAX_RESPONSE_BYTES of the answer were read. node:http rather than
 * fetch: its socket `lookup` is where the resolved address is checked, and it never follows a redirect.
 */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  guard: AddressGuard,
): Promise<number> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new Error(`webhook URL scheme ${url.protocol} is not http or https`));
  // an IP literal is connected to without a lookup: check it here
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    try {
      guard.check(host, host);
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }
  return new Promise<number>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guard.lookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        const done = () => resolve(status);
        res.on('data', (chunk: Buffer) => {
          read += chunk.byteLength;
          // a receiver cannot flood us: the status is what matters
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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
      const status = await post(
        new URL(target.url),
        {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(target.secret, t, body),
          'x-riskloop-delivery-id': deliveryId,
          'x-riskloop-delivery-attempt': String(attempt),
        },
        body,
        options.timeoutMs ?? 10_000,
        options.guard ?? strictGuard,
      );
      attempts.push({ attempt, status });
      // a 3xx is a failure: a redirect would re-send the signed body to wherever the receiver points
      if (status >= 200 && status < 300) return { delivered: true, attempts };
      permanent = !retryable(status);
    } catch (e) {
      attempts.push({ attempt, error: e instanceof Error ? e.message : String(e) });
      // an address the guard refuses stays refused: no retry
      permanent = (e as { code?: unknown }).code === 'EWEBHOOKADDRESS';
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
