/**
 * The console bundle the browser tests' nodes serve (dist/web), built once per test run. Each browser test file
 * runs in its own worker process; when each built it, one file's build emptied dist/web under another's open page
 * and a lazily loaded page chunk answered 404. Processes take turns through a directory lock (mkdir is atomic); a
 * stamp with the run's id (set by test/support/global-setup.ts) says the bundle is already this run's.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';

const WEB = resolve('dist', 'web');
const STAMP = join(WEB, '.test-run');
const LOCK = resolve('dist', '.web-build.lock');
/** A lock older than this was left by a killed process. */
const STALE_MS = 180_000;

const builtThisRun = (run: string) => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === run;

export async function consoleBuilt(): Promise<void> {
  const run = process.env.RISKLOOP_TEST_RUN ?? `pid-${process.pid}`;
  mkdirSync(resolve('dist'), { recursive: true });
  for (;;) {
    if (builtThisRun(run)) return;
    try {
      mkdirSync(LOCK);
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await sleep(250);
      continue;
    }
    try {
      if (builtThisRun(run)) return;
      // as `npm run build` does: vitest sets NODE_ENV=test, which would give React's development build
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
      writeFileSync(STAMP, run);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
