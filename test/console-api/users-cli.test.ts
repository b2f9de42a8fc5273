import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/users.js';
import { createAuditLog } from '../../src/audit/index.js';
import { openStore } from '../../src/store/index.js';
import { userRepository, verifyPassword } from '../../src/users/index.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-users-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const program = new Command().exitOverride();
    register(program);
    await program.parseAsync(['node', 'riskloop', ...args]);
    return out.join('\n');
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('riskloop users', () => {
  it('creates a user with a hashed password read from the environment, grants a second tenant, lists, removes; audited', async () => {
    vi.stubEnv('RISKLOOP_DATA_DIR', join(dir, 'data'));
    vi.stubEnv('RISKLOOP_USER_PASSWORD', 'a long enough password');
    try {
      const userId = await run('users', 'create', '--tenant', 'bank-a', '--email', 'ops@bank.test', '--role', 'admin');
      expect(userId).toMatch(/^usr_/);
      await run('users', 'grant', '--tenant', 'bank-b', '--email', 'ops@bank.test', '--role', 'analyst');
      expect(await run('users', 'list', '--tenant', 'bank-b')).toContain(`${userId}\tanalyst\tops@bank.test`);
      await run('users', 'remove', '--tenant', 'bank-b', '--user', userId);
      await run('users', 'language', '--tenant', 'bank-a', '--email', 'ops@bank.test', 'zh-CN');
      const store = await openStore({ kind: 'pglite', dataDir: join(dir, 'data', 'pgdata') });
      try {
        const user = await userRepository(store.db).findMember('bank-a', 'ops@bank.test');
        expect(await verifyPassword('a long enough password', user!.passwordHash)).toBe(true);
        expect(await userRepository(store.db).tenantsOf(userId)).toEqual(['bank-a']);
        // the console language set from the CLI is the account's, read back at sign-in
        const language = await store.db.query<{ language: string }>(
          'select language from console_users where user_id = $1',
          [userId],
        );
        expect(language.rows[0]!.language).toBe('zh-CN');
        // the same use cases as the API: each change is in the tenant's audit chain, by the operator
        const audit = createAuditLog(store.db);
        const trail = async (tenant: string) =>
          (await audit.list(tenant, { action: 'user.' })).items.map((e) => [e.action, e.subject, e.actor]);
        expect(await trail('bank-a')).toEqual([['user.create', `user:${userId}`, expect.stringMatching(/^cli:/)]]);
        expect(await trail('bank-b')).toEqual([['user.remove', `user:${userId}`, expect.stringMatching(/^cli:/)]]);
      } finally {
        await store.close();
      }
    } finally {
      vi.unstubAllEnvs();
      process.exitCode = undefined;
    }
    // five openings of the embedded store from disk, as five CLI runs would do: slow on a loaded machine
  }, 120_000);
});
