/**
 * `npm run bench -- <name> [--json] [bench args]`: runs one benchmark and prints a table (or one JSON object).
 * Each bench lives in bench/<name>.ts and exports `run: Bench`.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.js') && !['run.js', 'lib.js'].includes(f))
  .map((f) => f.replace(/\.js$/, ''))
  .sort();

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const rest = argv.filter((a) => a !== '--json');
const name = rest[0];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [--json]\navailable: ${available.join(', ')}`);
  process.exit(2);
}

const mod = (await import(pathToFileURL(`${here}/${name}.js`).href)) as { run: Bench };
const results = await mod.run({ args: rest.slice(1), json, log: (m) => console.error(m) });

if (json) {
  console.log(JSON.stringify({ bench: name, results: results.map(({ note: _n, ...r }) => r) }));
} else {
  printTable(name, results);
}
process.exit(0);

function printTable(bench: string, rows: BenchResult[]): void {
  const header = ['subject', 'case', 'metric', 'value', 'unit', 'note'];
  const body = rows.map((r) => [r.subject, r.case, r.metric, formatValue(r.value), r.unit, r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`bench: ${bench}`);
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toString();
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}
