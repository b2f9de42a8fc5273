/**
 * The API-key cache: a change to one tenant's keys (the change feed's api_keys signal carries the tenant) drops only
 * that tenant's cached keys, so a key change in one tenant does not send every other tenant's traffic to the store.
 */
import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createAuthenticator } from '../../src/server/auth.js';
import type { ApiKeyRepository, ApiKeyRow } from '../../src/store/index.js';

function keys(rows: Record<string, Pick<ApiKeyRow, 'tenantId' | 'keyId'>>) {
  const lookups: string[] = [];
  const repository: ApiKeyRepository = {
    async findBySecret(secret) {
      lookups.push(secret);
      const row = rows[secret];
      return row
        ? {
            ...row,
            role: 'decision',
            name: '',
            keyPrefix: secret.slice(0, 8),
            ownerUserId: null,
            createdAt: new Date(),
            revokedAt: null,
          }
        : undefined;
    },
    create: () => Promise.reject(new Error('not used')),
    list: () => Promise.reject(new Error('not used')),
    revoke: () => Promise.reject(new Error('not used')),
  };
  return { repository, lookups };
}

const request = (secret: string) =>
  ({
    routeOptions: { config: { permission: 'decisions:create' } },
    headers: { authorization: `Bearer ${secret}` },
    ip: '192.0.2.1',
  }) as unknown as FastifyRequest & { auth: unknown };

describe('API-key cache', () => {
  it('drops only the changed tenant’s keys on its signal, every key on a reconnection', async () => {
    const { repository, lookups } = keys({
      'rk_lender-a': { tenantId: 'lender-a', keyId: 'key_a' },
      'rk_lender-b': { tenantId: 'lender-b', keyId: 'key_b' },
    });
    const auth = createAuthenticator(repository);
    const call = async (secret: string) => {
      const r = request(secret);
      await auth.hook(r, {} as FastifyReply);
      return r.auth;
    };
    await call('rk_lender-a');
    await call('rk_lender-b');
    await call('rk_lender-a');
    await call('rk_lender-b');
    expect(lookups).toEqual(['rk_lender-a', 'rk_lender-b']);

    auth.forget('lender-a');
    expect(await call('rk_lender-a')).toMatchObject({ tenantId: 'lender-a', keyId: 'key_a' });
    expect(await call('rk_lender-b')).toMatchObject({ tenantId: 'lender-b', keyId: 'key_b' });
    expect(lookups).toEqual(['rk_lender-a', 'rk_lender-b', 'rk_lender-a']);

    auth.forget();
    await call('rk_lender-b');
    expect(lookups).toEqual(['rk_lender-a', 'rk_lender-b', 'rk_lender-a', 'rk_lender-b']);
  });
});
