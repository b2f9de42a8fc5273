import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Redis } from 'ioredis';
import {
  createEventIndex,
  createFeatureEngine,
  createMemoryVelocityStore,
  createRedisVelocityStore,
  columnarPointInTime,
  createFeatureRegistry,
  exportTrainingTable,
  replayPointInTime,
  toConsortiumEvent,
  type FeatureApplication,
  type VelocityStore,
} from '../../src/features/index.js';
import { CONSORTIUM_KEY, DAY, T0, TENANT_KEY, rng } from './helpers.js';
import { connectTestRedis, dropPrefix, testPrefix } from './redis-helper.js';

let redis: Redis | null = null;
const prefix = testPrefix();
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  if (redis) {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  }
});

const dir = mkdtempSync(join(tmpdir(), 'rl-pit-'));
const iso = (ms: number) => new Date(ms).toISOString();

function csv(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0]!);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => String(r[c] ?? '')).join(','))].join('\n');
}

async function runExport(apps: Record<string, string | number>[], events: Record<string, string | number>[]) {
  const a = join(dir, `apps-${Math.random()}.csv`);
  const e = join(dir, `events-${Math.random()}.csv`);
  const out = join(dir, `out-${Math.random()}.csv`);
  writeFileSync(a, csv(apps));
  writeFileSync(e, csv(events));
  const summary = await exportTrainingTable({
    applicationsCsv: a,
    eventsCsv: e,
    asOfColumn: 'submittedAt',
    out,
    tenantKey: TENANT_KEY,
    consortiumKey: CONSORTIUM_KEY,
    keep: ['target'],
  });
  const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
  return { summary, rows: new Map(rows.map((r) => [r.applicationId!, r])) };
}

