import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { startSynapTaskEmulator } from '../emulators/synaptask-emulator';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions, type RunResult } from './harness';
import * as s from './schemas';

const PASSWORD = 'rotation paths password';
const dir = tempDir('rotation-paths');
const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: PASSWORD } };
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;
let synaptask: Awaited<ReturnType<typeof startSynapTaskEmulator>>;

async function ok(args: string[], options: RunOptions = asUser): Promise<RunResult> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
  return result;
}

const unfinished = async (): Promise<s.StatusOutput['unfinished']> =>
  s.parseJson(s.statusOutput, (await ok(['status', '--json'])).stdout).unfinished;

async function satoriStatus(key: string): Promise<number> {
  const response = await fetch(`${satori.url}/api/tenants/${satori.seed.tenantId}/`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status;
}

const connectSatori = (env: string): Promise<RunResult> =>
  ok(['connect', env, 'satori', '--base-url', satori.url, '--tenant-id', satori.seed.tenantId], {
    ...asUser,
    stdin: `${satori.seed.bootstrapToken}\n`,
  });

beforeAll(async () => {
  await ensureBuilt();
  satori = await startSatoriEmulator();
  synaptask = await startSynapTaskEmulator();
  await initVault(asUser, ['acme/prod', 'acme/tasks', 'acme/early']);
  await connectSatori('acme/prod');
  await ok(['connect', 'acme/tasks', 'synaptask', '--base-url', synaptask.url], {
    ...asUser,
    stdin: `${synaptask.seed.token}\n`,
  });
  await ok(['add', 'acme/tasks/graph', '--provider', 'synaptask'], { ...asUser, stdin: `${synaptask.seed.token}\n` });
}, 120_000);

afterAll(async () => {
  await satori.close();
  await synaptask.close();
});

describe('manual rotation from the command line (SynapTask has no token API)', () => {
  it('asks for the new value, verifies and promotes it, reminds until `confirm`', async () => {
    const rotated = await ok(['rotate', 'acme/tasks/graph'], { ...asUser, stdin: `${synaptask.seed.viewerToken}\n` });
    expect(rotated.stderr).toMatch(/Make a new key for “graph” in synaptask’s web UI, then give it here/);
    expect(rotated.stdout).toMatch(
      /^Rotated acme\/tasks\/graph: the new value is current\. Revoke the old key .*\(keyturn confirm acme\/tasks\/graph\)$/m,
    );
    expect((await ok(['get', 'acme/tasks/graph'])).stdout.trim()).toBe(synaptask.seed.viewerToken);
    expect(await unfinished()).toMatchObject([{ operation: 'manual-rotate', step: 'awaiting-confirmation' }]);
    expect((await keyturn(['reconcile'], asUser)).code).toBe(5);

    const confirmed = await ok(['confirm', 'acme/tasks/graph', '--json']);
    expect(s.parseJson(s.lifecycleOutput, confirmed.stdout)).toMatchObject({ status: 'done' });
    expect(await unfinished()).toEqual([]);
    const versions = s.parseJson(s.versionList, (await ok(['history', 'acme/tasks/graph', '--json'])).stdout);
    expect(versions.map((v) => v.status).sort()).toEqual(['current', 'revoked']);
    const nothing = await keyturn(['confirm', 'acme/tasks/graph'], asUser);
    expect(nothing.code).toBe(4);
    expect(nothing.stderr).toMatch(/No rotation of this token is waiting/);
  }, 240_000);

  it('refuses a value that fails the check (exit 5) and one never given (exit 2), keeping the current one', async () => {
    const wrong = await keyturn(['rotate', 'acme/tasks/graph'], { ...asUser, stdin: 'st_not-a-real-token-at-all\n' });
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toMatch(/The new key failed its test/);
    const none = await keyturn(['rotate', 'acme/tasks/graph'], asUser);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Nothing read for: New value for acme\/tasks\/graph/);
    expect((await ok(['get', 'acme/tasks/graph'])).stdout.trim()).toBe(synaptask.seed.viewerToken);
    expect(await unfinished()).toEqual([]);
  }, 240_000);
});

describe('tokens Keyturn did not create', () => {
  it('rotates a pasted Satori token and revokes the old one itself, by the token_id its JWT carries', async () => {
    const pasted = satori.state.issueToken(satori.seed.tenantId, 'made in the Satori console');
    await ok(['add', 'acme/prod/pasted'], { ...asUser, stdin: `${pasted}\n` });
    const rotated = s.parseJson(s.lifecycleOutput, (await ok(['rotate', 'acme/prod/pasted', '--json'])).stdout);
    expect(rotated.status).toBe('done');
    const fresh = (await ok(['get', 'acme/prod/pasted'])).stdout.trim();
    expect(await satoriStatus(pasted)).toBe(401);
    expect(await satoriStatus(fresh)).toBe(200);
    expect(await unfinished()).toEqual([]);
  }, 240_000);

  it('treats a token added before its environment was connected the same in verify and rotate', async () => {
    const early = satori.state.issueToken(satori.seed.tenantId, 'added before connect');
    await ok(['add', 'acme/early/tok', '--provider', 'satori'], { ...asUser, stdin: `${early}\n` });
    await connectSatori('acme/early');
    await ok(['verify', 'acme/early/tok']);
    await ok(['rotate', 'acme/early/tok']);
    const fresh = (await ok(['get', 'acme/early/tok'])).stdout.trim();
    expect(await satoriStatus(fresh)).toBe(200);
    expect(await satoriStatus(early)).toBe(401);
    await ok(['verify', 'acme/early/tok']);
  }, 240_000);
});
