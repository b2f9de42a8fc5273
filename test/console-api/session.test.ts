import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHash, userRepository } from '../../src/users/index.js';
import { asConsole, sessionCookie, signInWithKey, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery';

async function createUser(email: string, role: string, tenantKey = 't1-admin') {
  const res = await h.app.inject({
    method: 'POST',
    url: '/v1/users',
    headers: { authorization: `Bearer ${h.keys[tenantKey]}` },
    payload: { email, name: email.split('@')[0], password: PASSWORD, role },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ userId: string }>().userId;
}

const login = (payload: object, remoteAddress?: string) =>
  h.app.inject({ method: 'POST', url: '/v1/session', payload, ...(remoteAddress ? { remoteAddress } : {}) });

describe('console session by API key', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and answers the session', async () => {
    const res = await login({ apiKey: h.keys['t1-admin'] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ tenantId: 't1', role: 'admin', user: null, tenants: ['t1'] });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = res.cookies.find((c) => c.name === 'riskloop_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    // plain http on loopback (local development) is the one case without Secure
    expect(cookie.secure).toBeFalsy();
    const got = await h.app.inject({ url: '/v1/session', headers: { cookie: sessionCookie(res) } });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(body);
  });

  it('marks the cookie Secure for any non-loopback client', async () => {
    const res = await login({ apiKey: h.keys['t1-viewer'] }, '203.0.113.9');
    expect(res.cookies.find((c) => c.name === 'riskloop_session')!.secure).toBe(true);
  });

  it('stores only a hash of the session id', async () => {
    const res = await login({ apiKey: h.keys['t1-viewer'] });
    const id = res.cookies.find((c) => c.name === 'riskloop_session')!.value;
    const rows = await h.store.db.query<{ session_hash: string }>('select session_hash from console_sessions');
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows.rows)).not.toContain(id);
  });

  it('refuses a wrong key with 401 and no hint, and GET /v1/session without a cookie with 401', async () => {
    const res = await login({ apiKey: 'rk_not-a-key' });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('sign-in failed');
    expect(res.cookies).toHaveLength(0);
    expect((await h.app.inject({ url: '/v1/session' })).statusCode).toBe(401);
    expect(
      (await h.app.inject({ url: '/v1/session', headers: { cookie: 'riskloop_session=forged' } })).statusCode,
    ).toBe(401);
  });

  it('authenticates API calls by cookie; writes need the CSRF header', async () => {
    const s = await signInWithKey(h.app, h.keys['t1-admin']!);
    expect((await h.app.inject({ url: '/v1/decisions', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    const create = (headers: Record<string, string>) =>
      h.app.inject({ method: 'POST', url: '/v1/keys', headers, payload: { role: 'viewer' } });
    const without = await create({ cookie: s.cookie });
    expect(without.statusCode).toBe(403);
    expect(without.json().detail).toContain('x-csrf-token');
    expect((await create({ cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrf.length) })).statusCode).toBe(403);
    const other = await signInWithKey(h.app, h.keys['t1-admin']!);
    expect((await create({ cookie: s.cookie, 'x-csrf-token': other.csrf })).statusCode).toBe(403);
    expect((await create(asConsole(s))).statusCode).toBe(201);
    // the header-authenticated API is unchanged: no CSRF token needed with a key
    expect((await create({ authorization: `Bearer ${h.keys['t1-admin']}` })).statusCode).toBe(201);
  });

  it('ends the session when its key is revoked', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${h.keys['t1-admin']}` },
      payload: { role: 'analyst' },
    });
    const { secret, keyId } = created.json<{ secret: string; keyId: string }>();
    const s = await signInWithKey(h.app, secret);
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    await h.app.inject({
      method: 'DELETE',
      url: `/v1/keys/${keyId}`,
      headers: { authorization: `Bearer ${h.keys['t1-admin']}` },
    });
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/v1/decisions', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('signs out: 204, cookie cleared, the session no longer works', async () => {
    const s = await signInWithKey(h.app, h.keys['t1-viewer']!);
    const out = await h.app.inject({ method: 'DELETE', url: '/v1/session', headers: asConsole(s) });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'riskloop_session')!;
    expect(cleared.value).toBe('');
    expect(cleared.maxAge).toBe(0);
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('sign-out by cookie without the CSRF header is refused', async () => {
    const s = await signInWithKey(h.app, h.keys['t1-viewer']!);
    expect(
      (await h.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(403);
  });

  it('expires an idle session after 12 hours', async () => {
    const s = await signInWithKey(h.app, h.keys['t2-viewer']!);
    h.clock.advance(11 * 3600_000);
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    h.clock.advance(11 * 3600_000); // used 11 h ago: still alive
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    h.clock.advance(12 * 3600_000 + 1000);
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    // the next sign-in sweeps ended sessions from the table
    const stored = async () =>
      (
        await h.store.db.query('select 1 from console_sessions where session_hash = $1', [
          sessionHash(s.cookie.split('=')[1]!),
        ])
      ).rows.length;
    expect(await stored()).toBe(1);
    await signInWithKey(h.app, h.keys['t2-viewer']!);
    expect(await stored()).toBe(0);
  });
});

describe('console users', () => {
  it('admins create, list and remove users; passwords are scrypt hashes; e-mails are unique', async () => {
    const userId = await createUser('ana@lender.test', 'analyst');
    const stored = await h.store.db.query<{ password_hash: string }>(
      'select password_hash from console_users where user_id = $1',
      [userId],
    );
    expect(stored.rows[0]!.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/);
    expect(stored.rows[0]!.password_hash).not.toContain(PASSWORD);
    const admin = { authorization: `Bearer ${h.keys['t1-admin']}` };
    const list = await h.app.inject({ url: '/v1/users', headers: admin });
    expect(list.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId, email: 'ana@lender.test', role: 'analyst' })]),
    );
    expect(JSON.stringify(list.json())).not.toMatch(/password|scrypt/);
    // the same e-mail twice in one tenant is a 409 (the admin sees this tenant's users anyway)
    const dup = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: admin,
      payload: { email: 'ANA@lender.test', name: 'x', password: PASSWORD, role: 'viewer' },
    });
    expect(dup.statusCode).toBe(409);
    // another tenant's user is a 404
    const cross = await h.app.inject({
      method: 'DELETE',
      url: `/v1/users/${userId}`,
      headers: { authorization: `Bearer ${h.keys['t2-admin']}` },
    });
    expect(cross.statusCode).toBe(404);
  });

  it("creating a user reveals nothing about another tenant's users: the same e-mail is a separate account", async () => {
    const first = await createUser('bo@lender.test', 'analyst');
    const other = { authorization: `Bearer ${h.keys['t2-admin']}` };
    // before: 409 "already exists" for an address registered in t1 told t2's admin that it was
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: other,
      payload: { email: 'BO@lender.test', name: 'Someone', password: 'another long password', role: 'viewer' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ email: 'BO@lender.test', name: 'Someone', role: 'viewer', tenantId: 't2' });
    expect(created.json().userId).not.toBe(first);
    const list = (await h.app.inject({ url: '/v1/users', headers: other })).json<{ items: { email: string }[] }>();
    expect(list.items.filter((u) => u.email.toLowerCase() === 'bo@lender.test')).toEqual([
      expect.objectContaining({ name: 'Someone', role: 'viewer' }),
    ]);
    // each account signs in to its own tenant with its own password, and to no other
    const t1 = await login({ tenantId: 't1', email: 'bo@lender.test', password: PASSWORD });
    expect(t1.statusCode).toBe(200);
    expect(t1.json().user.userId).toBe(first);
    expect((await login({ tenantId: 't2', email: 'bo@lender.test', password: PASSWORD })).statusCode).toBe(401);
    const t2 = await login({ tenantId: 't2', email: 'bo@lender.test', password: 'another long password' });
    expect(t2.statusCode).toBe(200);
    expect(t2.json()).toMatchObject({ tenantId: 't2', tenants: ['t2'] });
    expect(
      (await login({ tenantId: 't1', email: 'bo@lender.test', password: 'another long password' })).statusCode,
    ).toBe(401);
    // an operator granting t1's account a role in t2 is refused: t2 already has an account with that e-mail
    await expect(userRepository(h.store.db).grant('t2', first, 'viewer')).rejects.toThrow(/another account/);
  });

  it('rejects short passwords and unknown fields, naming the field', async () => {
    // validation stops at the first problem (bounded work per request), so each is sent on its own
    for (const [payload, path] of [
      [{ email: 'x@lender.test', name: 'x', password: 'short', role: 'viewer' }, '/password'],
      [{ email: 'x@lender.test', name: 'x', password: 'long enough password', role: 'viewer', extra: 1 }, '/extra'],
    ] as const) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/users',
        headers: { authorization: `Bearer ${h.keys['t1-admin']}` },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
    }
  });

  it('only admins manage users', async () => {
    for (const role of ['analyst', 'viewer', 'decision']) {
      const res = await h.app.inject({
        url: '/v1/users',
        headers: { authorization: `Bearer ${h.keys[`t1-${role}`]}` },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('console session by user and password', () => {
  let userId: string;
  beforeAll(async () => {
    userId = await createUser('vera@lender.test', 'viewer');
  });

  it('signs in with e-mail and password into a tenant the user belongs to', async () => {
    const res = await login({ tenantId: 't1', email: 'vera@lender.test', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      tenantId: 't1',
      role: 'viewer',
      user: { userId, email: 'vera@lender.test', name: 'vera' },
      tenants: ['t1'],
    });
  });

  it('gives the same 401 for a wrong password, an unknown e-mail and a tenant the user is not in', async () => {
    // from three addresses: one address's sign-ins are checked one at a time (a second at once is 429)
    const answers = await Promise.all([
      login({ tenantId: 't1', email: 'vera@lender.test', password: 'wrong password!' }, '192.0.2.1'),
      login({ tenantId: 't1', email: 'nobody@lender.test', password: PASSWORD }, '192.0.2.2'),
      login({ tenantId: 't2', email: 'vera@lender.test', password: PASSWORD }, '192.0.2.3'),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('sign-in failed');
    }
  });

  it('applies the role of the membership: a viewer may read but not write', async () => {
    const res = await login({ tenantId: 't1', email: 'vera@lender.test', password: PASSWORD });
    const s = { cookie: sessionCookie(res), csrf: res.json().csrfToken as string };
    expect((await h.app.inject({ url: '/v1/decisions', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    const write = await h.app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: asConsole(s),
      payload: { role: 'viewer' },
    });
    expect(write.statusCode).toBe(403);
  });

  it('switches tenant only into a membership, with a new session id', async () => {
    await userRepository(h.store.db).grant('t2', userId, 'analyst');
    const res = await login({ tenantId: 't1', email: 'vera@lender.test', password: PASSWORD });
    const s = { cookie: sessionCookie(res), csrf: res.json().csrfToken as string };
    expect(res.json().tenants).toEqual(['t1', 't2']);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/v1/session/tenant',
      headers: { cookie: s.cookie },
      payload: { tenantId: 't2' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const denied = await h.app.inject({
      method: 'POST',
      url: '/v1/session/tenant',
      headers: asConsole(s),
      payload: { tenantId: 't3' },
    });
    expect(denied.statusCode).toBe(403);
    const switched = await h.app.inject({
      method: 'POST',
      url: '/v1/session/tenant',
      headers: asConsole(s),
      payload: { tenantId: 't2' },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ tenantId: 't2', role: 'analyst' });
    const next = sessionCookie(switched);
    expect(next).not.toBe(s.cookie);
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie: next } })).json().tenantId).toBe('t2');
  });

  it('a key session cannot switch tenant', async () => {
    const s = await signInWithKey(h.app, h.keys['t1-admin']!);
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/session/tenant',
      headers: asConsole(s),
      payload: { tenantId: 't2' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('removing a user ends their sessions in that tenant; an admin cannot remove themselves', async () => {
    const victim = await createUser('gone@lender.test', 'analyst');
    const res = await login({ tenantId: 't1', email: 'gone@lender.test', password: PASSWORD });
    const cookie = sessionCookie(res);
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/v1/users/${victim}`,
      headers: { authorization: `Bearer ${h.keys['t1-admin']}` },
    });
    expect(del.statusCode).toBe(204);
    expect((await h.app.inject({ url: '/v1/session', headers: { cookie } })).statusCode).toBe(401);
    await createUser('boss@lender.test', 'admin');
    const boss = await login({ tenantId: 't1', email: 'boss@lender.test', password: PASSWORD });
    const s = { cookie: sessionCookie(boss), csrf: boss.json().csrfToken as string };
    const self = await h.app.inject({
      method: 'DELETE',
      url: `/v1/users/${boss.json().user.userId}`,
      headers: asConsole(s),
    });
    expect(self.statusCode).toBe(409);
  });

  it('rate-limits failed sign-ins per client address', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 5; i++) {
      expect(
        (await login({ tenantId: 't1', email: 'vera@lender.test', password: 'nope nope nope' }, ip)).statusCode,
      ).toBe(401);
    }
    const limited = await login({ tenantId: 't1', email: 'vera@lender.test', password: PASSWORD }, ip);
    expect(limited.statusCode).toBe(429);
    // another address is unaffected
    expect(
      (await login({ tenantId: 't1', email: 'vera@lender.test', password: PASSWORD }, '198.51.100.8')).statusCode,
    ).toBe(200);
  });

  it('checks one password at a time per address: concurrent guesses get 429 at once, the real user still signs in', async () => {
    const ip = '198.51.100.40';
    const guesses = Array.from({ length: 4 }, () =>
      login({ tenantId: 't1', email: 'vera@lender.test', password: 'not the password' }, ip),
    );
    const real = login({ tenantId: 't1', email: 'vera@lender.test', password: PASSWORD }, '198.51.100.41');
    const statuses = (await Promise.all(guesses)).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([401, 429, 429, 429]);
    const busy = (await Promise.all(guesses)).find((r) => r.statusCode === 429)!;
    expect(busy.headers['retry-after']).toBe('1');
    expect((await real).statusCode).toBe(200);
    // one failure counted for that address, not four: the address may try again once its check has answered
    expect((await login({ tenantId: 't1', email: 'vera@lender.test', password: PASSWORD }, ip)).statusCode).toBe(200);
  });

  it("cuts off guessing one account from many addresses (three addresses' worth of failures)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++)
      statuses.push(
        (await login({ tenantId: 't1', email: 'boss@lender.test', password: 'wrong wrong wrong' }, `203.0.113.${i}`))
          .statusCode,
      );
    expect(statuses.slice(0, 15).every((s) => s === 401)).toBe(true);
    expect(statuses[15]).toBe(429);
    expect(
      (await login({ tenantId: 't1', email: 'boss@lender.test', password: PASSWORD }, '203.0.113.99')).statusCode,
    ).toBe(429);
  });
});

