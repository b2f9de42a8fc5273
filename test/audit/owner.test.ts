import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import { openStore } from '../../src/store/index.js';
import { POSTGRES_URL, storeFactories, TEST_AUDIT_KEY } from '../support/stores.js';

const postgres = storeFactories.find((f) => f.kind === 'postgres')!;
const asRole = (role: string) => {
  const url = new URL(POSTGRES_URL);
  url.username = role;
  return url.toString();
};

/**
 * The role riskloop runs as (not a superuser, DML on every table as a DBA would grant) cannot take the audit log's
 * protections away: the tables belong to riskloop_audit_owner, so switching the triggers off or dropping them is
 * refused, and rows stay append-only.
 */
describe.skipIf(postgres.unavailable)('audit tables owned apart from the application role (PostgreSQL)', () => {
  let store: Awaited<ReturnType<typeof postgres.open>>;
  const role = `rl_app_${randomBytes(4).toString('hex')}`;
  let schema: string;
  let app: pg.Client;
  beforeAll(async () => {
    store = await postgres.open();
    schema = (await store.db.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    await createAuditLog(store.db).append({ tenantId: 'own', actor: 'key:k1', action: 'list.add', subject: 'list:a' });
    await store.db.exec(`create role ${role} login`);
    await store.db.exec(`grant usage on schema ${schema} to ${role}`);
    await store.db.exec(`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`);
    app = new pg.Client({ connectionString: asRole(role), options: `-c search_path=${schema}` });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end().catch(() => undefined);
    await store?.db.exec(`drop owned by ${role}`).catch(() => undefined);
    await store?.db.exec(`drop role if exists ${role}`).catch(() => undefined);
    await store?.dispose();
  });

  it('appends, but cannot switch off, drop or bypass the append-only triggers', async () => {
    expect((await app.query<{ u: string }>('select current_user as u')).rows[0]!.u).toBe(role);
    const owner = await app.query<{ o: string }>(
      "select tableowner as o from pg_tables where tablename = 'audit_log' and schemaname = current_schema()",
    );
    expect(owner.rows[0]!.o).toBe('riskloop_audit_owner');
    await expect(app.query('alter table audit_log disable trigger user')).rejects.toThrow(/must be (the )?owner/);
    await expect(app.query('drop trigger audit_log_no_change on audit_log')).rejects.toThrow(/must be (the )?owner/);
    await expect(app.query('alter table audit_heads disable trigger user')).rejects.toThrow(/must be (the )?owner/);
    await expect(app.query("update audit_log set actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(app.query('delete from audit_log')).rejects.toThrow(/append-only/);
    // the application role still appends (a store opened as that role)
    const asApp = await openStore({
      kind: 'postgres',
      connectionString: asRole(role),
      schema,
      poolSize: 1,
      auditKey: TEST_AUDIT_KEY,
    });
    try {
      const log = createAuditLog(asApp.db);
      await log.append({ tenantId: 'own', actor: 'key:k1', action: 'list.add', subject: 'list:b' });
      expect((await log.verify('own')).tenants[0]).toMatchObject({ ok: true, entries: 2 });
    } finally {
      await asApp.close();
    }
  });
});
