/**
 * The gate every password check passes. scrypt runs on libuv's thread pool, not the event loop, but each check is
 * 32 MiB and a few hundred ms of a core: four guesses at once take four pool threads, both cores of a small
 * machine, and the decisions on the event loop wait for CPU. So a node checks at most `concurrency` passwords at a
 * time, in arrival order (a real user waits behind at most the checks already queued, never refused here), and a
 * client address has at most one check in flight: a second one at the same time is 429 at once, before any hashing.
 * The failure throttles (console-sessions.ts) still count what the checks answer.
 */
import { RiskloopError } from '../core/index.js';

export class SignInBusyError extends RiskloopError {
  readonly retryAfterSeconds = 1;
  constructor() {
    super('rate_limited', 429, 'a sign-in from this address is already being checked; retry in a second');
  }
}

export interface PasswordGate {
  /** Runs a sign-in for a client address; 429 at once if that address already has one running. */
  forAddress<T>(address: string, signIn: () => Promise<T>): Promise<T>;
  /** Runs one password hash once the node has a free slot (arrival order). */
  hashing<T>(hash: () => Promise<T>): Promise<T>;
  /** Hashes running and waiting. */
  readonly load: { running: number; waiting: number };
}

export function createPasswordGate(options: { concurrency?: number } = {}): PasswordGate {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const busyAddresses = new Set<string>();
  const waiting: (() => void)[] = [];
  let running = 0;

  const acquire = () =>
    running < concurrency
      ? (running++, Promise.resolve())
      : new Promise<void>((resolve) => waiting.push(() => (running++, resolve())));
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  return {
    async forAddress(address, signIn) {
      if (busyAddresses.has(address)) throw new SignInBusyError();
      busyAddresses.add(address);
      try {
        return await signIn();
      } finally {
        busyAddresses.delete(address);
      }
    },
    async hashing(hash) {
      await acquire();
      try {
        return await hash();
      } finally {
        release();
      }
    },
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
