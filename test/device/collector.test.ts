import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  COLLECTOR_MAX_BYTES,
  collectorScript,
  createDevicePayloadValidators,
  deriveDeviceId,
  deviceFeatures,
  type WebCollectorPayload,
} from '../../src/device/index.js';

interface FakeBrowser {
  userAgent: string;
  webdriver?: boolean;
  plugins?: number;
  renderer?: string;
  chrome?: boolean;
  localStorage: Map<string, string>;
}

/** Just enough of a browser for the collector: canvas, WebGL, navigator, screen, fetch. */
function runCollector(b: FakeBrowser): Promise<{ url: string; body: WebCollectorPayload }> {
  let posted: (v: { url: string; body: WebCollectorPayload }) => void;
  const sent = new Promise<{ url: string; body: WebCollectorPayload }>((r) => (posted = r));
  const ctx2d = {
    font: '',
    fillRect() {},
    fillText() {},
    beginPath() {},
    arc() {},
    closePath() {},
    fill() {},
    measureText(this: { font: string }, text: string) {
      // installed fonts change the width; "Arial Black" and "Segoe UI" are installed here
      const installed = /"(Arial Black|Segoe UI)"/.test(this.font) ? 7 : 0;
      return { width: text.length * 10 + installed };
    },
  };
  const gl = {
    VENDOR: 1,
    RENDERER: 2,
    MAX_TEXTURE_SIZE: 3,
    getExtension: (n: string) =>
      n === 'WEBGL_debug_renderer_info' ? { UNMASKED_VENDOR_WEBGL: 10, UNMASKED_RENDERER_WEBGL: 11 } : null,
    getParameter: (p: number) =>
      p === 10 ? 'Google Inc.' : p === 11 ? (b.renderer ?? 'ANGLE (NVIDIA GeForce)') : p === 3 ? 16384 : null,
    getSupportedExtensions: () => ['OES_texture_float', 'WEBGL_debug_renderer_info'],
  };
  const canvas = {
    width: 0,
    height: 0,
    getContext: (k: string) => (k === '2d' ? ctx2d : gl),
    toDataURL: () => 'data:image/png;base64,AAAA' + b.userAgent.length,
  };
  const script = {
    getAttribute: (n: string) =>
      n === 'data-endpoint' ? '/v1/device/signals' : n === 'data-session' ? 'sess-1' : null,
  };
  const window: Record<string, unknown> = {
    outerWidth: 1280,
    outerHeight: 800,
    devicePixelRatio: 2,
    localStorage: {
      getItem: (k: string) => b.localStorage.get(k) ?? null,
      setItem: (k: string, v: string) => b.localStorage.set(k, v),
    },
    fetch: (url: string, init: { body: string }) => {
      posted({ url, body: JSON.parse(init.body) as WebCollectorPayload });
      return Promise.resolve({ ok: true });
    },
  };
  if (b.chrome !== false) window.chrome = {};
  Object.assign(window, {
    window,
    document: { currentScript: script, createElement: () => canvas, documentElement: { getAttribute: () => null } },
    navigator: {
      userAgent: b.userAgent,
      languages: ['zh-CN', 'en'],
      platform: 'Win32',
      hardwareConcurrency: 8,
      deviceMemory: 8,
      maxTouchPoints: 0,
      cookieEnabled: true,
      webdriver: b.webdriver ?? false,
      plugins: { length: b.plugins ?? 5 },
    },
    screen: { width: 1920, height: 1080, availWidth: 1920, availHeight: 1040, colorDepth: 24 },
    setTimeout,
  });
  runInNewContext(collectorScript, window);
  return sent;
}

const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

describe('browser collector', () => {
  it('is at most 15 kB minified', () => {
    expect(Buffer.byteLength(collectorScript, 'utf8')).toBeLessThanOrEqual(COLLECTOR_MAX_BYTES);
    expect(collectorScript).not.toMatch(/^\s*\/\//m);
  });

  it('posts a payload that matches the schema, with fingerprint hashes and fonts', async () => {
    const { url, body } = await runCollector({ userAgent: chrome, localStorage: new Map() });
    expect(url).toBe('/v1/device/signals');
    const validators = createDevicePayloadValidators();
    expect(validators.assert(body)).toBe(body);
    expect(body.source).toBe('web');
    expect(body.sessionId).toBe('sess-1');
    expect(body.canvasHash).toMatch(/^[0-9a-f]{16}$/);
    expect(body.webglHash).toMatch(/^[0-9a-f]{16}$/);
    expect(body.webglRenderer).toBe('ANGLE (NVIDIA GeForce)');
    expect(body.fonts).toEqual(['Arial Black', 'Segoe UI']);
    expect(body.screen).toEqual({
      width: 1920,
      height: 1080,
      availWidth: 1920,
      availHeight: 1040,
      colorDepth: 24,
      pixelRatio: 2,
    });
    expect(body.webdriver).toBe(false);
    expect(body.headlessTraits).toEqual([]);
    expect(body.storageId).toMatch(/^[0-9a-z]+$/);
  });

  it('reports automation and headless traits, which become features and reasons', async () => {
    const { body } = await runCollector({
      userAgent: chrome.replace('Chrome/', 'HeadlessChrome/'),
      webdriver: true,
      plugins: 0,
      chrome: false,
      renderer: 'Google SwiftShader',
      localStorage: new Map(),
    });
    expect(body.webdriver).toBe(true);
    expect(body.headlessTraits).toEqual(
      expect.arrayContaining(['userAgent', 'noPlugins', 'noChromeObject', 'softwareRenderer']),
    );
    const a = deviceFeatures(body, { at: new Date(body.collectedAt) });
    expect(a.features.device_webdriver).toBe(true);
    expect(a.features.device_headless).toBe(true);
    expect(a.features.device_farm_suspect).toBe(true);
    expect(a.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['DEVICE_WEBDRIVER', 'DEVICE_HEADLESS', 'DEVICE_SOFTWARE_RENDERER']),
    );
  });

  it('gives the same device id after cookies and storage are cleared', async () => {
    const key = Buffer.alloc(32, 7);
    const first = await runCollector({ userAgent: chrome, localStorage: new Map() });
    const again = await runCollector({ userAgent: chrome, localStorage: new Map() });
    expect(first.body.storageId).not.toBe(again.body.storageId);
    expect(deriveDeviceId(key, again.body).deviceId).toBe(deriveDeviceId(key, first.body).deviceId);
  });
});
