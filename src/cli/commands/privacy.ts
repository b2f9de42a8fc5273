/**
 * `riskloop privacy export|erase|erasures|sweep`: data-subject requests and retention, on the store directly (an
 * operator's tool, audited as `cli:<os user>`). Pass `-` as the identifier to read it from stdin, keeping it out of
 * shell history and the process list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createKeyRing } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { checkLocator, createPrivacyService, type PrivacyService } from '../../privacy/index.js';
import { openStore } from '../../store/index.js';
import { reportErrors } from '../report.js';

const actor = () => `cli:${process.env.RISKLOOP_ACTOR || userInfo().username}`;

interface SubjectOptions {
  tenant: string;
  nationalId?: string;
  phone?: string;
  email?: string;
  applicationId?: string;
}

function fromStdin(value: string | undefined): string | undefined {
  if (value !== '-') return value;
  return readFileSync(0, 'utf8').split('\n')[0]!.trim();
}

function locatorOf(opts: SubjectOptions) {
  return checkLocator({
    nationalId: fromStdin(opts.nationalId),
    phone: fromStdin(opts.phone),
    email: fromStdin(opts.email),
    applicationId: opts.applicationId,
  });
}

async function withPrivacy(fn: (privacy: PrivacyService) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config.store);
  try {
    await fn(
      createPrivacyService({
        db: store.db,
        keyRing: createKeyRing(config.masterKey),
        retention: config.retention,
        consortium: { id: config.consortium.id, key: config.consortiumKey },
      }),
    );
  } finally {
    await store.close();
  }
}

function subjectOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--tenant <tenantId>')
    .option('--national-id <value>', 'clear national id (or - for stdin); hashed at once under the tenant key')
    .option('--phone <value>', 'clear phone number (or -)')
    .option('--email <value>', 'clear e-mail (or -)')
    .option('--application-id <id>', 'one of their application ids');
}

export function register(program: Command): void {
  const privacy = program.command('privacy').description('data-subject export and erasure, retention sweeps');
  subjectOptions(privacy.command('export'))
    .description('everything held about one applicant as JSON, identity unsealed (audited)')
    .option('--out <file>', 'write here (mode 600) instead of stdout')
    .action((opts: SubjectOptions & { out?: string }) =>
      reportErrors(() =>
        withPrivacy(async (p) => {
          const doc = await p.exportSubject(opts.tenant, locatorOf(opts), actor());
          const text = JSON.stringify(doc, null, 2) + '\n';
          if (opts.out) {
            writeFileSync(opts.out, text, { mode: 0o600 });
            console.error(`export ${doc.exportId}: ${JSON.stringify(doc.counts)} → ${opts.out}`);
          } else process.stdout.write(text);
        }),
      ),
    );
  subjectOptions(privacy.command('erase'))
    .description('erase one applicant (irreversible); decisions stay de-identified if retention requires')
    .option('--yes', 'confirm: this cannot be undone')
    .action((opts: SubjectOptions & { yes?: boolean }) =>
      reportErrors(async () => {
        if (!opts.yes) throw new Error('erasure cannot be undone: add --yes to confirm');
        await withPrivacy(async (p) => {
          const r = await p.eraseSubject(opts.tenant, locatorOf(opts), actor());
          console.log(JSON.stringify(r, null, 2));
        });
      }),
    );
  privacy
    .command('erasures')
    .description('whether (and when) a person was erased')
    .requiredOption('--tenant <tenantId>')
    .requiredOption('--national-id <value>', 'clear national id (or -)')
    .action((opts: { tenant: string; nationalId: string }) =>
      reportErrors(() =>
        withPrivacy(async (p) => {
          for (const e of await p.erasures(opts.tenant, fromStdin(opts.nationalId)!))
            console.log(`${e.erasureId}\t${e.erasedAt}`);
        }),
      ),
    );
  privacy
    .command('sweep')
    .description('purge rows older than the retention periods (RISKLOOP_RETENTION_*_DAYS); all tenants by default')
    .option('--tenant <tenantId>', 'only this tenant')
    .action((opts: { tenant?: string }) =>
      reportErrors(() =>
        withPrivacy(async (p) => {
          const r = await p.sweep(opts.tenant, actor());
          console.log(JSON.stringify(r, null, 2));
        }),
      ),
    );
}
