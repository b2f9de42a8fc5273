/**
 * Keeps a node's consortium event index equal to the store: loaded inside the change feed's snapshot, then each
 * committed transaction of `consortium_events` — from any node and any path (the API, a CSV import, the demo book)
 * — added once. The index is this follower's alone: nothing else adds to it, so nothing is counted twice.
 */
import type { ChangeFeed, Following, SqlExecutor, XidFilter } from '../../store/index.js';
import { createEventIndex, type EventIndex } from './event-index.js';
import { loadEventIndex } from './load.js';
import { CONSORTIUM_COLUMNS, createSqlConsortiumRepository, fromRow, type ConsortiumRow } from './sql-repository.js';

export interface FollowedEventIndex {
  index: EventIndex;
  following: Following;
}

export async function followConsortiumEvents(feed: ChangeFeed, consortiumId: string): Promise<FollowedEventIndex> {
  let index: EventIndex = createEventIndex();
  const following = await feed.follow(
    {
      tables: ['consortium_events'],
      async load(db: SqlExecutor, table: string, filter: XidFilter) {
        const r = await db.query<ConsortiumRow>(
          `select ${CONSORTIUM_COLUMNS} from ${table} where tenant_id = $1 and ${filter.condition(2)}
           order by occurred_at, institution_id, event_id`,
          [consortiumId, ...filter.params],
        );
        for (const row of r.rows) index.add(fromRow(row));
      },
    },
    async (tx) => {
      index = await loadEventIndex(createSqlConsortiumRepository(tx, consortiumId));
    },
  );
  return { index, following };
}
