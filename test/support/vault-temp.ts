/** Temp-dir vaults for tests: a real SQLite file in a fresh directory, removed afterwards. */
import { join } from 'node:path';
import { createVault } from '../../src/main/vault/index';
import type { Vault } from '../../src/main/vault/types';
import { tempDir } from './temp-dir';
import { TEST_KDF_POLICY } from './vault-policy';

export interface TempVault {
  readonly dir: string;
  readonly path: string;
  readonly vault: Vault;
  readonly recoveryKey: string;
  readonly password: string;
}

export function createTempVault(password = 'correct horse battery staple'): TempVault {
  const dir = tempDir('vault');
  const path = join(dir, 'vault.db');
  const { vault, recoveryKey } = createVault(path, password, { policy: TEST_KDF_POLICY, kdf: 'floor' });
  return { dir, path, vault, recoveryKey, password };
}
