/**
 * The pure half of the audit log: how an entry is hashed, how a chain is checked, and the guard that keeps clear
 * identifiers out of entry details. No I/O here; src/audit/log.ts stores and reads entries.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../core/canonical.js';

/** prevHash of a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  tenantId: string;
  /** Who: `key:<keyId>`, `cli:<os user>`, `user:<userId>`, `system`. */
  actor: string;
  /** What, as `<thing>.<verb>`: `list.add`, `flow.published`, `model.approve`, `key.revoke`, `case.assign`... */
  action: string;
  /** Which: `list:<name>`, `flow:<id>:<version>`, `model:<name>@<version>`, `key:<keyId>`, `user:<id>`... */
  subject: string;
  /** Why and how much; JSON only, never a clear personal identifier (hashes and counts are fine). */
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  tenantId: string;
  seq: number;
  /** ISO-8601 with milliseconds, as hashed. */
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** HMAC-SHA256 under the chain key (kept outside the database); false only for entries written before keying. */
  keyed: boolean;
}

/** The text an entry's hash covers: the canonical JSON of everything but the hash itself. */
export function entryText(e: Omit<AuditEntry, 'hash' | 'keyed'>): string {
  return canonicalJson({
    seq: e.seq,
    tenant: e.tenantId,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: e.detail,
    prevHash: e.prevHash,
  });
}

/**
 * HMAC-SHA256 of the entry text under the chain key: whoever can write the database but not read the key cannot
 * produce a hash that verifies, so rewriting an entry and every hash after it (what a plain SHA-256 chain allows
 * the database owner) is detected. Without a key (entries from before keying), plain SHA-256.
 */
export function entryHash(e: Omit<AuditEntry, 'hash' | 'keyed'>, key: Buffer | null | undefined): string {
  const text = entryText(e);
  return key ? createHmac('sha256', key).update(text).digest('hex') : sha256Hex(text);
}

// Clear identifiers that must never sit in an audit detail. The look-arounds keep base64url hashes (which may hold
// runs of digits) from matching: a match must not touch a letter, digit, `-` or `_`.
const IDENTIFIER_PATTERNS: RegExp[] = [
  /[^\s@"<>,;:]+@[^\s@"<>,;:]+\.[A-Za-z]{2,}/g, // e-mail
  /(?<![A-Za-z0-9_-])\d{17}[\dXx](?![A-Za-z0-9_-])/g, // PRC resident identity card number
  /(?<![A-Za-z0-9_-])\+?(?:86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![A-Za-z0-9_-])/g, // PRC mobile number
];

function redactText(text: string): string {
  let out = text;
  for (const p of IDENTIFIER_PATTERNS) out = out.replace(p, '[redacted]');
  return out;
}

/**
 * A JSON-clean copy of a detail (dates become ISO strings, undefined is dropped — exactly what the store will give
 * back, so the hash verifies after a round trip; NUL, which jsonb refuses, is dropped) with anything shaped like a clear identifier redacted: a free-text
 * comment naming a borrower's phone must not become an undeletable record of it.
 */
export function cleanDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  const json = JSON.stringify(detail ?? {}, (_key, value: unknown) =>
    typeof value === 'string' ? redactText(value.split('\u0000').join('')) : value,
  );
  const parsed = JSON.parse(json) as unknown;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : { value: parsed };
}

export interface ChainBreak {
  /** The first sequence number at which the chain does not hold. */
  seq: number;
  reason: string;
}

/**
 * Walks a tenant's entries in seq order and reports the first break: an edited entry (its hash no longer matches),
 * a removed or inserted one (a gap or a prevHash that does not link), a reordered pair (prevHash mismatch), or a
 * removed tail (the head row is ahead of the last entry). Stateful so verification streams page by page.
 */
export function createChainChecker(tenantId: string, key: Buffer | null | undefined) {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let broken: ChainBreak | undefined;
  let firstKeyed: number | null = null;
  let unkeyed = 0;
  return {
    /** Feed the next entry; returns false once the chain is broken (stop reading). */
    push(e: AuditEntry): boolean {
      if (broken) return false;
      if (e.tenantId !== tenantId) broken = { seq: e.seq, reason: `entry belongs to tenant ${e.tenantId}` };
      else if (e.seq !== expectedSeq)
        broken =
          e.seq > expectedSeq
            ? { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (next stored entry is ${e.seq})` }
            : { seq: e.seq, reason: `entry ${e.seq} appears out of order` };
      else if (e.prevHash !== prevHash)
        broken = {
          seq: e.seq,
          reason: `entry ${e.seq} does not link to entry ${e.seq - 1} (removed, inserted or reordered)`,
        };
      else if (e.keyed && !key)
        broken = { seq: e.seq, reason: `entry ${e.seq} is keyed: verifying it needs the chain key` };
      else if (!e.keyed && firstKeyed !== null)
        broken = { seq: e.seq, reason: `entry ${e.seq} is unkeyed after keyed entries (rewritten without the key)` };
      else if (entryHash(e, e.keyed ? key : null) !== e.hash)
        broken = { seq: e.seq, reason: `entry ${e.seq} was altered (hash mismatch)` };
      else {
        if (e.keyed) firstKeyed ??= e.seq;
        else unkeyed++;
        expectedSeq += 1;
        prevHash = e.hash;
        return true;
      }
      return false;
    },
    /** Close the walk against the head row (seq and hash of the last appended entry). */
    finish(head: { seq: number; hash: string } | undefined): ChainBreak | undefined {
      if (broken) return broken;
      const last = expectedSeq - 1;
      if (!head) return last === 0 ? undefined : { seq: 1, reason: 'entries exist but the chain head is missing' };
      if (head.seq > last)
        return { seq: last + 1, reason: `entries ${last + 1}..${head.seq} are missing (the tail was removed)` };
      if (head.seq < last)
        return { seq: head.seq + 1, reason: `entries after ${head.seq} were inserted behind the chain head` };
      if (head.hash !== prevHash) return { seq: last, reason: `entry ${last} does not match the chain head` };
      return undefined;
    },
    get entries() {
      return expectedSeq - 1;
    },
    /** Seq of the first keyed entry (null: none yet). */
    get firstKeyed() {
      return firstKeyed;
    },
    /** Entries written before the chain was keyed (plain SHA-256). */
    get unkeyed() {
      return unkeyed;
    },
    get lastHash() {
      return prevHash;
    },
  };
}

/**
 * A blind reference to an identifier hash for entry details (`list.remove`): stable, so two entries about the same
 * list entry can be matched, but not the stored hash itself — once an erasure removes the hash from the store,
 * nothing in the (unchangeable) chain equals it.
 */
export function auditEntryRef(identifierHash: string): string {
  return sha256Hex(`riskloop/audit-entry-ref\0${identifierHash}`).slice(0, 24);
}
