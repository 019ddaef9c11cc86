import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSatoriEmulator } from '../emulators/satori-emulator';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions, type RunResult } from './harness';
import * as s from './schemas';

const PASSWORD = 'unfinished password';
const dir = tempDir('unfinished');
const vault = join(dir, 'vault.db');
const asUser: RunOptions = { env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: PASSWORD } };
/** `status` needs no password: none is given. */
const locked: RunOptions = { env: { KEYTURN_VAULT: vault } };
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;

async function ok(args: string[], options: RunOptions = asUser): Promise<RunResult> {
  const result = await keyturn(args, options);
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
  return result;
}

async function status(): Promise<s.StatusOutput['unfinished']> {
  return s.parseJson(s.statusOutput, (await ok(['status', '--json'], locked)).stdout).unfinished;
}

async function reconcile(): Promise<{ code: number | null; report: ReturnType<typeof s.reconcileOutput.parse> }> {
  const result = await keyturn(['reconcile', '--json'], asUser);
  return { code: result.code, report: s.parseJson(s.reconcileOutput, result.stdout) };
}

async function accepted(key: string): Promise<number> {
  const response = await fetch(`${satori.url}/api/tenants/${satori.seed.tenantId}/`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status;
}

/** The error line of a --json run (notes may come before it on stderr). */
function errorOf(result: RunResult): { code: string; message: string } {
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  return s.parseJson(s.errorOutput, last).error;
}

beforeAll(async () => {
  await ensureBuilt();
  satori = await startSatoriEmulator();
  await initVault(asUser, ['acme/prod']);
  await ok(['connect', 'acme/prod', 'satori', '--base-url', satori.url, '--tenant-id', satori.seed.tenantId], {
    ...asUser,
    stdin: `${satori.seed.bootstrapToken}\n`,
  });
}, 120_000);

afterAll(async () => {
  await satori.close();
});

describe('unfinished lifecycle work on the command line', () => {
  it('lists a rotation the provider left pending in status, keeps reconcile at exit 5 until it is done', async () => {
    await ok(['create', 'acme/prod/ci']);
    satori.inject({ fault: { kind: 'status', status: 503 }, method: 'POST', times: 1000 });
    const queued = await keyturn(['rotate', 'acme/prod/ci', '--json'], asUser);
    expect(queued.code).toBe(5);
    expect(errorOf(queued).message).toMatch(/^Queued, not finished: /);
    expect(await status()).toMatchObject([{ operation: 'rotate', step: 'planned', running: false }]);
    const human = await ok(['status'], locked);
    expect(human.stdout).toMatch(/Unfinished: 1 \(keyturn reconcile finishes them\)\n {2}rotate at planned; stopped/);

    const still = await reconcile();
    expect(still.code).toBe(5);
    expect(still.report).toMatchObject({ unfinished: 1, entries: [{ ref: 'acme/prod/ci', status: 'pending' }] });
    const again = await keyturn(['rotate', 'acme/prod/ci', '--json'], asUser);
    expect(again.code).toBe(5);
    expect(errorOf(again).message).toMatch(/An earlier rotate of this token could not be finished/);

    satori.clearFaults();
    const done = await reconcile();
    expect(done.code).toBe(0);
    expect(done.report).toMatchObject({ unfinished: 0, entries: [{ from: 'planned', status: 'done' }] });
    expect(await status()).toEqual([]);
  }, 240_000);

  it('exits 5 when the provider refuses to revoke the old key inside rotate, and lists the key until it is gone', async () => {
    const before = s.parseJson(s.tokenList, (await ok(['ls', 'acme/prod', '--json'])).stdout);
    const oldKey = before.find((row) => row.ref === 'acme/prod/ci')?.providerKeyId;
    satori.inject({ fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' }, method: 'PUT', times: 1000 });
    const refused = await keyturn(['rotate', 'acme/prod/ci', '--json'], asUser);
    expect(refused.code).toBe(5);
    expect(errorOf(refused).code).toBe('ROTATION_FAILED');
    expect(errorOf(refused).message).toContain(
      `The new key is current, but the provider refused to revoke key ${oldKey}`,
    );
    expect(await status()).toMatchObject([{ operation: 'rotate', step: 'revoke-failed' }]);
    expect((await ok(['status'], locked)).stdout).toMatch(/rotate revoke failed: a key the provider refused to revoke/);
    const held = await reconcile();
    expect(held.code).toBe(5);
    expect(held.report.entries[0]?.message).toContain(`revoke key ${oldKey}`);
    // Not in the way of the next rotation: the token's current key is fine.
    satori.clearFaults();
    await ok(['rotate', 'acme/prod/ci']);
    expect((await reconcile()).code).toBe(0);
    expect(await status()).toEqual([]);
    expect(satori.state.activeKeys().map((key) => key.id)).not.toContain(oldKey);
  }, 240_000);

  it('revokes a token whatever rotation is left open on it, ends that rotation, and says "already revoked" after', async () => {
    await ok(['create', 'acme/prod/leak']);
    const leaked = (await ok(['get', 'acme/prod/leak'])).stdout.trim();
    satori.inject({ fault: { kind: 'status', status: 503 }, method: 'POST', times: 1000 });
    expect((await keyturn(['rotate', 'acme/prod/leak'], asUser)).code).toBe(5);
    satori.clearFaults();
    const revoked = await ok(['revoke', 'acme/prod/leak', '--json']);
    const result = s.parseJson(s.lifecycleOutput, revoked.stdout);
    expect(result).toMatchObject({ status: 'done', token: { revoked: true } });
    expect(result.settled).toMatchObject([{ operation: 'rotate', from: 'planned', status: 'failed' }]);
    expect(result.settled[0]?.message).toMatch(/token was revoked/);
    expect(await accepted(leaked)).toBe(401);
    expect(await status()).toEqual([]);
    const twice = await ok(['revoke', 'acme/prod/leak', '--json']);
    expect(s.parseJson(s.lifecycleOutput, twice.stdout)).toMatchObject({ status: 'already-revoked' });
    expect((await ok(['revoke', 'acme/prod/leak'])).stdout).toBe('acme/prod/leak is already revoked\n');
  }, 240_000);
});
