import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { sampleApplication } from '../support/applications.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-device-'));
const KEY = 'rk_device_test_key_0123456789abc';
let node: RunningNode;
beforeAll(async () => {
  node = await startNode(
    loadConfig({ RISKLOOP_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', RISKLOOP_BOOTSTRAP_API_KEY: KEY }),
    { listen: false },
  );
}, 120_000);
afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

const emulatorPayload = (installId: string) => ({
  source: 'android',
  v: 1,
  sdkVersion: '1.0.0',
  collectedAt: Date.parse('2026-11-01T09:59:00Z'),
  hardware: { manufacturer: 'Google', model: 'sdk_gphone64_x86_64', screenWidth: 1080, screenHeight: 2400 },
  os: { name: 'Android', version: '13' },
  ids: { drmId: 'drm-farm-image', androidId: 'aid-farm', installId },
  integrity: {
    rooted: true,
    emulator: true,
    hookingFrameworks: ['frida'],
    debuggerAttached: false,
    appTampered: false,
  },
  network: { vpn: false, proxy: true, simPresent: false },
  timezone: 'Asia/Shanghai',
  timezoneOffset: -480,
});

const auth = { authorization: `Bearer ${KEY}` };

describe('device intelligence on the decision path', () => {
  it('serves the collector script at a stable URL', async () => {
    const res = await node.app.inject({ url: '/v1/device/collector.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.body.length).toBeLessThanOrEqual(15 * 1024);
  });

  it('scores an emulator farm: one derived device behind many applicants, raw SDK ids never stored', async () => {
    const decisions = [];
    for (let i = 1; i <= 4; i++) {
      const sessionId = `sess-${i}`;
      const receipt = await node.app.inject({
        method: 'POST',
        url: '/v1/device/payloads',
        headers: auth,
        payload: { sessionId, payload: emulatorPayload(`install-${i}`) },
      });
      expect(receipt.statusCode).toBe(201);
      const app = sampleApplication({ applicationId: `FARM-${i}` });
      app.applicant.nationalId = `11010119900307${1000 + i}`;
      app.applicant.phone = `1390000${1000 + i}`;
      app.device = { sessionId, platform: 'android' };
      const res = await node.app.inject({ method: 'POST', url: '/v1/decisions', headers: auth, payload: app });
      expect(res.statusCode).toBe(200);
      decisions.push(res.json());
    }
    const last = decisions[3];
    const codes = last.reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['DEVICE_EMULATOR']));
    expect(last.reasons.some((r: { source: string }) => r.source === 'device')).toBe(true);
    const stored = await node.store.decisions.get('demo', last.decisionId);
    const facts = (stored!.input as { facts: Record<string, unknown> }).facts;
    expect(facts.device_emulator).toBe(true);
    expect(facts.device_accounts_24h).toBe(4);
    expect(facts.graph_identities_device).toBe(4);
    const raw = await node.store.db.query<{ t: string }>(`select s::text as t from device_sessions s`);
    const text = raw.rows.map((r) => r.t).join('\n');
    for (const id of ['drm-farm-image', 'aid-farm', 'install-1']) expect(text).not.toContain(id);
  });

  it('rejects a malformed payload naming the field', async () => {
    const res = await node.app.inject({
      method: 'POST',
      url: '/v1/device/payloads',
      headers: auth,
      payload: { sessionId: 'bad', payload: { ...emulatorPayload('x'), integrity: { rooted: 'yes' } } },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('integrity');
  });
});
