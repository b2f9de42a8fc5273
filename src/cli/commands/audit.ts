/**
 * `riskloop audit verify|list`: the hash-chained audit log, read straight from the store. `verify` exits non-zero
 * and names the first broken seq when any entry was edited, removed, inserted or reordered.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { createAuditLog, createHeadSigner } from '../../audit/index.js';
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
    .command('head')
    .description(
      "verify one tenant's chain with the key, then print its head signed (Ed25519) as JSON to keep elsewhere",
    )
    .requiredOption('--tenant <tenantId>')
    .action((opts: { tenant: string }) =>
      reportErrors(async () => {
        const store = await openStore(loadConfig().store);
        try {
          console.log(JSON.stringify(await createAuditLog(store.db).signedHead(opts.tenant), null, 2));
        } finally {
          await store.close();
        }
      }),
    );
  audit
    .command('export')
    .description('every entry of one tenant in seq order as JSON lines (check it with scripts/verify-audit-chain.mjs)')
    .requiredOption('--tenant <tenantId>')
    .action((opts: { tenant: string }) =>
      reportErrors(async () => {
        const store = await openStore(loadConfig().store);
        try {
          for await (const e of createAuditLog(store.db).entries(opts.tenant))
            process.stdout.write(JSON.stringify(e) + '\n');
        } finally {
          await store.close();
        }
      }),
    );
  audit
    .command('public-key')
    .description('the public key that signs chain heads (PEM) and its SHA-256 fingerprint: give both to auditors once')
    .action(() => {
      const signer = createHeadSigner(loadConfig().auditKey);
      console.log(signer.publicKeyPem.trim());
      console.error(`fingerprint (SHA-256 of the DER): ${signer.fingerprint}`);
    });
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
