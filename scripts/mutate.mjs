/**
 * `npm run mutate [-- [--force] <module>… | --mutate <file>[,<file>…] | --list]`: StrykerJS over the
 * security core, one module after another (docs/testing.md). Each run is incremental against its
 * module's last run (reports/mutation/<module>.incremental.json), niced and single-threaded, and
 * ends with a table row of its scores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { MUTATION_MODULES, findModule } from './mutation-modules.mjs';

function usage(message) {
  if (message) console.error(message);
  console.error('usage: npm run mutate [-- [--force] <module>… | --mutate <file>[,<file>…] | --list]');
  console.error(`modules: ${MUTATION_MODULES.map((m) => m.name).join(', ')}`);
  process.exit(2);
}

/** [{ module, files }]: whole modules, or the modules owning the given files with just those files. */
function plan(args) {
  if (args.length === 0) return MUTATION_MODULES.map((module) => ({ module, files: null }));
  if (args[0] === '--mutate') {
    const files = (args[1] ?? '').split(',').filter((file) => file !== '');
    if (files.length === 0) usage('--mutate needs files');
    const owned = MUTATION_MODULES.map((module) => ({
      module,
      files: files.filter((file) => module.mutate.includes(file.replace(/:.*$/, ''))),
    })).filter((entry) => entry.files.length > 0);
    const orphans = files.filter((file) => !owned.some((entry) => entry.files.includes(file)));
    if (orphans.length > 0) console.log(`not in the security core (not mutated): ${orphans.join(', ')}`);
    return owned;
  }
  return args.map((name) => ({ module: findModule(name) ?? usage(`unknown module ${name}`), files: null }));
}

/** Counts from Stryker's JSON report (mutation-testing-report-schema). */
function scoreOf(name) {
  const path = `reports/mutation/${name}.json`;
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const counts = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const killed = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const survived = (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const valid = killed + survived;
  return { valid, killed, survived, score: valid === 0 ? 100 : (100 * killed) / valid, counts };
}

function run({ module, files }, force) {
  const mutate = files === null ? [] : ['--mutate', files.join(',')];
  if (force) mutate.push('--force');
  const started = Date.now();
  const result = spawnSync('nice', ['-n', '19', 'npx', 'stryker', 'run', 'stryker.config.mjs', ...mutate], {
    stdio: 'inherit',
    env: { ...process.env, KEYTURN_MUTATION_MODULE: module.name },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const score = scoreOf(module.name);
  const row =
    score === null
      ? `| ${module.name} | (no report) |`
      : `| ${module.name} | ${score.valid} | ${score.killed} | ${score.survived} | ${score.score.toFixed(1)}% | ${minutes} min | ${JSON.stringify(score.counts)} |`;
  return { ok: result.status === 0, row };
}

// --force: test every mutant again. Stryker 9.6's incremental mode reused Survived verdicts for
// mutants that a test file added to the module since its last run kills (redact-rules.test.ts).
const force = process.argv.includes('--force');
const args = process.argv.slice(2).filter((arg) => arg !== '--force');
if (args[0] === '--list') {
  for (const module of MUTATION_MODULES) console.log(`${module.name}: ${module.mutate.join(' ')}`);
  process.exit(0);
}
const rows = [];
let failed = false;
for (const entry of plan(args)) {
  const { ok, row } = run(entry, force);
  failed ||= !ok;
  rows.push(row);
}
console.log('\n| module | mutants | killed | survived | score | time | statuses |\n|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
process.exit(failed ? 1 : 0);
