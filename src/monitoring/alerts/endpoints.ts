/**
 * Each tenant's alert receivers (`webhook_endpoints`): a URL and a signing secret of its own, shown once at creation
 * and kept sealed (AES-256-GCM bound to tenant and endpoint), never listed again. Adding or removing one is an entry
 * of the tenant's audit chain in the same transaction. The URL must be http(s) and, unless the operator allows
 * private addresses, must not name a private, loopback or link-local address literally; names are checked again on
 * every delivery, on the address actually connected to (address-guard.ts).
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { appendAuditEntry, auditTransaction } from '../../audit/index.js';
import { newId, NotFoundError, ValidationError, type Sealer } from '../../core/index.js';
import type { SqlExecutor } from '../../store/index.js';
import type { AddressGuard } from './address-guard.js';
import type { WebhookTarget } from './webhook.js';

export interface WebhookEndpoint {
  endpointId: string;
  url: string;
  createdBy: string;
  createdAt: string;
}

export interface WebhookEndpoints {
  /** Adds a receiver; the answer carries its secret, the only time it is shown. */
  create(tenantId: string, url: string, actor: string): Promise<WebhookEndpoint & { secret: string }>;
  list(tenantId: string): Promise<WebhookEndpoint[]>;
  remove(tenantId: string, endpointId: string, actor: string): Promise<void>;
  /** Where the tenant's alerts go now, secrets opened (cached briefly: other nodes' changes show within seconds). */
  targets(tenantId: string): Promise<(WebhookTarget & { id: string })[]>;
}

const MAX_ENDPOINTS = 10;
const CACHE_MS = 5_000;
const row = (tenantId: string, endpointId: string) => ({ tenantId, table: 'webhook_endpoints', rowId: endpointId });

/** Refuses what can never be a receiver: not http(s), credentials in the URL, a refused address literal. */
export function checkWebhookUrl(text: string, guard: AddressGuard): URL {
  const issue = (message: string) => new ValidationError(`webhook url ${message}`, [{ path: '/url', message }]);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw issue('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw issue('must be http or https');
  if (url.username || url.password) throw issue('must not carry credentials (the signature authenticates)');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    try {
      guard.check(host, host);
    } catch (e) {
      throw issue((e as Error).message);
    }
  }
  if (/^localhost$/i.test(host) || /\.localhost$/i.test(host)) {
    try {
      guard.check(host, '127.0.0.1');
    } catch (e) {
      throw issue((e as Error).message);
    }
  }
  return url;
}

export function createWebhookEndpoints(db: SqlExecutor, sealer: Sealer, guard: AddressGuard): WebhookEndpoints {
  const cache = new Map<string, { at: number; targets: (WebhookTarget & { id: string })[] }>();
  const iso = (v: unknown) => new Date(v as string).toISOString();
  return {
    async create(tenantId, text, actor) {
      const url = checkWebhookUrl(text, guard).toString();
      const endpointId = newId('whk');
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      const created = await auditTransaction(db, async (tx) => {
        const n = await tx.query<{ n: number }>(
          'select count(*)::int as n from webhook_endpoints where tenant_id = $1',
          [tenantId],
        );
        if ((n.rows[0]?.n ?? 0) >= MAX_ENDPOINTS)
          throw new ValidationError(`at most ${MAX_ENDPOINTS} webhook endpoints per tenant`, [
            { path: '/url', message: 'too many endpoints' },
          ]);
        const r = await tx.query<{ created_at: unknown }>(
          `insert into webhook_endpoints (tenant_id, endpoint_id, url, secret_sealed, created_by)
           values ($1, $2, $3, $4, $5) returning created_at`,
          [tenantId, endpointId, url, sealer.seal(secret, row(tenantId, endpointId)), actor],
        );
        await appendAuditEntry(tx, {
          tenantId,
          actor,
          action: 'webhook.create',
          subject: `webhook:${endpointId}`,
          detail: { host: new URL(url).host },
        });
        return r.rows[0]!.created_at;
      });
      cache.delete(tenantId);
      return { endpointId, url, createdBy: actor, createdAt: iso(created), secret };
    },
    async list(tenantId) {
      const r = await db.query<{ endpoint_id: string; url: string; created_by: string; created_at: unknown }>(
        `select endpoint_id, url, created_by, created_at from webhook_endpoints where tenant_id = $1
         order by created_at, endpoint_id`,
        [tenantId],
      );
      return r.rows.map((e) => ({
        endpointId: e.endpoint_id,
        url: e.url,
        createdBy: e.created_by,
        createdAt: iso(e.created_at),
      }));
    },
    async remove(tenantId, endpointId, actor) {
      await auditTransaction(db, async (tx) => {
        const r = await tx.query(
          'delete from webhook_endpoints where tenant_id = $1 and endpoint_id = $2 returning endpoint_id',
          [tenantId, endpointId],
        );
        if (r.rows.length === 0) throw new NotFoundError('webhook endpoint');
        await appendAuditEntry(tx, { tenantId, actor, action: 'webhook.remove', subject: `webhook:${endpointId}` });
      });
      cache.delete(tenantId);
    },
    async targets(tenantId) {
      const hit = cache.get(tenantId);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.targets;
      const r = await db.query<{ endpoint_id: string; url: string; secret_sealed: string }>(
        'select endpoint_id, url, secret_sealed from webhook_endpoints where tenant_id = $1 order by endpoint_id',
        [tenantId],
      );
      const targets = r.rows.map((e) => ({
        id: e.endpoint_id,
        url: e.url,
        secret: sealer.open(e.secret_sealed, row(tenantId, e.endpoint_id)),
      }));
      cache.set(tenantId, { at: Date.now(), targets });
      return targets;
    },
  };
}
