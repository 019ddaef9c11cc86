/**
 * `keyturn connect` as a newcomer used it (issue 9): it refused nothing and echoed a password put
 * in the URL. Now: the URL, the ids and the credential are checked before anything is stored, an
 * unreachable provider is stored as unverified and said so, and no secret is ever printed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { startSyftSpaceEmulator } from '../emulators/syft-space-emulator';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const dir = tempDir('connect');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: 'connect password' } };
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;

const connectSatori = (url: string, ...extra: string[]) => [
  'connect',
  'acme/prod',
  'satori',
  '--base-url',
  url,
  '--tenant-id',
  satori.seed.tenantId,
  ...extra,
];

beforeAll(async () => {
  await ensureBuilt();
  satori = await startSatoriEmulator();
  await initVault(asUser, ['acme/prod', 'acme/space', 'acme/dev']);
});
afterAll(() => satori.close());

describe('keyturn connect checks before it stores', () => {
  it('refuses ftp://, http:// to another host and a password in the URL (exit 2), asking for nothing, echoing nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['ftp://127.0.0.1:21/', /must start with https:\/\//],
      ['http://example.com', /only to this computer/],
      ['https://admin:hunter2-kqz@satori.example', /must not hold a user name or password/],
    ];
    for (const [url, message] of cases) {
      const result = await keyturn(connectSatori(url), { ...asUser, stdin: 'kqz-token-never-read\n' });
      expect({ url, code: result.code }).toEqual({ url, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/hunter2|kqz/);
    }
    expect(satori.requests).toHaveLength(0);
  });

  it('refuses a missing --tenant-id (exit 2) and a wrong token (exit 5), storing nothing', async () => {
    const noTenant = ['connect', 'acme/prod', 'satori', '--base-url', satori.url];
    const missing = await keyturn(noTenant, { ...asUser, stdin: `${satori.seed.bootstrapToken}\n` });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --tenant-id/);
    const wrong = await keyturn(connectSatori(satori.url, '--json'), { ...asUser, stdin: 'kqz-wrong-token\n' });
    expect(wrong.code).toBe(5);
    expect(s.parseJson(s.errorOutput, wrong.stderr).error).toMatchObject({
      code: 'PROVIDER_UNAUTHORIZED',
      message: expect.stringMatching(/Nothing was stored\.$/),
    });
    expect(wrong.stderr).not.toContain('kqz-wrong-token');
    const create = await keyturn(['create', 'acme/prod/ci'], asUser);
    expect([create.code, create.stderr]).toEqual([4, expect.stringMatching(/not connected/)]);
  });

  it('stores a connection to a provider it cannot reach as unverified, saying so on stderr', async () => {
    const gone = await startSatoriEmulator();
    const url = gone.url;
    await gone.close();
    const result = await keyturn(connectSatori(url), { ...asUser, stdin: 'some-token\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Connected acme\/prod to satori at .* \(not verified\)$/m);
    expect(result.stderr).toMatch(
      /warning: stored UNVERIFIED: Satori: could not reach the provider.*keyturn doctor acme\/prod/,
    );
    expect(result.stderr).not.toContain('some-token');
  });

  it('verifies a good token, replacing the unverified connection', async () => {
    const result = await keyturn(connectSatori(satori.url, '--json'), {
      ...asUser,
      stdin: `${satori.seed.bootstrapToken}\n`,
    });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { check: { status: string }; baseUrl: string };
    expect(out.check.status).toBe('verified');
    expect(result.stdout).not.toContain(satori.seed.bootstrapToken);
  });

  it('says which sign-in a Syft Space server speaks, and warns when it accepts any key', async () => {
    const open = await startSyftSpaceEmulator({ profile: { flow: 'released', adminApiKey: '' } });
    try {
      const args = ['connect', 'acme/space', 'syft-space', '--base-url', open.url];
      const password = await keyturn([...args, '--username', 'owner@space.test'], { ...asUser, stdin: 'pw\n' });
      expect(password.code).toBe(2);
      expect(password.stderr).toMatch(/has no email and password sign-in/);
      const key = await keyturn(args, { ...asUser, stdin: 'sk_admin_anything\n' });
      expect(key.code).toBe(0);
      expect(key.stderr).toMatch(/note: this Syft Space server accepts any key .*dev mode/);
      const add = await keyturn(['add', 'acme/space/admin', '--provider', 'syft-space', '--json'], {
        ...asUser,
        stdin: 'an-operator-chosen-key\n',
      });
      expect(s.parseJson(s.token, add.stdout)).toMatchObject({ provider: 'syft-space', kind: 'admin-key' });
      const verified = await keyturn(['verify', 'acme/space/admin'], asUser);
      expect(verified.code).toBe(0);
      expect(verified.stderr).toMatch(/warning: this Syft Space server accepts any key/);
    } finally {
      await open.close();
    }
  });

  it('recognises an sk_admin_ key pasted without --provider', async () => {
    const add = await keyturn(['add', 'acme/dev/admin', '--json'], { ...asUser, stdin: 'sk_admin_0123456789abcdef\n' });
    expect(s.parseJson(s.token, add.stdout)).toMatchObject({ provider: 'syft-space', kind: 'admin-key' });
  });
});
