/**
 * Entry points of the vault: createVault and openVault (see types.ts for the contract).
 * Production callers pass no policy, so PRODUCTION_KDF_POLICY always applies to them.
 */
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { KeyturnError } from '../../shared/errors';
import { randomId } from './crypto';
import { assertReadableVersion, initialise, migrate, openDatabase, type Db } from './database';
import { createOwnerOnlyFile, tightenVaultFiles } from './file-mode';
import {
  insertWrap,
  planPasswordWrap,
  readHeader,
  sealPasswordWrap,
  writeMeta,
  writeRecoveryWrap,
  type PasswordWrapPlan,
} from './header';
import { calibrate, calibrateAsync, derivePasswordKey, derivePasswordKeyAsync, PRODUCTION_KDF_POLICY } from './kdf';
import { formatRecoveryKey, RECOVERY_KEY_BYTES } from './recovery-key';
import { write } from './session';
import type { CreateVaultOptions, KdfPolicy, OpenVaultOptions, Vault, VaultFile } from './types';
import { newVaultKey, SqliteVaultFile } from './vault-file';
import { appendAudit } from './audit-log';
import { derivePurposeKeys, zeroKeys } from './keys';

export { PRODUCTION_KDF_POLICY } from './kdf';
export { formatRecoveryKey, parseRecoveryKey } from './recovery-key';
export * from './types';

function assertPassword(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.normalize('NFC').length === 0 || password.length > 1024) {
    throw new KeyturnError('INVALID_INPUT', 'The master password must be 1 to 1024 characters');
  }
}

/** The new vault, unlocked, and its file (close it after locking the vault to release the database). */
type CreatedVault = { vault: Vault; recoveryKey: string; file: VaultFile };

interface CreatePlan {
  readonly policy: KdfPolicy;
  readonly now: () => number;
}

/** Checks that run before any KDF (calibration included). */
function planCreate(path: string, password: unknown, options: CreateVaultOptions): CreatePlan {
  assertPassword(password);
  assertAbsent(path);
  return { policy: options.policy ?? PRODUCTION_KDF_POLICY, now: options.now ?? Date.now };
}

function assertAbsent(path: string): void {
  if (existsSync(path)) throw new KeyturnError('VAULT_EXISTS', 'A file already exists at the given path');
}

/** Creates the file, returns it unlocked with the recovery key (shown once, stored only as a wrap). */
export function createVault(path: string, password: string, options: CreateVaultOptions = {}): CreatedVault {
  const plan = planCreate(path, password, options);
  const params = options.kdf === 'floor' ? plan.policy.floor : calibrate(plan.policy);
  const wrap = planPasswordWrap(params);
  return writeNewVault(path, plan, wrap, derivePasswordKey(password, wrap.salt, params));
}

/** createVault with calibration and the KDF on the thread pool (the event loop keeps running). */
export async function createVaultAsync(
  path: string,
  password: string,
  options: CreateVaultOptions = {},
): Promise<CreatedVault> {
  const plan = planCreate(path, password, options);
  const params = options.kdf === 'floor' ? plan.policy.floor : await calibrateAsync(plan.policy);
  const wrap = planPasswordWrap(params);
  return writeNewVault(path, plan, wrap, await derivePasswordKeyAsync(password, wrap.salt, params));
}

/**
 * Everything after the password KDF: a fresh vault key and recovery key, the file, its wraps and
 * first audit entry. The path is checked again: an async caller may have waited seconds for the KDF.
 * The file is created owner-only (and its missing folders 0700) before SQLite opens it.
 */
function writeNewVault(path: string, plan: CreatePlan, wrap: PasswordWrapPlan, wrapKey: Uint8Array): CreatedVault {
  try {
    createOwnerOnlyFile(path);
  } catch (cause) {
    wrapKey.fill(0);
    throw cause;
  }
  const vaultKey = newVaultKey();
  const recovery = new Uint8Array(randomBytes(RECOVERY_KEY_BYTES));
  const vaultId = randomId();
  const passwordWrap = sealPasswordWrap(vaultId, vaultKey, wrap, wrapKey);
  const recoveryWrap = writeRecoveryWrap(vaultId, vaultKey, recovery);
  const db = openCreatedFile(path);
  try {
    initialise(db);
    const keys = derivePurposeKeys(vaultKey.slice());
    write(db, () => {
      writeMeta(db, vaultId);
      insertWrap(db, 'password', passwordWrap);
      insertWrap(db, 'recovery', recoveryWrap);
      appendAudit({ db, keys, vaultId, now: plan.now }, 'create', null, 'vault created');
    });
    zeroKeys(keys);
  } catch (cause) {
    vaultKey.fill(0);
    recovery.fill(0);
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    throw cause;
  }
  const file = new SqliteVaultFile(path, db, plan.policy, plan.now);
  const recoveryKey = formatRecoveryKey(recovery);
  recovery.fill(0);
  return { vault: file.adopt(vaultId, vaultKey), recoveryKey, file };
}

/** SQLite on the empty owner-only file just created; the file goes again if SQLite refuses it. */
function openCreatedFile(path: string): Db {
  try {
    return openDatabase(path, false);
  } catch (cause) {
    rmSync(path, { force: true });
    throw cause;
  }
}

/**
 * Opens and validates the file (version, pragmas, header, KDF bounds) without any key. A file
 * other users can read is made owner-only first, and `onNotice` hears it.
 */
export function openVault(path: string, options: OpenVaultOptions = {}): VaultFile {
  const policy = options.policy ?? PRODUCTION_KDF_POLICY;
  const tightened = tightenVaultFiles(path);
  if (tightened !== null) options.onNotice?.(tightened);
  const db = openDatabase(path, true);
  try {
    assertReadableVersion(db);
    readHeader(db, policy);
    migrate(db, path);
  } catch (cause) {
    db.close();
    throw cause;
  }
  return new SqliteVaultFile(path, db, policy, options.now ?? Date.now);
}
