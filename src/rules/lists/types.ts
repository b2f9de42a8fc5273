/** Black, white and grey lists of identifiers, held only as keyed hashes. */
import type { IdentifierKind } from '../../core/identifiers.js';

export const LIST_KINDS = ['nationalId', 'phone', 'deviceId', 'ip', 'card', 'email', 'employer'] as const;
export type ListKind = (typeof LIST_KINDS)[number] & IdentifierKind;
export const LIST_COLORS = ['black', 'white', 'grey'] as const;
/** black → decline at once; white → fast lane (skip stages marked skippable); grey → send to review. */
export type ListColor = (typeof LIST_COLORS)[number];

export interface ListDefinition {
  /** Name used in rules: `applicant.phone in list('phone_black')`. */
  name: string;
  kind: ListKind;
  color: ListColor;
  description?: string;
}

export interface ListEntry {
  list: string;
  /** hashIdentifier(key, kind, value): the clear value is never stored. */
  hash: string;
  reason: string;
  /** Where the entry came from: `manual`, `consortium`, `import:2024-05-fraud.csv`, … */
  source: string;
  /** ISO 8601. */
  addedAt: string;
  /** ISO 8601, or null for no expiry. */
  expiresAt: string | null;
  addedBy?: string;
}

/** A list match, safe to store and show: names the list and the reason, never the identifier. */
export interface ListHit {
  list: string;
  kind: ListKind;
  color: ListColor;
  reason: string;
  source: string;
  expiresAt: string | null;
}

/** Persistence port for the store adapter (tables in migrations/0200_rules_lists_flows.sql). Every call is tenant-scoped. */
export interface ListRepository {
  definitions(tenantId: string): Promise<ListDefinition[]>;
  saveDefinition(tenantId: string, definition: ListDefinition, actor: string): Promise<void>;
  /** All live and expired entries of a tenant (or of one list), to build a ListIndex. */
  entries(tenantId: string, list?: string): Promise<ListEntry[]>;
  /** All-or-nothing: one transaction; an existing (list, hash) is replaced. */
  addEntries(tenantId: string, entries: ListEntry[], actor: string): Promise<void>;
  removeEntry(tenantId: string, list: string, hash: string, actor: string): Promise<boolean>;
}
