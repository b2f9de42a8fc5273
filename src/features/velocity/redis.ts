/**
 * Redis velocity store: every counter read and update a node asks for in one event-loop turn goes to Redis in ONE
 * script call (redis-script.ts), the way decisions are group-committed. A decision's read of all its windows is one
 * item of such a call; its update, made once the decision is stored, rides in the next call with whatever else is
 * queued — so under load a decision costs Redis less than one round trip, and alone, one round trip to read and one
 * to count it. Items run in arrival order, each atomically, so several API nodes agree. Keys carry a prefix per
 * tenant (and per test run) so tenants and test runs never collide.
 */
import type { Redis } from 'ioredis';
import { UnavailableError } from '../../core/errors.js';
import { VELOCITY_WINDOWS } from '../windows.js';
import type { VelocityWindow } from '../windows.js';
import { velocityScript } from './redis-script.js';
import type { CounterOp, VelocityStore } from './store.js';

type Mode = 'r' | 'w' | 'rw';

interface Item {
  mode: Mode;
  ops: readonly CounterOp[];
  at: number;
  once: string;
  resolve: (values: Float64Array) => void;
  reject: (err: unknown) => void;
}

interface ScriptedRedis extends Redis {
  [command: string]: unknown;
}

export interface RedisVelocityOptions {
  /** e.g. `rl:{tenantId}:vel:`; tests add a run id so parallel runs never collide. */
  prefix: string;
  windows?: readonly VelocityWindow[];
  /** Close the connection on `close()` (when the store owns it). */
  ownsConnection?: boolean;
}

/**
 * Items per script call: a turn with more is sent as several calls, back to back on the one connection. A script
 * holds Redis for its whole run (~0.1 ms an item), so calls stay short enough for other nodes' calls to interleave.
 */
const MAX_ITEMS_PER_CALL = 32;

export function createRedisVelocityStore(redis: Redis, options: RedisVelocityOptions): VelocityStore {
  const windows = options.windows ?? VELOCITY_WINDOWS;
  const nw = windows.length;
  const client = redis as ScriptedRedis;
  // one command per window layout: the windows are compiled into the script text
  const command = `riskloopVelocity${nw}_${windows.map((w) => `${w.resolution}${w.buckets}`).join('')}`;
  if (typeof client[command] !== 'function') redis.defineCommand(command, { lua: velocityScript(windows) });
  const run = client[command] as (numKeys: number, ...args: (string | number)[]) => Promise<number[]>;

  let queue: Item[] = [];
  let scheduled = false;

  function send(items: Item[]): void {
    const keyIndex = new Map<string, number>();
    const keys: string[] = [];
    const args: (string | number)[] = [items.length];
    for (const item of items) {
      args.push(item.mode, Math.floor(item.at), item.once, item.ops.length);
      for (const op of item.ops) {
        const key = `${options.prefix}${op.space}:${op.id}`;
        let k = keyIndex.get(key);
        if (k === undefined) {
          k = keys.push(key);
          keyIndex.set(key, k);
        }
        args.push(k, op.agg === 'distinct' ? 'd' : 'b', op.value);
      }
    }
    run.call(client, keys.length, ...keys, ...args).then(
      (values) => {
        let at = 0;
        for (const item of items) {
          if (item.mode === 'w') {
            item.resolve(EMPTY);
            continue;
          }
          const n = item.ops.length * nw;
          item.resolve(Float64Array.from(values.slice(at, at + n)));
          at += n;
        }
      },
      (err: unknown) => {
        const failure = new UnavailableError('velocity store (Redis) did not answer', 1, { cause: err });
        for (const item of items) item.reject(failure);
      },
    );
  }

  function flush(): void {
    scheduled = false;
    const items = queue;
    queue = [];
    for (let i = 0; i < items.length; i += MAX_ITEMS_PER_CALL) send(items.slice(i, i + MAX_ITEMS_PER_CALL));
  }

  function enqueue(mode: Mode, ops: readonly CounterOp[], at: number, once = ''): Promise<Float64Array> {
    if (ops.length === 0) return Promise.resolve(EMPTY);
    return new Promise((resolve, reject) => {
      queue.push({ mode, ops, at, once, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // after the poll phase: every request parsed in this turn joins the call
        setImmediate(flush);
      }
    });
  }

  return {
    windows,
    recordAndRead: (ops, at) => enqueue('rw', ops, at),
    read: (ops, at) => enqueue('r', ops, at),
    record: async (ops, at, once) => {
      await enqueue('w', ops, at, once === undefined ? '' : `${options.prefix}once:${once}`);
    },
    close: async () => {
      if (queue.length > 0) flush();
      if (options.ownsConnection) await redis.quit();
    },
  };
}

const EMPTY = new Float64Array(0);
