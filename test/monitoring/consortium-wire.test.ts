/**
 * The consortium wire into post-loan monitoring (issue 17): an event another member shares — through
 * POST /v1/consortium/events or a file imported with `riskloop import --kind consortium-events` — reaches the
 * monitoring of this lender's borrowers, who get the alert (three new loans elsewhere in a week, overdue elsewhere).
 * A real node on an on-disk embedded store; the file import runs while the node is down (it holds the data dir),
 * and the node handles the imported events when it starts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/index.js';
import { createKeyRing, hashIdentifier, type Application, type KeyRing } from '../../src/core/index.js';
import { protectApplication } from '../../src/decision/index.js';
import { startNode, type RunningNode } from '../../src/server/index.js';
import { register as registerImport } from '../../src/cli/commands/import.js';
import { sampleApplication } from '../support/applications.js';
import { runCli } from '../support/cli.js';

const ADMIN = `rk_wire_${randomBytes(12).toString('hex')}`;
const MEMBER = `rk_member_${randomBytes(12).toString('hex')}`;
const DAY = 86_400_000;
const t0 = Date.parse('2026-10-05T09:00:00Z');

interface AlertItem {
  borrowerId: string;
  triggerId: string;
  values: Record<string, unknown>;
}

describe('consortium events reach post-loan monitoring of the lender’s borrowers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-wire-'));
  const env = {
    RISKLOOP_DATA_DIR: dir,
    RISKLOOP_SECRET_KEY: randomBytes(32).toString('hex'),
    RISKLOOP_BOOTSTRAP_API_KEY: ADMIN,
    RISKLOOP_DEMO: 'off',
    PORT: '0',
    LOG_LEVEL: 'silent',
  };
  let config: Config;
  let keyRing: KeyRing;
  let node: RunningNode;

  const borrower = (n: number): Application =>
    sampleApplication({
      applicationId: `APP-W${n}`,
      applicant: {
        ...sampleApplication().applicant,
        nationalId: `1101011990030${7100 + n}`.slice(0, 17) + 'X',
        phone: `1391234${String(5000 + n).padStart(4, '0')}`,
      },
    });
  const borrowerId = (a: Application) =>
    hashIdentifier(keyRing.tenantHmacKey('demo'), 'nationalId', a.applicant.nationalId);

  /** A demo-tenant borrower: the imported application (identity sealed) and a loan disbursed on it. */
  async function seedBorrower(a: Application): Promise<void> {
    const { snapshot, sealedIdentity } = protectApplication(a, keyRing.tenantHmacKey('demo'), keyRing.sealer, {
      tenantId: 'demo',
      table: 'applications',
      rowId: a.applicationId,
    });
    await node.store.db.query(
      'insert into applications (tenant_id, application_id, submitted_at, snapshot, sealed_identity) values ($1,$2,$3,$4,$5)',
      ['demo', a.applicationId, a.submittedAt, JSON.stringify(snapshot), sealedIdentity],
    );
    await node.store.db.query(
      `insert into loans (tenant_id, loan_id, application_id, product, principal, term_months, apr, disbursed_at, status)
       values ('demo', $1, $2, 'cash-loan', 10000, 12, 0.18, '2026-09-01T00:00:00Z', 'active')`,
      [`L-${a.applicationId}`, a.applicationId],
    );
  }

  const request = async <T>(key: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await node.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      payload: payload as object,
    });
    return { status: r.statusCode, body: r.json() as T };
  };
  const alertsOf = async (a: Application) =>
    (await request<{ items: AlertItem[] }>(ADMIN, 'GET', `/v1/alerts?borrowerId=${encodeURIComponent(borrowerId(a))}`))
      .body.items;

  const shared = (a: Application, k: number, eventType: string, institutionId: string, extra = {}) => ({
    eventId: `${institutionId}-${a.applicationId}-${eventType}-${k}`,
    institutionId,
    institutionType: 'online-lender',
    eventType,
    occurredAt: new Date(t0 + k * 2 * DAY).toISOString(),
    nationalId: a.applicant.nationalId,
    loanId: `their-${a.applicationId}-${k}`,
    amount: 5000,
    ...extra,
  });

  beforeAll(async () => {
    config = loadConfig(env);
    keyRing = createKeyRing(config.masterKey);
    node = await startNode(config, { listen: false });
    await node.store.tenants.ensure('lender-b', 'Another lender');
    await node.store.apiKeys.create({ tenantId: 'lender-b', role: 'decision', name: 'member', secret: MEMBER });
  }, 240_000);
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('three loans another member shares through the API raise the borrower’s alert; an overdue freezes', async () => {
    const a = borrower(1);
    const stranger = borrower(2); // not a borrower of ours: no loan
    await seedBorrower(a);
    const events = [0, 1, 2].map((k) => shared(a, k, 'loan', 'lender-b'));
    events.push(shared(stranger, 0, 'loan', 'lender-b'));
    const r = await request<{ stored: number }>(MEMBER, 'POST', '/v1/consortium/events', { events });
    expect(r.status).toBe(202);
    expect(r.body.stored).toBe(4);
    await node.monitoring.idle();
    const alerts = await alertsOf(a);
    expect(alerts.map((x) => [x.triggerId, x.values['consortium.loans_7d']])).toEqual([['multi_borrowing_7d', 3]]);
    expect(await alertsOf(stranger)).toEqual([]);

    // sent again (a member's retry): nothing new
    await request(MEMBER, 'POST', '/v1/consortium/events', { events });
    const overdue = shared(a, 3, 'overdue', 'lender-b', { dpd: 35 });
    await request(MEMBER, 'POST', '/v1/consortium/events', { events: [overdue] });
    await node.monitoring.idle();
    const after = await alertsOf(a);
    expect(after.map((x) => x.triggerId).sort()).toEqual(['multi_borrowing_7d', 'overdue_elsewhere']);
  }, 60_000);

  it('the lender’s own shared events are not “elsewhere”: they raise nothing', async () => {
    const a = borrower(3);
    await seedBorrower(a);
    const own = [0, 1, 2].map((k) => shared(a, k, 'loan', 'demo'));
    expect((await request(ADMIN, 'POST', '/v1/consortium/events', { events: own })).status).toBe(202);
    await node.monitoring.idle();
    expect(await alertsOf(a)).toEqual([]);
  }, 60_000);

  it('a consortium file imported while the node is down reaches monitoring when it starts', async () => {
    const a = borrower(4);
    await seedBorrower(a);
    await node.close();
    const file = join(dir, 'shared.csv');
    const rows = [shared(a, 0, 'overdue', 'lender-c', { dpd: 40 })];
    const cols = Object.keys(rows[0]!);
    writeFileSync(
      file,
      [cols.join(','), ...rows.map((row) => cols.map((c) => String(row[c as keyof typeof row])).join(','))].join('\n'),
    );
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const out = await runCli(
        [registerImport],
        ['import', '--kind', 'consortium-events', '--tenant', 'lender-c', file],
      );
      expect(out.code, out.out).toBe(0);
      expect(out.out).toContain('1 post-loan events');
    } finally {
      for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
      Object.assign(process.env, saved);
    }
    node = await startNode(config, { listen: false });
    await node.monitoring.idle();
    expect((await alertsOf(a)).map((x) => x.triggerId)).toEqual(['overdue_elsewhere']);
  }, 240_000);
});
