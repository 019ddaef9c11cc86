// StrykerJS for one module of the security core at a time (scripts/mutate.mjs picks it through
// KEYTURN_MUTATION_MODULE; see docs/testing.md). Slow by design: run it with `npm run mutate`.
import { findModule } from './scripts/mutation-modules.mjs';

const name = process.env.KEYTURN_MUTATION_MODULE ?? '';
const module = findModule(name);
if (module === undefined) {
  throw new Error(`Run mutation tests with "npm run mutate" (unknown module "${name}")`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // Only the module's own test files (vitest.stryker.config.ts reads the same list).
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.node.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: module.mutate,
  coverageAnalysis: 'perTest',
  // The machine is shared by up to 8 people on 2 cores.
  concurrency: 1,
  // A loaded machine slows every test: a generous timeout keeps slowness from passing for a kill.
  timeoutMS: 20_000,
  timeoutFactor: 3,
  incremental: true,
  incrementalFile: `reports/mutation/${module.name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${module.name}.json` },
  htmlReporter: { fileName: `reports/mutation/${module.name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['out', 'dist', 'release', 'coverage', 'reports', 'bench/results', 'test-results', 'screenshots'],
  cleanTempDir: 'always',
};
