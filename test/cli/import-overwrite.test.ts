import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openVault } from '../../src/main/vault/index';
import { baseEnv, BIN, ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';

const PASSWORD = 'overwrite password';
const VARS = 40;

function envFile(dir: string, round: string): string {
  const path = join(dir, `round-${round}.env`);
  writeFileSync(path, Array.from({ length: VARS }, (_, i) => `VAR_${i}=value-${round}-${i}\n`).join(''));
  return path;
}

/** `keyturn ARGS`, SIGKILLed `afterMs` after it starts; resolves with its exit code and signal. */
function killedAfter(args: readonly string[], options: RunOptions, afterMs: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(options.env), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code}`);
    });
  });
}

function pendingCount(vaultPath: string): number {
  const file = openVault(vaultPath);
  const vault = file.unlock(PASSWORD);
  const count = vault.listTokens().filter((t) => vault.listVersions(t.id).some((v) => v.status === 'pending')).length;
  file.close();
  return count;
}

beforeAll(ensureBuilt);

describe('import --overwrite under SIGKILL', () => {
  it('never leaves a token stuck: after any kill the next overwrite succeeds and no pending version is left', async () => {
    const dir = tempDir('overwrite-kill');
    const asUser: RunOptions = { env: { KEYTURN_VAULT: join(dir, 'vault.db'), KEYTURN_PASSWORD: PASSWORD } };
    await initVault(asUser, ['acme/prod']);
    expect((await keyturn(['import', envFile(dir, 'first'), '--into', 'acme/prod'], asUser)).code).toBe(0);
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const file = envFile(dir, `r${round}`);
      outcomes.push(
        await killedAfter(['import', file, '--into', 'acme/prod', '--overwrite'], asUser, 300 + round * 150),
      );
    }
    const last = await keyturn(
      ['import', envFile(dir, 'last'), '--into', 'acme/prod', '--overwrite', '--json'],
      asUser,
    );
    console.log(`12 overwrites killed at 300-1950 ms: ${outcomes.join(', ')}; then one to the end: exit ${last.code}`);
    expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(last.stdout)).toMatchObject({ updated: VARS });
    expect(outcomes.filter((o) => o === 'SIGKILL').length).toBeGreaterThan(0);
    expect(pendingCount(join(dir, 'vault.db'))).toBe(0);
    const get = await keyturn(['get', 'acme/prod/VAR_7'], asUser);
    expect(get.stdout.trim()).toBe('value-last-7');
  }, 180_000);

  it('overwrites a token a killed overwrite of an older Keyturn left with a stale pending version', async () => {
    const dir = tempDir('overwrite-stale');
    const vaultPath = join(dir, 'vault.db');
    const asUser: RunOptions = { env: { KEYTURN_VAULT: vaultPath, KEYTURN_PASSWORD: PASSWORD } };
    await initVault(asUser, ['acme/prod']);
    expect((await keyturn(['import', envFile(dir, 'first'), '--into', 'acme/prod'], asUser)).code).toBe(0);
    const file = openVault(vaultPath);
    const vault = file.unlock(PASSWORD);
    const token = vault.findToken('acme', 'prod', 'VAR_3');
    if (!token) throw new Error('VAR_3 was not imported');
    vault.addVersion(token.id, 'left-pending'); // the state the two-step overwrite left after a kill
    file.close();
    const again = await keyturn(['import', envFile(dir, 'again'), '--into', 'acme/prod', '--overwrite'], asUser);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    expect((await keyturn(['get', 'acme/prod/VAR_3'], asUser)).stdout.trim()).toBe('value-again-3');
    expect(pendingCount(vaultPath)).toBe(0);
  }, 60_000);
});
