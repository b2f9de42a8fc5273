import { describe, expect, it } from 'vitest';
import {
  DeviceReputation,
  createCidrSet,
  createDevicePayloadValidators,
  deriveDeviceId,
  deviceFeatures,
  deviceFieldDefinitions,
  geoMismatch,
  ipv4Network24,
  type MobileSdkPayload,
  type WebCollectorPayload,
} from '../../src/device/index.js';
import { createFieldCatalog } from '../../src/core/fields.js';

const key = Buffer.alloc(32, 3);

const web: WebCollectorPayload = {
  source: 'web',
  v: 1,
  sessionId: 's1',
  collectedAt: Date.parse('2026-03-01T10:00:00Z'),
  canvasHash: '0123456789abcdef',
  webglHash: 'fedcba9876543210',
  webglVendor: 'Google Inc.',
  webglRenderer: 'ANGLE (Intel UHD 620)',
  audioHash: '00000000deadbeef',
  fonts: ['Segoe UI', 'Calibri', 'Microsoft YaHei'],
  screen: { width: 1920, height: 1080, availWidth: 1920, availHeight: 1040, colorDepth: 24, pixelRatio: 1 },
  timezone: 'Asia/Shanghai',
  timezoneOffset: -480,
  languages: ['zh-CN'],
  platform: 'Win32',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  hardwareConcurrency: 8,
  deviceMemory: 8,
  maxTouchPoints: 0,
  touch: false,
  cookieEnabled: true,
  webdriver: false,
  headlessTraits: [],
  automation: [],
  storageId: 'abc123',
};

const phone: MobileSdkPayload = {
  source: 'android',
  v: 1,
  sdkVersion: '1.0.0',
  collectedAt: Date.parse('2026-03-01T10:00:00Z'),
  hardware: { manufacturer: 'Xiaomi', model: 'Redmi Note 12', screenWidth: 1080, screenHeight: 2400, density: 2.75 },
  os: { name: 'Android', version: '13' },
  ids: { drmId: 'drm-1', androidId: 'aid-1', installId: 'install-1' },
  integrity: { rooted: false, emulator: false, hookingFrameworks: [], debuggerAttached: false, appTampered: false },
  network: { vpn: false, proxy: false, simPresent: true, simCountry: 'CN', carrier: 'China Mobile' },
  location: { mockLocation: false, lat: 31.23, lon: 121.47 },
  battery: { level: 64, charging: false, temperatureC: 31 },
  sensors: { accelerometer: true, gyroscope: true, accelerometerVariance: 0.02 },
  timezone: 'Asia/Shanghai',
  timezoneOffset: -480,
};

