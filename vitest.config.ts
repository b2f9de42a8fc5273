import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most test time is waiting on PostgreSQL, NATS, child processes and the browser, not CPU: on 2 cores the default
    // (one worker) runs the files one after another.
    maxWorkers: 3,
    reporters: ['default'],
  },
});
