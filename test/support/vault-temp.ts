/** Temp-dir vaults for tests: a real SQLite file in a fresh directory, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVault } from '../../src/main/vault/index';
import type { Vault } from '../../src/main/vault/types';
import { TEST_KDF_POLICY } from './vault-policy';

export interface TempVault {
  readonly dir: string;
  readonly path: string;
  readonly vault: Vault;
  readonly recoveryKey: string;
  readonly password: string;
}

const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyturn-vault-'));
  dirs.push(dir);
  return dir;
}

export function createTempVault(password = 'correct horse battery staple'): TempVault {
  const dir = tempDir();
  const path = join(dir, 'vault.db');
  const { vault, recoveryKey } = createVault(path, password, { policy: TEST_KDF_POLICY, kdf: 'floor' });
  return { dir, path, vault, recoveryKey, password };
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