describe('the user’s console language, kept with the account', () => {
  it('is null until chosen, then comes back at the next sign-in from any browser and in every tenant', async () => {
    const userId = await createUser('lin@lender.test', 'analyst');
    await h.store.db.query(
      `insert into console_memberships (tenant_id, user_id, role, email_key) values ('t2', $1, 'viewer', 'lin@lender.test')`,
      [userId],
    );
    const first = await login({ tenantId: 't1', email: 'lin@lender.test', password: PASSWORD });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().user.language).toBeNull(); // the console uses the browser's language
    const s = { cookie: sessionCookie(first), csrf: first.json<{ csrfToken: string }>().csrfToken };

    // a write by cookie needs the CSRF token
    const forged = await h.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: { cookie: s.cookie },
      payload: { language: 'zh-CN' },
    });
    expect(forged.statusCode).toBe(403);
    const bad = await h.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: asConsole(s),
      payload: { language: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('/language');

    const chosen = await h.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: asConsole(s),
      payload: { language: 'zh-CN' },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().user).toMatchObject({ userId, language: 'zh-CN' });
    const stored = await h.store.db.query<{ language: string }>(
      'select language from console_users where user_id = $1',
      [userId],
    );
    expect(stored.rows[0]!.language).toBe('zh-CN');

    // another browser: a new sign-in, no local state — the account carries the language; the other tenant too
    const again = await login({ tenantId: 't1', email: 'lin@lender.test', password: PASSWORD });
    expect(again.json().user.language).toBe('zh-CN');
    const elsewhere = await login({ tenantId: 't2', email: 'lin@lender.test', password: PASSWORD });
    expect(elsewhere.json().user.language).toBe('zh-CN');
    const back = await h.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: asConsole({ cookie: sessionCookie(elsewhere), csrf: elsewhere.json().csrfToken }),
      payload: { language: 'en' },
    });
    expect(back.json().user.language).toBe('en');
    expect((await login({ tenantId: 't1', email: 'lin@lender.test', password: PASSWORD })).json().user.language).toBe(
      'en',
    );
  });

  it('refuses a key session (no account: 409) and no session (401)', async () => {
    const k = await signInWithKey(h.app, h.keys['t1-analyst']!);
    const res = await h.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: asConsole(k),
      payload: { language: 'en' },
    });
    expect(res.statusCode).toBe(409);
    const none = await h.app.inject({ method: 'PATCH', url: '/v1/me', payload: { language: 'en' } });
    expect(none.statusCode).toBe(401);
  });
});
