/**
 * Identity consistency ("false information"): what the applicant declared checked against itself and against the
 * national id — the id's check character, the birth date and sex it encodes, the province it was issued in against
 * the declared address and against the province of the mobile number's block, an emergency contact who is the applicant's own phone, a virtual-operator phone, a
 * throw-away e-mail. Facts only (true/false, null when there is nothing to compare); the flow decides what they
 * are worth. Pure and synchronous; the enrich stage adds them to every decision's facts.
 */
import {
  createFieldCatalog,
  isDisposableEmail,
  isVirtualOperatorPhone,
  mainlandMobile,
  normalizeIdentifier,
  parseResidentId,
  provinceCodeOf,
  type Application,
  type PhoneRegions,
  type FieldCatalog,
} from '../../core/index.js';

export interface IdentityFacts {
  id_format_ok: boolean | null;
  id_checksum_ok: boolean | null;
  id_birth_date_mismatch: boolean | null;
  id_sex_mismatch: boolean | null;
  id_region_address_mismatch: boolean | null;
  phone_region_id_mismatch: boolean | null;
  phone_region_address_mismatch: boolean | null;
  contact_is_own_phone: boolean | null;
  contact_is_employer_phone: boolean | null;
  phone_virtual_operator: boolean | null;
  email_disposable: boolean | null;
  identity_inconsistencies: number;
}

export const IDENTITY_FACTS: FieldCatalog = createFieldCatalog([
  { name: 'id_format_ok', type: 'boolean', description: 'the national id has the 18-character resident-id shape' },
  { name: 'id_checksum_ok', type: 'boolean', description: 'the national id check character is right (MOD 11-2)' },
  { name: 'id_birth_date_mismatch', type: 'boolean', description: 'declared birth date differs from the id' },
  { name: 'id_sex_mismatch', type: 'boolean', description: 'declared sex differs from the id (odd sequence = male)' },
  {
    name: 'id_region_address_mismatch',
    type: 'boolean',
    description: 'the id was issued in another province than the declared address (common among migrants: weak alone)',
  },
  {
    name: 'phone_region_id_mismatch',
    type: 'boolean',
    description: 'the mobile number was issued in another province than the national id (its number block)',
  },
  {
    name: 'phone_region_address_mismatch',
    type: 'boolean',
    description: 'the mobile number was issued in another province than the declared address (its number block)',
  },
  { name: 'contact_is_own_phone', type: 'boolean', description: "an emergency contact is the applicant's own phone" },
  { name: 'contact_is_employer_phone', type: 'boolean', description: "an emergency contact is the employer's phone" },
  { name: 'phone_virtual_operator', type: 'boolean', description: 'the mobile number is a virtual operator (MVNO)' },
  { name: 'email_disposable', type: 'boolean', description: 'the e-mail is at a throw-away mail service' },
  {
    name: 'identity_inconsistencies',
    type: 'number',
    description: 'hard inconsistencies: bad id checksum, birth date or sex against the id, contact = own phone',
  },
]);

// +86 or not, spaces or dashes: one mainland mobile is one number
const phoneKey = (p: string) => mainlandMobile(p) ?? normalizeIdentifier('phone', p);
const samePhone = (a: string | undefined, b: string | undefined) => !!a && !!b && phoneKey(a) === phoneKey(b);

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Every comparison needs both sides in clear: a stored snapshot (identifiers keyed-hashed, as backtests replay
 * imported history) gives nulls, never a guess.
 */
export function identityFacts(application: Application, regions?: PhoneRegions): IdentityFacts {
  const a = application.applicant;
  const nationalId = text(a.nationalId);
  const phone = text(a.phone);
  const email = text(a.email);
  const id = nationalId ? parseResidentId(nationalId) : null;
  const contacts = (a.emergencyContacts ?? []).filter((c) => text(c.phone));
  const province = text(a.address?.province) ? provinceCodeOf(a.address!.province!) : null;
  // the province of the number's block, read while the number is in clear: only the comparisons are kept
  const phoneProvince = phone && regions ? regions.provinceOf(phone) : null;
  const facts: IdentityFacts = {
    id_format_ok: nationalId ? id !== null : null,
    id_checksum_ok: id ? id.checksumOk : null,
    id_birth_date_mismatch: id ? id.birthDate !== a.dateOfBirth : null,
    id_sex_mismatch: id && a.sex ? id.sex !== a.sex : null,
    id_region_address_mismatch: id && province ? id.provinceCode !== province : null,
    phone_region_id_mismatch: id && phoneProvince ? id.provinceCode !== phoneProvince : null,
    phone_region_address_mismatch: province && phoneProvince ? province !== phoneProvince : null,
    contact_is_own_phone: contacts.length && phone ? contacts.some((c) => samePhone(c.phone, phone)) : null,
    contact_is_employer_phone:
      contacts.length && text(a.employment?.employerPhone)
        ? contacts.some((c) => samePhone(c.phone, a.employment?.employerPhone))
        : null,
    phone_virtual_operator: phone ? isVirtualOperatorPhone(phone) : null,
    email_disposable: email ? isDisposableEmail(email) : null,
    identity_inconsistencies: 0,
  };
  facts.identity_inconsistencies =
    Number(facts.id_checksum_ok === false) +
    Number(facts.id_birth_date_mismatch === true) +
    Number(facts.id_sex_mismatch === true) +
    Number(facts.contact_is_own_phone === true);
  return facts;
}
