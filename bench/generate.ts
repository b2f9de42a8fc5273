/**
 * `npm run bench -- generate [--quick] [--runs N]`: the population generator end to end, as a user runs it
 * (`riskloop generate` in a child process, CSV to a temp dir). Wall seconds and peak RSS of the child (worker
 * threads included) — medians over runs — plus CPU seconds, which show the work independent of machine load.
 * Targets: 1,000,000 applications in ≤ 60 s and ≤ 1.5 GB RSS. `--quick` runs only the 100k cases.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagValue, hasFlag, median, type Bench, type BenchResult } from './lib.js';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const TIME = '/usr/bin/time';

interface Run {
  seconds: number;
  rssMb: number;
  cpuSeconds: number;
}

/** Runs the CLI once; peak RSS from GNU time when present, else by polling /proc (VmHWM). */
async function runOnce(applications: number, format: string): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), 'riskloop-bench-gen-'));
  const args = [cli, 'generate', '--applications', String(applications), '--seed', '1', '--out', out];
  args.push('--format', format);
  const useTime = existsSync(TIME);
  const started = process.hrtime.bigint();
  try {
    const child = useTime ? spawn(TIME, ['-v', process.execPath, ...args]) : spawn(process.execPath, args);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // process already gone
      }
    }, 100);
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    clearInterval(poll);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) throw new Error(`generate failed (${code}): ${stderr.slice(-1000)}`);
    const num = (re: RegExp) => Number(re.exec(stderr)?.[1] ?? Number.NaN);
    const rssKb = useTime ? num(/Maximum resident set size \(kbytes\): (\d+)/) : peakKb;
    const cpu = useTime
      ? num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)
      : Number.NaN;
    return { seconds, rssMb: rssKb / 1024, cpuSeconds: cpu };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function measure(
  name: string,
  applications: number,
  format: string,
  runs: number,
  log: (m: string) => void,
): Promise<BenchResult[]> {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(applications, format);
    log(
      `${name} run ${i + 1}/${runs}: ${r.seconds.toFixed(1)} s, ${r.rssMb.toFixed(0)} MB, cpu ${r.cpuSeconds.toFixed(1)} s`,
    );
    results.push(r);
  }
  const big = applications >= 1_000_000;
  return [
    {
      subject: 'riskloop',
      case: name,
      metric: 'seconds',
      value: median(results.map((r) => r.seconds)),
      unit: 's',
      note: `median of ${runs}${big ? '; target ≤ 60' : ''}`,
    },
    {
      subject: 'riskloop',
      case: name,
      metric: 'rssMb',
      value: median(results.map((r) => r.rssMb)),
      unit: 'MB',
      note: `peak RSS of the CLI process${big ? '; target ≤ 1536' : ''}`,
    },
    {
      subject: 'riskloop',
      case: name,
      metric: 'cpuSeconds',
      value: median(results.map((r) => r.cpuSeconds)),
      unit: 's',
      note: 'user + system, all threads',
    },
  ];
}

export const run: Bench = async ({ args, log }) => {
  const runs = Number(flagValue(args, '--runs') ?? 3);
  const rows: BenchResult[] = [];
  rows.push(...(await measure('100k-applications', 100_000, 'csv', runs, log)));
  rows.push(...(await measure('100k-applications-parquet', 100_000, 'parquet', 1, log)));
  if (!hasFlag(args, '--quick')) rows.push(...(await measure('1m-applications', 1_000_000, 'csv', runs, log)));
  return rows;
};
