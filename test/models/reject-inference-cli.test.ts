/**
 * `riskloop model fit --reject-inference … --rejects FILE` on German credit split as a lender would have split it:
 * the applications with the longest durations and largest amounts declined (their outcomes kept in the rejects
 * file's target, so the through-the-door AUC can be measured; the fit never reads them).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { register } from '../../src/cli/commands/model.js';
import { dataPath } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'riskloop-ri-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ out: string[]; err: string[]; exit?: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  const error = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
  let exit: number | undefined;
  const quit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    exit = code;
    throw new Error('exit');
  }) as never);
  try {
    const program = new Command('riskloop').exitOverride();
    register(program);
    await program.parseAsync(['node', 'riskloop', 'model', ...args]);
  } catch (e) {
    if ((e as Error).message !== 'exit') throw e;
  } finally {
    log.mockRestore();
    error.mockRestore();
    quit.mockRestore();
  }
  return { out, err, ...(exit !== undefined ? { exit } : {}) };
}

// the lender's cut: long and large loans declined (a third of the book)
const rows = parse(readFileSync(dataPath('germancredit.csv')), { columns: true }) as Array<Record<string, string>>;
const risk = (r: Record<string, string>) => Number(r.duration_in_month) * 1000 + Number(r.credit_amount);
const cut = [...rows].map(risk).sort((a, b) => a - b)[Math.floor(rows.length * 0.67)]!;
const accepted = rows.filter((r) => risk(r) < cut);
const declined = rows.filter((r) => risk(r) >= cut);
const acceptedFile = join(dir, 'accepted.csv');
const rejectsFile = join(dir, 'rejects.csv');
const blindFile = join(dir, 'rejects-blind.csv');
writeFileSync(acceptedFile, stringify(accepted, { header: true }));
writeFileSync(rejectsFile, stringify(declined, { header: true }));
writeFileSync(
  blindFile,
  stringify(
    declined.map((r) => ({ ...r, creditability: '' })),
    { header: true },
  ),
);

const base = ['fit', '--data', acceptedFile, '--target', 'creditability=bad', '--seed', '42'];

describe('riskloop model fit with reject inference', () => {
  it('fuzzy: prints the report with and without, through the door when the rejects file has the truth', async () => {
    const r = await cli([...base, '--reject-inference', 'fuzzy', '--rejects', rejectsFile, '--json', '--out', dir]);
    expect(r.exit, r.err.join('\n')).toBeUndefined();
    const j = JSON.parse(r.out[0]!) as { rejectInference: Record<string, unknown> & { throughTheDoor: unknown } };
    expect(j.rejectInference).toMatchObject({
      method: 'fuzzy',
      rejects: declined.length,
      settings: { rejectWeight: 1 },
    });
    expect(j.rejectInference.throughTheDoor).toMatchObject({ declined: declined.length, source: expect.any(String) });
    expect(JSON.parse(readFileSync(join(dir, 'reject-inference.json'), 'utf8'))).toEqual(j.rejectInference);

    const text = await cli([...base, '--reject-inference', 'parcelling', '--uplift', '1.5', '--rejects', rejectsFile]);
    expect(text.out.join('\n')).toMatch(/reject inference: parcelling \(bands 10, uplift 1.5, seed 42\)/);
    expect(text.out.join('\n')).toMatch(/through the door \(\d+ applications, \d+ declined/);
  });

  it('without the truth, no through-the-door figure; wrong settings are refused naming the flag', async () => {
    const r = await cli([...base, '--reject-inference', 'fuzzy', '--rejects', blindFile, '--json']);
    const j = JSON.parse(r.out[0]!) as { rejectInference: { throughTheDoor: unknown; rejects: number } };
    expect(j.rejectInference.throughTheDoor).toBeNull();
    expect(j.rejectInference.rejects).toBe(declined.length);

    const wrong = await cli([...base, '--reject-inference', 'augment', '--rejects', blindFile]);
    expect(wrong.exit).toBe(2);
    expect(wrong.err.join('\n')).toMatch(/reject-inference/);
    const noFile = await cli([...base, '--reject-inference', 'fuzzy']);
    expect(noFile.exit).toBe(2);
    expect(noFile.err.join('\n')).toMatch(/--rejects/);
    const uplift = await cli([...base, '--reject-inference', 'parcelling', '--uplift', '0', '--rejects', blindFile]);
    expect(uplift.exit).toBe(2);
    expect(uplift.err.join('\n')).toMatch(/reject-inference\/uplift/);
  });
});