describe('point-in-time export', () => {
  it('a row never sees an event from its future, a later row does', async () => {
    const id = '110101199001011234';
    const { rows, summary } = await runExport(
      [
        { applicationId: 'early', submittedAt: iso(T0), nationalId: id, phone: '13800000001', target: 1 },
        { applicationId: 'late', submittedAt: iso(T0 + 10 * DAY), nationalId: id, phone: '13800000001', target: 0 },
      ],
      [
        // planted: one day after `early`, before `late`
        {
          eventId: 'f1',
          institutionId: 'mc',
          institutionType: 'microloan',
          eventType: 'overdue',
          occurredAt: iso(T0 + DAY),
          nationalId: id,
          dpd: 60,
        },
        // exactly at `early`'s time: not strictly before, so not seen either
        {
          eventId: 'f2',
          institutionId: 'mc',
          institutionType: 'microloan',
          eventType: 'application',
          occurredAt: iso(T0),
          nationalId: id,
          dpd: '',
        },
        {
          eventId: 'p1',
          institutionId: 'bk',
          institutionType: 'bank',
          eventType: 'application',
          occurredAt: iso(T0 - DAY),
          nationalId: id,
          dpd: '',
        },
      ],
    );
    expect(summary.rows).toBe(2);
    const early = rows.get('early')!;
    const late = rows.get('late')!;
    expect(early.target).toBe('1');
    expect(early.ml_id_all_max_dpd_ever).toBe('0');
    expect(early.ml_id_all_apps_7d).toBe('1');
    expect(early.vel_apps_id_30d).toBe('0');
    expect(late.ml_id_all_max_dpd_ever).toBe('60');
    expect(late.ml_id_all_apps_15d).toBe('2'); // f2 and p1; the lender's own applications are velocity
    expect(late.vel_apps_id_30d).toBe('1');
    expect(late.vel_apps_phone_24h).toBe('0');
  });

  it('rows sharing a timestamp do not see each other', async () => {
    const { rows } = await runExport(
      [
        { applicationId: 'a', submittedAt: iso(T0), phone: '13800000009', target: 0 },
        { applicationId: 'b', submittedAt: iso(T0), phone: '13800000009', target: 0 },
        { applicationId: 'c', submittedAt: iso(T0 + 1), phone: '13800000009', target: 0 },
      ],
      [
        {
          eventId: 'x',
          institutionId: 'bk',
          institutionType: 'bank',
          eventType: 'application',
          occurredAt: iso(T0 - DAY),
          phone: '1',
          dpd: '',
        },
      ],
    );
    expect(rows.get('a')!.vel_apps_phone_1h).toBe('0');
    expect(rows.get('b')!.vel_apps_phone_1h).toBe('0');
    expect(rows.get('c')!.vel_apps_phone_1h).toBe('2');
  });

  it('online values equal offline values for many random applications (in-process and Redis online)', async () => {
    const rand = rng(7);
    const pick = (n: number, p: string) => `${p}${Math.floor(rand() * n)}`;
    const kinds = ['application', 'approval', 'loan', 'repayment', 'overdue', 'settled', 'written-off'];
    const types = ['bank', 'consumer-finance', 'microloan', 'online-lender'];
    const events: Record<string, string | number>[] = [];
    for (let i = 0; i < 1500; i++) {
      const kind = kinds[Math.floor(rand() * kinds.length)]!;
      const member = Math.floor(rand() * 9);
      events.push({
        eventId: `e${i}`,
        institutionId: `m${member}`,
        institutionType: types[member % 4]!,
        eventType: kind,
        occurredAt: iso(T0 - Math.floor(rand() * 500 * DAY)),
        nationalId: rand() < 0.8 ? pick(40, 'ID') : '',
        phone: rand() < 0.6 ? pick(40, '1380000') : '',
        loanId: kind === 'application' || kind === 'approval' || rand() < 0.2 ? '' : pick(30, 'L'),
        amount: Math.floor(rand() * 100_000) / 100,
        dpd: kind === 'overdue' ? Math.floor(rand() * 120) : kind === 'repayment' ? 0 : '',
      });
    }
    events.push({ ...events[0]!, eventId: 'padded', nationalId: 'ID1', phone: '13800001' });
    const apps: FeatureApplication[] = [];
    const used = new Set<number>();
    for (let i = 0; i < 300; i++) {
      let at = T0 - Math.floor(rand() * 400 * DAY);
      while (used.has(at)) at++;
      used.add(at);
      apps.push({
        applicationId: `A${i}`,
        submittedAt: iso(at),
        amount: Math.floor(rand() * 500_000) / 100,
        nationalId: rand() < 0.95 ? pick(40, 'ID') : null,
        phone: rand() < 0.9 ? pick(40, '1380000') : null,
        deviceId: pick(15, 'dev'),
        ip: `10.0.${Math.floor(rand() * 5)}.${Math.floor(rand() * 255)}`,
        card: rand() < 0.5 ? pick(20, '6222') : null,
        contactPhones: rand() < 0.7 ? [pick(30, '1390000'), pick(30, '1390000')] : [],
      });
    }
    const { rows } = await runExport(
      apps.map((a) => ({
        applicationId: a.applicationId,
        submittedAt: String(a.submittedAt),
        amount: a.amount ?? '',
        nationalId: a.nationalId ?? '',
        phone: a.phone ?? '',
        deviceId: a.deviceId ?? '',
        ip: a.ip ?? '',
        card: a.card ?? '',
        contactPhones: (a.contactPhones ?? []).join(';'),
        target: 0,
      })),
      events,
    );

    const index = createEventIndex();
    for (const e of events) {
      const r = toConsortiumEvent(e as never, CONSORTIUM_KEY);
      if ('event' in r) index.add(r.event);
    }
    // every registered feature is a column of the export and is compared below
    const registered = createFeatureRegistry().names;
    const exported = new Set(Object.keys(rows.values().next().value!));
    expect(registered.filter((n) => !exported.has(n))).toEqual([]);
    const seenNames = new Set<string>();
    const stores: Array<[string, VelocityStore]> = [['memory', createMemoryVelocityStore()]];
    if (redis) stores.push(['redis', createRedisVelocityStore(redis, { prefix })]);
    const ordered = [...apps].sort((a, b) => Date.parse(String(a.submittedAt)) - Date.parse(String(b.submittedAt)));
    let compared = 0;
    let nonZero = 0;
    const mismatches: string[] = [];
    for (const [, velocity] of stores) {
      const engine = createFeatureEngine({
        velocity,
        events: index,
        tenantKey: TENANT_KEY,
        consortiumKey: CONSORTIUM_KEY,
      });
      for (const app of ordered) {
        const online = await engine.computeFeatures(app);
        const offline = rows.get(app.applicationId)!;
        for (const [name, value] of Object.entries(online)) {
          // one assertion at the end: hundreds of thousands of expect() calls would dominate the run time
          if (offline[name] !== (value === null ? '' : String(value)))
            mismatches.push(`${app.applicationId} ${name}: online ${value} offline ${offline[name]}`);
          if (value) nonZero++;
          compared++;
          seenNames.add(name);
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(registered.filter((n) => !seenNames.has(n))).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(300 * registered.length);
    // the comparison is not vacuous
    expect(nonZero).toBeGreaterThan(compared / 20);
  });
});

describe('columnar point-in-time path', () => {
  /** Applications crowded onto few identifiers and few instants: shared timestamps, bucket edges, window edges. */
  function crowded(seed: number, n: number) {
    const rand = rng(seed);
    const pick = (k: number, p: string) => `${p}${Math.floor(rand() * k)}`;
    const HOUR = 3_600_000;
    // instants on and around bucket and window edges (minute, hour, day; 1 h, 24 h, 7 d, 30 d … 365 d)
    const offsets = [0, 1, 59_999, 60_000, HOUR - 1, HOUR, 24 * HOUR, 7 * 24 * HOUR, 30 * DAY, 30 * DAY + 1, 365 * DAY];
    const apps: FeatureApplication[] = [];
    for (let i = 0; i < n; i++) {
      const base = T0 - Math.floor(rand() * 40) * DAY - Math.floor(rand() * 24) * HOUR;
      const at = rand() < 0.3 ? T0 : base - offsets[Math.floor(rand() * offsets.length)]!;
      apps.push({
        applicationId: `C${i}`,
        submittedAt: at,
        amount: rand() < 0.9 ? Math.floor(rand() * 500_000) / 100 : null,
        nationalId: rand() < 0.9 ? pick(12, 'ID') : null,
        phone: rand() < 0.9 ? pick(10, '1380000') : null,
        email: rand() < 0.5 ? pick(6, 'e@') : null,
        deviceId: rand() < 0.8 ? pick(6, 'dev') : null,
        ip: rand() < 0.8 ? `10.0.${Math.floor(rand() * 3)}.${Math.floor(rand() * 255)}` : null,
        card: rand() < 0.5 ? pick(5, '6222') : null,
        employerPhone: rand() < 0.4 ? pick(4, '021') : null,
        contactPhones: rand() < 0.7 ? [pick(8, '1390000'), pick(8, '1390000'), pick(8, '1390000')] : [],
      });
    }
    return apps;
  }

  it('equals the row-by-row replay on every registered feature, with shared timestamps and window edges', () => {
    const index = createEventIndex();
    const rand = rng(11);
    for (let i = 0; i < 400; i++) {
      const r = toConsortiumEvent(
        {
          eventId: `x${i}`,
          institutionId: `m${i % 5}`,
          institutionType: ['bank', 'consumer-finance', 'microloan', 'online-lender'][i % 4] as never,
          eventType: ['application', 'approval', 'loan', 'repayment', 'overdue', 'settled'][i % 6] as never,
          occurredAt: iso(T0 - Math.floor(rand() * 60) * DAY),
          nationalId: `ID${i % 12}`,
          phone: `1380000${i % 10}`,
          amount: 100,
          dpd: i % 6 === 4 ? 5 + (i % 50) : undefined,
        } as never,
        CONSORTIUM_KEY,
      );
      if ('event' in r) index.add(r.event);
    }
    const make = () =>
      createFeatureEngine({
        velocity: createMemoryVelocityStore(),
        events: index,
        tenantKey: TENANT_KEY,
        consortiumKey: CONSORTIUM_KEY,
        institutionId: 'm0',
      });
    const engine = make();
    const keyed = crowded(5, 1200).map((a) => engine.keyer.key(a));
    const expected = new Map<number, Float64Array>();
    for (const [i, v] of replayPointInTime(keyed, make())) expected.set(i, v.slice());
    const names = engine.registry.names;
    const mismatches: string[] = [];
    let nonZero = 0;
    let order = 0;
    let monotone = true;
    let last = -Infinity;
    for (const [i, v] of columnarPointInTime(keyed, engine)) {
      const want = expected.get(i)!;
      if (keyed[i]!.at < last) monotone = false;
      last = keyed[i]!.at;
      order++;
      for (let f = 0; f < names.length; f++) {
        const a = v[f]!;
        const b = want[f]!;
        if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) mismatches.push(`${i} ${names[f]}: ${a} ≠ ${b}`);
        if (b) nonZero++;
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(order).toBe(keyed.length);
    expect(monotone).toBe(true);
    expect(nonZero).toBeGreaterThan((keyed.length * names.length) / 20);
  });

  it('computes only the features asked for; the others are null', () => {
    const engine = createFeatureEngine({
      velocity: createMemoryVelocityStore(),
      events: createEventIndex(),
      tenantKey: TENANT_KEY,
      consortiumKey: CONSORTIUM_KEY,
    });
    const keyed = crowded(9, 200).map((a) => engine.keyer.key(a));
    const names = engine.registry.names;
    const want = names.indexOf('vel_apps_phone_24h');
    const full = new Map<number, number>();
    for (const [i, v] of columnarPointInTime(keyed, engine)) full.set(i, v[want]!);
    let checked = 0;
    for (const [i, v] of columnarPointInTime(keyed, engine, { positions: [want] })) {
      expect(Object.is(v[want], full.get(i)) || v[want] === full.get(i)).toBe(true);
      expect(Number.isNaN(v[names.indexOf('vel_apps_id_24h')]!)).toBe(true);
      expect(Number.isNaN(v[names.indexOf('ml_id_all_apps_7d')]!)).toBe(true);
      checked++;
    }
    expect(checked).toBe(200);
  });
});
