/**
 * `riskloop users create|grant|list|remove|language`: console users, on the store directly, through the same use cases as the
 * API (creations and removals audited as `cli:<os user>`). The password is read from RISKLOOP_USER_PASSWORD or the
 * first line of stdin, never from an argument (arguments show in `ps` and history).
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ConflictError, NotFoundError, Roles, type Role } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import {
  CONSOLE_LANGUAGES,
  createUserAdministration,
  MIN_PASSWORD_LENGTH,
  userRepository,
  type ConsoleLanguage,
} from '../../users/index.js';

/** CLI changes are made with store access, i.e. as an operator: audited as `cli:<os user>`. */
const operator = () => `cli:${userInfo().username}`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.RISKLOOP_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

function checkRole(role: string): role is Role {
  if ((Roles as readonly string[]).includes(role)) return true;
  console.error(`--role must be one of ${Roles.join(', ')}`);
  process.exitCode = 2;
  return false;
}

async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(loadConfig().store);
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const users = program.command('users').description('manage console users (works directly on the store)');
  users
    .command('create')
    .description('create a console user with a role in a tenant; password from RISKLOOP_USER_PASSWORD or stdin')
    .requiredOption('--tenant <tenantId>', 'tenant (created if absent)')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', `one of ${Roles.join(', ')}`)
    .option('--name <name>', 'display name', '')
    .action(async (opts: { tenant: string; email: string; role: string; name: string }) => {
      if (!checkRole(opts.role)) return;
      const role = opts.role;
      const password = await readPassword();
      if (password.length < MIN_PASSWORD_LENGTH) {
        console.error(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
        process.exitCode = 2;
        return;
      }
      await withStore(async (store) => {
        await store.tenants.ensure(opts.tenant);
        try {
          const user = await createUserAdministration({ db: store.db }).create(opts.tenant, operator(), {
            email: opts.email,
            name: opts.name || opts.email.split('@')[0]!,
            password,
            role,
          });
          console.log(user.userId);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          console.error(`${opts.tenant} already has a user with this e-mail`);
          process.exitCode = 1;
        }
      });
    });
  users
    .command('grant')
    .description('give an existing user a role in a tenant (or change it); lets them switch to that tenant')
    .requiredOption('--tenant <tenantId>', 'tenant (created if absent)')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>')
    .option('--from <tenantId>', "the account's tenant, when several tenants have an account with this e-mail")
    .action(async (opts: { tenant: string; email: string; role: string; from?: string }) => {
      if (!checkRole(opts.role)) return;
      const role = opts.role;
      await withStore(async (store) => {
        const repo = userRepository(store.db);
        // an e-mail names one account per tenant: the operator says which one when there are several
        const accounts = (await repo.accountsByEmail(opts.email)).filter(
          (a) => !opts.from || a.tenants.includes(opts.from),
        );
        if (accounts.length !== 1) {
          console.error(
            accounts.length === 0
              ? 'no user with this e-mail'
              : `several accounts have this e-mail (tenants: ${accounts.map((a) => a.tenants.join('+')).join(', ')}); say which with --from <tenantId>`,
          );
          process.exitCode = 1;
          return;
        }
        const user = accounts[0]!;
        await store.tenants.ensure(opts.tenant);
        try {
          await repo.grant(opts.tenant, user.userId, role);
        } catch (error) {
          console.error(error instanceof Error ? error.message : String(error));
          process.exitCode = 1;
          return;
        }
        console.error(`${user.userId} is ${role} in ${opts.tenant}`);
      });
    });
  users
    .command('list')
    .requiredOption('--tenant <tenantId>')
    .action(async (opts: { tenant: string }) => {
      await withStore(async (store) => {
        for (const u of await userRepository(store.db).list(opts.tenant)) {
          console.log([u.userId, u.role, u.email, u.name].join('\t'));
        }
      });
    });
  users
    .command('remove')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--user <userId>')
    .action(async (opts: { tenant: string; user: string }) => {
      await withStore(async (store) => {
        try {
          await createUserAdministration({ db: store.db }).remove(opts.tenant, operator(), opts.user);
          console.error(`removed ${opts.user} from ${opts.tenant}`);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          console.error(`no user ${opts.user} in ${opts.tenant}`);
          process.exitCode = 1;
        }
      });
    });
  users
    .command('language')
    .description("set a user's console language (kept with the account; their next sign-in opens in it)")
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--email <email>')
    .argument('<language>', CONSOLE_LANGUAGES.join(' or '))
    .action(async (language: string, opts: { tenant: string; email: string }) => {
      if (!(CONSOLE_LANGUAGES as readonly string[]).includes(language)) {
        console.error(`language must be one of ${CONSOLE_LANGUAGES.join(', ')}`);
        process.exitCode = 2;
        return;
      }
      await withStore(async (store) => {
        const users = userRepository(store.db);
        const user = await users.findMember(opts.tenant, opts.email);
        if (!user) {
          console.error(`no user with that e-mail in ${opts.tenant}`);
          process.exitCode = 1;
          return;
        }
        await users.setLanguage(user.userId, language as ConsoleLanguage);
        console.error(`${user.userId} reads the console in ${language}`);
      });
    });
}