describe('stable device id', () => {
  it('survives cookie clearing, new sessions, browser updates and window chrome changes', () => {
    const id = deriveDeviceId(key, web);
    expect(id.basis).toBe('fingerprint');
    expect(id.deviceId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const later: WebCollectorPayload = {
      ...web,
      storageId: null,
      sessionId: 's2',
      collectedAt: web.collectedAt + 86_400_000,
      userAgent: web.userAgent.replace('Chrome/120', 'Chrome/121'),
      screen: { ...web.screen, availHeight: 1000 },
      fonts: [...web.fonts].reverse(),
    };
    expect(deriveDeviceId(key, later).deviceId).toBe(id.deviceId);
  });

  it('changes with the hardware fingerprint or the key', () => {
    const id = deriveDeviceId(key, web).deviceId;
    expect(deriveDeviceId(key, { ...web, canvasHash: '1111111111111111' }).deviceId).not.toBe(id);
    expect(deriveDeviceId(key, { ...web, webglRenderer: 'ANGLE (NVIDIA)' }).deviceId).not.toBe(id);
    expect(deriveDeviceId(Buffer.alloc(32, 4), web).deviceId).not.toBe(id);
  });

  it('on mobile uses the hardware id: a reinstall keeps the id, a factory reset changes it', () => {
    const id = deriveDeviceId(key, phone);
    expect(id.basis).toBe('hardware-id');
    expect(id.signals).toContain('drmId');
    expect(id.signals).not.toContain('installId');
    expect(deriveDeviceId(key, { ...phone, ids: { ...phone.ids, installId: 'install-2' } }).deviceId).toBe(id.deviceId);
    expect(deriveDeviceId(key, { ...phone, ids: { drmId: 'drm-2', androidId: 'aid-2' } }).deviceId).not.toBe(
      id.deviceId,
    );
    const noIds = deriveDeviceId(key, { ...phone, ids: {} });
    expect(noIds.basis).toBe('fingerprint');
  });
});

describe('device signals', () => {
  const validators = createDevicePayloadValidators();

  it('validates payloads and names the failing field', () => {
    expect(validators.assert(web)).toBe(web);
    expect(validators.assert(phone)).toBe(phone);
    expect(() => validators.assert({ ...phone, integrity: { ...phone.integrity, frida: true } })).toThrow(
      /integrity\/frida/,
    );
    expect(() => validators.assert({ ...web, screen: { ...web.screen, width: -1 } })).toThrow(/screen\/width/);
  });

  it('a clean phone scores zero with no reasons', () => {
    const a = deviceFeatures(phone, { at: new Date(phone.collectedAt), ip: '117.136.1.20', ipCountry: 'CN' });
    expect(a.reasons).toEqual([]);
    expect(a.features.device_risk_points).toBe(0);
    expect(a.features.device_farm_suspect).toBe(false);
  });

  it('an emulator farm phone fires named features and reasons', () => {
    const farm: MobileSdkPayload = {
      ...phone,
      integrity: { emulator: true, rooted: true, hookingFrameworks: ['frida'], virtualSpace: true },
      network: { vpn: false, proxy: true, simPresent: false },
      location: { mockLocation: true, lat: 40.7, lon: -74 },
      battery: { level: 100, charging: true },
      sensors: { accelerometer: true, gyroscope: false, accelerometerVariance: 0 },
    };
    const dc = createCidrSet(['# hosting', '47.74.0.0/15', '2a05:d000::/25']);
    const a = deviceFeatures(farm, {
      at: new Date(farm.collectedAt),
      ip: '47.75.3.9',
      ipCountry: 'CN',
      datacenterRanges: dc,
    });
    const codes = a.reasons.map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'DEVICE_EMULATOR',
        'DEVICE_ROOTED',
        'DEVICE_HOOKING',
        'DEVICE_VIRTUAL_SPACE',
        'DEVICE_PROXY',
        'DEVICE_NO_SIM',
        'DEVICE_MOCK_LOCATION',
        'DEVICE_BATTERY_ANOMALY',
        'DEVICE_SENSOR_ANOMALY',
        'DEVICE_DATACENTER_IP',
        'DEVICE_TZ_GPS_MISMATCH',
        'DEVICE_IP_GPS_MISMATCH',
      ]),
    );
    expect(codes).not.toContain('DEVICE_TZ_IP_MISMATCH');
    expect(a.features.device_risk_points).toBe(100);
    expect(a.features.device_farm_suspect).toBe(true);
    expect(a.reasons[0]!.points).toBeGreaterThanOrEqual(a.reasons.at(-1)!.points);
  });

  it('every emitted feature is declared with its type', () => {
    const rep = new DeviceReputation();
    rep.observe({ deviceId: 'd', accountId: 'a', at: new Date() });
    const a = deviceFeatures(web, { at: new Date(), reputation: rep.snapshot('d', 'a', new Date()) });
    const catalog = createFieldCatalog(deviceFieldDefinitions);
    for (const [name, value] of Object.entries(a.features)) {
      expect(catalog.get(name)?.type, name).toBe(typeof value);
    }
    expect(catalog.list()).toHaveLength(Object.keys(a.features).length);
  });
});

