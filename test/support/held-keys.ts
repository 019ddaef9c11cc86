/**
 * A test hook for lock's zeroing: unlocks a vault file the way SqliteVaultFile does (header, KDF,
 * unwrap, purpose keys, an UnlockedVault over the session) but keeps references to the key arrays,
 * so a test can check that lock() left every byte 0. It lives in test/ and uses only exported
 * building blocks: nothing shipped gains a way to reach the keys.
 */
import { openDatabase, type Db } from '../../src/main/vault/database';
import { readHeader, unwrap } from '../../src/main/vault/header';
import { derivePasswordKey } from '../../src/main/vault/kdf';
import { derivePurposeKeys, type PurposeKeys } from '../../src/main/vault/keys';
import { UnlockedVault } from '../../src/main/vault/unlocked-vault';
import { SqliteVaultFile } from '../../src/main/vault/vault-file';
import { TEST_KDF_POLICY } from './vault-policy';

export interface HeldKeys {
  readonly vault: UnlockedVault;
  /** The very arrays the unlocked vault seals, opens and MACs with. */
  readonly keys: PurposeKeys;
  readonly db: Db;
}

function unwrapVaultKey(db: Db, password: string): { vaultId: string; vaultKey: Uint8Array } {
  const header = readHeader(db, TEST_KDF_POLICY);
  const wrapKey = derivePasswordKey(password, header.password.salt, header.password.params);
  const vaultKey = unwrap(header.vaultId, 'password', header.password.paramsText, header.password.sealed, wrapKey);
  if (vaultKey === null) throw new Error('held-keys: wrong password');
  return { vaultId: header.vaultId, vaultKey };
}

export function unlockHoldingKeys(path: string, password: string): HeldKeys {
  const db = openDatabase(path, true);
  const { vaultId, vaultKey } = unwrapVaultKey(db, password);
  const keys = derivePurposeKeys(vaultKey);
  const refuse = (): never => {
    throw new Error('held-keys: not part of this hook');
  };
  const vault = new UnlockedVault(
    path,
    { db, keys, vaultId, now: Date.now },
    { header: refuse, planPasswordChange: refuse, commitPasswordChange: refuse, onLock: () => undefined },
  );
  return { vault, keys, db };
}

/** The vault key as SqliteVaultFile.adopt receives it, for close()'s lock of every unlocked vault. */
export function adoptHoldingKey(path: string, password: string): { file: SqliteVaultFile; vaultKey: Uint8Array } {
  const db = openDatabase(path, true);
  const { vaultId, vaultKey } = unwrapVaultKey(db, password);
  const file = new SqliteVaultFile(path, db, TEST_KDF_POLICY, Date.now);
  file.adopt(vaultId, vaultKey);
  return { file, vaultKey };
}
