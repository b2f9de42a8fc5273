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
