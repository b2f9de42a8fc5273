/**
 * The demo book: on the first start of an embedded store, a lender's year is generated (≈ 20k applications with
 * 12 months of loan performance, consortium events from other members), imported through the same path as any
 * file, and the latest applications are decided by the live pipeline, so the first screen shows real numbers.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyRing } from '../core/index.js';
import type { DecisionService } from '../decision/index.js';
import { createSqlConsortiumRepository, ingestConsortiumCsv } from '../features/index.js';
import { importFile, readApplications, type ImportKind } from '../ingest/index.js';
import { writePopulation } from '../population/index.js';
import type { Store } from '../store/index.js';

export interface DemoBookOptions {
  store: Store;
  keyRing: KeyRing;
  consortiumKey: Buffer;
  decisions: DecisionService;
  dataDir: string;
  tenantId?: string;
  applications?: number;
  /** How many of the latest applications are decided live (default: all, so the outcome loop has history). */
  liveDecisions?: number;
  seed?: number;
  now?: Date;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DemoBookSummary {
  loaded: boolean;
  applications: number;
  loans: number;
  repayments: number;
  consortiumEvents: number;
  decisions: number;
}

const MARKER = '.loaded';

export function demoBookLoaded(dataDir: string): boolean {
  return existsSync(join(dataDir, 'demo-book', MARKER));
}

function monthsBefore(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return d.toISOString().slice(0, 7);
}

export async function loadDemoBook(options: DemoBookOptions): Promise<DemoBookSummary> {
  const { store, keyRing, dataDir } = options;
  const tenantId = options.tenantId ?? 'demo';
  const bookDir = join(dataDir, 'demo-book');
  if (demoBookLoaded(dataDir)) {
    return { loaded: false, applications: 0, loans: 0, repayments: 0, consortiumEvents: 0, decisions: 0 };
  }
  const total = options.applications ?? 20_000;
  const progress = options.onProgress ?? (() => undefined);
  const written = await writePopulation(
    {
      applications: total,
      seed: options.seed ?? 2026,
      months: 12,
      startMonth: monthsBefore(options.now ?? new Date(), 12),
    },
    { outDir: bookDir, onProgress: (done) => progress('generate', done, total) },
  );
  const counts: Record<ImportKind, number> = { applications: 0, loans: 0, repayments: 0 };
  for (const kind of ['applications', 'loans', 'repayments'] as const) {
    const file = written.files[kind];
    const r = await importFile({
      store,
      keyRing,
      tenantId,
      kind,
      file: file.path,
      onProgress: (n) => progress(`import ${kind}`, n, file.rows),
    });
    counts[kind] = r.inserted + r.duplicates;
  }
  await store.tenants.ensure(tenantId);
  const consortium = await ingestConsortiumCsv(
    createSqlConsortiumRepository(store.db, 'default'),
    written.files.consortium_events.path,
    {
      consortiumKey: options.consortiumKey,
      onProgress: (n) => progress('import consortium events', n, written.files.consortium_events.rows),
    },
  );

  // The imported events reach the node's live consortium index through the change feed: wait until they are there,
  // so the decisions below count the applicants' borrowing elsewhere.
  await store.changes.sync();

  // Decide the latest applications live (the file is in submission order).
  const live = options.liveDecisions ?? written.files.applications.rows;
  const skip = Math.max(0, written.files.applications.rows - live);
  let seen = 0;
  let decided = 0;
  const pending: Promise<unknown>[] = [];
  for await (const app of readApplications(written.files.applications.path)) {
    if (seen++ < skip) continue;
    pending.push(
      options.decisions.decide(tenantId, app, { idempotencyKey: `demo-${app.applicationId}` }).then(() => decided++),
    );
    if (pending.length >= 64) {
      await Promise.all(pending.splice(0));
      progress('decide', decided, live);
    }
  }
  await Promise.all(pending);
  progress('decide', decided, live);
  writeFileSync(join(bookDir, MARKER), new Date().toISOString() + '\n');
  return {
    loaded: true,
    applications: counts.applications,
    loans: counts.loans,
    repayments: counts.repayments,
    consortiumEvents: consortium.stored + consortium.duplicates,
    decisions: decided,
  };
}
