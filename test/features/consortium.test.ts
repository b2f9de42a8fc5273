import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { normalizeIdentifier } from '../../src/core/identifiers.js';
import {
  createEventIndex,
  createFeatureEngine,
  createMemoryConsortiumRepository,
  createMemoryVelocityStore,
  ingestConsortiumCsv,
  ingestConsortiumEvents,
  loadEventIndex,
  openFeaturePlatform,
  type ConsortiumRepository,
} from '../../src/features/index.js';
import { CONSORTIUM_KEY, DAY, T0, TENANT_KEY, ev } from './helpers.js';

const IDS = ['110101199001011234', '320102198512125678', '440301197707070011'];
const PHONES = ['13800000001', '13900000002', '13700000003'];

/** Every form in which a raw identifier could leak: clear, normalised, and plain (unkeyed) digests. */
function leakForms(value: string, kind: 'nationalId' | 'phone'): string[] {
  const n = normalizeIdentifier(kind, value);
  const forms = [value, n];
  for (const algo of ['md5', 'sha1', 'sha256']) {
    for (const enc of ['hex', 'base64', 'base64url'] as const) {
      forms.push(createHash(algo).update(n).digest(enc));
      forms.push(createHash(algo).update(`${kind}\0${n}`).digest(enc));
    }
  }
  return forms;
}

async function dump(repo: ConsortiumRepository): Promise<string> {
  const all: unknown[] = [];
  await repo.scan((b) => all.push(...b));
  return JSON.stringify(all);
}

function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
  return { logger, lines };
}

