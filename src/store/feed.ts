/**
 * The change feed: how a node's in-memory read models (association graph, consortium index, compiled policy, key
 * cache) learn, within a second, what any node committed. Where each read model lives: docs/state.md.
 *
 * Rows. Each followed table carries `xid` (the writing transaction, xid8) and a statement trigger that NOTIFYs
 * `{t: table, x: xid, o: writer}`. PostgreSQL delivers a notification only once its transaction commits, in commit
 * order, so on a notification a follower reads exactly that transaction's rows. A follower keeps a cursor per table:
 * a horizon (every transaction below it is applied) and the set of transactions at or above it already applied.
 * Catch-up (after a reconnection, and every few seconds to move the horizon) lists the transactions at or above the
 * horizon not yet applied, taking the new horizon — the snapshot's xmin, below which every transaction has finished
 * — *before* listing. A sequence column could not do this: a lower sequence can commit after a higher one was read.
 *
 * Signals. Small per-tenant tables (lists, flows, models, keys) notify `{t: table, k: tenant}`; a subscriber reloads
 * that tenant's state. After a reconnection it hears `undefined`: anything may have changed, reload everything.
 */
import type { SqlClient, SqlExecutor } from './sql.js';

/** Which transactions' rows to read: a condition on the table's `xid` column. */
export interface XidFilter {
  /** SQL condition; its parameters are numbered from `$<first>`. */
  condition(first: number): string;
  params: unknown[];
}

export const ALL_ROWS: XidFilter = { condition: () => 'true', params: [] };

function transactions(xids: readonly bigint[]): XidFilter {
  return { condition: (first) => `xid = any($${first}::xid8[])`, params: [xids.map(String)] };
}

export interface RowFollower {
  /** Tables whose committed rows this follower folds in (each has `xid` and the feed's row trigger). */
  readonly tables: readonly string[];
  /**
   * Ignore notifications of this process's own writes: its after-commit effects applied them already. A catch-up
   * read may still hand them over again, so `load` must be idempotent for them.
   */
  readonly skipOwn?: boolean;
  /** Read (through `db`) and apply the rows of `table` matching `filter`. */
  load(db: SqlExecutor, table: string, filter: XidFilter): Promise<void>;
}

export interface Following {
  /** Reads and applies transaction `xid` of `table` now if it is not applied yet (read-your-writes). */
  catchUpTo(table: string, xid: string): Promise<void>;
  close(): void;
}

interface Cursor {
  horizon: bigint;
  done: Set<bigint>;
}

interface FollowerState {
  follower: RowFollower;
  cursors: Map<string, Cursor>;
  chain: Promise<void>;
  closed: boolean;
}

interface Message {
  t?: string;
  x?: string;
  o?: string;
  k?: string;
}

export interface ChangeFeedOptions {
  /** How often horizons move on (and lost notifications are recovered); default 5 s. */
  catchUpMs?: number;
  /** Transactions read per catch-up query. */
  chunk?: number;
  onError?: (err: unknown) => void;
}

type SignalHandler = (tenantId: string | undefined) => void;

const HORIZON = 'select pg_snapshot_xmin(pg_current_snapshot())::text as h';

