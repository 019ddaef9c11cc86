import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Provider tests run in a time zone west of UTC, so a provider time read as local time (SyftHub
 * prints offset-less UTC times on SQLite) shows up as hours off. Node applies a TZ set in
 * process.env at once, and the test child processes inherit it; test/main/providers/time-zone.test.ts
 * fails if it does not apply.
 */
const PROVIDER_TESTS = [
  'test/main/providers/**/*.test.ts',
  'test/emulators/**/*.test.ts',
  'test/cli/connect.test.ts',
  'test/cli/doctor.test.ts',
  'test/cli/syfthub.test.ts',
];
const PROVIDER_TEST_TZ = 'America/New_York';

export default defineConfig({
  test: {
    environment: 'node',
    // Every file's temporary directories are removed when it ends (test/support/temp-dir.ts).
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Crash and two-process tests spawn children; keep parallelism within the 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'providers', include: PROVIDER_TESTS, env: { TZ: PROVIDER_TEST_TZ } },
      },
      {
        extends: true,
        test: { name: 'app', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...PROVIDER_TESTS] },
      },
    ],
  },
});
