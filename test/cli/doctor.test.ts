/**
 * `keyturn doctor TENANT/ENV [--lifecycle]`: what works against a connection's provider, as a
 * table or as JSON, exit 0 when everything tried worked and 5 when something failed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startSyftHubEmulator } from '../emulators/syft-hub-emulator';
import { startSyftSpaceEmulator } from '../emulators/syft-space-emulator';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';

const dir = tempDir('doctor');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: 'doctor password' } };
let hub: Awaited<ReturnType<typeof startSyftHubEmulator>>;
let space: Awaited<ReturnType<typeof startSyftSpaceEmulator>>;

const report = z
  .object({
    provider: z.string(),
    baseUrl: z.string(),
    ok: z.boolean(),
    checks: z.array(
      z.object({ name: z.string(), status: z.enum(['ok', 'warn', 'fail', 'skip']), detail: z.string() }).strict(),
    ),
  })
  .strict();

beforeAll(async () => {
  await ensureBuilt();
  hub = await startSyftHubEmulator();
  space = await startSyftSpaceEmulator({ profile: { flow: 'released', adminApiKey: '' } });
  await initVault(asUser, ['acme/hub', 'acme/space']);
  const hubArgs = ['connect', 'acme/hub', 'syfthub', '--base-url', hub.url];
  expect((await keyturn(hubArgs, { ...asUser, stdin: `${hub.seed.googlePat}\n` })).code).toBe(0);
  const spaceArgs = ['connect', 'acme/space', 'syft-space', '--base-url', space.url];
  expect((await keyturn(spaceArgs, { ...asUser, stdin: 'sk_admin_whatever\n' })).code).toBe(0);
});
afterAll(async () => {
  await hub.close();
  await space.close();
});

describe('keyturn doctor', () => {
  it('runs create → verify → rotate → revoke on throwaway keys with --lifecycle, and leaves none live', async () => {
    const live = (): number => hub.state.activeKeys().length;
    const before = live();
    const result = await keyturn(['doctor', 'acme/hub', '--lifecycle', '--json'], asUser);
    expect(result.code).toBe(0);
    const parsed = report.parse(JSON.parse(result.stdout));
    expect(parsed).toMatchObject({ provider: 'syfthub', ok: true });
    expect(parsed.checks.map((c) => `${c.name}: ${c.status}`)).toEqual([
      'credential: ok',
      'note: ok',
      'session: skip',
      'list keys: ok',
      'create: ok',
      'rotate: create the new key: ok',
      'rotate: revoke the old key: ok',
      'revoke: ok',
    ]);
    expect(live()).toBe(before);
    expect(result.stdout).not.toContain(hub.seed.googlePat);
  });

  it('prints a table, warns of a server that accepts any key, and skips what the provider cannot do', async () => {
    const result = await keyturn(['doctor', 'acme/space', '--lifecycle'], asUser);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^syft-space at http:\/\/127\.0\.0\.1:\d+\nCHECK\s+RESULT\s+DETAIL\n/);
    expect(result.stdout).toMatch(/credential\s+ok\s+works \(admin API key\)/);
    expect(result.stdout).toMatch(/note\s+WARN\s+this Syft Space server accepts any key/);
    expect(result.stdout).toMatch(/lifecycle\s+skip\s+this provider has no API to create and revoke keys/);
  });

  it('exits 5 and says FAIL when the credential stopped working', async () => {
    const pat = [...hub.state.pats.values()].find((p) => p.token === hub.seed.googlePat);
    if (pat === undefined) throw new Error('seeded');
    pat.isActive = false;
    try {
      const result = await keyturn(['doctor', 'acme/hub'], asUser);
      expect(result.code).toBe(5);
      expect(result.stdout).toMatch(/credential\s+FAIL\s+SyftHub answered 401: API token has been revoked/);
      expect(result.stdout).toMatch(/Some checks failed/);
    } finally {
      pat.isActive = true;
    }
  });
});
