/**
 * The demo book: on the first start of an embedded store, a lender's year is generated (≈ 20k applications with
 * 12 months of loan performance, consortium events from other members) and imported through the same path as any
 * file. Then the loop runs as a lender's would: the first nine months are decided in submission order (the
 * history: each decision stores the facts the live path computed), the starter program is trained on that history
 * as of the tenth month and put live by two people, and the last three months are decided, in order, by it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyRing } from '../core/index.js';
import type { DecisionService } from '../decision/index.js';
import { createSqlConsortiumRepository, ingestConsortiumCsv } from '../features/index.js';
import { importFile, readApplications, type ImportKind } from '../ingest/index.js';
import { writePopulation } from '../population/index.js';
import { DEMO_LOOP_FILE } from './report.js';
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
  /** The latest months decided by the program (default 3); the months before are its history. */
  outOfTimeMonths?: number;
  /**
   * Puts the starter program live, trained on what was decided and known before `asOf` (the first out-of-time
   * month). Without it every application is decided by whatever is live.
   */
  program?: (asOf: Date) => Promise<void>;
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

/** The first day of the out-of-time months: the last `outOfTime` of `months` months from `startMonth` (YYYY-MM). */
export function outOfTimeStart(startMonth: string, months: number, outOfTime: number): Date {
  const [y, m] = startMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months - outOfTime, 1));
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
  // the demo's notices sign with a lender's name, not the tenant id (a name set by hand is kept)
  if ((await store.tenants.get(tenantId))?.name === tenantId) await store.tenants.setName(tenantId, 'Demo lender');
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

  // Decide the latest applications live (the file is in submission order): the history first, then — once the
  // program is live — the out-of-time months.
  const live = options.liveDecisions ?? written.files.applications.rows;
  const skip = Math.max(0, written.files.applications.rows - live);
  const startMonth = monthsBefore(options.now ?? new Date(), 12);
  const asOf = outOfTimeStart(startMonth, 12, options.outOfTimeMonths ?? 3);
  writeFileSync(
    join(bookDir, DEMO_LOOP_FILE),
    JSON.stringify({ startMonth, months: 12, outOfTimeFrom: asOf.toISOString() }) + '\n',
  );
  let seen = 0;
  let decided = 0;
  let programLive = !options.program;
  const pending: Promise<unknown>[] = [];
  for await (const app of readApplications(written.files.applications.path)) {
    if (seen++ < skip) continue;
    if (!programLive && Date.parse(app.submittedAt) >= asOf.getTime()) {
      await Promise.all(pending.splice(0));
      await options.decisions.drain();
      progress('train and apply the starter program', 0, 1);
      await options.program!(asOf);
      progress('train and apply the starter program', 1, 1);
      programLive = true;
    }
    pending.push(
      options.decisions.decide(tenantId, app, { idempotencyKey: `demo-${app.applicationId}` }).then(() => decided++),
    );
    if (pending.length >= 64) {
      await Promise.all(pending.splice(0));
      progress('decide', decided, live);
    }
  }
  await Promise.all(pending);
  // the embedded store has no autovacuum: statistics for the decisions just stored, before anything reads them
  await options.store.db.exec('analyze decisions');
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

export { ensureDemoPeople, DEMO_PEOPLE } from './people.js';
export {
  computeDemoReport,
  demoReport,
  readTruth,
  demoTruth,
  DEMO_LOOP_FILE,
  type DemoReport,
  type DecidedRow,
  type TruthRow,
} from './report.js';
