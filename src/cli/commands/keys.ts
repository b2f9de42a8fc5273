import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { Roles, type Role } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { openStore } from '../../store/index.js';
import { actorNamed } from '../../users/index.js';

/** CLI changes are made with store access, i.e. as an operator: audited as `cli:<os user>`. */
const actor = () => `cli:${process.env.RISKLOOP_ACTOR || userInfo().username}`;

export function register(program: Command): void {
  const keys = program.command('keys').description('manage API keys (works directly on the store)');
  keys
    .command('create')
    .description('create an API key; the secret is printed once and stored only as a hash')
    .requiredOption('--tenant <tenantId>', 'tenant the key belongs to (created if absent)')
    .requiredOption('--role <role>', `one of ${Roles.join(', ')}`)
    .option('--name <name>', 'label shown in key listings', '')
    .option('--owner <email>', 'the console user the key acts for (without it the key belongs to no person)')
    .action(async (opts: { tenant: string; role: string; name: string; owner?: string }) => {
      if (!(Roles as readonly string[]).includes(opts.role)) {
        console.error(`--role must be one of ${Roles.join(', ')}`);
        process.exitCode = 2;
        return;
      }
      if (!/^[A-Za-z0-9._:-]{1,64}$/.test(opts.tenant)) {
        console.error('--tenant must be 1-64 characters of letters, digits, . _ : -');
        process.exitCode = 2;
        return;
      }
      const store = await openStore(loadConfig().store);
      try {
        await store.tenants.ensure(opts.tenant);
        const owner = opts.owner ? await actorNamed(store.db, opts.tenant, opts.owner) : undefined;
        if (owner && !owner.human) {
          console.error(`--owner: ${opts.owner} is not a console user of tenant ${opts.tenant}`);
          process.exitCode = 2;
          return;
        }
        const key = await store.apiKeys.create({
          ownerUserId: owner?.human ?? null,
          tenantId: opts.tenant,
          role: opts.role as Role,
          name: opts.name,
          actor: actor(),
        });
        console.log(key.secret);
        console.error(
          `created ${key.keyId} (${key.role}, tenant ${key.tenantId}); the secret above is not shown again`,
        );
      } finally {
        await store.close();
      }
    });
  keys
    .command('list')
    .requiredOption('--tenant <tenantId>')
    .action(async (opts: { tenant: string }) => {
      const store = await openStore(loadConfig().store);
      try {
        for (const k of await store.apiKeys.list(opts.tenant)) {
          console.log([k.keyId, k.role, k.keyPrefix + '…', k.name, k.revokedAt ? 'revoked' : 'active'].join('\t'));
        }
      } finally {
        await store.close();
      }
    });
  keys
    .command('revoke')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--key <keyId>')
    .action(async (opts: { tenant: string; key: string }) => {
      const store = await openStore(loadConfig().store);
      try {
        const ok = await store.apiKeys.revoke(opts.tenant, opts.key, actor());
        console.error(ok ? `revoked ${opts.key}` : `no active key ${opts.key} in tenant ${opts.tenant}`);
        if (!ok) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
