import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Every file's temporary directories are removed when it ends (test/support/temp-dir.ts).
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Crash and two-process tests spawn children; keep parallelism within the 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
