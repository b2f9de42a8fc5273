/**
 * Redis velocity store: one Lua script call per application reads and updates every counter atomically, so
 * several API nodes agree. Count/sum counters are hashes with one field per bucket (`m<idx>`, `h<idx>`,
 * `d<idx>`); distinct counters are sorted sets (member → last-seen ms). Keys expire after the longest window.
 * Keys carry a prefix per tenant (and per test run) so tenants and test runs never collide.
 */
import type { Redis } from 'ioredis';
import { UnavailableError } from '../../core/errors.js';
import { RESOLUTION_KEEP, RESOLUTION_MS, VELOCITY_HORIZON_MS, VELOCITY_WINDOWS } from '../windows.js';
import type { VelocityWindow } from '../windows.js';
import { ONCE_TTL_MS, type CounterOp, type VelocityStore } from './store.js';

// ARGV: at, write (0, 1, or a once-key: write unless that key was set before), nWindows, then per window
// (resolution, buckets, ms), then per key (agg, value).
const SCRIPT = `
local at = tonumber(ARGV[1])
local write = ARGV[2] ~= '0'
if write and ARGV[2] ~= '1' and not redis.call('SET', ARGV[2], '1', 'NX', 'PX', ${ONCE_TTL_MS}) then
  return {}
end
local nw = tonumber(ARGV[3])
local wres, wn, wms = {}, {}, {}
for i = 1, nw do
  wres[i] = ARGV[1 + 3 * i]
  wn[i] = tonumber(ARGV[2 + 3 * i])
  wms[i] = tonumber(ARGV[3 + 3 * i])
end
local base = 3 + 3 * nw
-- windows grouped by bucket resolution, and the widest window (distinct counts)
local byRes = { m = {}, h = {}, d = {} }
local widest = 1
for i = 1, nw do
  table.insert(byRes[wres[i]], i)
  if wms[i] > wms[widest] then widest = i end
end
local RES = { m = ${RESOLUTION_MS.m}, h = ${RESOLUTION_MS.h}, d = ${RESOLUTION_MS.d} }
local KEEP = { m = ${RESOLUTION_KEEP.m}, h = ${RESOLUTION_KEEP.h}, d = ${RESOLUTION_KEEP.d} }
local cur = { m = math.floor(at / RES.m), h = math.floor(at / RES.h), d = math.floor(at / RES.d) }
local ttl = ${VELOCITY_HORIZON_MS + 86_400_000}
local horizon = ${VELOCITY_HORIZON_MS}
local out = {}
-- read every counter first, then write, so two ops on one key see the same history (as the in-process store does)
for k = 1, #KEYS do
  local key = KEYS[k]
  local agg = ARGV[base + 2 * k - 1]
  if agg == 'distinct' then
    -- one count over the widest window; most keys are empty or small, so fetch their scores once and bin
    -- them here rather than issuing a ZCOUNT per window
    local hi = string.format('%.0f', at)
    local total = redis.call('ZCOUNT', key, string.format('(%.0f', at - wms[widest]), hi)
    if total == 0 then
      for i = 1, nw do out[#out + 1] = 0 end
    elseif total <= 64 then
      local counts = {}
      for i = 1, nw do counts[i] = 0 end
      local scored = redis.call('ZRANGEBYSCORE', key, string.format('(%.0f', at - wms[widest]), hi, 'WITHSCORES')
      for j = 2, #scored, 2 do
        local seen = tonumber(scored[j])
        for i = 1, nw do
          if seen > at - wms[i] then counts[i] = counts[i] + 1 end
        end
      end
      for i = 1, nw do out[#out + 1] = counts[i] end
    else
      for i = 1, nw do
        out[#out + 1] = redis.call('ZCOUNT', key, string.format('(%.0f', at - wms[i]), hi)
      end
    end
  else
    local sums = {}
    for i = 1, nw do sums[i] = 0 end
    local flat = redis.call('HGETALL', key)
    for j = 1, #flat, 2 do
      local f = flat[j]
      local r = string.sub(f, 1, 1)
      local idx = tonumber(string.sub(f, 2))
      local c = cur[r]
      local ws = byRes[r]
      for q = 1, #ws do
        local i = ws[q]
        if idx > c - wn[i] and idx <= c then sums[i] = sums[i] + tonumber(flat[j + 1]) end
      end
      if write and idx <= c - KEEP[r] then redis.call('HDEL', key, f) end
    end
    for i = 1, nw do out[#out + 1] = sums[i] end
  end
end
if write then
  for k = 1, #KEYS do
    local key = KEYS[k]
    local agg = ARGV[base + 2 * k - 1]
    local val = ARGV[base + 2 * k]
    if agg == 'distinct' then
      if val ~= '' then
        redis.call('ZADD', key, 'GT', string.format('%.0f', at), val)
        redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', at - horizon))
        redis.call('PEXPIRE', key, ttl)
      end
    else
      local v = tonumber(val)
      redis.call('HINCRBY', key, 'm' .. string.format('%.0f', cur.m), v)
      redis.call('HINCRBY', key, 'h' .. string.format('%.0f', cur.h), v)
      redis.call('HINCRBY', key, 'd' .. string.format('%.0f', cur.d), v)
      redis.call('PEXPIRE', key, ttl)
    end
  end
end
return out
`;

interface ScriptedRedis extends Redis {
  riskloopVelocity(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
}

export interface RedisVelocityOptions {
  /** e.g. `rl:{tenantId}:vel:`; tests add a run id so parallel runs never collide. */
  prefix: string;
  windows?: readonly VelocityWindow[];
  /** Close the connection on `close()` (when the store owns it). */
  ownsConnection?: boolean;
}

export function createRedisVelocityStore(redis: Redis, options: RedisVelocityOptions): VelocityStore {
  const windows = options.windows ?? VELOCITY_WINDOWS;
  const client = redis as ScriptedRedis;
  if (typeof client.riskloopVelocity !== 'function') {
    client.defineCommand('riskloopVelocity', { lua: SCRIPT });
  }
  const windowArgs = windows.flatMap((w) => [w.resolution, w.buckets, w.ms]);

  async function call(ops: readonly CounterOp[], at: number, write: boolean | string): Promise<number[]> {
    if (ops.length === 0) return [];
    const args: (string | number)[] = [];
    for (const op of ops) args.push(`${options.prefix}${op.space}:${op.id}`);
    const mode = typeof write === 'string' ? `${options.prefix}once:${write}` : write ? 1 : 0;
    args.push(Math.floor(at), mode, windows.length, ...windowArgs);
    for (const op of ops) args.push(op.agg, op.value);
    try {
      return await client.riskloopVelocity(ops.length, ...args);
    } catch (err) {
      throw new UnavailableError('velocity store (Redis) did not answer', 1, { cause: err });
    }
  }

  return {
    windows,
    recordAndRead: async (ops, at) => Float64Array.from(await call(ops, at, true)),
    read: async (ops, at) => {
      // a read-only call would still run HDEL-free paths; reuse the script without writing
      return Float64Array.from(await call(ops, at, false));
    },
    record: async (ops, at, once) => {
      await call(ops, at, once ?? true);
    },
    close: async () => {
      if (options.ownsConnection) await redis.quit();
    },
  };
}
