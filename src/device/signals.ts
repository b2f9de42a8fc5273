/**
 * Device signals → named features and reasons. Every flag the collector or SDK reports becomes one feature (for
 * rules and models, declared in fields.ts) and, when it fires, one reason with a stable code. A transparent points
 * score sums the flags for a first policy ("device farm suspect" at ≥ 50 points); rules can use the raw features
 * instead.
 */
import { geoMismatch } from './geo.js';
import type { CidrSet } from './ip.js';
import type { DevicePayload, MobileSdkPayload, WebCollectorPayload } from './payload.js';
import type { DeviceReputationSnapshot } from './reputation.js';

export interface DeviceContext {
  /** Server time of the application. */
  at: Date;
  /** Client IP as the server saw it. */
  ip?: string | null;
  /** ISO country of the IP (CDN header or geo-IP), if known. */
  ipCountry?: string | null;
  /** GPS from the application (falls back to the SDK's location). */
  gps?: { lat: number; lon: number } | null;
  /** Datacenter / hosting ranges (importable list). */
  datacenterRanges?: CidrSet;
  /** Reputation snapshot for this device and account, taken after this application was observed (counts it). */
  reputation?: DeviceReputationSnapshot;
}

export interface DeviceReason {
  code: string;
  message: string;
  points: number;
}

export interface DeviceSignalFeatures {
  device_platform: string;
  device_webdriver: boolean;
  device_automation: boolean;
  device_headless: boolean;
  device_headless_traits: number;
  device_software_renderer: boolean;
  device_no_fingerprint: boolean;
  device_emulator: boolean;
  device_rooted: boolean;
  device_hooking: boolean;
  device_debugger: boolean;
  device_app_tampered: boolean;
  device_virtual_space: boolean;
  device_vpn: boolean;
  device_proxy: boolean;
  device_mock_location: boolean;
  device_no_sim: boolean;
  device_sim_ip_country_mismatch: boolean;
  device_battery_anomaly: boolean;
  device_sensor_anomaly: boolean;
  device_datacenter_ip: boolean;
  device_tz_ip_mismatch: boolean;
  device_tz_gps_mismatch: boolean;
  device_ip_gps_mismatch: boolean;
  device_geo_gap_hours: number;
  device_clock_skew_minutes: number;
  device_risk_points: number;
  device_farm_suspect: boolean;
}

export type DeviceFeatures = DeviceSignalFeatures & Partial<DeviceReputationSnapshot>;

export interface DeviceAssessment {
  features: DeviceFeatures;
  reasons: DeviceReason[];
}

/** Points per signal; the sum is capped at 100. Tuned as a starting policy, not a model. */
export const DEVICE_RISK_POINTS = {
  webdriver: 60,
  automation: 60,
  headless: 50,
  emulator: 50,
  hooking: 50,
  appTampered: 50,
  virtualSpace: 40,
  datacenterIp: 35,
  mockLocation: 30,
  softwareRenderer: 25,
  sensorAnomaly: 25,
  rooted: 20,
  debugger: 20,
  // an HTTP proxy on a phone is rare for consumers and standard in fraud tooling (interception, IP rotation)
  proxy: 30,
  batteryAnomaly: 15,
  noFingerprint: 15,
  vpn: 10,
  noSim: 10,
  simIpCountry: 15,
  tzIp: 15,
  tzGps: 15,
  ipGps: 15,
  clockSkew: 10,
  accounts24h: 40,
  accounts7d: 30,
  accounts30d: 20,
  accountDevices: 15,
  declines: 25,
} as const;

export const DEVICE_FARM_POINTS = 50;

function webSignals(p: WebCollectorPayload, f: DeviceSignalFeatures, fire: (k: Fire) => void): void {
  f.device_webdriver = p.webdriver;
  f.device_automation = p.automation.length > 0;
  f.device_headless_traits = p.headlessTraits.length;
  // one soft trait (no plugins on a privacy browser) is not enough; two or an explicit headless UA is
  f.device_headless = p.headlessTraits.includes('userAgent') || p.headlessTraits.length >= 2;
  f.device_software_renderer = p.headlessTraits.includes('softwareRenderer');
  f.device_no_fingerprint = !p.canvasHash && !p.webglHash && !p.audioHash;
  if (f.device_webdriver)
    fire(['DEVICE_WEBDRIVER', 'browser is driven by automation (navigator.webdriver)', 'webdriver']);
  if (f.device_automation)
    fire(['DEVICE_AUTOMATION', `automation framework traces in the page (${p.automation.length})`, 'automation']);
  if (f.device_headless)
    fire(['DEVICE_HEADLESS', `headless browser traits: ${p.headlessTraits.slice(0, 4).join(', ')}`, 'headless']);
  if (f.device_software_renderer)
    fire(['DEVICE_SOFTWARE_RENDERER', 'graphics rendered in software (virtual machine or server)', 'softwareRenderer']);
  if (f.device_no_fingerprint)
    fire(['DEVICE_NO_FINGERPRINT', 'canvas, WebGL and audio fingerprints all blocked', 'noFingerprint']);
}

