/**
 * `riskloop webhooks add|list|remove`: a tenant's own alert receivers, on the store directly (as an operator,
 * audited as `cli:<os user>`). The signing secret is printed once, by `add`. Private, loopback and link-local
 * addresses are refused unless RISKLOOP_WEBHOOK_ALLOW_PRIVATE allows them (the same setting the server reads).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { createKeyRing } from '../../core/index.js';
import { createAddressGuard, createWebhookEndpoints, type WebhookEndpoints } from '../../monitoring/index.js';
import { openStore } from '../../store/index.js';

const actor = () => `cli:${process.env.RISKLOOP_ACTOR || userInfo().username}`;

async function withEndpoints(fn: (endpoints: WebhookEndpoints) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config.store);
  try {
    await fn(
      createWebhookEndpoints(
        store.db,
        createKeyRing(config.masterKey).sealer,
        createAddressGuard(config.webhookAllowPrivate),
      ),
    );
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const webhooks = program.command('webhooks').description("manage a tenant's alert receivers (on the store)");
  webhooks
    .command('add')
    .description('add a receiver; its signing secret is printed once')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--url <url>', 'https://… (private, loopback and link-local addresses are refused)')
    .action(async (opts: { tenant: string; url: string }) =>
      withEndpoints(async (endpoints) => {
        const e = await endpoints.create(opts.tenant, opts.url, actor());
        console.log(`${e.endpointId}\t${e.url}`);
        console.log(`secret (shown once, sign-check deliveries with it): ${e.secret}`);
      }),
    );
  webhooks
    .command('list')
    .requiredOption('--tenant <tenantId>')
    .action(async (opts: { tenant: string }) =>
      withEndpoints(async (endpoints) => {
        for (const e of await endpoints.list(opts.tenant))
          console.log([e.endpointId, e.url, e.createdBy, e.createdAt].join('\t'));
      }),
    );
  webhooks
    .command('remove')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--endpoint <endpointId>')
    .action(async (opts: { tenant: string; endpoint: string }) =>
      withEndpoints(async (endpoints) => {
        await endpoints.remove(opts.tenant, opts.endpoint, actor());
        console.error(`removed ${opts.endpoint}`);
      }),
    );
}
