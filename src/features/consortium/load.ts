/** Rebuilds the online event index from the repository (start-up, or after a repair). */
import { createEventIndex, type EventIndex } from './event-index.js';
import type { ConsortiumRepository } from './repository.js';

export async function loadEventIndex(
  repo: ConsortiumRepository,
  index: EventIndex = createEventIndex(),
): Promise<EventIndex> {
  await repo.scan((batch) => {
    for (const e of batch) index.add(e);
  });
  return index;
}