type Fire = [code: string, message: string, points: keyof typeof DEVICE_RISK_POINTS];

function mobileSignals(p: MobileSdkPayload, f: DeviceSignalFeatures, ctx: DeviceContext, fire: (k: Fire) => void) {
  const i = p.integrity;
  f.device_emulator = i.emulator === true;
  f.device_rooted = i.rooted === true || i.jailbroken === true;
  f.device_hooking = (i.hookingFrameworks?.length ?? 0) > 0;
  f.device_debugger = i.debuggerAttached === true;
  f.device_app_tampered = i.appTampered === true;
  f.device_virtual_space = i.virtualSpace === true;
  f.device_vpn = p.network.vpn === true;
  f.device_proxy = p.network.proxy === true;
  f.device_mock_location = p.location?.mockLocation === true;
  f.device_no_sim = p.network.simPresent === false;
  f.device_sim_ip_country_mismatch = Boolean(
    p.network.simCountry && ctx.ipCountry && p.network.simCountry.toUpperCase() !== ctx.ipCountry.toUpperCase(),
  );
  const b = p.battery;
  f.device_battery_anomaly = Boolean(
    b &&
    (b.present === false ||
      (b.level === 100 && b.charging === true && b.temperatureC === undefined) ||
      (b.temperatureC !== undefined && (b.temperatureC < 5 || b.temperatureC > 55))),
  );
  const s = p.sensors;
  f.device_sensor_anomaly = Boolean(
    s && (s.accelerometer === false || s.gyroscope === false || s.accelerometerVariance === 0),
  );
  if (f.device_emulator) fire(['DEVICE_EMULATOR', 'application made from an emulator', 'emulator']);
  if (f.device_rooted)
    fire(['DEVICE_ROOTED', p.source === 'ios' ? 'device is jailbroken' : 'device is rooted', 'rooted']);
  if (f.device_hooking)
    fire(['DEVICE_HOOKING', `hooking framework present (${i.hookingFrameworks!.slice(0, 3).join(', ')})`, 'hooking']);
  if (f.device_debugger) fire(['DEVICE_DEBUGGER', 'a debugger is attached to the app', 'debugger']);
  if (f.device_app_tampered) fire(['DEVICE_APP_TAMPERED', 'app binary differs from the released build', 'appTampered']);
  if (f.device_virtual_space)
    fire(['DEVICE_VIRTUAL_SPACE', 'app runs inside a cloning / multi-instance container', 'virtualSpace']);
  if (f.device_vpn) fire(['DEVICE_VPN', 'a VPN is active', 'vpn']);
  if (f.device_proxy) fire(['DEVICE_PROXY', 'an HTTP proxy is configured', 'proxy']);
  if (f.device_mock_location) fire(['DEVICE_MOCK_LOCATION', 'location comes from a mock provider', 'mockLocation']);
  if (f.device_no_sim) fire(['DEVICE_NO_SIM', 'no SIM card in the phone', 'noSim']);
  if (f.device_sim_ip_country_mismatch)
    fire(['DEVICE_SIM_IP_COUNTRY', 'SIM country differs from the IP country', 'simIpCountry']);
  if (f.device_battery_anomaly)
    fire(['DEVICE_BATTERY_ANOMALY', 'battery readings typical of emulators or racked phones', 'batteryAnomaly']);
  if (f.device_sensor_anomaly)
    fire(['DEVICE_SENSOR_ANOMALY', 'motion sensors missing or perfectly still', 'sensorAnomaly']);
}

