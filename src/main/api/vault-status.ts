/**
 * The vault's status for the window and the tray: missing, unreadable (with the path, what is
 * wrong and what to do), locked or unlocked with counts. Never throws for a bad file: a corrupt
 * or newer file is a state the window shows, not a blank screen.
 */
import { existsSync } from 'node:fs';
import { KeyturnError } from '../../shared/errors';
import type { VaultFileProblem, VaultStatus } from '../../shared/ipc';
import { expiresWithin } from '../lifecycle/expiry';
import { vaultOpenOptions, type AppContext } from './context';

const SOON_MS = 24 * 60 * 60 * 1000;

/** Counts only: works locked (plaintext columns) and unlocked (in-memory metadata). */
export function readStatus(context: AppContext): VaultStatus {
  const session = context.session.current();
  const now = context.clock.now();
  // Counted from the file's plaintext columns when it is open: unlocking must not decrypt every
  // token's metadata (a `keyturn get` stays constant in vault size).
  if (session.state === 'unlocked' && session.file !== null) {
    const summary = session.file.summary();
    return {
      state: 'unlocked',
      tokenCount: summary.tokenCount,
      expiringSoon: summary.expiringBefore(now + SOON_MS + 1),
    };
  }
  if (session.state === 'unlocked') {
    const tokens = session.vault.listTokens();
    const expiringSoon = tokens.filter((token) => expiresWithin(token, now, SOON_MS)).length;
    return { state: 'unlocked', tokenCount: tokens.length, expiringSoon };
  }
  const path = context.vaultPath;
  if (!existsSync(path)) return { state: 'missing', path };
  try {
    const file = context.vaults.openVault(path, vaultOpenOptions(context));
    try {
      const summary = file.summary();
      return { state: 'locked', tokenCount: summary.tokenCount, expiringSoon: summary.expiringBefore(now + SOON_MS) };
    } finally {
      file.close();
    }
  } catch (cause) {
    return unreadableStatus(path, cause);
  }
}

export function kdfOptions(context: AppContext): { policy?: NonNullable<AppContext['kdfPolicy']> } {
  return context.kdfPolicy === undefined ? {} : { policy: context.kdfPolicy };
}

/** A file that exists but cannot be opened; a busy file is not a state of the file, so it throws. */
function unreadableStatus(path: string, cause: unknown): VaultStatus {
  if (cause instanceof KeyturnError && cause.code === 'VAULT_BUSY') throw cause;
  const problem = problemOf(cause);
  return { state: 'unreadable', path, problem, ...WORDS[problem](cause) };
}

function problemOf(cause: unknown): VaultFileProblem {
  if (!(cause instanceof KeyturnError)) return 'corrupt';
  switch (cause.code) {
    case 'VAULT_TOO_NEW':
      return 'too-new';
    case 'VAULT_IO':
    case 'VAULT_READ_ONLY':
    case 'VAULT_DISK_FULL':
    case 'VAULT_NOT_FOUND':
      return 'unreadable';
    default:
      return 'corrupt';
  }
}

const WORDS: Readonly<Record<VaultFileProblem, (cause: unknown) => { message: string; advice: string }>> = {
  corrupt: () => ({
    message: 'The vault file is damaged or is not a Keyturn vault.',
    advice:
      'Keyturn has not changed it. Restore the file from a backup, or move it away to start a new vault; ' +
      'a copy made before an upgrade may sit next to it (vault.db.v1.bak).',
  }),
  'too-new': (cause) => ({
    message: cause instanceof KeyturnError ? cause.message : 'This vault was written by a newer Keyturn.',
    advice: 'Update Keyturn to open it. Keyturn has not changed the file.',
  }),
  unreadable: (cause) => ({
    // The vault's own sentence names the cause (read-only, disk full, an I/O error) and the path.
    message: cause instanceof KeyturnError ? cause.message : 'The vault file could not be read.',
    advice: 'Check that the file and its folder can be read and written by you, then try again.',
  }),
};
