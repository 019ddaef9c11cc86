/**
 * A vault file opened but not unlocked: the header has been validated (KDF bounds included) and
 * only plaintext columns are readable. Unlocking derives the wrapping key, unwraps the vault key,
 * folds queued failed unlocks into the audit chain and records the unlock.
 */
import { randomBytes } from 'node:crypto';
import { KeyturnError } from '../../shared/errors';
import { appendAudit } from './audit-log';
import { KEY_BYTES } from './crypto';
import { schemaVersion, type Db } from './database';
import { DEVICE_KEY_BYTES, deviceWrapKey, hasDeviceWrap, readDeviceWrap } from './device-wrap';
import {
  planPasswordWrap,
  readHeader,
  recoveryWrapKey,
  sealPasswordWrap,
  unwrap,
  type Header,
  type PasswordWrapPlan,
} from './header';
import { readOpenJournalHeads } from './journal';
import { isJournalClaimed } from './journal-lock';
import { derivePasswordKey, derivePasswordKeyAsync } from './kdf';
import { derivePurposeKeys, zeroKeys } from './keys';
import { parseRecoveryKey } from './recovery-key';
import { read, write, type Session } from './session';
import { damaged } from './sqlite-errors';
import type { KdfPolicy, LockedSummary, Vault, VaultFile } from './types';
import { UnlockedVault } from './unlocked-vault';
import { warmForUnlock } from './warm-up';

