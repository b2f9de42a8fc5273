/**
 * Done when: "a model can be retrained from riskloop's own outcomes" — through the commands an analyst runs:
 * a generated book imported and decided, then `riskloop portfolio training-set` and `riskloop model fit` on its
 * output. (The alert, signed retried webhook and chart clauses: jetstream.test.ts, webhook.test.ts, cli.test.ts,
 * test/server/monitoring.test.ts; the 50 ms: `npm run bench -- monitoring alert-jetstream`.)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { register as registerModel } from '../../src/cli/commands/model.js';
import { register as registerPortfolio } from '../../src/cli/commands/portfolio.js';
import { loadConfig } from '../../src/config/index.js';
import { createKeyRing } from '../../src/core/index.js';
import { createDecisionService, loadKnockoutPolicy } from '../../src/decision/index.js';
import { importFile, readApplications } from '../../src/ingest/index.js';
import { writePopulation } from '../../src/population/index.js';
import { openStore } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-outcome-cli-'));
const saved = process.env.RISKLOOP_DATA_DIR;
afterAll(() => {
  if (saved === undefined) delete process.env.RISKLOOP_DATA_DIR;
  else process.env.RISKLOOP_DATA_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

async function riskloop(...args: string[]): Promise<string> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    const program = new Command('riskloop').exitOverride();
    registerPortfolio(program);
    registerModel(program);
    await program.parseAsync(['node', 'riskloop', ...args]);
  } finally {
    log.mockRestore();
  }
  return out.join('\n');
}

describe("done when: a model is retrained from riskloop's own outcomes, from the CLI", () => {
  it('portfolio training-set → model fit', async () => {
    process.env.RISKLOOP_DATA_DIR = join(dir, 'data');
    const config = loadConfig();
    const store = await openStore(config.store);
    try {
      const keyRing = createKeyRing(randomBytes(32));
      const book = await writePopulation({ applications: 1000, seed: 21 }, { outDir: join(dir, 'book'), workers: 0 });
      for (const kind of ['loans', 'repayments'] as const)
        await importFile({ store, keyRing, tenantId: 'lender', kind, file: book.files[kind].path });
      const decisions = createDecisionService({ store, keyRing, policy: loadKnockoutPolicy() });
      const pending: Promise<unknown>[] = [];
      for await (const app of readApplications(book.files.applications.path))
        pending.push(decisions.decide('lender', app));
      await Promise.all(pending);
      await decisions.drain();
    } finally {
      await store.close(); // the embedded store has one process at a time: the CLI opens it next
    }

    const file = join(dir, 'training.csv');
    const made = await riskloop('portfolio', 'training-set', '--tenant', 'lender', '--out', file);
    expect(made).toMatch(/labelled applications \(\d+ bad\)/);
    expect(made).toContain('riskloop model fit --data');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header[0]).toBe('applicationId');
    expect(header.at(-1)).toBe('bad');
    const bad = lines.slice(1).filter((l) => l.endsWith(',1')).length;
    expect(lines.length - 1).toBeGreaterThan(200);
    expect(bad).toBeGreaterThan(10);

    // The retrain runs end to end on the file the book produced. How well it ranks at this size is noise (a few
    // dozen bads); the predictive check is training-set.test.ts, and the demo book's figures are in the docs.
    const fit = JSON.parse(
      await riskloop('model', 'fit', '--data', file, '--target', 'bad', '--drop', 'applicationId', '--json'),
    );
    const auc = fit.evaluation?.auc ?? fit.auc;
    expect(auc).toBeGreaterThan(0);
    expect(auc).toBeLessThan(1);
  }, 240_000);
});
