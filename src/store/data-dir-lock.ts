/**
 * One process per embedded data dir. PGlite is a single-user PostgreSQL inside this process: a second process (or a
 * second instance in this one) opening the same directory writes over the first one's pages and corrupts it. A lock
 * file beside the directory names the holder; a holder that no longer runs (a crash) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { ConfigError } from '../core/errors.js';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs under another user, but it runs
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined; // half-written or removed meanwhile: treat as stale
  }
}

/** Takes the lock of `dir` (file `<dir>.lock`) or throws a ConfigError naming the process that holds it. */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.host === me.host && alive(holder.pid)) {
        const who = holder.pid === process.pid ? 'this process' : `process ${holder.pid}`;
        throw new ConfigError(
          `the embedded data dir ${dir} is already open by ${who} (since ${holder.since}); a PGlite data dir ` +
            'serves one process: stop the other one, use another RISKLOOP_DATA_DIR, or run several workers on ' +
            'PostgreSQL (DATABASE_URL)',
        );
      }
      if (holder && holder.host !== me.host) {
        throw new ConfigError(
          `the embedded data dir ${dir} is locked by process ${holder.pid} on host ${holder.host}; if that host ` +
            `no longer uses it, delete ${file}`,
        );
      }
      try {
        unlinkSync(file); // the holder is gone (crash): take over
      } catch {
        /* another starter took it over first; the next attempt sees its lock */
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // only our own lock: never remove one a later holder took over
      if (readHolder(file)?.pid === me.pid) unlinkSync(file);
    };
  }
  throw new ConfigError(`could not lock the embedded data dir ${dir} (${file} keeps changing)`);
}
