/**
 * A stable device id derived server-side. It is built only from signals that belong to the device — never from
 * cookies, localStorage, install ids, session ids, IP or the browser's version — so clearing cookies, reinstalling
 * the app or updating the browser does not change it. It is a keyed hash (hashIdentifier 'deviceId'), so the id
 * itself reveals nothing and cannot be recomputed without the key.
 *
 * Limits, stated plainly: two browsers on identical hardware and settings can share a web fingerprint id (reputation
 * counts then merge them); changing GPU driver, fonts or screen changes it.
 */
import { hashIdentifier } from '../core/identifiers.js';
import type { DevicePayload, MobileSdkPayload, WebCollectorPayload } from './payload.js';

export interface DeviceIdentity {
  deviceId: string;
  /** `hardware-id`: from an OS-provided stable id; `fingerprint`: from rendering and configuration signals. */
  basis: 'hardware-id' | 'fingerprint';
  /** Names of the signals that went into the id (for audits; no values). */
  signals: string[];
}

/** Browser family only: "Chrome 120 → 121" must not change the device. */
function browserFamily(userAgent: string): string {
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/OPR\//.test(userAgent)) return 'opera';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|CriOS\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

function webParts(p: WebCollectorPayload): [string, string][] {
  return [
    ['canvas', p.canvasHash ?? ''],
    ['webgl', p.webglHash ?? ''],
    ['webglRenderer', p.webglRenderer ?? ''],
    ['audio', p.audioHash ?? ''],
    ['fonts', [...p.fonts].sort().join(',')],
    ['screen', `${p.screen.width}x${p.screen.height}x${p.screen.colorDepth}@${p.screen.pixelRatio}`],
    ['timezone', p.timezone ?? ''],
    ['platform', p.platform],
    ['browser', browserFamily(p.userAgent)],
    ['cores', String(p.hardwareConcurrency ?? '')],
    ['memory', String(p.deviceMemory ?? '')],
    ['touchPoints', String(p.maxTouchPoints)],
  ];
}

function mobileParts(p: MobileSdkPayload): { parts: [string, string][]; basis: DeviceIdentity['basis'] } {
  const hw = p.hardware;
  const model: [string, string][] = [
    ['platform', p.source],
    ['manufacturer', hw.manufacturer.toLowerCase()],
    ['model', hw.model.toLowerCase()],
  ];
  const stable = p.ids.drmId
    ? ['drmId', p.ids.drmId]
    : p.ids.androidId
      ? ['androidId', p.ids.androidId]
      : p.ids.keychainId
        ? ['keychainId', p.ids.keychainId]
        : p.ids.idfv
          ? ['idfv', p.ids.idfv]
          : null;
  if (stable) return { parts: [...model, stable as [string, string]], basis: 'hardware-id' };
  return {
    parts: [
      ...model,
      ['board', hw.board ?? ''],
      ['abi', hw.cpuAbi ?? ''],
      ['cores', String(hw.cores ?? '')],
      ['memoryMb', String(hw.memoryMb ?? '')],
      ['storageGb', String(Math.round(hw.storageGb ?? 0))],
      ['screen', `${hw.screenWidth}x${hw.screenHeight}@${hw.density ?? ''}`],
      ['build', p.os.buildFingerprint ?? ''],
    ],
    basis: 'fingerprint',
  };
}

export function deriveDeviceId(key: Buffer, payload: DevicePayload): DeviceIdentity {
  const { parts, basis } =
    payload.source === 'web' ? { parts: webParts(payload), basis: 'fingerprint' as const } : mobileParts(payload);
  const canonical = parts.map(([k, v]) => `${k}=${v}`).join('\n');
  return {
    deviceId: hashIdentifier(key, 'deviceId', `${payload.source}\n${canonical}`),
    basis,
    signals: parts.map(([k]) => k),
  };
}
