/**
 * Consortium events: what member institutions share. Identifiers are consortium-keyed HMACs (members match each
 * other's applicants without revealing them); the member's loan id becomes an opaque keyed reference.
 */
import { createHmac } from 'node:crypto';
import { InstitutionTypes } from '../../core/schemas.js';
import { hashIdentifier } from '../../core/identifiers.js';
import type { FieldIssue } from '../../core/errors.js';
import { toEpochMs } from '../application.js';

export type InstitutionType = (typeof InstitutionTypes)[number];
export { InstitutionTypes };

/** `loan` = loan opened (disbursed); `overdue` carries the days past due; `repayment` may carry dpd 0 (cured). */
export const ConsortiumEventTypes = [
  'application',
  'approval',
  'loan',
  'repayment',
  'overdue',
  'settled',
  'written-off',
] as const;
export type ConsortiumEventType = (typeof ConsortiumEventTypes)[number];

/** As stored and shared: no clear identifier anywhere. */
export interface ConsortiumEvent {
  /** Unique within the institution; (institutionId, eventId) makes ingestion idempotent. */
  eventId: string;
  institutionId: string;
  institutionType: InstitutionType;
  eventType: ConsortiumEventType;
  /** Epoch milliseconds. */
  occurredAt: number;
  idHash: string | null;
  phoneHash: string | null;
  /** Keyed reference of the member's loan (links loan / repayment / overdue / settled events), or null. */
  loanRef: string | null;
  amount: number | null;
  dpd: number | null;
}

/** What a member submits: clear identifiers (hashed on arrival, then dropped) or hashes made with the same key. */
export interface ConsortiumEventInput {
  eventId: string;
  institutionId: string;
  institutionType: string;
  eventType: string;
  occurredAt: string | number | Date;
  nationalId?: string | null;
  phone?: string | null;
  idHash?: string | null;
  phoneHash?: string | null;
  loanId?: string | null;
  amount?: number | string | null;
  dpd?: number | string | null;
}

const TYPE_ALIASES: Record<string, ConsortiumEventType> = {
  loan_opened: 'loan',
  'loan-opened': 'loan',
  written_off: 'written-off',
  writeoff: 'written-off',
};

function optionalNumber(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'number' ? v : Number(v);
}

export function loanReference(consortiumKey: Buffer, institutionId: string, loanId: string): string {
  return createHmac('sha256', consortiumKey)
    .update('loan\0')
    .update(institutionId)
    .update('\0')
    .update(loanId)
    .digest('base64url');
}

/**
 * Validates and hashes one submitted event. Issues name the field, never echo an identifier's value.
 */
export function toConsortiumEvent(
  input: ConsortiumEventInput,
  consortiumKey: Buffer,
  path = '',
): { event: ConsortiumEvent } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const eventType = TYPE_ALIASES[input.eventType] ?? input.eventType;
  if (!(ConsortiumEventTypes as readonly string[]).includes(eventType))
    issues.push({ path: `${path}/eventType`, message: `expected one of ${ConsortiumEventTypes.join(', ')}` });
  if (!(InstitutionTypes as readonly string[]).includes(input.institutionType))
    issues.push({ path: `${path}/institutionType`, message: `expected one of ${InstitutionTypes.join(', ')}` });
  if (!input.eventId) issues.push({ path: `${path}/eventId`, message: 'required' });
  if (!input.institutionId) issues.push({ path: `${path}/institutionId`, message: 'required' });
  let occurredAt = Number.NaN;
  try {
    occurredAt = toEpochMs(input.occurredAt, `${path}/occurredAt`);
  } catch {
    issues.push({ path: `${path}/occurredAt`, message: 'expected an ISO-8601 date-time or epoch ms' });
  }
  const amount = optionalNumber(input.amount);
  if (amount !== null && !Number.isFinite(amount))
    issues.push({ path: `${path}/amount`, message: 'expected a number' });
  const dpd = optionalNumber(input.dpd);
  if (dpd !== null && (!Number.isInteger(dpd) || dpd < 0 || dpd > 32_000))
    issues.push({ path: `${path}/dpd`, message: 'expected whole days past due (0..32000)' });
  const idHash = input.nationalId
    ? hashIdentifier(consortiumKey, 'nationalId', input.nationalId)
    : input.idHash || null;
  const phoneHash = input.phone ? hashIdentifier(consortiumKey, 'phone', input.phone) : input.phoneHash || null;
  if (idHash === null && phoneHash === null)
    issues.push({ path: `${path}/nationalId`, message: 'an event needs a national id or a phone (clear or hashed)' });
  for (const [field, h] of [
    ['idHash', idHash],
    ['phoneHash', phoneHash],
  ] as const) {
    if (h !== null && !/^[A-Za-z0-9_-]{43}$/.test(h))
      issues.push({ path: `${path}/${field}`, message: 'expected a 43-character base64url HMAC-SHA256' });
  }
  if (issues.length > 0) return { issues };
  return {
    event: {
      eventId: input.eventId,
      institutionId: input.institutionId,
      institutionType: input.institutionType as InstitutionType,
      eventType: eventType as ConsortiumEventType,
      occurredAt,
      idHash,
      phoneHash,
      loanRef: input.loanId ? loanReference(consortiumKey, input.institutionId, input.loanId) : null,
      amount,
      dpd,
    },
  };
}
