/**
 * Point-in-time training tables: each application row gets the features it would have had at its own as-of time.
 * A row sees only earlier applications (rows sharing one timestamp do not see each other) and consortium events
 * strictly before its time. `replayPointInTime` states this by construction — rows replayed in time order through
 * the live engine and a fresh in-process velocity store — and is the reference; the export runs the columnar path
 * (columnar/point-in-time.ts), which computes the same values a table at a time and is tested equal to it.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { ValidationError, type FieldIssue } from '../core/errors.js';
import { csvTextCell } from '../core/csv.js';
import type { FeatureApplication, KeyedApplication } from './application.js';
import { createEventIndex, type EventIndex } from './consortium/event-index.js';
import { toConsortiumEvent, type ConsortiumEventInput } from './consortium/events.js';
import { createFeatureEngine, type FeatureEngine } from './engine.js';
import { columnarPointInTime } from './columnar/point-in-time.js';
import { createMemoryVelocityStore } from './velocity/memory.js';

/**
 * Replays keyed applications in as-of order, yielding each row's index and its feature vector (the vector is
 * reused: copy it if you keep it).
 */
export function* replayPointInTime(
  apps: readonly KeyedApplication[],
  engine: FeatureEngine,
): Generator<[index: number, vector: Float64Array]> {
  const order = apps.map((_, i) => i).sort((a, b) => apps[a]!.at - apps[b]!.at || a - b);
  const vector = new Float64Array(engine.registry.size);
  for (let g = 0; g < order.length;) {
    const at = apps[order[g]!]!.at;
    let end = g + 1;
    while (end < order.length && apps[order[end]!]!.at === at) end++;
    if (end - g === 1) {
      engine.computeVectorSync(apps[order[g]!]!, at, {}, vector);
      yield [order[g]!, vector];
    } else {
      for (let i = g; i < end; i++) {
        engine.computeVectorSync(apps[order[i]!]!, at, { record: false }, vector);
        yield [order[i]!, vector];
      }
      for (let i = g; i < end; i++) engine.recordSync(apps[order[i]!]!, at);
    }
    g = end;
  }
}

/** CSV rows, with a malformed file reported as a ValidationError naming the line (never echoing its content). */
async function* readRows(parser: AsyncIterable<unknown>, what: string): AsyncGenerator<Record<string, string>> {
  try {
    for await (const row of parser) yield row as Record<string, string>;
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    if (!e.code?.startsWith('CSV_')) throw err;
    throw new ValidationError(`malformed ${what} CSV`, [
      {
        path: `/${what}/line/${e.lines ?? '?'}`,
        message: e.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' ? 'wrong number of columns (unquoted comma?)' : e.code,
      },
    ]);
  }
}

/** Loads a consortium events CSV (columns of ConsortiumEventInput) into an index; bad rows are reported. */
export async function loadEventsCsv(
  file: string,
  consortiumKey: Buffer,
  index: EventIndex = createEventIndex(),
): Promise<{ index: EventIndex; rows: number; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  let rows = 0;
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  for await (const row of readRows(parser, 'events') as AsyncIterable<ConsortiumEventInput>) {
    const r = toConsortiumEvent(row, consortiumKey, `/events/${rows++}`);
    if ('issues' in r) {
      if (issues.length < 100) issues.push(...r.issues);
    } else index.add(r.event);
  }
  return { index, rows, issues };
}

/** Maps a CSV row to an application; accepts the population generator's column names too. */
export function applicationFromRow(row: Record<string, string>, asOfColumn: string, line: number): FeatureApplication {
  const applicationId = row.applicationId ?? '';
  const submittedAt = row[asOfColumn] ?? '';
  const issues: FieldIssue[] = [];
  if (!applicationId) issues.push({ path: `/applications/${line}/applicationId`, message: 'required' });
  if (!submittedAt || !Number.isFinite(Date.parse(submittedAt)))
    issues.push({ path: `/applications/${line}/${asOfColumn}`, message: 'expected an ISO-8601 date-time' });
  if (issues.length > 0) throw new ValidationError('invalid application row', issues);
  const amount = row.amount ? Number(row.amount) : null;
  const contacts = row.contactPhones ?? row.contactPhone ?? '';
  return {
    applicationId,
    submittedAt,
    amount: amount !== null && Number.isFinite(amount) ? amount : null,
    nationalId: row.nationalId || null,
    phone: row.phone || null,
    email: row.email || null,
    deviceId: row.deviceId || null,
    ip: row.ip || null,
    card: row.card || row.bankCard || null,
    employerPhone: row.employerPhone || null,
    contactPhones: contacts ? contacts.split(';').filter((c) => c) : [],
  };
}

