/**
 * SyftHub from the command line, as issue 16 found it against the real server: every command
 * logged in again, so the server's 10-logins-a-minute limit failed the 9th `create` in a minute;
 * offset-less expiry times were read as local time (run here under TZ=America/New_York); revoking
 * a session sent nothing. Each `keyturn` below is its own process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyftHubEmulator } from '../emulators/syft-hub-emulator';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';
import * as s from './schemas';

const dir = tempDir('syfthub');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: 'hub cli password' } };
let hub: Awaited<ReturnType<typeof startSyftHubEmulator>>;
const logins = (): number => hub.requests.filter((r) => r.path === '/api/v1/auth/login').length;

async function ok(args: string[], options: RunOptions = asUser): Promise<string> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
  return result.stdout;
}

beforeAll(async () => {
  await ensureBuilt();
  // The server's defaults: 10 logins a minute per IP, a bare 429 past that; SQLite times.
  hub = await startSyftHubEmulator();
  await initVault(asUser, ['acme/hub', 'acme/google']);
});
afterAll(() => hub.close());

describe('SyftHub through the CLI', () => {
  it('creates 12 tokens in a row in 12 processes on one login, the session kept sealed in the vault', async () => {
    const connect = ['connect', 'acme/hub', 'syfthub', '--base-url', hub.url, '--username', hub.seed.username];
    await ok(connect, { ...asUser, stdin: `${hub.seed.password}\n` });
    for (let i = 0; i < 12; i += 1) await ok(['create', `acme/hub/ci-${i}`]);
    expect(logins()).toBe(1);
    expect(hub.state.activeKeys().filter((k) => k.name.includes('ci-'))).toHaveLength(12);
    console.log(`12 keyturn create processes: ${logins()} login, ${hub.requests.length} requests in all`);
  });

  it('lists the expiry SyftHub gave with no offset as the UTC time it is, under a non-UTC TZ', async () => {
    expect(process.env.TZ).toBe('America/New_York');
    const created = s.parseJson(
      s.lifecycleOutput,
      await ok(['create', 'acme/hub/dated', '--expires', '2031-03-04T05:06:07Z', '--json']),
    );
    expect(created.token?.expiresAt).toBe(Date.UTC(2031, 2, 4, 5, 6, 7));
    const pat = hub.state.pats.get(Number(created.token?.providerKeyId));
    expect(pat?.expiresAt).toBe(Date.UTC(2031, 2, 4, 5, 6, 7));
    const rows = s.parseJson(s.tokenList, await ok(['ls', 'acme/hub', '--json']));
    expect(rows.find((r) => r.label === 'dated')).toMatchObject({
      expiresAt: Date.UTC(2031, 2, 4, 5, 6, 7),
      expiryState: 'fresh',
    });
    expect(await ok(['ls', 'acme/hub'])).toMatch(
      /acme\/hub\/dated\s+syfthub\s+personal-access-token\s+2031-03-04T05:06:07Z\s+fresh/,
    );
  });

  it('manages tokens with a PAT as the credential (a Google account), and shows a never-expiring PAT as "never"', async () => {
    const connect = ['connect', 'acme/google', 'syfthub', '--base-url', hub.url];
    const out = await ok([...connect, '--json'], { ...asUser, stdin: `${hub.seed.googlePat}\n` });
    expect(out).not.toContain(hub.seed.googlePat);
    expect(JSON.parse(out)).toMatchObject({
      credentialKind: 'token',
      check: { status: 'verified', identity: 'googler' },
    });
    await ok(['add', 'acme/google/web-ui'], { ...asUser, stdin: `${hub.seed.googlePat}\n` });
    const before = s.parseJson(s.tokenList, await ok(['ls', 'acme/google', '--json']));
    expect(before.map((r) => r.expiryState)).toEqual(['unknown']);
    await ok(['verify', 'acme/google/web-ui']);
    expect(await ok(['ls', 'acme/google'])).toMatch(
      /acme\/google\/web-ui\s+syfthub\s+personal-access-token\s+-\s+never/,
    );
    await ok(['create', 'acme/google/made-by-pat']);
    expect(hub.state.activeKeys().some((k) => k.name.includes('made-by-pat'))).toBe(true);
    expect(logins()).toBe(1);
  });

  it('ends a revoked SyftHub session at the server', async () => {
    const session = await fetch(`${hub.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: hub.seed.username, password: hub.seed.password }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    await ok(['add', 'acme/hub/session', '--provider', 'syfthub'], { ...asUser, stdin: `${session.access_token}\n` });
    expect(
      s.parseJson(s.tokenList, await ok(['ls', 'acme/hub', '--json'])).find((r) => r.label === 'session'),
    ).toMatchObject({
      kind: 'session',
    });
    await ok(['revoke', 'acme/hub/session']);
    const me = await fetch(`${hub.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    expect(me.status).toBe(401);
  });
});
