/**
 * `npm run mutate:replay -- <module>`: plants each mutant Stryker's last run of the module left
 * alive (reports/mutation/<module>.json) into a copy of the project, runs the module's tests
 * there, and says which the current tests kill. A second opinion on Stryker's verdicts, and a
 * quick check of new tests before a full re-run (docs/testing.md). In a file changed since the
 * run, a mutant is found by its lines; one whose lines changed is skipped and counted. Stryker
 * 9.6's vitest runner counts a test file that fails to import as passing, so a mutant that breaks
 * module loading shows there as Survived; here it is killed. A mutant is killed only when the same tests fail
 * twice: a test that failed once under load is reported as 'flaky', not as a kill.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findModule } from './mutation-modules.mjs';

const name = process.argv[2] ?? '';
if (findModule(name) === undefined) {
  console.error('usage: npm run mutate:replay -- <module>   (see npm run mutate -- --list)');
  process.exit(2);
}
const report = JSON.parse(readFileSync(`reports/mutation/${name}.json`, 'utf8'));
const COPIED = [
  'src',
  'test',
  'scripts',
  'package.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];
const copy = mkdtempSync(join(tmpdir(), 'keyturn-replay-'));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    rmSync(copy, { recursive: true, force: true });
    process.exit(130);
  });
}

/** Character offset of a Stryker location (1-based line and column). */
function offsetOf(lines, { line, column }) {
  return lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
}

/**
 * Where a mutant's lines are in the current source: the same lines, whole, found once, or found
 * more than once but also at their old place (a file changed elsewhere since the run). Else null.
 */
function relocate(oldLines, current, { start, end }) {
  const block = oldLines.slice(start.line - 1, end.line).join('\n');
  const found = [];
  for (let at = current.indexOf(block); at !== -1; at = current.indexOf(block, at + 1)) {
    const whole = (at === 0 || current[at - 1] === '\n') && [undefined, '\n'].includes(current[at + block.length]);
    if (whole) found.push(at);
  }
  const lineOf = (at) => current.slice(0, at).split('\n').length;
  // Lines found more than once (a second `} finally {`) count only where they were.
  const at = found.length === 1 ? found[0] : found.find((candidate) => lineOf(candidate) === start.line);
  if (at === undefined) return null;
  const shift = lineOf(at) - start.line;
  const lines = current.split('\n');
  return {
    start: offsetOf(lines, { line: start.line + shift, column: start.column }),
    end: offsetOf(lines, { line: end.line + shift, column: end.column }),
    line: start.line + shift,
  };
}

/** A mutant that makes a synchronous loop endless hangs the worker: vitest's own timeout cannot stop it. */
const RUN_LIMIT_MS = 10 * 60_000;
const TIMED_OUT = '(timed out: a kill, as Stryker counts a timeout)';

/** Null when the module's tests pass, else the names of the tests that failed. */
function failedTests() {
  const run = spawnSync('nice', ['-n', '19', 'npx', 'vitest', 'run', '--config', 'vitest.stryker.config.ts'], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, KEYTURN_MUTATION_MODULE: name, NO_COLOR: '1' },
    timeout: RUN_LIMIT_MS,
    killSignal: 'SIGKILL',
  });
  if (run.error !== undefined) return [TIMED_OUT];
  if (run.status === 0) return null;
  const names = `${run.stdout}${run.stderr}`.match(/^ FAIL .*$/gm) ?? ['(no test named: the run failed)'];
  return [...new Set(names.map((line) => line.replace(/^ FAIL\s+/, '').trim()))];
}

const testsPass = () => failedTests() === null;

/**
 * killed only when the same tests fail twice: on a loaded machine a slow test can fail once
 * without any mutant, and that must not count as a kill ('flaky', with the tests named).
 */
function verdictOf() {
  const first = failedTests();
  if (first === null) return { verdict: 'survived', note: '' };
  if (first[0] === TIMED_OUT) return { verdict: 'killed', note: ` ${TIMED_OUT}` };
  const second = failedTests();
  if (second !== null && second.join() === first.join()) return { verdict: 'killed', note: '' };
  return { verdict: 'flaky', note: ` [failed once: ${first.join('; ')}]` };
}

let killed = 0;
let replayed = 0;
let skipped = 0;
try {
  for (const entry of COPIED) cpSync(entry, join(copy, entry), { recursive: true });
  cpSync('vitest.stryker.config.ts', join(copy, 'vitest.stryker.config.ts'));
  symlinkSync(resolve('node_modules'), join(copy, 'node_modules'));
  if (!testsPass()) throw new Error('the module tests fail without any mutant: fix them first');
  for (const [path, file] of Object.entries(report.files)) {
    const original = readFileSync(path, 'utf8');
    const oldLines = file.source.split('\n');
    if (original !== file.source) console.log(`${path} changed since the Stryker run: mutants found by their lines`);
    for (const mutant of file.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')) {
      const spot = relocate(oldLines, original, mutant.location);
      if (spot === null) {
        skipped += 1;
        console.log(`skipped  ${path}:${mutant.location.start.line} ${mutant.mutatorName}: its lines changed`);
        continue;
      }
      const { start, end } = spot;
      writeFileSync(join(copy, path), original.slice(0, start) + mutant.replacement + original.slice(end));
      const { verdict, note } = verdictOf();
      if (verdict === 'killed') killed += 1;
      replayed += 1;
      const where = `${path}:${spot.line}:${mutant.location.start.column}`;
      console.log(
        `${verdict.padEnd(8)} ${where} ${mutant.mutatorName}: ${JSON.stringify(original.slice(start, end)).slice(0, 70)} -> ${JSON.stringify(mutant.replacement).slice(0, 70)}${note}`,
      );
      writeFileSync(join(copy, path), original);
    }
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
const notReplayed = skipped === 0 ? '' : `; ${skipped} not replayed (their code changed: re-run npm run mutate)`;
console.log(`${name}: ${killed} of ${replayed} replayed survivors killed by the current tests${notReplayed}`);
