import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { startSyftSpaceEmulator } from '../emulators/syft-space-emulator';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const PASSWORD = 'lifecycle password';
const dir = tempDir('lifecycle');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: PASSWORD } };
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;

async function ok(args: string[], options: RunOptions = asUser): Promise<string> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
  return result.stdout;
}

/** Does the emulator accept this key? (Its cheapest authenticated call.) */
async function accepted(key: string): Promise<number> {
  const response = await fetch(`${satori.url}/api/tenants/${satori.seed.tenantId}/`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status;
}

beforeAll(async () => {
  await ensureBuilt();
  satori = await startSatoriEmulator();
  await initVault(asUser, ['acme/prod', 'acme/broken']);
});

afterAll(async () => {
  await satori.close();
});

describe('the token lifecycle from the command line, against the Satori emulator', () => {
  it('connects, creates, gets, rotates (old key refused), verifies and revokes', async () => {
    const connection = s.parseJson(
      s.connection,
      await ok(
        ['connect', 'acme/prod', 'satori', '--base-url', satori.url, '--tenant-id', satori.seed.tenantId, '--json'],
        { ...asUser, stdin: `${satori.seed.bootstrapToken}\n` },
      ),
    );
    expect(connection).toMatchObject({ provider: 'satori', credentialKind: 'token' });

    const created = s.parseJson(s.lifecycleOutput, await ok(['create', 'acme/prod/ci', '--json']));
    expect(created.status).toBe('done');
    const first = (await ok(['get', 'acme/prod/ci'])).trim();
    expect(await accepted(first)).toBe(200);

    const rotated = s.parseJson(s.lifecycleOutput, await ok(['rotate', 'keyturn://acme/prod/ci', '--json']));
    expect(rotated.token?.providerKeyId).not.toBe(created.token?.providerKeyId);
    const second = (await ok(['get', 'acme/prod/ci'])).trim();
    expect(second).not.toBe(first);
    expect(await accepted(second)).toBe(200);
    expect(await accepted(first)).toBe(401);

    const verified = s.parseJson(s.verifyOutput, await ok(['verify', 'acme/prod/ci', '--json']));
    expect(verified.token.lastVerifiedAt).toEqual(expect.any(Number));

    const versions = s.parseJson(s.versionList, await ok(['history', 'acme/prod/ci', '--json']));
    expect(versions.map((v) => v.status).sort()).toEqual(['current', 'revoked']);

    s.parseJson(s.lifecycleOutput, await ok(['revoke', 'acme/prod/ci', '--json']));
    expect(await accepted(second)).toBe(401);
    const afterRevoke = await keyturn(['get', 'acme/prod/ci', '--json'], asUser);
    expect(afterRevoke.code).toBe(1);
    expect(s.parseJson(s.errorOutput, afterRevoke.stderr).error.code).toBe('TOKEN_REVOKED');
    const rows = s.parseJson(s.tokenList, await ok(['ls', 'acme/prod', '--json']));
    expect(rows.map((r) => r.expiryState)).toEqual(['revoked']);
    console.log(
      `satori keys live after revoke: ${satori.state.activeKeys().filter((k) => k.name !== 'bootstrap').length}`,
    );
  });

  it('answers a provider refusal with exit 5 and a clear line', async () => {
    // connect checks the token with the provider first (test/cli/connect.test.ts); here the
    // token dies after connecting, as a revoked bootstrap token does.
    const token = satori.state.issueToken(satori.seed.tenantId, 'dies later');
    await ok(['connect', 'acme/broken', 'satori', '--base-url', satori.url, '--tenant-id', satori.seed.tenantId], {
      ...asUser,
      stdin: `${token}\n`,
    });
    const issued = [...satori.state.tokens.values()].find((t) => t.name === 'dies later');
    if (issued === undefined) throw new Error('issued');
    issued.isActive = false;
    const refused = await keyturn(['create', 'acme/broken/ci', '--json'], asUser);
    expect(refused.code).toBe(5);
    expect(s.parseJson(s.errorOutput, refused.stderr).error.message).toMatch(/refused|unauthori/i);
    expect(refused.stderr).not.toContain(token);
  });

  it('says which environments are not connected', async () => {
    await ok(['env', 'add', 'acme/lonely']);
    const result = await keyturn(['create', 'acme/lonely/x'], asUser);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/not connected/);
  });

  it('refreshes a session that is about to expire before printing it', async () => {
    const space = await startSyftSpaceEmulator();
    try {
      await ok(['env', 'add', 'acme/space']);
      const connect = ['connect', 'acme/space', 'syft-space', '--base-url', space.url, '--username', space.seed.email];
      await ok([...connect, '--tenant-name', space.seed.tenantName], { ...asUser, stdin: `${space.seed.password}\n` });
      const add = ['add', 'acme/space/session', '--provider', 'syft-space', '--kind', 'session', '--expires', '2m'];
      const stale = s.parseJson(s.token, await ok([...add, '--json'], { ...asUser, stdin: 'stale-session-value\n' }));
      expect(stale.connectionId).not.toBeNull();
      const fresh = (await ok(['get', 'acme/space/session'])).trim();
      expect(fresh).not.toBe('stale-session-value');
      expect(fresh.split('.')).toHaveLength(3);
      const [row] = s.parseJson(s.tokenList, await ok(['ls', 'acme/space', '--json']));
      expect(row?.expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);
      expect((await ok(['get', 'acme/space/session'])).trim()).toBe(fresh);
    } finally {
      await space.close();
    }
  });
});
