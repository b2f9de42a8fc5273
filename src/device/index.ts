/** Device intelligence: collector script, payload schemas, stable device id, signals, reputation, IP and geo checks. */
export { collectorScript, collectorSource, minifyCollector, COLLECTOR_MAX_BYTES } from './collector/index.js';
export {
  WebCollectorPayloadSchema,
  MobileSdkPayloadSchema,
  DevicePayloadSchema,
  createDevicePayloadValidators,
  type DevicePayload,
  type WebCollectorPayload,
  type MobileSdkPayload,
} from './payload.js';
export { deriveDeviceId, type DeviceIdentity } from './device-id.js';
export {
  deviceFeatures,
  DEVICE_RISK_POINTS,
  DEVICE_FARM_POINTS,
  type DeviceAssessment,
  type DeviceContext,
  type DeviceFeatures,
  type DeviceReason,
} from './signals.js';
export { DeviceReputation, type DeviceObservation, type DeviceReputationSnapshot } from './reputation.js';
export { createCidrSet, parseIpv4, parseIpv6, ipv4Network24, type CidrSet } from './ip.js';
export { geoMismatch, zoneOffsetHours, COUNTRY_UTC_OFFSETS, type GeoInputs, type GeoMismatch } from './geo.js';
export { deviceFieldDefinitions } from './fields.js';
export { readDeviceReputation, type ReputationQuery } from './reputation-store.js';
export { createDeviceRuntime, type DeviceRuntime, type DeviceSessionReceipt } from './runtime.js';