export class ChangeFeed {
  private readonly followers = new Set<FollowerState>();
  private readonly signals = new Map<string, Set<SignalHandler>>();
  private listening: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private connections = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: SqlClient,
    private readonly options: ChangeFeedOptions = {},
  ) {}

  /** Where load and signal failures go (the node's logger); they are retried by the next catch-up. */
  reportErrorsTo(handler: (err: unknown) => void): void {
    this.options.onError = handler;
  }

  /** LISTEN (once). Called by `follow` and `onSignal`; awaiting it means notifications flow from now on. */
  start(): Promise<void> {
    this.listening ??= (async () => {
      this.unlisten = await this.db.listen(
        (payload) => this.onNotify(payload),
        () => this.onConnect(),
      );
      this.timer = setInterval(() => this.catchUpAll(), this.options.catchUpMs ?? 5_000);
      this.timer.unref();
    })();
    return this.listening;
  }

  /**
   * Follows `follower`'s tables: `initial` builds the read model inside one snapshot (default: `load` of every row);
   * from then on each committed transaction is applied once. Rejects if the initial load fails.
   */
  async follow(follower: RowFollower, initial?: (tx: SqlExecutor) => Promise<void>): Promise<Following> {
    await this.start();
    const state: FollowerState = { follower, cursors: new Map(), chain: Promise.resolve(), closed: false };
    // registered before the snapshot: a transaction committing meanwhile is either in the snapshot or notified,
    // and its notification waits in the chain behind the initial load
    this.followers.add(state);
    state.chain = this.db.snapshot(async (tx) => {
      const h = (await tx.query<{ h: string }>(HORIZON)).rows[0]!.h;
      if (initial) await initial(tx);
      else for (const table of follower.tables) await follower.load(tx, table, ALL_ROWS);
      for (const table of follower.tables) {
        // transactions at or above the horizon the snapshot saw are applied already
        const seen = await tx.query<{ x: string }>(
          `select distinct xid::text as x from ${table} where xid >= $1::xid8`,
          [h],
        );
        state.cursors.set(table, { horizon: BigInt(h), done: new Set(seen.rows.map((r) => BigInt(r.x))) });
      }
    });
    try {
      await state.chain;
    } catch (err) {
      state.closed = true;
      this.followers.delete(state);
      throw err;
    }
    return {
      catchUpTo: (table, xid) => this.enqueue(state, () => this.apply(state, table, [BigInt(xid)])),
      close: () => {
        state.closed = true;
        this.followers.delete(state);
      },
    };
  }

  /** `handler(tenantId)` after a change to `table` commits; `handler(undefined)` after a reconnection. */
  onSignal(table: string, handler: SignalHandler): () => void {
    let set = this.signals.get(table);
    if (!set) this.signals.set(table, (set = new Set()));
    set.add(handler);
    void this.start().catch((err: unknown) => this.options.onError?.(err));
    return () => set.delete(handler);
  }

  /** Every follower has applied everything committed before this call (tests, graceful hand-over). */
  async sync(): Promise<void> {
    await Promise.all([...this.followers].map((s) => this.enqueue(s, () => this.catchUp(s))));
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.followers.clear();
    this.signals.clear();
    await this.listening?.catch(() => undefined);
    await this.unlisten?.();
  }

  private onNotify(payload: string): void {
    let m: Message;
    try {
      m = JSON.parse(payload) as Message;
    } catch {
      return;
    }
    if (!m.t) return;
    if (m.x !== undefined) {
      const xid = BigInt(m.x);
      const table = m.t;
      const own = m.o === this.db.origin;
      for (const state of this.followers) {
        if (!state.follower.tables.includes(table)) continue;
        // queued even during the initial load: the cursor it needs exists once the load is done
        if (own && state.follower.skipOwn) void this.enqueue(state, async () => this.markApplied(state, table, xid));
        else void this.enqueue(state, () => this.apply(state, table, [xid]));
      }
    } else {
      for (const handler of this.signals.get(m.t) ?? []) this.signal(handler, m.k);
    }
  }

  private onConnect(): void {
    // the first connection precedes every initial load; a later one follows a gap in which notifications were lost
    if (++this.connections === 1) return;
    this.catchUpAll();
    for (const set of this.signals.values()) for (const handler of set) this.signal(handler, undefined);
  }

  private signal(handler: SignalHandler, tenantId: string | undefined): void {
    try {
      handler(tenantId);
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  private catchUpAll(): void {
    if (this.stopped) return;
    for (const state of this.followers) void this.enqueue(state, () => this.catchUp(state));
  }

  /** Runs `task` after everything queued for this follower; a failure is reported, never breaks the chain. */
  private enqueue(state: FollowerState, task: () => Promise<void>): Promise<void> {
    const run = state.chain.then(async () => {
      if (!state.closed) await task();
    });
    state.chain = run.catch((err: unknown) => this.options.onError?.(err));
    return run;
  }

  private markApplied(state: FollowerState, table: string, xid: bigint): void {
    const cursor = state.cursors.get(table);
    if (cursor && xid >= cursor.horizon) cursor.done.add(xid);
  }

  private async apply(state: FollowerState, table: string, xids: readonly bigint[]): Promise<void> {
    const cursor = state.cursors.get(table);
    if (!cursor) return;
    const fresh = xids.filter((x) => x >= cursor.horizon && !cursor.done.has(x));
    if (fresh.length === 0) return;
    for (const x of fresh) cursor.done.add(x);
    try {
      await state.follower.load(this.db, table, transactions(fresh));
    } catch (err) {
      // not applied after all: the next catch-up lists them again
      for (const x of fresh) cursor.done.delete(x);
      throw err;
    }
  }

  private async catchUp(state: FollowerState): Promise<void> {
    const chunk = this.options.chunk ?? 1000;
    for (const [table, cursor] of state.cursors) {
      // the horizon first: every transaction below it has finished, so the listing below sees all of them
      const h = BigInt((await this.db.query<{ h: string }>(HORIZON)).rows[0]!.h);
      const missed = await this.db.query<{ x: string }>(
        `select distinct xid::text as x from ${table} where xid >= $1::xid8 and not (xid = any($2::xid8[]))`,
        [cursor.horizon.toString(), [...cursor.done].map(String)],
      );
      const xids = missed.rows.map((r) => BigInt(r.x)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 0; i < xids.length; i += chunk) await this.apply(state, table, xids.slice(i, i + chunk));
      if (h > cursor.horizon) {
        cursor.horizon = h;
        for (const x of cursor.done) if (x < h) cursor.done.delete(x);
      }
    }
  }
}
