/**
 * One quiet retry of a call the node refused as busy: a node checks one sign-in per address at a time and answers a
 * second one 429 with `Retry-After: 1` (src/users/password-gate.ts). A double click or a password manager's
 * submit-then-enter is that second one; the person should not see an error for it. The call is repeated once after
 * the wait the node asked for, and only when that wait is short (≤ 2 s): a longer one is a real throttle (too many
 * failed sign-ins) and is shown as it is.
 */

/** The longest wait a person sits through without a word (ms). */
export const MAX_QUIET_WAIT_MS = 2000;

/** `Retry-After` in ms when it is a delay in seconds within the quiet wait; null otherwise (absent, a date, long). */
export function quietWaitMs(retryAfter: string | null): number | null {
  if (retryAfter === null || !/^\s*\d+\s*$/.test(retryAfter)) return null;
  const ms = Number(retryAfter) * 1000;
  return ms <= MAX_QUIET_WAIT_MS ? ms : null;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends, and when the answer is a 429 with a short `Retry-After`, waits it and sends once more. */
export async function retryOnceWhenBusy<A extends { response: Response }>(
  send: () => Promise<A>,
  wait: (ms: number) => Promise<void> = pause,
): Promise<A> {
  const first = await send();
  if (first.response.status !== 429) return first;
  const ms = quietWaitMs(first.response.headers.get('retry-after'));
  if (ms === null) return first;
  await wait(ms);
  return send();
}
