import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
/** Shared shape and helpers for benchmarks: every bench returns rows; run.ts prints them as a table or JSON. */

export interface BenchResult {
  subject: string;
  case: string;
  metric: string;
  value: number;
  unit: string;
  /** Free-form note printed in the table (e.g. "target ≥ 5000"). */
  note?: string;
}

export interface BenchContext {
  /** Extra command-line arguments after the bench name (e.g. --quick). */
  args: string[];
  json: boolean;
  /** Progress and diagnostics go here (stderr), never to stdout, so --json stays parseable. */
  log: (message: string) => void;
}

export type Bench = (ctx: BenchContext) => Promise<BenchResult[]>;

export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((p / 100) * sortedAscending.length) - 1));
  return sortedAscending[rank]!;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function hasFlag(args: string[], flag: string): boolean {
  return args.includes(flag);
}

export function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

export function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

/**
 * Starts `riskloop serve` as a child process on a free loopback port (no demo book) and resolves once it listens.
 * Benches drive it over HTTP from this process, so client and server do not share an event loop.
 */
export async function spawnServer(
  apiKey: string,
  env: Record<string, string>,
  serveArgs: string[] = [],
  script = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js'),
): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [script, ...(script.endsWith('main.js') ? ['serve'] : []), ...serveArgs], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      RISKLOOP_DEMO: 'off',
      RISKLOOP_BOOTSTRAP_API_KEY: apiKey,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`server exited (${code ?? signal}) before listening: ${stderr.slice(-2000)}`)),
    );
  });
  return { child, url, port: Number(new URL(url).port) };
}
