/**
 * A tenant's post-loan event history from the store's outbox (the embedded bus's log), oldest first by event time,
 * read in keyset pages so a long history never sits in memory at once.
 */
import type { SqlExecutor } from '../../store/index.js';
import type { MonitoringEvent } from '../events/schemas.js';
import type { TriggerHistory } from './sets.js';

const PAGE = 5000;

export function createSqlTriggerHistory(db: SqlExecutor): Pick<TriggerHistory, 'events' | 'newest'> {
  return {
    async *events(tenantId, since) {
      let after: [string, string] = [new Date(since).toISOString(), '0'];
      for (;;) {
        const r = await db.query<{ at: string; seq: string; event: unknown }>(
          `select occurred_at::text as at, sequence::text as seq, event from monitoring_events
           where tenant_id = $1 and (occurred_at, sequence) > ($2::timestamptz, $3::bigint)
           order by occurred_at, sequence limit $4`,
          [tenantId, after[0], after[1], PAGE],
        );
        for (const row of r.rows)
          yield (typeof row.event === 'string' ? JSON.parse(row.event) : row.event) as MonitoringEvent;
        if (r.rows.length < PAGE) return;
        const last = r.rows[r.rows.length - 1]!;
        after = [last.at, last.seq];
      }
    },
    async newest(tenantId) {
      const r = await db.query<{ at: Date | string | null }>(
        'select max(occurred_at) as at from monitoring_events where tenant_id = $1',
        [tenantId],
      );
      const at = r.rows[0]?.at;
      return at === null || at === undefined ? null : new Date(at).getTime();
    },
  };
}
