import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeClipboard } from '../support/fake-clipboard';
import { COMMAND_HELP } from '../../src/cli/help';
import { ensureBuilt, keyturn, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const PASSWORD = 'correct horse battery staple';
const dir = tempDir('core');
const vault = join(dir, 'vault.db');
const asUser: RunOptions = { env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: PASSWORD } };

function jwtExpiringIn(seconds: number): string {
  const b64 = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'u1', iat: now, exp: now + seconds })}.c2lnbmF0dXJl`;
}

async function ok(args: string[], options: RunOptions = asUser): Promise<string> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: expect.any(String) });
  return result.stdout;
}

beforeAll(async () => {
  await ensureBuilt();
  const init = await keyturn(['init', '--kdf', 'floor', '--json', '--vault', vault, '--password-stdin'], {
    stdin: `${PASSWORD}\n`,
  });
  expect(init.code).toBe(0);
  s.parseJson(s.initOutput, init.stdout);
});

describe('keyturn, spawned as a built binary', () => {
  it('prints help for the tool and for every command', async () => {
    const top = await keyturn(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Exit codes');
    for (const name of Object.keys(COMMAND_HELP)) {
      const one = await keyturn([name, '--help']);
      expect({ name, code: one.code }).toEqual({ name, code: 0 });
      expect(one.stdout).toContain(`keyturn ${name}`);
    }
    console.log(`${Object.keys(COMMAND_HELP).length} commands have help`);
  });

  it('answers usage mistakes with exit 2 and one line on stderr', async () => {
    const unknown = await keyturn(['frobnicate'], asUser);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect((await keyturn(['get'], asUser)).code).toBe(2);
    expect((await keyturn(['ls', '--bogus'], asUser)).code).toBe(2);
    const json = await keyturn(['get', 'only/two', '--json'], asUser);
    expect(json.code).toBe(2);
    expect(s.parseJson(s.errorOutput, json.stderr).error.code).toBe('INVALID_INPUT');
  });

  it('refuses to create a vault over an existing one', async () => {
    const again = await keyturn(['init', '--kdf', 'floor', '--json'], asUser);
    expect(again.code).toBe(1);
    expect(s.parseJson(s.errorOutput, again.stderr).error.code).toBe('VAULT_EXISTS');
  });

  it('manages tenants and environments', async () => {
    s.parseJson(s.tenant, await ok(['tenant', 'add', 'acme', '--json']));
    await ok(['tenant', 'add', 'scratch']);
    s.parseJson(s.environment, await ok(['env', 'add', 'acme/prod', '--kind', 'production', '--json']));
    await ok(['env', 'add', 'acme/dev']);
    await ok(['env', 'add', 'scratch/tmp', '--kind', 'test']);
    const tenants = s.parseJson(s.tenantList, await ok(['tenant', 'ls', '--json']));
    expect(tenants.map((t) => [t.name, t.environments]).sort()).toEqual([
      ['acme', 2],
      ['scratch', 1],
    ]);
    const envs = s.parseJson(s.environmentList, await ok(['env', 'ls', 'acme', '--json']));
    expect(envs.map((e) => `${e.name}:${e.kind}`).sort()).toEqual(['dev:development', 'prod:production']);
    expect((await keyturn(['env', 'add', 'acme/x', '--kind', 'weird'], asUser)).code).toBe(2);
    expect((await keyturn(['tenant', 'rm', 'scratch'], asUser)).code).not.toBe(0);
    s.parseJson(s.removed, await ok(['env', 'rm', 'scratch/tmp', '--json']));
    s.parseJson(s.removed, await ok(['tenant', 'rm', 'scratch', '--json']));
    expect((await keyturn(['tenant', 'rm', 'scratch'], asUser)).code).toBe(4);
  });

  it('adds tokens from stdin, recognising a JWT expiry, and lists them without secrets', async () => {
    const plain = 'sk_plain_0123456789abcdef';
    const added = await keyturn(['add', 'acme/prod/stripe', '--tag', 'billing', '--json', '--password-stdin'], {
      env: { KEYTURN_VAULT: vault },
      stdin: `${PASSWORD}\n${plain}\n`,
    });
    expect(added.code).toBe(0);
    expect(s.parseJson(s.token, added.stdout).tags).toEqual(['billing']);
    const jwt = jwtExpiringIn(3 * 24 * 3600);
    const viaJwt = s.parseJson(
      s.token,
      await ok(['add', 'keyturn://acme/prod/session%20api', '--json'], { ...asUser, stdin: `${jwt}\n` }),
    );
    expect(viaJwt.expiresAt).toBeGreaterThan(Date.now() + 2 * 24 * 3600_000);
    expect(viaJwt.expirySource).toBe('jwt');
    await ok(['add', 'acme/dev/old', '--expires', '2020-01-01T00:00:00Z'], {
      ...asUser,
      stdin: 'dev-secret-value-1\n',
    });
    await ok(['add', 'acme/dev/later', '--expires', '90d', '--provider', 'satori'], {
      ...asUser,
      stdin: 'dev-secret-value-2\n',
    });

    const listing = await ok(['ls', '--json']);
    const rows = s.parseJson(s.tokenList, listing);
    expect(rows.map((r) => `${r.ref}:${r.expiryState}`)).toEqual([
      'acme/dev/later:fresh',
      'acme/dev/old:expired',
      'acme/prod/session api:expiring',
      'acme/prod/stripe:unknown',
    ]);
    expect(listing).not.toContain(plain);
    expect(listing).not.toContain(jwt);
    expect(
      s
        .parseJson(s.tokenList, await ok(['ls', 'acme/prod', '--json']))
        .map((r) => r.label)
        .sort(),
    ).toEqual(['session api', 'stripe']);
    expect(
      s
        .parseJson(s.tokenList, await ok(['ls', '--expiring', '7', '--json']))
        .map((r) => r.label)
        .sort(),
    ).toEqual(['old', 'session api']);
    expect(s.parseJson(s.tokenList, await ok(['ls', '--status', 'expired', '--json'])).map((r) => r.label)).toEqual([
      'old',
    ]);
    const human = await ok(['ls']);
    expect(human).toContain('acme/prod/stripe');
    expect(human).not.toContain(plain);
    expect((await keyturn(['add', 'acme/prod/stripe'], { ...asUser, stdin: 'dup\n' })).code).toBe(1);
  });

  it('gets a secret by either reference form, and refuses expired and missing tokens', async () => {
    expect(await ok(['get', 'acme/prod/stripe'])).toBe('sk_plain_0123456789abcdef\n');
    const viaUri = s.parseJson(s.getOutput, await ok(['get', 'keyturn://acme/prod/stripe', '--json']));
    expect(viaUri.secret).toBe('sk_plain_0123456789abcdef');
    const expired = await keyturn(['get', 'acme/dev/old', '--json'], asUser);
    expect(expired.code).toBe(1);
    expect(s.parseJson(s.errorOutput, expired.stderr).error.code).toBe('TOKEN_EXPIRED');
    const missing = await keyturn(['get', 'acme/prod/nope'], asUser);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/^keyturn: No token "acme\/prod\/nope"\n$/);
    expect((await keyturn(['get', 'acme/nowhere/x'], asUser)).code).toBe(4);
  });

  it('prints an environment as dotenv, shell and JSON', async () => {
    // acme/dev holds an expired token: it is left out, with a warning, and the live one printed.
    const dev = await keyturn(['env', 'acme/dev'], asUser);
    expect(dev.code).toBe(0);
    expect(dev.stdout).toBe('LATER=dev-secret-value-2\n');
    expect(dev.stderr).toBe('Warning: acme/dev/old left out: “old” has expired\n');
    const exported = await keyturn(['export', 'acme/dev', '--format', 'json'], asUser);
    expect(exported.code).toBe(0);
    expect(s.parseJson(s.envJson, exported.stdout)).toEqual({ LATER: 'dev-secret-value-2' });
    expect(exported.stderr).toContain('Warning: acme/dev/old left out: “old” has expired\n');
    expect(exported.stderr).toContain('Warning: 1 secrets exported in clear text');
    const shell = await ok(['env', 'acme/prod', '--format', 'shell']);
    expect(shell).toContain("export STRIPE='sk_plain_0123456789abcdef'");
    expect(shell).toContain('export SESSION_API=');
    const json = s.parseJson(s.envJson, await ok(['env', 'acme/prod', '--json']));
    expect(json.STRIPE).toBe('sk_plain_0123456789abcdef');
    expect(await ok(['env', 'acme/prod'])).toContain('STRIPE=sk_plain_0123456789abcdef');
  });

  it('reports status without a password, history and the audit log with its chain check', async () => {
    const status = s.parseJson(s.statusOutput, await ok(['status', '--json'], { env: { KEYTURN_VAULT: vault } }));
    expect(status).toMatchObject({ path: vault, tenants: 1, tokens: 4 });
    // As ls counts them: "session api" (a 3-day JWT, kind manual) is expiring, "old" expired.
    expect({ expiring: status.expiring, expired: status.expired }).toEqual({ expiring: 1, expired: 1 });
    const versions = s.parseJson(s.versionList, await ok(['history', 'acme/prod/stripe', '--json']));
    expect(versions.map((v) => v.status)).toEqual(['current']);
    const audit = s.parseJson(s.auditList, await ok(['audit', '--json']));
    expect(audit.some((e) => e.action === 'reveal')).toBe(true);
    const verdict = s.parseJson(s.auditVerdict, await ok(['audit', '--verify', '--json']));
    expect(verdict.ok).toBe(true);
    console.log(`audit chain: ${verdict.entries} entries intact`);
  });

  it('copies to a clipboard tool, clears it after the delay, and lock clears at once', async () => {
    const clip = new FakeClipboard(tempDir('clip'));
    const env = { ...asUser.env, ...clip.env(), KEYTURN_RUNTIME_DIR: dir };
    s.parseJson(s.copyOutput, await ok(['copy', 'acme/prod/stripe', '--clear-after', '1', '--json'], { env }));
    expect(clip.read()).toBe('sk_plain_0123456789abcdef');
    await new Promise((r) => setTimeout(r, 2_500));
    expect(clip.read()).toBe('');

    await ok(['copy', 'acme/prod/stripe', '--clear-after', '60'], { env });
    await new Promise((r) => setTimeout(r, 800));
    expect(s.parseJson(s.lockOutput, await ok(['lock', '--json'], { env }))).toEqual({
      locked: true,
      clipboardCleared: true,
    });
    await new Promise((r) => setTimeout(r, 800));
    expect(clip.read()).toBe('');

    await ok(['copy', 'acme/prod/stripe', '--clear-after', '1'], { env });
    clip.write('something the user copied later');
    await new Promise((r) => setTimeout(r, 2_500));
    expect(clip.read()).toBe('something the user copied later');
  });

  it('says clearly when there is no clipboard instead of faking success', async () => {
    const none = await keyturn(['copy', 'acme/prod/stripe', '--json'], {
      env: { ...asUser.env, PATH: '/nonexistent', DISPLAY: undefined, WAYLAND_DISPLAY: undefined },
    });
    expect(none.code).toBe(4);
    expect(s.parseJson(s.errorOutput, none.stderr).error.message).toMatch(/No clipboard/);
  });

  it('changes the password: the old one is refused with exit 3, the new one works', async () => {
    s.parseJson(
      s.passwdOutput,
      await ok(['passwd', '--json', '--password-stdin'], {
        env: { KEYTURN_VAULT: vault },
        stdin: `${PASSWORD}\nnew password 2\n`,
      }),
    );
    const old = await keyturn(['ls', '--json'], asUser);
    expect(old.code).toBe(3);
    expect(s.parseJson(s.errorOutput, old.stderr).error.code).toBe('VAULT_WRONG_PASSWORD');
    expect(
      await ok(['get', 'acme/prod/stripe'], { env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: 'new password 2' } }),
    ).toBe('sk_plain_0123456789abcdef\n');
    await ok(['passwd'], {
      env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: 'new password 2', KEYTURN_NEW_PASSWORD: PASSWORD },
    });
    const noPassword = await keyturn(['ls'], { env: { KEYTURN_VAULT: vault } });
    expect(noPassword.code).toBe(3);
  });
});
