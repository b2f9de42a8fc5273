/**
 * From clear identifiers to graph links: every value is keyed-hashed (hashIdentifier) before it reaches the
 * graph, so the graph, its snapshots and its reasons never hold a clear identifier.
 */
import { createHmac } from 'node:crypto';
import { hashIdentifier, type IdentifierKind } from '../core/identifiers.js';
import type { GraphLink } from './association-graph.js';

/** Clear identifiers of one application, as the decision path receives them. */
export interface ApplicationIdentifiers {
  nationalId?: string;
  phone?: string;
  deviceId?: string;
  ip?: string;
  card?: string;
  email?: string;
  address?: string;
  employerPhone?: string;
  contactPhones?: string[];
}

/** Graph kind for each identifier kind (an IP links by its /24 network). */
const GRAPH_KIND: Partial<Record<IdentifierKind, string>> = {
  nationalId: 'nationalId',
  phone: 'phone',
  deviceId: 'device',
  ip: 'ip24',
  ip24: 'ip24',
  card: 'card',
  email: 'email',
  address: 'address',
  employer: 'employer',
  employerPhone: 'employerPhone',
  contactPhone: 'contactPhone',
};

/** The graph kind an identifier kind links as (`ip` → `ip24`, `deviceId` → `device`). */
export function graphKind(kind: IdentifierKind): string {
  return GRAPH_KIND[kind] ?? kind;
}

export function isIdentifierKind(kind: string): kind is IdentifierKind {
  return kind in GRAPH_KIND;
}

/** Values that mean "missing" in exports; hashing them would create a giant false hub. */
const PLACEHOLDERS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-', 'unknown', 'undefined']);

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDERS.has(value.trim().toLowerCase());
}

/** One link from a clear value of a known identifier kind. */
export function identifierLink(key: Buffer, kind: IdentifierKind, value: string): GraphLink | null {
  if (isPlaceholder(value)) return null;
  const hashKind: IdentifierKind = kind === 'ip' ? 'ip24' : kind;
  return { kind: GRAPH_KIND[kind] ?? kind, hash: hashIdentifier(key, hashKind, value) };
}

/**
 * One link from an arbitrary column (the rings CLI on any CSV): namespaced by column so equal values in unrelated
 * columns never match. Same HMAC construction as hashIdentifier.
 */
export function columnLink(key: Buffer, column: string, value: string): GraphLink | null {
  if (isPlaceholder(value)) return null;
  const hash = createHmac('sha256', key)
    .update(`col:${column}`)
    .update('\0')
    .update(value.normalize('NFKC').trim())
    .digest('base64url');
  return { kind: column, hash };
}

export function applicationLinks(key: Buffer, ids: ApplicationIdentifiers): GraphLink[] {
  const links: GraphLink[] = [];
  const add = (kind: IdentifierKind, value: string | undefined) => {
    if (value === undefined) return;
    const link = identifierLink(key, kind, value);
    if (link) links.push(link);
  };
  add('nationalId', ids.nationalId);
  add('phone', ids.phone);
  add('deviceId', ids.deviceId);
  add('ip', ids.ip);
  add('card', ids.card);
  add('email', ids.email);
  add('address', ids.address);
  add('employerPhone', ids.employerPhone);
  for (const c of ids.contactPhones ?? []) add('contactPhone', c);
  return links;
}
