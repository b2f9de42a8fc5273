/**
 * `riskloop tenants currency --tenant T [CODE]`: read or set the currency a tenant lends in (the console's amounts,
 * the notices' amounts); `riskloop tenants name --tenant T [NAME]`: the name its applicants know it by (notices).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { openStore } from '../../store/index.js';

export function register(program: Command): void {
  const tenants = program.command('tenants').description('tenant settings (works directly on the store)');
  tenants
    .command('currency')
    .description('show the currency a tenant lends in, or set it (ISO 4217, e.g. CNY, HKD, USD)')
    .requiredOption('--tenant <tenantId>', 'tenant')
    .argument('[code]', 'the new currency')
    .action(async (code: string | undefined, options: { tenant: string }) => {
      const store = await openStore(loadConfig().store);
      try {
        if (!(await store.tenants.get(options.tenant))) {
          console.error(`no tenant ${options.tenant}`);
          process.exitCode = 1;
          return;
        }
        if (code !== undefined) {
          if (!/^[A-Z]{3}$/.test(code)) {
            console.error('the currency is a three-letter ISO 4217 code, e.g. CNY');
            process.exitCode = 2;
            return;
          }
          await store.tenants.setCurrency(options.tenant, code);
        }
        console.log(await store.tenants.currency(options.tenant));
      } finally {
        await store.close();
      }
    });
  tenants
    .command('name')
    .description('show the name the lender signs its adverse-action notices with, or set it')
    .requiredOption('--tenant <tenantId>', 'tenant')
    .argument('[name]', 'the new name, e.g. "示例消费金融有限公司"')
    .action(async (name: string | undefined, options: { tenant: string }) => {
      const store = await openStore(loadConfig().store);
      try {
        if (!(await store.tenants.get(options.tenant))) {
          console.error(`no tenant ${options.tenant}`);
          process.exitCode = 1;
          return;
        }
        if (name !== undefined) {
          if (name.trim().length === 0 || name.trim().length > 200) {
            console.error('the name is 1 to 200 characters');
            process.exitCode = 2;
            return;
          }
          await store.tenants.setName(options.tenant, name);
        }
        console.log((await store.tenants.get(options.tenant))!.name);
      } finally {
        await store.close();
      }
    });
}
