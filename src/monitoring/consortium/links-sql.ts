/**
 * The store side of the consortium wire: which of a lender's borrowers (those with a loan from an imported
 * application) are not linked to their consortium hashes yet, recording the links, and finding the borrowers a
 * consortium event is about. Every lookup is by keyed hash; no clear identifier is stored.
 */
import type { SqlExecutor } from '../../store/index.js';

export interface UnlinkedBorrower {
  tenantId: string;
  borrowerId: string;
  applicationId: string;
  /** The application's sealed identity (opens only for this tenant, table and row). */
  sealedIdentity: string | null;
}

export interface BorrowerLink {
  tenantId: string;
  borrowerId: string;
  idHash: string | null;
  phoneHash: string | null;
}

export interface ConsortiumLinkRepository {
  unlinked(limit: number): Promise<UnlinkedBorrower[]>;
  link(links: BorrowerLink[]): Promise<void>;
  /** Borrowers of every tenant whose national-id or phone hash is among these. */
  borrowersOf(idHashes: string[], phoneHashes: string[]): Promise<BorrowerLink[]>;
}

export function createSqlConsortiumLinkRepository(db: SqlExecutor): ConsortiumLinkRepository {
  return {
    async unlinked(limit) {
      const r = await db.query<{
        tenant_id: string;
        borrower_id: string;
        application_id: string;
        sealed_identity: string | null;
      }>(
        `select distinct on (a.tenant_id, a.snapshot->'applicant'->>'nationalIdHash')
                a.tenant_id, a.snapshot->'applicant'->>'nationalIdHash' as borrower_id, a.application_id,
                a.sealed_identity
         from loans l join applications a on a.tenant_id = l.tenant_id and a.application_id = l.application_id
         where a.snapshot->'applicant'->>'nationalIdHash' is not null
           and not exists (select 1 from borrower_consortium_ids b
                           where b.tenant_id = a.tenant_id and b.borrower_id = a.snapshot->'applicant'->>'nationalIdHash')
         order by a.tenant_id, a.snapshot->'applicant'->>'nationalIdHash', a.submitted_at desc
         limit $1`,
        [limit],
      );
      return r.rows.map((row) => ({
        tenantId: row.tenant_id,
        borrowerId: row.borrower_id,
        applicationId: row.application_id,
        sealedIdentity: row.sealed_identity,
      }));
    },
    async link(links) {
      if (links.length === 0) return;
      await db.query(
        `insert into borrower_consortium_ids (tenant_id, borrower_id, id_hash, phone_hash)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
         on conflict (tenant_id, borrower_id) do nothing`,
        [
          links.map((l) => l.tenantId),
          links.map((l) => l.borrowerId),
          links.map((l) => l.idHash),
          links.map((l) => l.phoneHash),
        ],
      );
    },
    async borrowersOf(idHashes, phoneHashes) {
      if (idHashes.length === 0 && phoneHashes.length === 0) return [];
      const r = await db.query<{
        tenant_id: string;
        borrower_id: string;
        id_hash: string | null;
        phone_hash: string | null;
      }>(
        `select tenant_id, borrower_id, id_hash, phone_hash from borrower_consortium_ids
         where id_hash = any($1::text[]) or phone_hash = any($2::text[])`,
        [idHashes, phoneHashes],
      );
      return r.rows.map((row) => ({
        tenantId: row.tenant_id,
        borrowerId: row.borrower_id,
        idHash: row.id_hash,
        phoneHash: row.phone_hash,
      }));
    },
  };
}
