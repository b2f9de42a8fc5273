import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/index.js';
import { startNode } from '../../src/server/index.js';
import { sampleApplication } from '../support/applications.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = {
  RISKLOOP_DATA_DIR: dir,
  PORT: '0',
  RISKLOOP_BOOTSTRAP_API_KEY: 'rk_test_bootstrap_key_0123456789',
  LOG_LEVEL: 'warn',
};

describe('configuration', () => {
  it('creates a private pilot secret once and reuses it', () => {
    const a = loadConfig(env);
    const b = loadConfig(env);
    expect(a.masterKey.equals(b.masterKey)).toBe(true);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(a.store).toMatchObject({ kind: 'pglite', dataDir: join(dir, 'pgdata') });
  });
  it('demands a secret with DATABASE_URL and rejects bad numbers by name', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ ...env, RISKLOOP_SECRET_KEY: 'short' })).toThrow(
      /RISKLOOP_SECRET_KEY must be 32 random bytes/,
    );
  });
  it('computes what the flows read unless told to compute every feature', () => {
    expect(loadConfig(env).decisionFeatures).toBe('read');
    expect(loadConfig({ ...env, RISKLOOP_DECISION_FEATURES: 'all' }).decisionFeatures).toBe('all');
    expect(() => loadConfig({ ...env, RISKLOOP_DECISION_FEATURES: 'some' })).toThrow(
      /RISKLOOP_DECISION_FEATURES must be read or all/,
    );
  });
});

describe('a node on the embedded store', () => {
  it('serves decisions over HTTP, drains in-flight requests on close, and keeps them across restarts', async () => {
    const node = await startNode(loadConfig(env));
    const call = (body: unknown) =>
      fetch(`${node.url}/v1/decisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.RISKLOOP_BOOTSTRAP_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = await call(sampleApplication({ applicationId: 'APP-A' }));
    expect(first.status).toBe(200);
    const decided = (await first.json()) as { decisionId: string };

    // Requests in flight when shutdown starts still get their (stored) answers.
    const inFlight = Array.from({ length: 20 }, (_, i) => call(sampleApplication({ applicationId: `APP-F${i}` })));
    await new Promise((r) => setTimeout(r, 5));
    const closing = node.close();
    const answers = await Promise.allSettled(inFlight);
    await closing;
    const ok = answers.filter((a) => a.status === 'fulfilled' && a.value.status === 200).length;

    const again = await startNode(loadConfig(env));
    try {
      expect(await again.store.decisions.count('demo')).toBe(1 + ok);
      expect((await again.decisions.get('demo', decided.decisionId)).applicationId).toBe('APP-A');
      expect(await again.store.apiKeys.list('demo')).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});