describe('device reputation', () => {
  it('counts accounts per device over 24 h / 7 d / 30 d, devices per account, first seen and declines', () => {
    const rep = new DeviceReputation();
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    const h = 3_600_000;
    rep.observe({ deviceId: 'D', accountId: 'a1', at: new Date(t0) });
    rep.observe({ deviceId: 'D', accountId: 'a2', at: new Date(t0 + 10 * 24 * h) });
    rep.observe({ deviceId: 'D', accountId: 'a3', at: new Date(t0 + 28 * 24 * h) });
    rep.observe({ deviceId: 'D', accountId: 'a4', at: new Date(t0 + 29 * 24 * h) });
    rep.observe({ deviceId: 'D', accountId: 'a4', at: new Date(t0 + 29 * 24 * h + h) });
    rep.observe({ deviceId: 'E', accountId: 'a4', at: new Date(t0 + 29 * 24 * h + 2 * h) });
    rep.recordDecline('D');
    rep.recordDecline('D', true);
    const s = rep.snapshot('D', 'a4', new Date(t0 + 29 * 24 * h + 3 * h));
    expect(s).toEqual({
      device_accounts_24h: 1,
      device_accounts_7d: 2,
      device_accounts_30d: 4,
      device_applications: 5,
      device_applications_24h: 2,
      device_applications_30d: 5,
      account_devices_30d: 2,
      device_first_seen_days: 29,
      device_declines: 2,
      device_fraud_declines: 1,
    });
    const later = rep.snapshot('D', null, new Date(t0 + 45 * 24 * h));
    expect(later.device_accounts_30d).toBe(2);
    expect(later.device_applications).toBe(5);
    expect(rep.snapshot('new', 'x', new Date()).device_applications).toBe(0);
  });

  it('turns a busy device into a reason with counts', () => {
    const rep = new DeviceReputation();
    const at = new Date('2026-03-01T12:00:00Z');
    for (let i = 0; i < 5; i++)
      rep.observe({ deviceId: 'D', accountId: `acc${i}`, at: new Date(at.getTime() - i * 60_000) });
    const a = deviceFeatures(phone, { at, reputation: rep.snapshot('D', 'acc0', at) });
    expect(a.reasons.find((r) => r.code === 'DEVICE_ACCOUNTS_24H')?.message).toBe(
      'device used by 5 accounts in 24 hours',
    );
  });
});

describe('IP intelligence', () => {
  it('looks up IPv4 and IPv6 CIDR ranges, merging overlaps', () => {
    const set = createCidrSet([
      'cidr',
      '10.0.0.0/8',
      '10.1.0.0/16',
      '192.0.2.7',
      '203.0.113.0/25,AS64500',
      '2001:db8::/32',
      '',
    ]);
    expect(set.ranges).toBe(4);
    expect(set.has('10.255.255.255')).toBe(true);
    expect(set.has('11.0.0.0')).toBe(false);
    expect(set.has('192.0.2.7')).toBe(true);
    expect(set.has('192.0.2.8')).toBe(false);
    expect(set.has('203.0.113.127')).toBe(true);
    expect(set.has('203.0.113.128')).toBe(false);
    expect(set.has('2001:db8:ffff::1')).toBe(true);
    expect(set.has('2001:db9::1')).toBe(false);
    expect(set.has('::ffff:10.2.3.4')).toBe(true);
    expect(set.has('not an ip')).toBe(false);
    expect(() => createCidrSet(['10.0.0.0/40', 'bogus'])).toThrow(/invalid CIDR list/);
    expect(ipv4Network24('203.0.113.77')).toBe('203.0.113.0/24');
  });

  it('agrees with a brute-force scan over 2,000 random ranges', () => {
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const ranges: [number, number][] = [];
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const bits = 8 + Math.floor(rand() * 25);
      const size = 2 ** (32 - bits);
      const start = Math.floor(Math.floor(rand() * 2 ** 32) / size) * size;
      ranges.push([start, start + size - 1]);
      lines.push(`${start >>> 24}.${(start >>> 16) & 255}.${(start >>> 8) & 255}.${start & 255}/${bits}`);
    }
    const set = createCidrSet(lines);
    for (let i = 0; i < 5000; i++) {
      const ip = Math.floor(rand() * 2 ** 32);
      const text = `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
      expect(set.has(text)).toBe(ranges.some(([s, e]) => ip >= s && ip <= e));
    }
  });

  it('compares timezone, IP country and GPS', () => {
    const at = new Date('2026-07-01T00:00:00Z');
    const home = geoMismatch({ timezone: 'Asia/Shanghai', ipCountry: 'CN', gps: { lat: 43.8, lon: 87.6 }, at });
    expect(home).toMatchObject({ timezoneVsIp: false, timezoneVsGps: false, ipVsGps: false, deviceOffsetHours: 8 });
    const abroad = geoMismatch({ timezone: 'America/New_York', ipCountry: 'CN', gps: { lat: 40.7, lon: -74 }, at });
    expect(abroad).toMatchObject({ timezoneVsIp: true, timezoneVsGps: false, ipVsGps: true, deviceOffsetHours: -4 });
    const offsetOnly = geoMismatch({ timezone: 'Not/AZone', timezoneOffsetMinutes: -330, ipCountry: 'IN', at });
    expect(offsetOnly).toMatchObject({ deviceOffsetHours: 5.5, timezoneVsIp: false });
    const dateLine = geoMismatch({ timezone: 'Pacific/Auckland', gps: { lat: -17, lon: -179 }, at });
    expect(dateLine.timezoneVsGps).toBe(false);
  });
});
