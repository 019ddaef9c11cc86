/**
 * The CLI bundle's V8 code cache (bin/load-cli.cjs, scripts/build-cli.mjs): used when it was
 * trained for exactly this bundle, ignored otherwise, and free of any value the training handled.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainCodeCache, writeLauncher } from '../../scripts/build-cli.mjs';
import { baseEnv, BIN, ensureBuilt, ROOT, tempDir } from './harness';

const SHIPPED = join(ROOT, 'out', 'cli', 'keyturn.cjs');
const HELP_BEFORE = 'Manage tenants.';
const HELP_AFTER = 'Manage TENANTS.';

let dir = '';

/** Under out/, like the build's own output, so the bundle resolves its natives from node_modules. */
const buildDir = (): string => tempDir('code-cache-test', join(ROOT, 'out'));

/** A copy of the shipped bundle and cache in `dir`, with a launcher like bin/keyturn.cjs. */
function copyBuild(into: string): { bundle: string; launcher: string } {
  const bundle = join(into, 'keyturn.cjs');
  copyFileSync(SHIPPED, bundle);
  copyFileSync(`${SHIPPED}.cache`, `${bundle}.cache`);
  const launcher = writeLauncher(into);
  return { bundle, launcher };
}

function run(launcher: string, args: readonly string[]): { status: number | null; stdout: string; cache: string } {
  const result = spawnSync(process.execPath, [launcher, ...args], {
    env: baseEnv({ KEYTURN_CODE_CACHE: 'report', KEYTURN_VAULT: join(dir, 'none.db') }),
    encoding: 'utf8',
  });
  const cache = /keyturn code cache: (\w+)/.exec(result.stderr)?.[1] ?? '(not reported)';
  return { status: result.status, stdout: result.stdout, cache };
}

beforeAll(async () => {
  await ensureBuilt();
  dir = tempDir('code-cache');
});

describe('the keyturn code cache', () => {
  it('is used by the shipped binary on the Node that built it', () => {
    const result = run(BIN, ['help', 'tenant']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(HELP_BEFORE);
    expect(result.cache).toBe('used');
  });

  it('is not used for a bundle edited to the same length, so the edit takes effect', () => {
    const { bundle, launcher } = copyBuild(buildDir());
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain(HELP_BEFORE);
    writeFileSync(bundle, source.replace(HELP_BEFORE, HELP_AFTER));
    expect(readFileSync(bundle).length).toBe(Buffer.byteLength(source));
    const result = run(launcher, ['help', 'tenant']);
    expect(result.cache).toBe('stale');
    expect(result.stdout).toContain(HELP_AFTER);
    expect(result.stdout).not.toContain(HELP_BEFORE);
  });

  it('runs without a cache, and with one V8 refuses', () => {
    const { bundle, launcher } = copyBuild(buildDir());
    const cache = readFileSync(`${bundle}.cache`);
    rmSync(`${bundle}.cache`);
    const missing = run(launcher, ['help', 'tenant']);
    expect([missing.cache, missing.status]).toEqual(['missing', 0]);
    // The right hash, then bytes that are not V8's data.
    writeFileSync(`${bundle}.cache`, Buffer.concat([cache.subarray(0, 32), Buffer.alloc(4096, 7)]));
    const refused = run(launcher, ['help', 'tenant']);
    expect([refused.cache, refused.status]).toEqual(['rejected', 0]);
    expect(refused.stdout).toContain(HELP_BEFORE);
  });

  it('holds no password or secret from the training run', () => {
    const { bundle, launcher } = copyBuild(buildDir());
    rmSync(`${bundle}.cache`);
    const password = 'training-password-7f3a9c1e';
    const secret = 'sk_training_secret_5d2b8e4f0a61';
    trainCodeCache(bundle, launcher, { password, secret });
    const cache = readFileSync(`${bundle}.cache`);
    console.log(`trained cache: ${cache.length} bytes for a ${readFileSync(bundle).length}-byte bundle`);
    for (const value of [password, secret]) {
      expect(cache.includes(Buffer.from(value, 'latin1'))).toBe(false);
      expect(cache.includes(Buffer.from(value, 'utf16le'))).toBe(false);
    }
    expect(run(launcher, ['help', 'tenant']).cache).toBe('used');
  });
});
