/**
 * The vitest config Stryker uses: the test files of the one module being mutated
 * (scripts/mutation-modules.mjs, passed by scripts/mutate.mjs as KEYTURN_MUTATION_MODULE).
 */
import { defineConfig } from 'vitest/config';
import { findModule } from './scripts/mutation-modules.mjs';

const module = findModule(process.env.KEYTURN_MUTATION_MODULE ?? '');
if (module === undefined) throw new Error('vitest.stryker.config.ts is for "npm run mutate" only');

export default defineConfig({
  test: {
    include: module.tests,
    environment: 'node',
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
