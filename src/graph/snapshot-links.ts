/**
 * The graph's links of one application, from the clear values the decision path receives or from a stored snapshot
 * (imported applications and decisions keep every identifier as its tenant-keyed hash). Both give the same links, so
 * an application decided live, decided on another node or imported links to the same entities.
 */
import type { Application } from '../core/index.js';
import type { GraphLink } from './association-graph.js';
import type { ApplicationIdentifiers } from './links.js';

/** The keyed hashes a stored application snapshot carries (see decision/protect.ts). */
export interface GraphSnapshot {
  applicationId?: string;
  applicant?: {
    nationalIdHash?: string;
    phoneHash?: string;
    emailHash?: string;
    bankCardHash?: string;
    address?: { lineHash?: string };
    employment?: { employerPhoneHash?: string };
    emergencyContacts?: { phoneHash?: string }[];
  };
  device?: { deviceIdHash?: string };
  ip24Hash?: string;
}

/** The graph's links from a stored snapshot: the same keyed hashes `applicationLinks` computes from clear values. */
export function linksFromSnapshot(s: GraphSnapshot): GraphLink[] {
  const links: GraphLink[] = [];
  const add = (kind: string, hash: string | undefined) => {
    if (hash) links.push({ kind, hash });
  };
  add('nationalId', s.applicant?.nationalIdHash);
  add('phone', s.applicant?.phoneHash);
  add('device', s.device?.deviceIdHash);
  add('ip24', s.ip24Hash);
  add('card', s.applicant?.bankCardHash);
  add('email', s.applicant?.emailHash);
  add('address', s.applicant?.address?.lineHash);
  add('employerPhone', s.applicant?.employment?.employerPhoneHash);
  for (const c of s.applicant?.emergencyContacts ?? []) add('contactPhone', c.phoneHash);
  return links;
}

/** The identifiers of a live application the graph links by (an IPv6 address has no /24 and links nothing). */
export function clearIdentifiers(a: Application): ApplicationIdentifiers {
  return {
    nationalId: a.applicant.nationalId,
    phone: a.applicant.phone,
    deviceId: a.device?.deviceId,
    ip: a.ip?.includes('.') ? a.ip : undefined,
    card: a.applicant.bankCard,
    email: a.applicant.email,
    address: a.applicant.address?.line,
    employerPhone: a.applicant.employment?.employerPhone,
    contactPhones: a.applicant.emergencyContacts?.map((c) => c.phone),
  };
}
