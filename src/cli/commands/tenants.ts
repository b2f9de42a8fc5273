/**
 * `riskloop tenants currency --tenant T [CODE]`: read or set the currency a tenant lends in (the console's amounts,
 * the notices' amounts); `riskloop tenants name --tenant T [NAME]`: the name its applicants know it by (notices).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';

/**
 * One tenant setting: with a value, checked (`invalid` says why it is refused, exit 2) and set; then the setting
 * as stored is printed. An unknown tenant exits 1.
 */
async function tenantSetting(
  tenantId: string,
  value: string | undefined,
  setting: {
    invalid(value: string): string | null;
    set(store: Store, value: string): Promise<void>;
    read(store: Store): Promise<string>;
  },
): Promise<void> {
  const store = await openStore(loadConfig().store);
  try {
    if (!(await store.tenants.get(tenantId))) {
      console.error(`no tenant ${tenantId}`);
      process.exitCode = 1;
      return;
    }
    if (value !== undefined) {
      const why = setting.invalid(value);
      if (why !== null) {
        console.error(why);
        process.exitCode = 2;
        return;
      }
      await setting.set(store, value);
    }
    console.log(await setting.read(store));
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const tenants = program.command('tenants').description('tenant settings (works directly on the store)');
  tenants
    .command('currency')
    .description('show the currency a tenant lends in, or set it (ISO 4217, e.g. CNY, HKD, USD)')
    .requiredOption('--tenant <tenantId>', 'tenant')
    .argument('[code]', 'the new currency')
    .action((code: string | undefined, options: { tenant: string }) =>
      tenantSetting(options.tenant, code, {
        invalid: (c) => (/^[A-Z]{3}$/.test(c) ? null : 'the currency is a three-letter ISO 4217 code, e.g. CNY'),
        set: (store, c) => store.tenants.setCurrency(options.tenant, c),
        read: (store) => store.tenants.currency(options.tenant),
      }),
    );
  tenants
    .command('name')
    .description('show the name the lender signs its adverse-action notices with, or set it')
    .requiredOption('--tenant <tenantId>', 'tenant')
    .argument('[name]', 'the new name, e.g. "示例消费金融有限公司"')
    .action((name: string | undefined, options: { tenant: string }) =>
      tenantSetting(options.tenant, name, {
        invalid: (n) => (n.trim().length === 0 || n.trim().length > 200 ? 'the name is 1 to 200 characters' : null),
        set: (store, n) => store.tenants.setName(options.tenant, n),
        read: async (store) => (await store.tenants.get(options.tenant))!.name,
      }),
    );
}
