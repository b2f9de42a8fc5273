/**
 * The Lua script behind the Redis velocity store. One call carries every counter read and update a node has queued
 * in one event-loop turn (see redis.ts), applied in arrival order, each atomically: a read reads every counter of
 * its application over every window; an update adds to them. The windows are compiled into the script text, so a
 * call carries only the keys, the times and the values.
 *
 * Count/sum counters are hashes with one field per bucket (`m<idx>`, `h<idx>`, `d<idx>`); distinct counters are
 * sorted sets (member → last-seen ms). Keys expire a day past the longest window. The common update of a hash is
 * three HINCRBY: it prunes unreachable buckets only when it opens an hour bucket on a hash of more than 32 buckets
 * (a busy key is scanned at most hourly, a quiet one never and keeps under 32 stale buckets, which reads skip),
 * and renews the expiry only when it opens a day bucket; a set's update prunes only when a member is new. Reads
 * never write.
 *
 * ARGV: nItems, then per item: mode (`r` read, `w` update, `rw` read then update), at (ms), once-key (`''` for
 * none: an update whose once-key was set before — a retry — is skipped), nOps, then per op: key index (into
 * KEYS), agg (`b` bucketed count or sum, `d` distinct), value (the amount, or the member; `''` reads only).
 * Returns the values of every read, in item order: `[op * nWindows + window]` per item.
 */
import { RESOLUTION_KEEP, RESOLUTION_MS, VELOCITY_HORIZON_MS } from '../windows.js';
import type { VelocityWindow } from '../windows.js';
import { ONCE_TTL_MS } from './store.js';

const luaList = (xs: readonly (string | number)[]) =>
  `{ ${xs.map((x) => (typeof x === 'string' ? `'${x}'` : String(x))).join(', ')} }`;

export function velocityScript(windows: readonly VelocityWindow[]): string {
  const byRes = (r: string) =>
    luaList(windows.flatMap((w, i) => (w.resolution === r ? [i + 1] : [])).map((i) => i as number));
  const widest = windows.reduce((best, w, i) => (w.ms > windows[best]!.ms ? i : best), 0) + 1;
  return `
local NW = ${windows.length}
local WN = ${luaList(windows.map((w) => w.buckets))}
local WMS = ${luaList(windows.map((w) => w.ms))}
local BYRES = { m = ${byRes('m')}, h = ${byRes('h')}, d = ${byRes('d')} }
local WIDEST = ${widest}
local RES = { m = ${RESOLUTION_MS.m}, h = ${RESOLUTION_MS.h}, d = ${RESOLUTION_MS.d} }
local KEEP = { m = ${RESOLUTION_KEEP.m}, h = ${RESOLUTION_KEEP.h}, d = ${RESOLUTION_KEEP.d} }
local TTL = ${VELOCITY_HORIZON_MS + 86_400_000}
local HORIZON = ${VELOCITY_HORIZON_MS}
local ONCE = ${ONCE_TTL_MS}
local PRUNE_AT = 32
local out = {}
local n = 0

local function readOp(key, agg, at, cur)
  if agg == 'd' then
    -- one count over the widest window; most sets are empty or small, so fetch their scores once and bin them
    -- here rather than issue a ZCOUNT per window
    local hi = string.format('%.0f', at)
    local lo = string.format('(%.0f', at - WMS[WIDEST])
    local total = redis.call('ZCOUNT', key, lo, hi)
    if total == 0 then
      for i = 1, NW do out[n + i] = 0 end
    elseif total <= 64 then
      local counts = {}
      for i = 1, NW do counts[i] = 0 end
      local scored = redis.call('ZRANGEBYSCORE', key, lo, hi, 'WITHSCORES')
      for j = 2, #scored, 2 do
        local seen = tonumber(scored[j])
        for i = 1, NW do
          if seen > at - WMS[i] then counts[i] = counts[i] + 1 end
        end
      end
      for i = 1, NW do out[n + i] = counts[i] end
    else
      for i = 1, NW do out[n + i] = redis.call('ZCOUNT', key, string.format('(%.0f', at - WMS[i]), hi) end
    end
  else
    local sums = {}
    for i = 1, NW do sums[i] = 0 end
    local flat = redis.call('HGETALL', key)
    for j = 1, #flat, 2 do
      local f = flat[j]
      local r = string.sub(f, 1, 1)
      local idx = tonumber(string.sub(f, 2))
      local c = cur[r]
      local ws = BYRES[r]
      for q = 1, #ws do
        local i = ws[q]
        if idx > c - WN[i] and idx <= c then sums[i] = sums[i] + tonumber(flat[j + 1]) end
      end
    end
    for i = 1, NW do out[n + i] = sums[i] end
  end
  n = n + NW
end

local function writeOp(key, agg, val, at, cur)
  if agg == 'd' then
    if val ~= '' then
      -- a new member: drop the ones no window can reach any more (an existing one only moves its time)
      if redis.call('ZADD', key, 'GT', string.format('%.0f', at), val) == 1 then
        redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', at - HORIZON))
      end
      redis.call('PEXPIRE', key, TTL)
    end
    return
  end
  local v = tonumber(val)
  redis.call('HINCRBY', key, 'm' .. string.format('%.0f', cur.m), v)
  local opened = redis.call('HINCRBY', key, 'h' .. string.format('%.0f', cur.h), v) == v
  if redis.call('HINCRBY', key, 'd' .. string.format('%.0f', cur.d), v) == v then
    -- a new day bucket: the key lives a horizon past the end of this day, as long as any update in it needs
    redis.call('PEXPIRE', key, TTL)
  end
  if opened and redis.call('HLEN', key) > PRUNE_AT then
    -- a new hour bucket (at most once an hour per key) on a key that has gathered buckets: drop the ones no
    -- window can reach any more, relative to this event's time. Most keys are seldom hit and stay small: they
    -- keep a few stale buckets (reads skip them) rather than pay a scan on every update.
    local fields = redis.call('HKEYS', key)
    for j = 1, #fields do
      local f = fields[j]
      local r = string.sub(f, 1, 1)
      if tonumber(string.sub(f, 2)) <= cur[r] - KEEP[r] then redis.call('HDEL', key, f) end
    end
  end
end

local p = 2
for item = 1, tonumber(ARGV[1]) do
  local mode = ARGV[p]
  local at = tonumber(ARGV[p + 1])
  local once = ARGV[p + 2]
  local nops = tonumber(ARGV[p + 3])
  local first = p + 4
  p = first + 3 * nops
  local cur = { m = math.floor(at / RES.m), h = math.floor(at / RES.h), d = math.floor(at / RES.d) }
  if mode ~= 'w' then
    -- every op reads before any writes, so two ops on one key see the same history
    for q = first, p - 1, 3 do readOp(KEYS[tonumber(ARGV[q])], ARGV[q + 1], at, cur) end
  end
  if mode ~= 'r' and (once == '' or redis.call('SET', once, '1', 'NX', 'PX', ONCE)) then
    for q = first, p - 1, 3 do writeOp(KEYS[tonumber(ARGV[q])], ARGV[q + 1], ARGV[q + 2], at, cur) end
  end
end
return out
`;
}
