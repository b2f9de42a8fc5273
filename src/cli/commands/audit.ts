/**
 * `riskloop audit verify|list`: the hash-chained audit log, read straight from the store. `verify` exits non-zero
 * and names the first broken seq when any entry was edited, removed, inserted or reordered.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { createAuditLog } from '../../audit/index.js';
import { openStore } from '../../store/index.js';
import { reportErrors } from '../report.js';

export function register(program: Command): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit log');
  audit
    .command('verify')
    .description('recompute every chain (or one tenant): exit 1 naming the first broken entry')
    .option('--tenant <tenantId>', 'only this tenant')
    .option('--json', 'print the verification as JSON')
    .action((opts: { tenant?: string; json?: boolean }) =>
      reportErrors(async () => {
        const store = await openStore(loadConfig().store);
        try {
          const result = await createAuditLog(store.db).verify(opts.tenant);
          if (opts.json) console.log(JSON.stringify(result, null, 2));
          else {
            for (const t of result.tenants) {
              console.log(
                t.ok
                  ? `ok      ${t.tenantId}: ${t.entries} entries, head ${t.headSeq} ${t.headHash}`
                  : `BROKEN  ${t.tenantId}: at seq ${t.broken!.seq}: ${t.broken!.reason}`,
              );
            }
            if (result.tenants.length === 0) console.log('no audit entries');
          }
          if (!result.ok) process.exitCode = 1;
        } finally {
          await store.close();
        }
      }),
    );
  audit
    .command('list')
    .description('entries of one tenant, newest first (tab-separated: seq, at, actor, action, subject, detail)')
    .requiredOption('--tenant <tenantId>')
    .option('--subject <subject>', 'e.g. list:black, flow:credit-main, model:app@3, key:key_...')
    .option('--action <action>', 'exact, or a prefix ending in "." (model.)')
    .option('--limit <n>', 'how many', '50')
    .action((opts: { tenant: string; subject?: string; action?: string; limit: string }) =>
      reportErrors(async () => {
        const store = await openStore(loadConfig().store);
        try {
          const page = await createAuditLog(store.db).list(opts.tenant, {
            ...(opts.subject ? { subject: opts.subject } : {}),
            ...(opts.action ? { action: opts.action } : {}),
            limit: Number(opts.limit) || 50,
          });
          for (const e of page.items)
            console.log([e.seq, e.at, e.actor, e.action, e.subject, JSON.stringify(e.detail)].join('\t'));
        } finally {
          await store.close();
        }
      }),
    );
}
