/** Keys derived from the one master secret: a matching key per tenant, and the key that seals clear identity. */
import { deriveKey, createSealer, type Sealer } from './identifiers.js';

export interface KeyRing {
  /** HMAC key under which this tenant's identifiers are hashed (tenants cannot match each other's data). */
  tenantHmacKey(tenantId: string): Buffer;
  /** AES-256-GCM sealing of clear identity values kept at rest. */
  readonly sealer: Sealer;
}

export function createKeyRing(masterKey: Buffer): KeyRing {
  const tenantKeys = new Map<string, Buffer>();
  return {
    tenantHmacKey(tenantId) {
      let key = tenantKeys.get(tenantId);
      if (!key) {
        key = deriveKey(masterKey, `riskloop/tenant-hmac/${tenantId}`);
        tenantKeys.set(tenantId, key);
      }
      return key;
    },
    sealer: createSealer(deriveKey(masterKey, 'riskloop/seal')),
  };
}
