/**
 * Which node consumes which partition of the post-loan event stream. Each partition is a lease — a PostgreSQL
 * advisory lock held by one node's lock session (src/store/lock-session.ts) — so at most one node applies a
 * partition's events at a time, and a node that dies frees its partitions the moment its session ends. Nodes count
 * each other through "member" locks of the same session and each aims at its fair share, ceil(partitions /
 * members): a node that joins finds the others giving back what they hold beyond their new share; a node that leaves
 * (or dies) leaves its partitions free for the others' next round. Giving a partition back always stops its
 * consumer first, so its acknowledgements are in before anyone else can take it.
 */
import type { LockSession } from '../../store/index.js';

export interface PartitionOwner {
  /** Partition k is this node's now: rebuild its state and start consuming it. Throwing gives the lease back. */
  acquire(k: number): Promise<void>;
  /** Stop consuming partition k (its acknowledgements flushed); the lease is given back right after. */
  release(k: number): Promise<void>;
}

export interface PartitionLeases {
  /** Partitions this node consumes now. */
  owned(): ReadonlySet<number>;
  /** One balancing round now (tests; rounds also run on a timer). */
  balance(): Promise<void>;
  /** Gives every partition back (each consumer stopped first) and leaves. */
  close(): Promise<void>;
}

export interface PartitionLeaseOptions {
  partitions: number;
  openSession: () => Promise<LockSession>;
  owner: PartitionOwner;
  /** How often a node looks at its share (default 1 s): the longest a freed partition waits for a new owner. */
  intervalMs?: number;
  /** Names the lock spaces (default `monitoring`: `monitoring-members`, `monitoring-partitions`). */
  purpose?: string;
  onError?: (err: unknown) => void;
}

/** Member slots: at most this many nodes consume one stream. */
const MAX_MEMBERS = 1024;

export async function startPartitionLeases(options: PartitionLeaseOptions): Promise<PartitionLeases> {
  const { partitions, owner } = options;
  const purpose = options.purpose ?? 'monitoring';
  const owned = new Set<number>();
  let session: LockSession | undefined;
  let slot = 0;
  let closed = false;
  // every change of ownership runs on this one chain: a round, the loss of the session, closing
  let chain: Promise<void> = Promise.resolve();
  const serial = (task: () => Promise<void>) => {
    const run = chain.then(task);
    chain = run.catch((err: unknown) => options.onError?.(err));
    return run;
  };

  const dropAll = async () => {
    for (const k of [...owned]) {
      owned.delete(k);
      await owner.release(k).catch((err: unknown) => options.onError?.(err));
    }
  };

  const join = async (): Promise<LockSession> => {
    const s = await options.openSession();
    const members = s.space(`${purpose}-members`);
    for (slot = 0; slot < MAX_MEMBERS; slot++) if (await s.tryLock(members, slot)) break;
    if (slot === MAX_MEMBERS) {
      await s.close();
      throw new Error(`more than ${MAX_MEMBERS} nodes consume the monitoring stream`);
    }
    void s.lost.then(() =>
      serial(async () => {
        if (session !== s) return;
        // the locks are gone or going: stop consuming at once, rejoin at the next round
        session = undefined;
        await dropAll();
        await s.close();
      }),
    );
    return s;
  };

  const round = async () => {
    if (closed) return;
    session ??= await join();
    const s = session;
    const space = s.space(`${purpose}-partitions`);
    const members = Math.max(1, (await s.held(s.space(`${purpose}-members`))).length);
    const share = Math.ceil(partitions / members);
    if (owned.size > share) {
      const extra = [...owned].sort((a, b) => b - a).slice(0, owned.size - share);
      for (const k of extra) {
        owned.delete(k);
        try {
          await owner.release(k);
        } finally {
          await s.unlock(space, k);
        }
      }
      return;
    }
    if (owned.size === share) return;
    const taken = new Set(await s.held(space));
    // start where this member's share would begin, so joiners do not all race for partition 0
    const first = (slot * share) % partitions;
    for (let i = 0; i < partitions && owned.size < share && !closed; i++) {
      const k = (first + i) % partitions;
      if (taken.has(k) || owned.has(k)) continue;
      if (!(await s.tryLock(space, k))) continue;
      try {
        await owner.acquire(k);
        owned.add(k);
      } catch (err) {
        await owner.release(k).catch(() => undefined);
        await s.unlock(space, k);
        throw err;
      }
    }
  };

  await serial(round);
  const timer = setInterval(() => void serial(round).catch(() => undefined), options.intervalMs ?? 1000);
  timer.unref();
  return {
    owned: () => owned,
    balance: () => serial(round),
    async close() {
      closed = true;
      clearInterval(timer);
      await serial(async () => {
        await dropAll();
        await session?.close(); // ending the session frees its locks, member slot included
        session = undefined;
      });
    },
  };
}

/** The embedded store: one process holds the data dir, so it owns every partition, with no lease to take. */
export async function soloPartitions(partitions: number, owner: PartitionOwner): Promise<PartitionLeases> {
  const owned = new Set<number>();
  for (let k = 0; k < partitions; k++) {
    await owner.acquire(k);
    owned.add(k);
  }
  return {
    owned: () => owned,
    balance: async () => undefined,
    async close() {
      for (const k of [...owned]) {
        owned.delete(k);
        await owner.release(k);
      }
    },
  };
}
