/**
 * Issue 9: `env rm` said "remove them first" and `env` said "rename one", but no command could.
 * `keyturn rm`, `mv` and `disconnect`, end to end against the Satori emulator: a live key is not
 * forgotten without a revoke (or --force), and the environment can be emptied and removed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const dir = tempDir('remove');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: 'remove password' } };
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;

async function ok(args: string[], options: RunOptions = asUser): Promise<string> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
  return result.stdout;
}

const liveKeys = (): string[] =>
  satori.state
    .activeKeys()
    .filter((k) => k.name !== 'bootstrap')
    .map((k) => k.id);

beforeAll(async () => {
  await ensureBuilt();
  satori = await startSatoriEmulator();
  await initVault(asUser, ['acme/prod']);
  const connect = ['connect', 'acme/prod', 'satori', '--base-url', satori.url, '--tenant-id', satori.seed.tenantId];
  await ok(connect, { ...asUser, stdin: `${satori.seed.bootstrapToken}\n` });
});

afterAll(async () => {
  await satori.close();
});

describe('keyturn rm, mv and disconnect', () => {
  it('renames a token, then removes it only once its key is revoked, and empties the environment', async () => {
    await ok(['create', 'acme/prod/ci']);
    await ok(['add', 'acme/prod/notes'], { ...asUser, stdin: 'a manual value\n' });
    expect(liveKeys()).toHaveLength(1);

    expect(await ok(['mv', 'acme/prod/ci', 'acme/prod/deploy'])).toBe('Renamed acme/prod/ci to acme/prod/deploy\n');
    expect((await keyturn(['get', 'acme/prod/ci'], asUser)).code).toBe(4);
    expect((await ok(['get', 'acme/prod/deploy'])).trim().split('.')).toHaveLength(3);
    const across = await keyturn(['mv', 'acme/prod/deploy', 'acme/dev/deploy'], asUser);
    expect(across).toMatchObject({
      code: 2,
      stderr: 'keyturn: mv renames within an environment: NEW_REF must start with acme/prod/\n',
    });

    const envRm = await keyturn(['env', 'rm', 'acme/prod'], asUser);
    expect(envRm.code).toBe(2);
    expect(envRm.stderr).toContain('acme/prod still holds 2 token(s)');

    const live = await keyturn(['rm', 'acme/prod/deploy'], asUser);
    expect(live).toMatchObject({
      code: 2,
      stderr:
        'keyturn: “deploy” may still work at satori: revoke it first (keyturn revoke), or remove it anyway with --force\n',
    });
    const disconnectLive = await keyturn(['disconnect', 'acme/prod'], asUser);
    expect(disconnectLive.code).toBe(2);
    expect(disconnectLive.stderr).toContain('may still work at satori (deploy)');

    await ok(['revoke', 'acme/prod/deploy']);
    expect(liveKeys()).toEqual([]);
    expect(await ok(['disconnect', 'acme/prod'])).toBe(
      'Disconnected acme/prod from satori; 1 token(s) are no longer bound to it\n',
    );
    expect(s.parseJson(s.removed, await ok(['rm', 'acme/prod/deploy', '--json'])).label).toBe('deploy');
    expect(await ok(['rm', 'acme/prod/notes'])).toBe('Removed acme/prod/notes\n');
    await ok(['env', 'rm', 'acme/prod']);
    await ok(['tenant', 'rm', 'acme']);
    const audit = s.parseJson(s.auditList, await ok(['audit', '--json', '--limit', '500']));
    expect(audit.filter((e) => e.action === 'delete').map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        'CLI removed token “notes”',
        'CLI removed token “deploy”',
        'CLI disconnected satori; 1 token(s) unbound',
      ]),
    );
  });

  it('forgets a live token with --force, leaving its key at the provider as the user chose', async () => {
    await ok(['tenant', 'add', 'scratch']);
    await ok(['env', 'add', 'scratch/tmp']);
    const connect = ['connect', 'scratch/tmp', 'satori', '--base-url', satori.url, '--tenant-id', satori.seed.tenantId];
    await ok(connect, { ...asUser, stdin: `${satori.seed.bootstrapToken}\n` });
    await ok(['create', 'scratch/tmp/ci']);
    const before = liveKeys();
    expect(before).toHaveLength(1);
    await ok(['rm', 'scratch/tmp/ci', '--force']);
    expect((await keyturn(['get', 'scratch/tmp/ci'], asUser)).code).toBe(4);
    expect(liveKeys()).toEqual(before);
    await ok(['disconnect', 'scratch/tmp', 'satori']);
  });
});