describe('consortium privacy', () => {
  it('never stores or logs a raw identifier nor a plain digest of one', async () => {
    const repo = createMemoryConsortiumRepository();
    const { logger, lines } = capturingLogger();
    const inputs = IDS.map((id, i) =>
      ev({ eventType: 'application', occurredAt: T0 - i * DAY, nationalId: id, phone: PHONES[i], loanId: `LN-${id}` }),
    );
    // one bad row: its error must not echo the identifier either
    inputs.push(ev({ eventType: 'bogus', occurredAt: T0, nationalId: IDS[0], phone: PHONES[0] }));
    const r = await ingestConsortiumEvents(repo, inputs, { consortiumKey: CONSORTIUM_KEY, logger });
    expect(r.stored).toBe(3);
    expect(r.rejected).toBe(1);
    const stored = (await dump(repo)) + lines.join('') + JSON.stringify(r);
    for (let i = 0; i < IDS.length; i++) {
      for (const form of [...leakForms(IDS[i]!, 'nationalId'), ...leakForms(PHONES[i]!, 'phone')]) {
        expect(stored).not.toContain(form);
      }
      expect(stored).not.toContain(`LN-${IDS[i]}`);
    }
    // but the keyed hash is there, so members can match each other
    const keyed = createHmac('sha256', CONSORTIUM_KEY).update('phone\0').update(PHONES[0]!).digest('base64url');
    expect(stored).toContain(keyed);
  });

  it('ingests a CSV file, idempotently, and a member reads only its own rows plus metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-consortium-'));
    const file = join(dir, 'events.csv');
    writeFileSync(
      file,
      [
        'eventId,institutionId,institutionType,eventType,occurredAt,nationalId,phone,amount,dpd',
        `1,bankA,bank,application,2026-01-01T10:00:00Z,${IDS[0]},${PHONES[0]},5000,`,
        `2,bankA,bank,loan,2026-01-02T10:00:00Z,${IDS[0]},,5000,`,
        `1,mcB,microloan,application,2026-01-03T10:00:00Z,${IDS[0]},,800,`,
        `2,mcB,microloan,overdue,2026-02-03T10:00:00Z,,${PHONES[1]},,31`,
        `3,mcB,microloan,application,not-a-date,${IDS[2]},,800,`,
      ].join('\n'),
    );
    const repo = createMemoryConsortiumRepository();
    const index = createEventIndex();
    const r1 = await ingestConsortiumCsv(repo, file, { consortiumKey: CONSORTIUM_KEY, index });
    expect(r1).toMatchObject({ received: 5, stored: 4, rejected: 1 });
    expect(r1.issues[0]!.path).toBe('/rows/4/occurredAt');
    const r2 = await ingestConsortiumCsv(repo, file, { consortiumKey: CONSORTIUM_KEY, index });
    expect(r2).toMatchObject({ stored: 0, duplicates: 4 });
    expect(index.size).toBe(4);

    const own = await repo.listOwn('mcB');
    expect(own.map((e) => e.institutionId)).toEqual(['mcB', 'mcB']);
    const metrics = await repo.memberMetrics('bankA');
    expect(metrics).toMatchObject({
      contributed: { application: 1, loan: 1 },
      consortiumEvents: 4,
      consortiumMembers: 2,
      sharedIdentifiers: 1,
    });

    // the index rebuilt from the repository gives the same features as the one fed during ingestion
    const rebuilt = await loadEventIndex(repo);
    const app = { applicationId: 'x', submittedAt: '2026-03-01T00:00:00Z', nationalId: IDS[0], phone: PHONES[1] };
    const a = await createFeatureEngine({
      velocity: createMemoryVelocityStore(),
      events: index,
      tenantKey: TENANT_KEY,
      consortiumKey: CONSORTIUM_KEY,
    }).computeFeatures(app);
    const b = await createFeatureEngine({
      velocity: createMemoryVelocityStore(),
      events: rebuilt,
      tenantKey: TENANT_KEY,
      consortiumKey: CONSORTIUM_KEY,
    }).computeFeatures(app);
    expect(b).toEqual(a);
    expect(a.ml_id_all_orgs_3m).toBe(2);
    expect(a.ml_phone_micro_max_dpd_1m).toBe(31);
  });

  it('lets an API caller submit only its own events', async () => {
    const repo = createMemoryConsortiumRepository();
    const r = await ingestConsortiumEvents(
      repo,
      [ev({ eventType: 'application', occurredAt: T0, phone: PHONES[0], institutionId: 'someoneElse' })],
      { consortiumKey: CONSORTIUM_KEY, institutionId: 'bankA' },
    );
    expect(r).toMatchObject({ stored: 0, rejected: 1 });
    expect(await repo.count()).toBe(0);
  });
});

describe('feature platform wiring', () => {
  it('ingests a member’s events and the next decision sees them', async () => {
    const platform = await openFeaturePlatform({
      tenantId: 't1',
      tenantKey: TENANT_KEY,
      consortiumKey: CONSORTIUM_KEY,
      institutionId: 'me',
    });
    const app = { applicationId: 'a1', submittedAt: T0, nationalId: IDS[1], phone: PHONES[1] };
    const before = await platform.engine.computeFeatures(app, T0, { record: false });
    expect(before.ml_id_all_apps_7d).toBe(0);
    const r = await platform.ingest('mcB', [
      ev({
        eventType: 'application',
        occurredAt: T0 - DAY,
        nationalId: IDS[1],
        institutionId: 'mcB',
        institutionType: 'microloan',
      }),
      ev({ eventType: 'application', occurredAt: T0 - DAY, nationalId: IDS[1], institutionId: 'me' }),
    ]);
    expect(r).toMatchObject({ stored: 1, rejected: 1 });
    const after = await platform.engine.computeFeatures(app, T0);
    expect(after.ml_id_all_apps_7d).toBe(1);
    expect(after.ml_id_micro_orgs_7d).toBe(1);
    expect(after.vel_apps_id_24h).toBe(0);
    const again = await platform.engine.computeFeatures({ ...app, applicationId: 'a2' }, T0 + 1000);
    expect(again.vel_apps_id_24h).toBe(1);
    await platform.close();
  });
});
