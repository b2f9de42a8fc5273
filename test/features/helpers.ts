import { deriveKey } from '../../src/core/identifiers.js';
import type { ConsortiumEventInput } from '../../src/features/index.js';
import { seededRandom as rng } from '../../src/core/index.js';

export { rng };

export const TENANT_KEY = deriveKey(Buffer.from('test-master-secret-tenant-0000000'), 'tenant:t1');
export const CONSORTIUM_KEY = deriveKey(Buffer.from('test-master-secret-consortium-000'), 'consortium');

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

export function ev(
  partial: Partial<ConsortiumEventInput> & Pick<ConsortiumEventInput, 'eventType' | 'occurredAt'>,
): ConsortiumEventInput {
  return {
    eventId: `e${Math.random().toString(36).slice(2)}`,
    institutionId: 'bankA',
    institutionType: 'bank',
    ...partial,
  };
}
