/** `riskloop graph …`: ring detection over any CSV. Thin: parses arguments and calls the graph face. */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ringsFromCsv } from '../../graph/index.js';
import { reportErrors } from '../report.js';

export function register(program: Command): void {
  const graph = program.command('graph').description('association graph: shared entities, rings, graph scores');
  graph
    .command('rings')
    .description('find rings in any CSV with an id column and link columns; one output row per input row')
    .requiredOption('--data <file>', 'input CSV (with a header row)')
    .requiredOption('--id <column>', 'id column')
    .requiredOption(
      '--link <columns...>',
      'link columns, comma- or space-separated; `column:kind` hashes as an identifier kind so e.g. phone:phone and contact:contactPhone match each other',
    )
    .option('--label <column>', 'known-bad column (1/true/yes/bad/fraud): seeds the personalized PageRank score')
    .requiredOption('--out <file>', 'output CSV: id, ringId, ringSize, graphScore')
    .option('--rings-out <file>', 'also write the ring list (members, shared entity kinds, bad rate) as JSON')
    .option('--min-identities <n>', 'distinct ids a ring must span', (v) => Number.parseInt(v, 10), 3)
    .option('--hub-threshold <n>', 'degree above which a shared value is a hub (down-weighted)', (v) =>
      Number.parseInt(v, 10),
    )
    .option(
      '--context <columns...>',
      'link columns that never merge rings (still evidence): a /24, an employer, a city',
    )
    .option('--no-learn-roles', 'do not learn weak link columns from the data (every undeclared column merges)')
    .option(
      '--min-corroboration <rate>',
      'a link column whose sharers share nothing else more often than this rate allows is weak (default 0.25)',
      Number.parseFloat,
    )
    .action(
      async (opts: {
        data: string;
        id: string;
        link: string[];
        label?: string;
        out: string;
        ringsOut?: string;
        minIdentities: number;
        hubThreshold?: number;
        context?: string[];
        learnRoles: boolean;
        minCorroboration?: number;
      }) =>
        reportErrors(async () => {
          const bar = new cliProgress.SingleBar(
            { format: 'reading {bar} {value} rows', stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
          bar.start(0, 0);
          const summary = await ringsFromCsv({
            data: opts.data,
            id: opts.id,
            links: opts.link,
            label: opts.label,
            out: opts.out,
            ringsOut: opts.ringsOut,
            minIdentities: opts.minIdentities,
            hubThreshold: opts.hubThreshold,
            contextLinks: opts.context
              ?.flatMap((c) => c.split(','))
              .map((c) => c.trim())
              .filter(Boolean),
            learnRoles: opts.learnRoles,
            minCorroboration: opts.minCorroboration,
            onProgress: (rows) => {
              bar.setTotal(rows);
              bar.update(rows);
            },
          });
          bar.stop();
          console.error(
            `${summary.rows} rows, ${summary.rings} rings covering ${summary.ringMembers} rows` +
              (opts.label ? `, ${summary.seeds} known-bad seeds` : '') +
              ` → ${opts.out}`,
          );
          // which columns only gave context, and why (the rule's measurements, never a value)
          for (const r of summary.roles.filter((x) => x.weak))
            console.error(
              `context only: ${r.kind} (${r.sharedApplications} rows share a value; ` +
                `${(r.corroboration * 100).toFixed(0)} % of them share anything else, ${(r.onHubs * 100).toFixed(0)} % on hubs)`,
            );
        }),
    );
}
