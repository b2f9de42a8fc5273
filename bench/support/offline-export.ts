/**
 * `offline-export` of the features bench: point-in-time training rows per second, riskloop's columnar path against
 * DuckDB computing the same windowed point-in-time counts in SQL, both on the same two CSV files (applications
 * with keyed identifiers, consortium events). Each side loads the files first, untimed (riskloop: events through
 * the export's own loader, applications split by hand; DuckDB: `read_csv` into tables); the timed part is the
 * computation. The shared subset: application counts per national id, phone, device, IP /24 and card over the
 * seven velocity windows (bucketed, the velocity store's semantics) and applications elsewhere by national id and by
 * phone over the six multi-lender windows (exact), 47 columns. riskloop also runs every registered feature, and the
 * row-by-row engine replay is run once on a slice as the old path. The subset's values are compared cell by cell.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { deriveKey } from '../../src/core/identifiers.js';
import {
  columnarPointInTime,
  createFeatureEngine,
  createMemoryVelocityStore,
  loadEventsCsv,
  replayPointInTime,
  type KeyedApplication,
} from '../../src/features/index.js';
import { median, type BenchResult } from '../lib.js';
import { seededRandom as rng } from '../../src/core/index.js';

const TENANT_KEY = deriveKey(Buffer.from('bench-master-secret-0123456789abc'), 'riskloop/tenant-hmac/bench');
const CONSORTIUM_KEY = deriveKey(Buffer.from('bench-consortium-secret-012345678'), 'consortium');
const DAY = 86_400_000;
const END = Date.UTC(2026, 0, 1);
const TYPES = ['bank', 'consumer-finance', 'microloan', 'online-lender'] as const;
const KINDS = ['application', 'application', 'application', 'approval', 'loan', 'repayment', 'overdue'] as const;

/** Velocity specs of the shared subset: (stem, file column). */
const VEL = [
  ['apps_id', 'nid'],
  ['apps_phone', 'phone'],
  ['apps_device', 'device'],
  ['apps_ip24', 'ip24'],
  ['apps_card', 'card'],
] as const;
const VEL_WINDOWS = [
  ['1h', 60_000, 60],
  ['24h', 3_600_000, 24],
  ['7d', 3_600_000, 168],
  ['30d', DAY, 30],
  ['90d', DAY, 90],
  ['180d', DAY, 180],
  ['365d', DAY, 365],
] as const;
const ML_WINDOWS = [
  ['7d', 7],
  ['15d', 15],
  ['1m', 30],
  ['3m', 90],
  ['6m', 180],
  ['12m', 365],
] as const;
const SELF = 'M0';

export const SUBSET: string[] = [
  ...VEL.flatMap(([stem]) => VEL_WINDOWS.map(([w]) => `vel_${stem}_${w}`)),
  ...(['id', 'phone'] as const).flatMap((e) => ML_WINDOWS.map(([w]) => `ml_${e}_all_apps_${w}`)),
];

/** Writes apps.csv (keyed identifiers, epoch ms) and events.csv (consortium-keyed hashes) into `dir`. */
export function writeFiles(dir: string, rows: number, events: number): void {
  const rand = rng(18);
  const persons = Math.max(1000, Math.floor(rows / 2));
  // 43-character base64url, as a keyed HMAC is (the event index keys on the leading 53 bits: they must vary)
  const hex = (p: number, tag: string) => createHash('sha256').update(`${tag}${p}`).digest('base64url');
  const ev: string[] = ['eventId,institutionId,institutionType,eventType,occurredAt,idHash,phoneHash,amount,dpd'];
  for (let i = 0; i < events; i++) {
    const p = Math.floor(rand() * persons);
    const m = Math.floor(rand() * 40);
    const k = KINDS[Math.floor(rand() * KINDS.length)]!;
    const at = END - 400 * DAY + Math.floor(rand() * 400 * DAY);
    const ph = rand() < 0.8 ? hex(p, 'cp') : '';
    ev.push(
      `${i},M${m},${TYPES[m % 4]},${k},${new Date(at).toISOString()},${hex(p, 'ci')},${ph},100,${k === 'overdue' ? 30 : ''}`,
    );
  }
  writeFileSync(join(dir, 'events.csv'), ev.join('\n') + '\n');
  const apps: string[] = ['applicationId,atMs,amount,nid,phone,device,ip24,card,idc,phonec'];
  for (let i = 0; i < rows; i++) {
    const p = Math.floor(rand() * persons);
    // a year of applications in time order, many in bursts (same minute) so short windows are not empty
    const at =
      END - 365 * DAY + Math.floor((i / rows) * 365 * DAY) - (rand() < 0.2 ? 0 : Math.floor(rand() * 30 * DAY));
    apps.push(
      [
        `A${i}`,
        at,
        (Math.floor(rand() * 5_000_000) / 100).toFixed(2),
        hex(p, 'n'),
        rand() < 0.95 ? hex(p, 'p') : '',
        rand() < 0.9 ? hex(p % Math.max(1, persons >> 2), 'd') : '',
        rand() < 0.9 ? hex((p * 7919) % 5000, 'i') : '',
        rand() < 0.5 ? hex(p, 'c') : '',
        hex(p, 'ci'),
        hex(p, 'cp'),
      ].join(','),
    );
  }
  writeFileSync(join(dir, 'apps.csv'), apps.join('\n') + '\n');
}

