/** `riskloop decision notice <decisionId>`: the adverse-action notice a declined applicant would receive. */
import type { Command } from 'commander';
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
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (decisionId: string, opts: { lang: string; json?: boolean; tenant: string }) => {
      const lang = LANGS.find((l) => l.toLowerCase() === opts.lang.toLowerCase());
      // checked before the store opens: a typo should not wait for it
      if (!lang) throw new Error(`--lang ${opts.lang}: use zh-CN or en`);
      const store = await openStore(loadConfig().store);
      try {
        const notice = await createNoticeService(store).notice(opts.tenant, decisionId, lang);
        if (opts.json) console.log(JSON.stringify(notice, null, 2));
        else process.stdout.write(notice.text);
      } finally {
        await store.close();
      }
    });
}
