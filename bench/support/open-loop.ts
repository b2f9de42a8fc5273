/**
 * Open-loop load: requests leave at a fixed offered rate whatever the server does, and each latency counts from
 * the moment its request was due — a server that stalls cannot slow the load down and hide its stall (the
 * coordinated omission a closed loop like autocannon's has).
 */
import { Agent, request } from 'node:http';
import { percentile } from '../lib.js';

export interface OpenLoopResult {
  offered: number;
  completed: number;
  /** Errors, non-200 answers and requests not answered by the deadline. */
  failed: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function openLoop(options: {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  ratePerSecond: number;
  seconds: number;
  maxSockets?: number;
}): Promise<OpenLoopResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const total = Math.round(options.ratePerSecond * options.seconds);
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();

  const fire = (due: number, body: string) => {
    const p = new Promise<void>((resolve) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - due);
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(p);
    void p.then(() => inFlight.delete(p));
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((elapsed / 1000) * options.ratePerSecond));
      while (sent < due) {
        fire(start + (sent / options.ratePerSecond) * 1000, options.bodies[sent % options.bodies.length]!);
        sent++;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  // a server far behind the offered rate would keep the run going for minutes: what is not answered within the
  // run's own length after the last request was due counts as failed
  const unanswered = await Promise.race([
    Promise.all(inFlight).then(() => 0),
    new Promise<number>((r) => setTimeout(() => r(inFlight.size), Math.max(10, options.seconds) * 1000)),
  ]);
  failed += unanswered;
  const wall = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    offered: options.ratePerSecond,
    completed: latencies.length,
    failed,
    perSecond: latencies.length / wall,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
