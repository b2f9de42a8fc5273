/**
 * API keys: 256-bit random secrets shown once; only their SHA-256 is stored. A fast hash is right here (unlike
 * passwords): the secret has full entropy, so there is nothing to brute-force, and lookup stays O(1) per request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { newId, type Role } from '../core/index.js';
import { appendAuditEntry, auditTransaction } from '../audit/index.js';
import type { SqlExecutor } from './sql.js';

export interface ApiKeyRow {
  keyId: string;
  tenantId: string;
  role: Role;
  name: string;
  keyPrefix: string;
  /** The console user who owns the key (its person, for four eyes); null for keys no person owns. */
  ownerUserId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CreatedApiKey extends ApiKeyRow {
  /** The only time the secret is visible. */
  secret: string;
}

export interface ApiKeyRepository {
  /** `actor` (who created it: `key:<keyId>`, `cli:<user>`; default `system`) goes to the audit log. */
  create(input: {
    tenantId: string;
    role: Role;
    name?: string;
    secret?: string;
    actor?: string;
    /** The console user the key acts for (API: the creator's person; CLI: `--owner`). */
    ownerUserId?: string | null;
  }): Promise<CreatedApiKey>;
  findBySecret(secret: string): Promise<ApiKeyRow | undefined>;
  list(tenantId: string): Promise<ApiKeyRow[]>;
  revoke(tenantId: string, keyId: string, actor?: string): Promise<boolean>;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKeySecret(): string {
  return `rk_${randomBytes(32).toString('base64url')}`;
}

const COLUMNS = `key_id as "keyId", tenant_id as "tenantId", role, name, key_prefix as "keyPrefix",
  owner_user_id as "ownerUserId",
  created_at as "createdAt", revoked_at as "revokedAt"`;

export function apiKeyRepository(db: SqlExecutor): ApiKeyRepository {
  return {
    async create({ tenantId, role, name = '', secret = generateApiKeySecret(), actor = 'system', ownerUserId = null }) {
      const keyId = newId('key');
      const row = await auditTransaction(db, async (tx) => {
        const r = await tx.query<ApiKeyRow>(
          `insert into api_keys (key_id, tenant_id, role, name, key_prefix, secret_hash, owner_user_id)
           values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
          [keyId, tenantId, role, name, secret.slice(0, 8), hashApiKey(secret), ownerUserId],
        );
        // never the secret nor its hash: only what identifies the key
        await appendAuditEntry(tx, {
          tenantId,
          actor,
          action: 'key.create',
          subject: `key:${keyId}`,
          detail: { role, name, owner: ownerUserId },
        });
        return r.rows[0]!;
      });
      return { ...row, secret };
    },
    async findBySecret(secret) {
      const r = await db.query<ApiKeyRow>(`select ${COLUMNS} from api_keys where secret_hash = $1`, [
        hashApiKey(secret),
      ]);
      return r.rows[0];
    },
    async list(tenantId) {
      const r = await db.query<ApiKeyRow>(`select ${COLUMNS} from api_keys where tenant_id = $1 order by created_at`, [
        tenantId,
      ]);
      return r.rows;
    },
    async revoke(tenantId, keyId, actor = 'system') {
      return auditTransaction(db, async (tx) => {
        const r = await tx.query(
          'update api_keys set revoked_at = now() where tenant_id = $1 and key_id = $2 and revoked_at is null returning key_id',
          [tenantId, keyId],
        );
        if (r.rows.length === 0) return false;
        await appendAuditEntry(tx, { tenantId, actor, action: 'key.revoke', subject: `key:${keyId}` });
        return true;
      });
    },
  };
}