/** The applications file as the engine keys it (the identifiers in it are already keyed). */
function readApps(file: string): KeyedApplication[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: KeyedApplication[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const [id, at, amount, nid, phone, device, ip24, card, idc, phonec] = lines[i]!.split(',') as string[];
    const keys: KeyedApplication['keys'] = {};
    if (nid) keys.nationalId = [nid];
    if (phone) keys.phone = [phone];
    if (device) keys.deviceId = [device];
    if (ip24) keys.ip24 = [ip24];
    if (card) keys.card = [card];
    out.push({
      applicationId: id!,
      at: Number(at),
      amountMinor: Math.round(Number(amount) * 100),
      keys,
      consortium: { nationalId: idc || null, phone: phonec || null },
    });
  }
  return out;
}

function velocitySql(stem: string, col: string): string {
  const counts = VEL_WINDOWS.map(
    ([w, res, n]) =>
      `CASE WHEN q.${col} IS NULL THEN NULL ELSE count(p.rid) FILTER (WHERE p.at >= (floor(q.at / ${res}) - ${n - 1}) * ${res}) END AS vel_${stem}_${w}`,
  ).join(',\n  ');
  return `SELECT q.rid,\n  ${counts}
FROM apps q LEFT JOIN apps p ON p.${col} = q.${col} AND p.at < q.at AND p.at >= (floor(q.at / ${DAY}) - 364) * ${DAY}
GROUP BY q.rid, q.${col}`;
}

function multilenderSql(entity: 'id' | 'phone', col: 'idc' | 'phonec', evCol: 'idHash' | 'phoneHash'): string {
  const counts = ML_WINDOWS.map(
    ([w, days]) =>
      `CASE WHEN q.${col} IS NULL THEN NULL ELSE count(e.at) FILTER (WHERE e.at > q.at - ${days * DAY}) END AS ml_${entity}_all_apps_${w}`,
  ).join(',\n  ');
  return `SELECT q.rid,\n  ${counts}
FROM apps q LEFT JOIN ev e ON e.${evCol} = q.${col} AND e.at < q.at AND e.at > q.at - ${365 * DAY}
GROUP BY q.rid, q.${col}`;
}

/** The subset in SQL: one table of 47 columns per application row. */
export function subsetSql(): string {
  const parts = [
    ...VEL.map(([stem, col]) => `v_${stem} AS (${velocitySql(stem, col)})`),
    `m_id AS (${multilenderSql('id', 'idc', 'idHash')})`,
    `m_phone AS (${multilenderSql('phone', 'phonec', 'phoneHash')})`,
  ];
  const joins = [...VEL.map(([stem]) => `v_${stem}`), 'm_id', 'm_phone'].map((t) => `JOIN ${t} USING (rid)`).join(' ');
  return `CREATE OR REPLACE TABLE result AS WITH ${parts.join(',\n')}\nSELECT rid, ${SUBSET.join(', ')} FROM apps ${joins}`;
}

async function duckdb(dir: string, threads: number, runs: number, log: (m: string) => void) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const db = await instance.connect();
  const t0 = performance.now();
  await db.run(
    `CREATE TABLE apps AS SELECT row_number() OVER () - 1 AS rid, atMs AS at, nid, phone, device, ip24, card, idc, phonec
     FROM read_csv('${join(dir, 'apps.csv')}', header = true, all_varchar = false,
       types = {'atMs': 'BIGINT', 'nid': 'VARCHAR', 'phone': 'VARCHAR', 'device': 'VARCHAR', 'ip24': 'VARCHAR',
                'card': 'VARCHAR', 'idc': 'VARCHAR', 'phonec': 'VARCHAR'})`,
  );
  await db.run(
    `CREATE TABLE ev AS SELECT epoch_ms(occurredAt::TIMESTAMP) AS at, idHash, phoneHash
     FROM read_csv('${join(dir, 'events.csv')}', header = true, types = {'idHash': 'VARCHAR', 'phoneHash': 'VARCHAR'})
     WHERE eventType = 'application' AND institutionId <> '${SELF}'`,
  );
  const loadSec = (performance.now() - t0) / 1000;
  const rows = Number((await db.runAndReadAll('SELECT count(*) FROM apps')).getRows()[0]![0]);
  const sql = subsetSql();
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await db.run(sql);
    rates.push(rows / ((performance.now() - t) / 1000));
    log(`duckdb (${threads} thread${threads > 1 ? 's' : ''}) run ${r + 1}: ${rates[r]!.toFixed(0)} rows/s`);
  }
  const reader = await db.runAndReadAll(`SELECT * FROM result ORDER BY rid`);
  const values = reader.getRows();
  db.closeSync();
  instance.closeSync();
  return { rates, loadSec, values, rows };
}