export class SqliteVaultFile implements VaultFile {
  private readonly unlocked = new Set<UnlockedVault>();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly db: Db,
    private readonly policy: KdfPolicy,
    private readonly now: () => number,
  ) {}

  /** Plaintext counts only; SQLite failures (a damaged page, a busy peer) mapped like every other read. */
  summary(): LockedSummary {
    const db = this.live();
    const count = (sql: string, ...args: unknown[]): number => {
      const value: unknown = read(db, () =>
        db
          .prepare(sql)
          .pluck()
          .get(...args),
      );
      if (typeof value !== 'number') throw damaged(this.path);
      return value;
    };
    return {
      path: this.path,
      schemaVersion: schemaVersion(db),
      tenantCount: count('SELECT count(*) FROM tenants'),
      tokenCount: count('SELECT count(*) FROM tokens'),
      expiringBefore: (until: number) =>
        count('SELECT count(*) FROM tokens WHERE revoked = 0 AND expires_at IS NOT NULL AND expires_at < ?', until),
      inLeadTime: (now, leadTimes) =>
        Object.entries(leadTimes).reduce(
          (sum, [kind, lead]) =>
            sum +
            count(
              'SELECT count(*) FROM tokens WHERE revoked = 0 AND kind = ? AND expires_at > ? AND expires_at <= ?',
              kind,
              now,
              now + lead,
            ),
          0,
        ),
      openJournals: () =>
        read(db, () => readOpenJournalHeads(db)).map((head) => ({
          ...head,
          running: isJournalClaimed(this.path, head.id),
        })),
    };
  }

  warmForUnlock(): number {
    return warmForUnlock(this.live());
  }

  unlock(password: string): Vault {
    const header = this.passwordHeader(password);
    return this.unlockWithWrapKey(header, derivePasswordKey(password, header.password.salt, header.password.params));
  }

  async unlockAsync(password: string): Promise<Vault> {
    const header = this.passwordHeader(password);
    const wrapKey = await derivePasswordKeyAsync(password, header.password.salt, header.password.params);
    return this.unlockWithWrapKey(header, wrapKey);
  }

  unlockWithRecoveryKey(recoveryKey: string): Vault {
    if (typeof recoveryKey !== 'string') throw new KeyturnError('INVALID_INPUT', 'The recovery key must be a string');
    const header = this.header();
    const raw = parseRecoveryKey(recoveryKey);
    const wrapKey = recoveryWrapKey(raw, header.recovery.salt);
    raw.fill(0);
    const key = unwrap(header.vaultId, 'recovery', header.recovery.paramsText, header.recovery.sealed, wrapKey);
    return this.finishUnlock(header, key, 'recovery key', 'Wrong recovery key. Check it and type it again.');
  }

  get hasDeviceUnlock(): boolean {
    const db = this.live();
    return read(db, () => hasDeviceWrap(db));
  }

  unlockWithDeviceKey(deviceKey: Uint8Array): Vault {
    if (!(deviceKey instanceof Uint8Array)) throw new KeyturnError('INVALID_INPUT', 'The device key must be bytes');
    const header = this.header();
    const db = this.live();
    const wrap = read(db, () => readDeviceWrap(db));
    if (wrap === null)
      return this.finishUnlock(
        header,
        null,
        'device key',
        'Device unlock is not enabled for this vault; unlock with the password',
      );
    // A wrong-length key is just a wrong key: one error, audited like any failed unlock.
    const key =
      deviceKey.length !== DEVICE_KEY_BYTES
        ? null
        : unwrap(header.vaultId, 'device', wrap.paramsText, wrap.sealed, deviceWrapKey(deviceKey, wrap.salt));
    return this.finishUnlock(header, key, 'device key');
  }

  close(): void {
    if (this.closed) return;
    for (const vault of [...this.unlocked]) vault.lock();
    this.closed = true;
    this.db.close();
  }

  /** Used by createVault: the new vault key is already in hand. */
  adopt(vaultId: string, vaultKey: Uint8Array): UnlockedVault {
    return this.makeVault({ db: this.live(), keys: derivePurposeKeys(vaultKey), vaultId, now: this.now });
  }

  private header(): Header {
    return readHeader(this.live(), this.policy);
  }

  /** Input and header checks (KDF bounds included) that run before any derivation. */
  private passwordHeader(password: string): Header {
    if (typeof password !== 'string' || password.length === 0 || password.length > 1024) {
      throw new KeyturnError('INVALID_INPUT', 'The password must be a non-empty string');
    }
    return this.header();
  }

  /**
   * The part of a password unlock after the KDF. An async derivation may finish after close():
   * then the wrapping key is zeroed and nothing is unwrapped, recorded or left unlocked.
   */
  private unlockWithWrapKey(header: Header, wrapKey: Uint8Array): Vault {
    if (this.closed) {
      wrapKey.fill(0);
      throw new KeyturnError('VAULT_LOCKED', 'The vault file was closed while the password was being checked');
    }
    const key = unwrap(header.vaultId, 'password', header.password.paramsText, header.password.sealed, wrapKey);
    // A sentence the window shows as it is, under the password field.
    return this.finishUnlock(header, key, 'password', 'Wrong password. Type it again.');
  }

  private finishUnlock(header: Header, key: Uint8Array | null, method: string, failure = `Wrong ${method}`): Vault {
    const db = this.live();
    if (key === null || key.length !== KEY_BYTES) {
      write(db, () => db.prepare('INSERT INTO unlock_failures (at) VALUES (?)').run(this.now()));
      throw new KeyturnError('VAULT_WRONG_PASSWORD', failure);
    }
    const session: Session = { db, keys: derivePurposeKeys(key), vaultId: header.vaultId, now: this.now };
    try {
      write(db, () => {
        const failures = db.prepare('SELECT id, at FROM unlock_failures ORDER BY id').all() as {
          id: number;
          at: number;
        }[];
        for (const f of failures) appendAudit(session, 'unlock-failed', null, '', f.at);
        db.prepare('DELETE FROM unlock_failures').run();
        appendAudit(session, 'unlock', null, `with ${method}`);
      });
    } catch (cause) {
      zeroKeys(session.keys);
      throw cause;
    }
    return this.makeVault(session);
  }

  private makeVault(session: Session): UnlockedVault {
    const vault: UnlockedVault = new UnlockedVault(this.path, session, {
      header: () => this.header(),
      planPasswordChange: () => planPasswordWrap(this.header().password.params),
      commitPasswordChange: (s, plan, wrapKey) => this.rewrapPassword(s, plan, wrapKey),
      onLock: (v) => this.unlocked.delete(v),
    });
    this.unlocked.add(vault);
    return vault;
  }

  /** Rewraps the vault key under the new password's wrapping key (zeroed here); rows untouched. */
  private rewrapPassword(s: Session, plan: PasswordWrapPlan, wrapKey: Uint8Array): void {
    const staged = sealPasswordWrap(s.vaultId, s.keys.vaultKey, plan, wrapKey);
    write(s.db, () => {
      s.db
        .prepare("UPDATE key_wraps SET params = ?, sealed = ? WHERE kind = 'password'")
        .run(staged.paramsText, staged.sealed);
      appendAudit(s, 'password-changed', null, '');
    });
  }

  private live(): Db {
    if (this.closed) throw new KeyturnError('VAULT_LOCKED', 'The vault file is closed');
    return this.db;
  }
}

export function newVaultKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}
