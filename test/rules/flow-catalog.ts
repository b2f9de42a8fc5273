import { createFieldCatalog } from '../../src/core/fields.js';
import { deriveKey, hashIdentifier } from '../../src/core/identifiers.js';
import { createListIndex } from '../../src/rules/index.js';

export const flowCatalog = createFieldCatalog([
  { name: 'application.amount', type: 'number', description: '' },
  { name: 'application.term', type: 'number', description: '' },
  { name: 'application.channel', type: 'string', description: '' },
  { name: 'application.submittedAt', type: 'date', description: '' },
  { name: 'applicant.age', type: 'number', description: '' },
  { name: 'applicant.income', type: 'number', description: '' },
  { name: 'applicant.phone', type: 'string', description: '' },
  { name: 'device_id', type: 'string', description: '' },
  { name: 'ml_orgs_1m', type: 'number', description: '' },
  { name: 'ml_outstanding', type: 'number', description: '' },
  { name: 'overdue_elsewhere', type: 'boolean', description: '' },
  { name: 'bureau_score', type: 'number', description: '' },
]);

export const key = deriveKey(Buffer.alloc(32, 3), 'identifiers');
const at = '2024-01-01T00:00:00Z';
export function testLists() {
  return createListIndex(
    [
      { name: 'phone_black', kind: 'phone', color: 'black' },
      { name: 'phone_white', kind: 'phone', color: 'white' },
      { name: 'phone_watch', kind: 'phone', color: 'grey' },
      { name: 'device_black', kind: 'deviceId', color: 'black' },
    ],
    [
      {
        list: 'phone_black',
        hash: hashIdentifier(key, 'phone', '13800000001'),
        reason: 'confirmed fraud',
        source: 'manual',
        addedAt: at,
        expiresAt: null,
      },
      {
        list: 'phone_white',
        hash: hashIdentifier(key, 'phone', '13800000002'),
        reason: 'staff',
        source: 'hr',
        addedAt: at,
        expiresAt: null,
      },
      {
        list: 'phone_watch',
        hash: hashIdentifier(key, 'phone', '13800000003'),
        reason: 'disputed',
        source: 'ops',
        addedAt: at,
        expiresAt: null,
      },
    ],
    { key },
  );
}

export const cleanFacts = () => ({
  application: { amount: 20000, term: 12, channel: 'web', submittedAt: '2024-05-01T12:00:00Z' },
  applicant: { age: 35, income: 10000, phone: '13900000000' },
  device_id: 'dev-9',
  ml_orgs_1m: 1,
  ml_outstanding: 0,
  overdue_elsewhere: false,
  bureau_score: 720,
});
