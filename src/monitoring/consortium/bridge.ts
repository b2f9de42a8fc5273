/**
 * The consortium wire into post-loan monitoring: an event another member shares — a new application, a new loan,
 * an overdue or a write-off at another lender — becomes a monitoring event of every tenant that has the person
 * as a borrower, so the triggers ("three loans elsewhere in a week", "overdue elsewhere") see it. Consortium events
 * carry consortium-keyed hashes and monitoring uses the tenant-keyed borrower id: the two meet through
 * `borrower_consortium_ids`, filled lazily from each borrower's sealed identity (opened, hashed with the consortium
 * key, dropped). A member's own events are not "elsewhere" to it. Monitoring event ids derive from the consortium
 * event and the borrower, so sharing, importing or routing an event twice changes nothing.
 */
import { createHash, createHmac } from 'node:crypto';
import { hashIdentifier, type Sealer } from '../../core/index.js';
import type { ConsortiumEvent } from '../../features/index.js';
import type { MonitoringEvent } from '../events/schemas.js';
import type { BorrowerLink, ConsortiumLinkRepository } from './links-sql.js';

type Kind = 'application' | 'loan' | 'overdue';
/** What monitoring tracks; approvals, repayments and settlements elsewhere raise nothing. */
const KINDS: Partial<Record<ConsortiumEvent['eventType'], Kind>> = {
  application: 'application',
  loan: 'loan',
  overdue: 'overdue',
  'written-off': 'overdue',
};

export interface ConsortiumBridgeOptions {
  links: ConsortiumLinkRepository;
  sealer: Sealer;
  consortiumKey: Buffer;
  /** Where the tenant's monitoring events go (the runtime's publish, or the outbox / stream from the CLI). */
  publish(tenantId: string, events: MonitoringEvent[]): Promise<void>;
}

export interface ConsortiumBridge {
  /** Routes stored consortium events to the monitoring of the borrowers they are about; returns events published. */
  route(events: readonly ConsortiumEvent[]): Promise<number>;
  /** Links borrowers with a loan not linked yet to their consortium hashes; returns how many were looked at. */
  link(): Promise<number>;
}

const LINK_BATCH = 1000;

export function createConsortiumBridge(o: ConsortiumBridgeOptions): ConsortiumBridge {
  const memberIds = new Map<string, string>();
  // the member as monitoring counts it ("lenders in 7 days"): keyed, so alerts do not name other members
  const memberOf = (institutionId: string) => {
    let m = memberIds.get(institutionId);
    if (!m) {
      m = `m_${createHmac('sha256', o.consortiumKey).update(`member\0${institutionId}`).digest('base64url').slice(0, 16)}`;
      memberIds.set(institutionId, m);
    }
    return m;
  };

  const identityOf = (tenantId: string, applicationId: string, sealed: string | null) => {
    if (!sealed) return null;
    try {
      const clear = o.sealer.isLegacy(sealed)
        ? o.sealer.openLegacy(sealed)
        : o.sealer.open(sealed, { tenantId, table: 'applications', rowId: applicationId });
      return JSON.parse(clear) as { nationalId?: string; phone?: string };
    } catch {
      return null; // erased or unreadable: linked with no hashes, never tried again
    }
  };

  async function link(): Promise<number> {
    let n = 0;
    for (;;) {
      const batch = await o.links.unlinked(LINK_BATCH);
      if (batch.length === 0) return n;
      const links: BorrowerLink[] = batch.map((b) => {
        const id = identityOf(b.tenantId, b.applicationId, b.sealedIdentity);
        return {
          tenantId: b.tenantId,
          borrowerId: b.borrowerId,
          idHash: id?.nationalId ? hashIdentifier(o.consortiumKey, 'nationalId', id.nationalId) : null,
          phoneHash: id?.phone ? hashIdentifier(o.consortiumKey, 'phone', id.phone) : null,
        };
      });
      await o.links.link(links);
      n += batch.length;
      if (batch.length < LINK_BATCH) return n;
    }
  }

  return {
    link,
    async route(events) {
      const relevant = events.filter((e) => KINDS[e.eventType] && (e.idHash || e.phoneHash));
      if (relevant.length === 0) return 0;
      await link();
      const ids = [...new Set(relevant.flatMap((e) => (e.idHash ? [e.idHash] : [])))];
      const phones = [...new Set(relevant.flatMap((e) => (e.phoneHash ? [e.phoneHash] : [])))];
      const found = await o.links.borrowersOf(ids, phones);
      if (found.length === 0) return 0;
      const byHash = new Map<string, BorrowerLink[]>();
      for (const b of found)
        for (const h of [b.idHash && `i${b.idHash}`, b.phoneHash && `p${b.phoneHash}`])
          if (h) byHash.set(h, [...(byHash.get(h) ?? []), b]);
      const perTenant = new Map<string, MonitoringEvent[]>();
      for (const e of relevant) {
        const matches = [
          ...(e.idHash ? (byHash.get(`i${e.idHash}`) ?? []) : []),
          ...(e.phoneHash ? (byHash.get(`p${e.phoneHash}`) ?? []) : []),
        ];
        const seen = new Set<string>();
        for (const b of matches) {
          const key = `${b.tenantId}\0${b.borrowerId}`;
          if (b.tenantId === e.institutionId || seen.has(key)) continue;
          seen.add(key);
          const kind = KINDS[e.eventType]!;
          const event: MonitoringEvent = {
            eventId: `cs_${createHash('sha256').update(`${e.institutionId}\0${e.eventId}\0${b.borrowerId}`).digest('hex').slice(0, 40)}`,
            tenantId: b.tenantId,
            borrowerId: b.borrowerId,
            occurredAt: new Date(e.occurredAt).toISOString(),
            type: 'consortium',
            kind,
            memberId: memberOf(e.institutionId),
            ...(e.amount !== null && e.amount >= 0 ? { amount: e.amount } : {}),
            ...(kind === 'overdue' && e.dpd !== null ? { dpd: e.dpd } : {}),
          };
          let list = perTenant.get(b.tenantId);
          if (!list) perTenant.set(b.tenantId, (list = []));
          list.push(event);
        }
      }
      let n = 0;
      for (const [tenantId, list] of perTenant) {
        await o.publish(tenantId, list);
        n += list.length;
      }
      return n;
    },
  };
}
