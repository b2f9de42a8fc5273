/**
 * Once per test run: a migrated embedded data dir, dumped, from which every in-memory store of the run starts
 * (RISKLOOP_PGLITE_TEMPLATE, read by src/store/pglite.ts) — initdb once instead of once per store. Child processes
 * the tests start inherit the variable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openStore } from '../../src/store/index.js';

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-template-'));
  const dataDir = join(dir, 'pgdata');
  const store = await openStore({ kind: 'pglite', dataDir });
  await store.close();
  const db = await PGlite.create(dataDir);
  const dump = await db.dumpDataDir('none');
  await db.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.RISKLOOP_PGLITE_TEMPLATE = file;
  // the run's id: what is built once per run (the console bundle, test/web/console-build.ts) is stamped with it
  process.env.RISKLOOP_TEST_RUN = `${process.pid}-${Date.now()}`;
  return () => rmSync(dir, { recursive: true, force: true });
}
