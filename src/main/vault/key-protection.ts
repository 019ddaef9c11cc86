/**
 * Protection changes on an unlocked vault: the master password checked again (before a password
 * change, a backup export or turning device unlock on, the window's word is not enough), and a new
 * recovery key replacing the old one (whose wrap is overwritten, so it stops working).
 */
import { randomBytes } from 'node:crypto';
import { KeyturnError } from '../../shared/errors';
import { appendAudit } from './audit-log';
import { insertWrap, unwrap, writeRecoveryWrap, type Header } from './header';
import { derivePasswordKeyAsync } from './kdf';
import { formatRecoveryKey, RECOVERY_KEY_BYTES } from './recovery-key';
import { write, type Session } from './session';

/**
 * Derives and tries the password wrap (the KDF on the thread pool); a wrong password is audited
 * as a failed unlock and answered VAULT_WRONG_PASSWORD. `live` is asked again after the KDF: a
 * lock meanwhile answers VAULT_LOCKED.
 */
export async function checkPasswordAsync(header: Header, password: string, live: () => Session): Promise<void> {
  const { salt, params, paramsText, sealed } = header.password;
  const wrapKey = await derivePasswordKeyAsync(password, salt, params);
  const s = live();
  const key = unwrap(header.vaultId, 'password', paramsText, sealed, wrapKey);
  if (key === null) {
    write(s.db, () => appendAudit(s, 'unlock-failed', null, 'master password check failed'));
    throw new KeyturnError('VAULT_WRONG_PASSWORD', 'The current master password is wrong.');
  }
  key.fill(0);
}

/** A fresh recovery key wraps the vault key in place of the old one; returned once, to be shown. */
export function replaceRecoveryKey(s: Session): string {
  const recovery = new Uint8Array(randomBytes(RECOVERY_KEY_BYTES));
  try {
    const wrap = writeRecoveryWrap(s.vaultId, s.keys.vaultKey, recovery);
    write(s.db, () => {
      insertWrap(s.db, 'recovery', wrap);
      appendAudit(s, 'recovery-key-replaced', null, '');
    });
    return formatRecoveryKey(recovery);
  } finally {
    recovery.fill(0);
  }
}
