/** `riskloop generate`: writes a synthetic lending population with ground truth. Thin: parses and delegates. */
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { seedFromString, writePopulation, type PopulationFormat } from '../../population/index.js';

function positiveInt(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** Integer seeds are used as given; any other text is hashed, so `--seed demo` works too. */
function seed(value: string): number {
  return /^-?\d+$/.test(value) ? Number(value) | 0 : seedFromString(value);
}

export function register(program: Command): void {
  program
    .command('generate')
    .description('generate a synthetic lending population (applications, loans, repayments, consortium, truth)')
    .requiredOption('--applications <n>', 'number of applications', positiveInt)
    .option('--seed <s>', 'PRNG seed: the same seed gives byte-identical files', seed, 1)
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .option('--format <format>', 'csv or parquet', 'csv')
    .option('--months <n>', 'months of applications', positiveInt, 24)
    .option('--start-month <YYYY-MM>', 'first application month', '2024-01')
    .option('--workers <n>', 'worker threads (0 = none; default: one per core, at most 4)', (v) =>
      Number.parseInt(v, 10),
    )
    .action(
      async (opts: {
        applications: number;
        seed: number;
        out: string;
        format: string;
        months: number;
        startMonth: string;
        workers?: number;
      }) => {
        if (opts.format !== 'csv' && opts.format !== 'parquet') {
          throw new InvalidArgumentError(`--format must be csv or parquet, got ${opts.format}`);
        }
        const bar = new cliProgress.SingleBar(
          {
            format: 'generating {bar} {percentage}% | {value}/{total} applications | {eta_formatted} left',
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(opts.applications, 0);
        const started = Date.now();
        const summary = await writePopulation(
          { applications: opts.applications, seed: opts.seed, months: opts.months, startMonth: opts.startMonth },
          {
            outDir: opts.out,
            format: opts.format as PopulationFormat,
            workers: opts.workers,
            onProgress: (done) => bar.update(done),
          },
        );
        bar.stop();
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const counts = Object.entries(summary.files).map(([t, f]) => `${t} ${f.rows}`);
        console.error(
          `wrote ${summary.format} to ${summary.outDir} in ${seconds}s (as of ${summary.asOf}): ${counts.join(', ')}`,
        );
      },
    );
}
