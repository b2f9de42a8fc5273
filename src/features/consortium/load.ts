/** Rebuilds the online event index from the repository (start-up, or after a repair). */
import { createEventIndex, type EventIndex } from './event-index.js';
import type { ConsortiumRepository } from './repository.js';

export async function loadEventIndex(repo: ConsortiumRepository, index?: EventIndex): Promise<EventIndex> {
  // sized to the stored events up front: growing by doubling could leave up to half the columns unused
  const target = index ?? createEventIndex(Math.max(1024, Math.ceil((await repo.count()) * 1.1)));
  await repo.scan((batch) => {
    for (const e of batch) target.add(e);
  });
  return target;
}
