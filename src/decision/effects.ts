/**
 * Side effects of a decision on shared state (velocity counters, the association graph). A stage computes with
 * the state as it stands and leaves the change it would make here; the service applies it only once the decision
 * is stored, and discards it when the decision is not (the commit failed, or another node stored the same
 * idempotency key first). So a failed commit changes nothing and a retried decision counts once.
 */
export interface DecisionEffect {
  readonly name: string;
  /** The decision is stored: make the change. Must not throw for a transient outage (retry on its own instead). */
  apply(): void | Promise<void>;
  /** The decision is not stored: undo what was done ahead of the commit, if anything. */
  discard?(): void | Promise<void>;
}

/** Runs every effect's `apply` (or `discard`); one failing never keeps the others from running. */
export async function settleEffects(
  effects: readonly DecisionEffect[],
  stored: boolean,
  onError: (name: string, err: unknown) => void,
): Promise<void> {
  if (effects.length === 0) return;
  await Promise.all(
    effects.map(async (e) => {
      try {
        await (stored ? e.apply() : e.discard?.());
      } catch (err) {
        onError(e.name, err);
      }
    }),
  );
}
