/**
 * The app's session: locked or unlocked, never both. Listeners hear every change so the
 * window, the tray and the clipboard follow.
 */
import type { LockOutcome, Vault, VaultFile } from '../vault/types';
import type { SessionChangedEvent } from '../../shared/keyturn-api';

export type Session =
  { readonly state: 'locked' } | { readonly state: 'unlocked'; readonly vault: Vault; readonly file: VaultFile | null };

export type LockReason = Exclude<SessionChangedEvent['reason'], 'unlock'>;

type Listener = (event: SessionChangedEvent) => void;

export interface SessionState {
  current(): Session;
  /** `file` is closed on lock; null when the vault was just created (no VaultFile exists). */
  unlocked(vault: Vault, file: VaultFile | null): void;
  /**
   * Drops the vault's keys (Vault.lock zeroes them), closes the file, tells the listeners. Never
   * throws: a lock the audit log could not record is a warning in the outcome.
   */
  lock(reason: LockReason): LockOutcome;
  onChange(listener: Listener): () => void;
}

export function createSessionState(): SessionState {
  let session: Session = { state: 'locked' };
  const listeners = new Set<Listener>();
  const emit = (event: SessionChangedEvent): void => {
    for (const listener of listeners) listener(event);
  };

  return {
    current: () => session,
    unlocked(vault, file) {
      if (session.state === 'unlocked') closeSession(session);
      session = { state: 'unlocked', vault, file };
      emit({ state: 'unlocked', reason: 'unlock' });
    },
    lock(reason) {
      if (session.state === 'locked') return { recorded: true };
      const previous = session;
      session = { state: 'locked' };
      const outcome = closeSession(previous);
      emit({ state: 'locked', reason });
      return outcome;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function closeSession(session: Extract<Session, { state: 'unlocked' }>): LockOutcome {
  const outcome = session.vault.lock();
  session.file?.close();
  return outcome;
}