export async function offlineExportCase(
  dir: string,
  opts: { rows: number; events: number; runs: number; log: (m: string) => void },
): Promise<BenchResult[]> {
  const { log, runs } = opts;
  writeFiles(dir, opts.rows, opts.events);
  const t0 = performance.now();
  const loaded = await loadEventsCsv(join(dir, 'events.csv'), CONSORTIUM_KEY);
  const apps = readApps(join(dir, 'apps.csv'));
  const loadSec = (performance.now() - t0) / 1000;
  log(`riskloop: ${apps.length} applications, ${loaded.index.size} events loaded in ${loadSec.toFixed(1)} s`);
  const engine = () =>
    createFeatureEngine({
      velocity: createMemoryVelocityStore(),
      events: loaded.index,
      tenantKey: TENANT_KEY,
      consortiumKey: CONSORTIUM_KEY,
      institutionId: SELF,
    });
  const e = engine();
  const names = e.registry.names;
  const subsetPositions = SUBSET.map((n) => names.indexOf(n));
  const timed = (positions?: number[]) => {
    let checksum = 0;
    const t = performance.now();
    for (const [, v] of columnarPointInTime(apps, e, positions ? { positions } : {}))
      checksum += v[positions?.[0] ?? 0]!;
    const rate = apps.length / ((performance.now() - t) / 1000);
    return Number.isNaN(checksum) ? rate : rate; // the checksum keeps the loop from being optimised away
  };
  const full: number[] = [];
  const subset: number[] = [];
  for (let r = 0; r < runs; r++) {
    subset.push(timed(subsetPositions));
    full.push(timed());
    log(`riskloop run ${r + 1}: subset ${subset[r]!.toFixed(0)} rows/s, every feature ${full[r]!.toFixed(0)} rows/s`);
  }
  // the old path, on a slice: rows replayed one by one through the online engine
  const slice = apps.slice(0, Math.min(apps.length, 20_000));
  const tRow = performance.now();
  for (const [, v] of replayPointInTime(slice, engine())) if (v[0] === -1) log('');
  const rowRate = slice.length / ((performance.now() - tRow) / 1000);
  log(`row-by-row replay (old path): ${rowRate.toFixed(0)} rows/s on ${slice.length} rows`);

  const d1 = await duckdb(dir, 1, runs, log);
  const d2 = await duckdb(dir, 2, 1, log);
  // the same counts: compare the subset cell by cell with DuckDB's table
  const mine = new Map<number, number[]>();
  for (const [i, v] of columnarPointInTime(apps, e, { positions: subsetPositions }))
    mine.set(
      i,
      subsetPositions.map((p) => v[p]!),
    );
  let cells = 0;
  let mismatched = 0;
  for (const row of d1.values) {
    const rid = Number(row[0]);
    const want = mine.get(rid)!;
    for (let c = 0; c < SUBSET.length; c++) {
      const d = row[c + 1] === null ? Number.NaN : Number(row[c + 1]);
      const m = want[c]!;
      cells++;
      if (!(d === m || (Number.isNaN(d) && Number.isNaN(m)))) {
        if (mismatched < 3) log(`mismatch row ${rid} ${SUBSET[c]}: duckdb ${d}, riskloop ${m}`);
        mismatched++;
      }
    }
  }
  log(`subset compared with DuckDB: ${cells} cells, ${mismatched} differ`);
  const note = `${apps.length} rows, ${loaded.index.size} events; median of ${runs}`;
  return [
    {
      subject: 'riskloop',
      case: 'offline-export',
      metric: 'perSecond',
      value: median(full),
      unit: 'rows/s',
      note: `every registered feature (${names.length}), columnar, one thread; target ≥ 200k; ${note}`,
    },
    {
      subject: 'riskloop',
      case: 'offline-export-subset',
      metric: 'perSecond',
      value: median(subset),
      unit: 'rows/s',
      note: `the ${SUBSET.length} columns DuckDB computes; ${note}; ${mismatched} of ${cells} cells differ from DuckDB`,
    },
    {
      subject: 'duckdb',
      case: 'offline-export-subset',
      metric: 'perSecond',
      value: median(d1.rates),
      unit: 'rows/s',
      note: `SQL range joins, threads=1; load ${d1.loadSec.toFixed(1)} s untimed; ${note}`,
    },
    {
      subject: 'duckdb-2-threads',
      case: 'offline-export-subset',
      metric: 'perSecond',
      value: median(d2.rates),
      unit: 'rows/s',
      note: `threads=2 (every core), one run`,
    },
    {
      subject: 'riskloop-row-replay',
      case: 'offline-export',
      metric: 'perSecond',
      value: rowRate,
      unit: 'rows/s',
      note: `the old path (online engine row by row), ${slice.length} rows`,
    },
  ];
}
