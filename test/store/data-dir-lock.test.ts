/**
 * One process per embedded data dir: a second opener gets a clear error naming the holder (two PGlite instances on
 * one directory corrupt it); a lock left by a process that died is taken over; closing releases it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';

const root = mkdtempSync(join(tmpdir(), 'riskloop-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function holdLock(dir: string, pid: number) {
  writeFileSync(`${dir}.lock`, JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
}

describe('embedded data dir lock', () => {
  it('refuses a second opener in this process until the first closes', { timeout: 240_000 }, async () => {
    const dir = join(root, 'a');
    const first = await openStore({ kind: 'pglite', dataDir: dir });
    await expect(openStore({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/already open by this process/);
    await first.close();
    const again = await openStore({ kind: 'pglite', dataDir: dir });
    await again.close();
  });

  it('refuses while another live process holds it, naming that process', async () => {
    const dir = join(root, 'b');
    const other = spawn('sleep', ['30']);
    try {
      holdLock(dir, other.pid!);
      await expect(openStore({ kind: 'pglite', dataDir: dir })).rejects.toThrow(
        new RegExp(`already open by process ${other.pid}.*RISKLOOP_DATA_DIR`),
      );
    } finally {
      other.kill();
    }
  });

  it('takes over the lock of a process that died', { timeout: 240_000 }, async () => {
    const dir = join(root, 'a'); // initialised by the first test: reopening is quicker than a new data dir
    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    holdLock(dir, gone.pid!);
    const store = await openStore({ kind: 'pglite', dataDir: dir });
    expect((await store.db.query<{ one: number }>('select 1 as one')).rows[0]!.one).toBe(1);
    await store.close();
  });
});
