/**
 * The embedded store across a restart: a decision after the restart sees the same velocity counts and device
 * reputation as it would have before (in-process counters are rebuilt from the stored decisions; reputation is read
 * from the stored device observations).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/core/index.js';
import { loadConfig } from '../../src/config/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { sampleApplication } from '../support/applications.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-restart-'));
const KEY = 'rk_restart_test_key_0123456789ab';
const config = () =>
  loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', RISKLOOP_BOOTSTRAP_API_KEY: KEY });
let node: RunningNode | undefined;
afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${KEY}` };
const payload = (installId: string) => ({
  source: 'android',
  v: 1,
  sdkVersion: '1.0.0',
  collectedAt: Date.now(),
  hardware: { manufacturer: 'Google', model: 'Pixel 8', screenWidth: 1080, screenHeight: 2400 },
  os: { name: 'Android', version: '14' },
  ids: { drmId: 'drm-shared-phone', androidId: 'aid-shared', installId },
  integrity: { rooted: false, emulator: false, hookingFrameworks: [], debuggerAttached: false, appTampered: false },
  network: { vpn: false, proxy: false, simPresent: true },
  timezone: 'Asia/Shanghai',
  timezoneOffset: -480,
});

/** Applicant i: own national id, one shared phone, one shared device (through its SDK session). */
function applicant(i: number): Application {
  const app = sampleApplication({ applicationId: `RST-${i}`, submittedAt: new Date().toISOString() });
  app.applicant.nationalId = `11010119900307${2000 + i}`;
  app.applicant.phone = '13911112222';
  app.device = { sessionId: `rst-session-${i}`, platform: 'android' };
  return app;
}

async function decide(n: RunningNode, i: number): Promise<Record<string, unknown>> {
  const receipt = await n.app.inject({
    method: 'POST',
    url: '/v1/device/payloads',
    headers: auth,
    payload: { sessionId: `rst-session-${i}`, payload: payload(`install-${i}`) },
  });
  expect(receipt.statusCode).toBe(201);
  const res = await n.app.inject({ method: 'POST', url: '/v1/decisions', headers: auth, payload: applicant(i) });
  expect(res.statusCode, res.body).toBe(200);
  const inputs = await n.app.inject({ url: `/v1/decisions/${res.json().decisionId}/inputs`, headers: auth });
  return inputs.json<{ facts: Record<string, unknown> }>().facts;
}

const seen = (f: Record<string, unknown>) => ({
  phone24h: f.vel_apps_phone_24h,
  phone365d: f.vel_apps_phone_365d,
  deviceAccounts24h: f.device_accounts_24h,
  deviceApplications: f.device_applications,
});

describe('embedded store restart', () => {
  it('a decision after a restart sees the velocity counts and device reputation it saw before', async () => {
    node = await startNode(config(), { listen: false });
    for (let i = 1; i <= 3; i++) await decide(node, i);
    const before = seen(await decide(node, 4));
    expect(before).toEqual({ phone24h: 3, phone365d: 3, deviceAccounts24h: 4, deviceApplications: 4 });
    await node.close();

    node = await startNode(config(), { listen: false });
    const after = seen(await decide(node, 5));
    // one more stored application on each count, nothing forgotten (before: velocity 0, device reputation 1)
    expect(after).toEqual({ phone24h: 4, phone365d: 4, deviceAccounts24h: 5, deviceApplications: 5 });
  }, 240_000);
});
