import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-gen-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = async (...args: string[]) => {
  const program = new Command('riskloop').exitOverride();
  program.configureOutput({ writeErr: () => undefined });
  register(program);
  await program.parseAsync(['node', 'riskloop', 'generate', ...args]);
};

describe('riskloop generate', () => {
  it('writes every file, and a text seed is as reproducible as a number', async () => {
    await run('--applications', '300', '--seed', 'demo', '--out', join(dir, 'a'), '--months', '6');
    await run('--applications', '300', '--seed', 'demo', '--out', join(dir, 'b'), '--months', '6');
    for (const t of ['applications', 'truth', 'repayments', 'consortium_events']) {
      const a = readFileSync(join(dir, 'a', `${t}.csv`), 'utf8');
      expect(a).toBe(readFileSync(join(dir, 'b', `${t}.csv`), 'utf8'));
    }
    const apps = readFileSync(join(dir, 'a', 'applications.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(apps).toHaveLength(301);
    expect(apps[300]).toContain(',2024-06-');
  });

  it('rejects a bad format and a non-positive count', async () => {
    await expect(run('--applications', '10', '--out', join(dir, 'c'), '--format', 'xlsx')).rejects.toThrow(
      /csv or parquet/,
    );
    await expect(run('--applications', '0', '--out', join(dir, 'd'))).rejects.toThrow(/positive integer/);
  });
});
