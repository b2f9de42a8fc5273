/**
 * `riskloop model performance|fairness`, in process on an empty embedded store: both register beside `model` in the
 * order the binary loads command files (model.ts first), and answer clearly for a version that does not exist.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as model } from '../../src/cli/commands/model.js';
import { register as fairness } from '../../src/cli/commands/registry-fairness.js';
import { register as performance } from '../../src/cli/commands/registry-performance.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-outcomes-cli-'));
const saved = { dataDir: process.env.RISKLOOP_DATA_DIR, db: process.env.DATABASE_URL };
const run = (...args: string[]) => runCli([model, fairness, performance], ['model', ...args]);

beforeAll(() => {
  process.env.RISKLOOP_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  if (saved.dataDir === undefined) delete process.env.RISKLOOP_DATA_DIR;
  else process.env.RISKLOOP_DATA_DIR = saved.dataDir;
  if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
  rmSync(dir, { recursive: true, force: true });
});

describe('model performance / fairness commands', () => {
  it('name a missing version and refuse a malformed one before opening the store', async () => {
    await expect(run('performance', 'app-card', '3')).rejects.toThrow('model app-card@3 not found');
    await expect(run('fairness', 'app-card', '3')).rejects.toThrow('model app-card@3 not found');
    await expect(run('performance', 'app-card', 'x')).rejects.toThrow('version x is not a positive whole number');
    await expect(run('fairness', 'app-card', '1', '--as-of', 'yesterday')).rejects.toThrow('--as-of yesterday');
  }, 60_000);
});