export interface ExportOptions {
  applicationsCsv: string;
  eventsCsv?: string;
  asOfColumn: string;
  out: string;
  tenantKey: Buffer;
  consortiumKey: Buffer;
  /** Leave this lender's own consortium events out (multi-lender means "elsewhere"). */
  institutionId?: string;
  /** Extra application columns copied to the output (e.g. the target). */
  keep?: string[];
  utcOffsetMinutes?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSummary {
  rows: number;
  features: number;
  events: number;
  rejectedEvents: FieldIssue[];
  totalSeconds: number;
}

const SMALL_INTS = Array.from({ length: 1024 }, (_, i) => String(i));

function cell(v: number): string {
  if (Number.isNaN(v)) return '';
  if (Number.isInteger(v) && v >= 0 && v < 1024) return SMALL_INTS[v]!;
  return String(v);
}

// ids and kept columns come from the caller's file: formula-neutralised for spreadsheets
const csvText = csvTextCell;

/** Reads both CSVs, replays the applications point-in-time and writes the training table (rows in as-of order). */
export async function exportTrainingTable(options: ExportOptions): Promise<ExportSummary> {
  const started = performance.now();
  const loaded = options.eventsCsv
    ? await loadEventsCsv(options.eventsCsv, options.consortiumKey)
    : { index: createEventIndex(), rows: 0, issues: [] };
  const engine = createFeatureEngine({
    velocity: createMemoryVelocityStore(),
    events: loaded.index,
    tenantKey: options.tenantKey,
    consortiumKey: options.consortiumKey,
    institutionId: options.institutionId,
    utcOffsetMinutes: options.utcOffsetMinutes,
    hashCache: new Map(),
  });
  const keep = options.keep ?? [];
  const raw: Record<string, string>[] = [];
  const keyed: KeyedApplication[] = [];
  const parser = createReadStream(options.applicationsCsv).pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true }),
  );
  for await (const row of readRows(parser, 'applications')) {
    const app = applicationFromRow(row, options.asOfColumn, raw.length);
    raw.push(
      Object.fromEntries([
        ['applicationId', app.applicationId],
        [options.asOfColumn, String(app.submittedAt)],
        ...keep.map((k) => [k, row[k] ?? '']),
      ]),
    );
    keyed.push(engine.keyer.key(app));
  }

  const out = createWriteStream(options.out);
  const header = ['applicationId', options.asOfColumn, ...keep, ...engine.registry.names];
  out.write(header.map(csvText).join(',') + '\n');
  let chunk: string[] = [];
  let done = 0;
  for (const [i, vector] of columnarPointInTime(keyed, engine)) {
    const r = raw[i]!;
    const parts: string[] = [csvText(r.applicationId!), csvText(r[options.asOfColumn]!)];
    for (const k of keep) parts.push(csvText(r[k]!));
    for (let f = 0; f < vector.length; f++) parts.push(cell(vector[f]!));
    chunk.push(parts.join(','));
    if (chunk.length >= 2_000) {
      done += chunk.length;
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
      options.onProgress?.(done, keyed.length);
    }
  }
  if (chunk.length > 0) out.write(chunk.join('\n') + '\n');
  done += chunk.length;
  out.end();
  await once(out, 'finish');
  options.onProgress?.(done, keyed.length);
  return {
    rows: done,
    features: engine.registry.size,
    events: loaded.index.size,
    rejectedEvents: loaded.issues,
    totalSeconds: (performance.now() - started) / 1000,
  };
}
