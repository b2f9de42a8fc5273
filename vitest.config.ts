import { defineConfig } from 'vitest/config';

/** Files that replace a module (vi.mock) get a module graph of their own; every other file shares its worker's. */
const ISOLATED = ['test/decision/hash-once.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most test time is waiting on PostgreSQL, NATS, child processes and the browser, not CPU: on 2 cores the default
    // (one worker) runs the files one after another.
    maxWorkers: 3,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        // Importing the source tree again for every file cost more than half the run; nothing in src/ keeps
        // module-level state, so a worker's files share one import of it.
        test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: ISOLATED },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