/** Features and reasons for one device payload in its application context. */
export function deviceFeatures(payload: DevicePayload, ctx: DeviceContext): DeviceAssessment {
  const f: DeviceSignalFeatures = {
    device_platform: payload.source,
    device_webdriver: false,
    device_automation: false,
    device_headless: false,
    device_headless_traits: 0,
    device_software_renderer: false,
    device_no_fingerprint: false,
    device_emulator: false,
    device_rooted: false,
    device_hooking: false,
    device_debugger: false,
    device_app_tampered: false,
    device_virtual_space: false,
    device_vpn: false,
    device_proxy: false,
    device_mock_location: false,
    device_no_sim: false,
    device_sim_ip_country_mismatch: false,
    device_battery_anomaly: false,
    device_sensor_anomaly: false,
    device_datacenter_ip: false,
    device_tz_ip_mismatch: false,
    device_tz_gps_mismatch: false,
    device_ip_gps_mismatch: false,
    device_geo_gap_hours: 0,
    device_clock_skew_minutes: 0,
    device_risk_points: 0,
    device_farm_suspect: false,
  };
  const reasons: DeviceReason[] = [];
  const fire = ([code, message, key]: Fire) => reasons.push({ code, message, points: DEVICE_RISK_POINTS[key] });

  if (payload.source === 'web') webSignals(payload, f, fire);
  else mobileSignals(payload, f, ctx, fire);

  if (ctx.ip && ctx.datacenterRanges?.has(ctx.ip)) {
    f.device_datacenter_ip = true;
    fire(['DEVICE_DATACENTER_IP', 'IP address belongs to a datacenter / hosting range', 'datacenterIp']);
  }
  const gps =
    ctx.gps ??
    (payload.source !== 'web' && payload.location?.lat !== undefined && payload.location.lon !== undefined
      ? { lat: payload.location.lat, lon: payload.location.lon }
      : null);
  const geo = geoMismatch({
    timezone: payload.timezone ?? null,
    timezoneOffsetMinutes: payload.timezoneOffset ?? null,
    ipCountry: ctx.ipCountry ?? null,
    gps,
    at: ctx.at,
  });
  f.device_tz_ip_mismatch = geo.timezoneVsIp;
  f.device_tz_gps_mismatch = geo.timezoneVsGps;
  f.device_ip_gps_mismatch = geo.ipVsGps;
  f.device_geo_gap_hours = Math.round(geo.gapHours * 10) / 10;
  if (geo.timezoneVsIp) fire(['DEVICE_TZ_IP_MISMATCH', 'device timezone does not fit the IP country', 'tzIp']);
  if (geo.timezoneVsGps) fire(['DEVICE_TZ_GPS_MISMATCH', 'device timezone does not fit the GPS position', 'tzGps']);
  if (geo.ipVsGps) fire(['DEVICE_IP_GPS_MISMATCH', 'GPS position is far from the IP country', 'ipGps']);
  f.device_clock_skew_minutes = Math.round(Math.abs(ctx.at.getTime() - payload.collectedAt) / 60_000);
  if (f.device_clock_skew_minutes > 60)
    fire(['DEVICE_CLOCK_SKEW', 'device clock is more than an hour off', 'clockSkew']);

  const r = ctx.reputation;
  if (r) {
    if (r.device_accounts_24h >= 3)
      fire(['DEVICE_ACCOUNTS_24H', `device used by ${r.device_accounts_24h} accounts in 24 hours`, 'accounts24h']);
    else if (r.device_accounts_7d >= 4)
      fire(['DEVICE_ACCOUNTS_7D', `device used by ${r.device_accounts_7d} accounts in 7 days`, 'accounts7d']);
    else if (r.device_accounts_30d >= 5)
      fire(['DEVICE_ACCOUNTS_30D', `device used by ${r.device_accounts_30d} accounts in 30 days`, 'accounts30d']);
    if (r.account_devices_30d >= 4)
      fire(['DEVICE_ACCOUNT_DEVICES', `account used ${r.account_devices_30d} devices in 30 days`, 'accountDevices']);
    if (r.device_declines >= 2)
      fire(['DEVICE_DECLINES', `${r.device_declines} earlier applications declined on this device`, 'declines']);
  }
  reasons.sort((a, b) => b.points - a.points);
  f.device_risk_points = Math.min(
    100,
    reasons.reduce((s, x) => s + x.points, 0),
  );
  f.device_farm_suspect = f.device_risk_points >= DEVICE_FARM_POINTS;
  return { features: { ...f, ...(r ?? {}) }, reasons };
}
