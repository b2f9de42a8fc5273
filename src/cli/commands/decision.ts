/**
 * `riskloop decision notice <decisionId>`: the adverse-action notice a declined applicant would receive; with
 * `--issue`, also recorded in the audit log as issued (as `cli:<os user>`, like the other store-side commands).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createAuditLog } from '../../audit/index.js';
import { loadConfig } from '../../config/index.js';
import { createNoticeService } from '../../notices/index.js';
import { openStore } from '../../store/index.js';

const LANGS = ['zh-CN', 'en'] as const;

export function register(program: Command): void {
  const decision =
    program.commands.find((c) => c.name() === 'decision') ??
    program.command('decision').description('stored decisions (works directly on the store)');
  decision
    .command('notice <decisionId>')
    .description('the adverse-action notice of a declined or referred decision, in Chinese or English')
    .option('--lang <lang>', 'zh-CN or en', 'zh-CN')
    .option('--json', 'print the notice with its reasons and their codes as JSON')
    .option('--issue', 'record in the audit log that the notice was issued to the applicant')
    .option('--channel <channel>', 'with --issue: how it was sent (letter, sms, email, app…)')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(
      async (
        decisionId: string,
        opts: { lang: string; json?: boolean; issue?: boolean; channel?: string; tenant: string },
      ) => {
        const lang = LANGS.find((l) => l.toLowerCase() === opts.lang.toLowerCase());
        // checked before the store opens: a typo should not wait for it
        if (!lang) throw new Error(`--lang ${opts.lang}: use zh-CN or en`);
        if (opts.channel !== undefined && !/^[a-z][a-z0-9-]{0,31}$/.test(opts.channel))
          throw new Error(`--channel ${opts.channel}: a short lower-case word such as letter, sms, email`);
        const store = await openStore(loadConfig().store);
        try {
          const notices = createNoticeService({ ...store, audit: createAuditLog(store.db) });
          if (opts.issue) {
            const issued = await notices.issue(opts.tenant, decisionId, lang, {
              actor: `cli:${userInfo().username}`,
              ...(opts.channel ? { channel: opts.channel } : {}),
            });
            if (opts.json) console.log(JSON.stringify(issued, null, 2));
            else {
              process.stdout.write(issued.notice.text);
              console.error(`issued: audit entry ${issued.audit.seq}, text sha256 ${issued.textSha256}`);
            }
            return;
          }
          const notice = await notices.notice(opts.tenant, decisionId, lang);
          if (opts.json) console.log(JSON.stringify(notice, null, 2));
          else process.stdout.write(notice.text);
        } finally {
          await store.close();
        }
      },
    );
}
