/**
 * `npx keyturn` works in the repository after `npm install` (issue 5): `prepare` links
 * bin/keyturn.cjs into node_modules/.bin (scripts/link-bin.mjs), which npm does not do for a
 * project's own bin. The link is what npx runs, and it must start the CLI through its shebang.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, ensureBuilt, ROOT } from './harness';

const LINK = join(ROOT, 'node_modules', '.bin', 'keyturn');

beforeAll(async () => {
  await ensureBuilt();
  const linked = spawnSync(process.execPath, [join(ROOT, 'scripts', 'link-bin.mjs')], { encoding: 'utf8' });
  expect(linked.status, linked.stderr).toBe(0);
});

describe('keyturn from the repository', () => {
  it('is linked into node_modules/.bin, pointing at bin/keyturn.cjs', () => {
    expect(lstatSync(LINK).isSymbolicLink()).toBe(true);
    expect(readlinkSync(LINK)).toBe(join('..', '..', 'bin', 'keyturn.cjs'));
  });

  it('runs as `npx keyturn`', () => {
    const result = spawnSync('npx', ['--no', 'keyturn', 'help', 'get'], {
      cwd: ROOT,
      env: baseEnv(),
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('keyturn get');
  });

  it('runs through the link itself, as a shell finds it on PATH', () => {
    const missing = join(ROOT, 'out', 'no-such-vault.db');
    const result = spawnSync(LINK, ['--vault', missing, 'get', 'a/b/c'], { env: baseEnv(), encoding: 'utf8' });
    expect(result.status).toBe(4);
    expect(result.stderr.trim()).toBe(
      `keyturn: No vault at ${missing}: create one with \`keyturn init\`, or point --vault or KEYTURN_VAULT at yours`,
    );
  });
});
