import type { Application } from '../../src/core/index.js';

/** A valid application; tests override what they exercise. Identifiers are synthetic. */
export function sampleApplication(overrides: Partial<Application> = {}): Application {
  return {
    applicationId: 'APP-1',
    product: 'cash-loan',
    amount: 10_000,
    term: 12,
    channel: 'app',
    submittedAt: '2026-11-01T10:00:00.000Z',
    declaredIncome: 6_000,
    declaredObligations: 500,
    applicant: {
      nationalId: '11010119900307123X',
      name: 'Zhang Wei',
      dateOfBirth: '1990-03-07',
      phone: '13912345678',
      email: 'zhang.wei@example.com',
      bankCard: '6222020200112233445',
      address: { province: 'BJ', city: 'Beijing', line: '1 Chang An Avenue' },
      employment: { status: 'employed', employer: 'Acme Ltd', employerPhone: '01088886666', monthsInJob: 30 },
      emergencyContacts: [{ name: 'Wang Fang', phone: '13700001111', relation: 'spouse' }],
    },
    device: { deviceId: 'dev-8f7a6b5c', platform: 'android', emulator: false, rooted: false, proxy: false },
    ip: '203.0.113.45',
    ...overrides,
  };
}

/** Clear identifier values in sampleApplication(): none may appear in stores, logs or errors. */
export const SAMPLE_IDENTIFIERS = [
  '11010119900307123X',
  'Zhang Wei',
  '13912345678',
  'zhang.wei@example.com',
  '6222020200112233445',
  '1 Chang An Avenue',
  '01088886666',
  '13700001111',
  'Wang Fang',
  'dev-8f7a6b5c',
  '203.0.113.45',
];
