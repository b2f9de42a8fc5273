/** `riskloop model fairness <name> <version>`: approval and bad rates by protected group, adverse impact ratios. */
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { createModelRegistry, modelFairness } from '../../models/index.js';
import { openStore } from '../../store/index.js';
import { asOfOption, versionArgument } from '../options.js';

const cell = (v: number | null) => (v === null ? '—' : String(v));

// Named after registry.ts, not model-*.ts: command files load in name order and model.ts creates `model` itself, so
// a file sorting before it must not (it would clash); this one only adds to it.
export function register(program: Command): void {
  const model = program.commands.find((c) => c.name() === 'model') ?? program.command('model');
  model
    .command('fairness <name> <version>')
    .description("a version's approval and bad rates by age band, sex and province, with adverse impact ratios")
    .option('--as-of <time>', 'judge the book as of this ISO time (default now)')
    .option('--threshold <x>', 'flag adverse impact ratios below this (four-fifths rule)', '0.8')
    .option('--json', 'print the report as JSON')
    .option('--tenant <tenantId>', 'tenant', 'demo')
    .action(async (name: string, version: string, opts: Record<string, string | boolean | undefined>) => {
      const asOf = asOfOption(opts.asOf === undefined ? undefined : String(opts.asOf));
      const v = versionArgument(version);
      const store = await openStore(loadConfig().store);
      try {
        const f = await modelFairness(store.db, createModelRegistry(store.db), String(opts.tenant), name, v, {
          ...asOf,
          threshold: Number(opts.threshold),
        });
        if (opts.json) {
          console.log(JSON.stringify({ name, version: v, ...f }, null, 2));
          return;
        }
        console.log(['dimension', 'group', 'decisions', 'approval', 'AIR', 'judged', 'bad rate', ''].join('\t'));
        for (const d of f.dimensions)
          for (const g of d.groups)
            console.log(
              [
                d.dimension,
                g.group,
                g.decisions,
                cell(g.approvalRate),
                cell(g.adverseImpactRatio),
                g.judged,
                cell(g.badRate),
                g.group === d.reference ? 'reference' : g.flagged ? `BELOW ${f.threshold}` : '',
              ].join('\t'),
            );
      } finally {
        await store.close();
      }
    });
}
