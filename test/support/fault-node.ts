/**
 * Fault-test harness: a riskloop node started in process with its services reached through TCP proxies the test
 * controls, and a driver that keeps requests flowing while a service is cut, blackholed or slowed, recording every
 * answer so the test can check what was acknowledged against what the store holds after recovery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';

export const FAULT_KEY = 'rk_fault_injection_key_0123456789abcdef';
export const AUTH = { authorization: `Bearer ${FAULT_KEY}` };

export async function startFaultNode(
  env: Record<string, string>,
): Promise<{ node: RunningNode; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-faults-'));
  const config = loadConfig({
    RISKLOOP_DATA_DIR: dir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
    RISKLOOP_BOOTSTRAP_API_KEY: FAULT_KEY,
    ...env,
  });
  const node = await startNode(config, { listen: false });
  return {
    node,
    async dispose() {
      await node.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  key: string;
  status: number;
  retryAfter: string | undefined;
  body: unknown;
}

/**
 * Sends requests from `concurrency` loops until `stop()`; `make(i)` builds request i with an idempotency key.
 * Every answer is recorded.
 */
export function drive(
  node: RunningNode,
  make: (i: number) => { key: string; send: () => Promise<LightMyRequestResponse> },
  concurrency = 4,
) {
  const answers: Answer[] = [];
  let running = true;
  let next = 0;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) {
      const { key, send } = make(next++);
      const res = await send();
      const retryAfter = res.headers['retry-after'];
      answers.push({
        key,
        status: res.statusCode,
        retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
        body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body,
      });
      await new Promise((r) => setImmediate(r));
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Polls `probe` until it returns true or the deadline passes; resolves with the milliseconds it took. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 100): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await probe().catch(() => false)) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Statuses a dependency outage may produce: the answer, or 503 with Retry-After. Never a 500. */
export function badAnswers(answers: Answer[], ok: number[]): Answer[] {
  return answers.filter(
    (a) => !(ok.includes(a.status) || (a.status === 503 && a.retryAfter !== undefined && Number(a.retryAfter) > 0)),
  );
}
