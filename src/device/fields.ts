/** Device features as catalogue fields: the names `deviceFeatures` emits, for rules and models. */
import type { FieldDefinition, FieldType } from '../core/fields.js';

const owner = 'device';
const f = (name: string, type: FieldType, description: string, window?: string): FieldDefinition =>
  window
    ? { name, type, description, entity: 'device', window, owner }
    : { name, type, description, entity: 'device', owner };

export const deviceFieldDefinitions: FieldDefinition[] = [
  f('device_platform', 'string', 'web, android or ios'),
  f('device_webdriver', 'boolean', 'navigator.webdriver is set: the browser is automated'),
  f('device_automation', 'boolean', 'automation framework globals or attributes in the page (Selenium, Puppeteer, …)'),
  f('device_headless', 'boolean', 'headless browser (headless user agent, or two or more headless traits)'),
  f('device_headless_traits', 'number', 'count of headless-browser traits observed'),
  f('device_software_renderer', 'boolean', 'WebGL renders in software (SwiftShader, llvmpipe): VM or server'),
  f('device_no_fingerprint', 'boolean', 'canvas, WebGL and audio fingerprints all blocked'),
  f('device_emulator', 'boolean', 'emulator / virtual device'),
  f('device_rooted', 'boolean', 'rooted (Android) or jailbroken (iOS)'),
  f('device_hooking', 'boolean', 'hooking framework present (Frida, Xposed, Substrate, …)'),
  f('device_debugger', 'boolean', 'debugger attached to the app'),
  f('device_app_tampered', 'boolean', 'app binary differs from the released build'),
  f('device_virtual_space', 'boolean', 'app runs inside a cloning / multi-instance container'),
  f('device_vpn', 'boolean', 'a VPN is active'),
  f('device_proxy', 'boolean', 'an HTTP proxy is configured'),
  f('device_mock_location', 'boolean', 'location from a mock provider'),
  f('device_no_sim', 'boolean', 'no SIM card'),
  f('device_sim_ip_country_mismatch', 'boolean', 'SIM country differs from the IP country'),
  f('device_battery_anomaly', 'boolean', 'battery readings typical of emulators or racked phones'),
  f('device_sensor_anomaly', 'boolean', 'motion sensors missing or perfectly still'),
  f('device_datacenter_ip', 'boolean', 'IP in an imported datacenter / hosting range'),
  f('device_tz_ip_mismatch', 'boolean', 'device timezone outside the IP country offsets'),
  f('device_tz_gps_mismatch', 'boolean', 'device timezone more than 3.5 h from the GPS solar offset'),
  f('device_ip_gps_mismatch', 'boolean', 'GPS solar offset more than 3.5 h outside the IP country offsets'),
  f('device_geo_gap_hours', 'number', 'largest timezone / IP / GPS disagreement in hours'),
  f('device_clock_skew_minutes', 'number', 'device clock minus server clock, absolute minutes'),
  f('device_risk_points', 'number', 'sum of device signal points, capped at 100'),
  f('device_farm_suspect', 'boolean', 'device risk points ≥ 50'),
  f('device_accounts_24h', 'number', 'distinct accounts on this device', '24h'),
  f('device_accounts_7d', 'number', 'distinct accounts on this device', '7d'),
  f('device_accounts_30d', 'number', 'distinct accounts on this device', '30d'),
  f('device_applications', 'number', 'applications ever made on this device'),
  f('device_applications_24h', 'number', 'applications on this device', '24h'),
  f('device_applications_30d', 'number', 'applications on this device', '30d'),
  {
    name: 'account_devices_30d',
    type: 'number',
    description: 'distinct devices used by this account',
    entity: 'account',
    window: '30d',
    owner,
  },
  f('device_first_seen_days', 'number', 'days since the device was first seen (0 = new today)'),
  f('device_declines', 'number', 'earlier applications declined on this device'),
  f('device_fraud_declines', 'number', 'earlier applications declined for fraud on this device'),
];
