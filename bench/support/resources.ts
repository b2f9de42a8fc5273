/**
 * Where a saturated HTTP case's CPU goes, per decision: the server's processes (the supervisor and its workers),
 * their PostgreSQL backends and Redis — figures a shared machine's load moves far less than throughput. Also Redis
 * round trips per decision. Linux only (/proc) for the processes; Redis through INFO (other clients of the same
 * server are counted too).
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import pg from 'pg';

/** CPU ms (user + system) of a process, or 0 when it is gone or /proc is not there. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux)
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return 0;
  }
}

/** The process and its descendants. */
function tree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    /* gone */
  }
  return [pid, ...children.flatMap(tree)];
}

interface Snapshot {
  server: number;
  postgres: number;
  redisCpu: number;
  redisCalls: number;
}

export interface ResourceUse {
  serverCpuMs: number;
  postgresCpuMs: number;
  redisCpuMs: number;
  redisCallsPerDecision: number;
}

async function redisStats(redis: Redis | undefined): Promise<{ cpu: number; calls: number }> {
  if (!redis) return { cpu: 0, calls: 0 };
  // INFO's default sections leave the command counts out
  const info = (await redis.info('cpu')) + (await redis.info('commandstats'));
  const num = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  let calls = 0;
  for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) if (m[1] !== 'info') calls += Number(m[2]);
  return { cpu: (num('used_cpu_user') + num('used_cpu_sys')) * 1000, calls };
}

/** Starts metering the server process `pid` (and its workers); `stop(decisions)` gives the use per decision. */
export async function meterResources(
  pid: number,
  postgresUrl: string,
  redis?: Redis,
): Promise<{ stop(decisions: number): Promise<ResourceUse> }> {
  const db = new pg.Client({ connectionString: postgresUrl });
  await db.connect();
  const pids = tree(pid);
  // the server's backends: its processes name their connections riskloop-<pid>-…
  const backends = (
    await db.query<{ pid: number; name: string }>(
      `select pid, application_name as name from pg_stat_activity where application_name like 'riskloop-%'`,
    )
  ).rows
    .filter((r) => pids.some((p) => r.name.startsWith(`riskloop-${p}-`)))
    .map((r) => r.pid);
  const snap = async (): Promise<Snapshot> => {
    const r = await redisStats(redis);
    return {
      server: pids.reduce((a, p) => a + cpuMs(p), 0),
      postgres: backends.reduce((a, p) => a + cpuMs(p), 0),
      redisCpu: r.cpu,
      redisCalls: r.calls,
    };
  };
  const start = await snap();
  return {
    async stop(decisions) {
      const end = await snap();
      await db.end();
      const per = (x: number) => x / Math.max(1, decisions);
      return {
        serverCpuMs: per(end.server - start.server),
        postgresCpuMs: per(end.postgres - start.postgres),
        redisCpuMs: per(end.redisCpu - start.redisCpu),
        // the meter's own INFO calls are left out
        redisCallsPerDecision: per(end.redisCalls - start.redisCalls),
      };
    },
  };
}
