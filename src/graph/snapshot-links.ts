/**
 * The graph's links of one application, from the keyed identity the decision path computed once or from a stored
 * snapshot (imported applications and decisions keep every identifier as its tenant-keyed hash). Both give the same
 * links, so an application decided live, decided on another node or imported links to the same entities.
 */
import type { Application } from '../core/index.js';
import type { ApplicantIdentity } from '../decision/index.js';
import type { GraphLink } from './association-graph.js';
import { isPlaceholder } from './links.js';

/** The keyed hashes a stored application snapshot carries (see decision/protect.ts). */
export interface GraphSnapshot {
  applicationId?: string;
  /** When it was submitted (ISO): the graph adds it from then on (arrivals.ts). */
  submittedAt?: string;
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

/** The graph's links from a stored snapshot: the same keyed hashes `identityLinks` reads from a live decision. */
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

/**
 * The graph's links of a live application: its identity's keyed hashes, except for values that mean "missing" in
 * exports (a giant false hub) and an IPv6 address (no /24 network to link by).
 */
export function identityLinks(a: Application, identity: ApplicantIdentity): GraphLink[] {
  const links: GraphLink[] = [];
  const add = (kind: string, clear: string | undefined, keyed: () => string | undefined) => {
    if (clear === undefined || isPlaceholder(clear)) return;
    const hash = keyed();
    if (hash !== undefined) links.push({ kind, hash });
  };
  const p = a.applicant;
  add('nationalId', p.nationalId, () => identity.nationalId);
  add('phone', p.phone, () => identity.phone);
  add('device', a.device?.deviceId, () => identity.deviceId);
  add('ip24', a.ip?.includes('.') ? a.ip : undefined, () => identity.ip24);
  add('card', p.bankCard, () => identity.card);
  add('email', p.email, () => identity.email);
  add('address', p.address?.line, () => identity.address);
  add('employerPhone', p.employment?.employerPhone, () => identity.employerPhone);
  p.emergencyContacts?.forEach((c, i) => add('contactPhone', c.phone, () => identity.contactPhones[i]));
  return links;
}
