/**
 * What main keeps between two steps of a window action, behind an opaque handle: a .env file read
 * for its preview until it is applied, a backup file chosen until it is restored, the recovery key
 * just shown until it is saved. One store per session (WeakMap, so it goes with the app's session
 * state). Entries that may hold secrets (a .env's values, a recovery key) go when the vault locks
 * (forgetSecretFiles, from createApiHandlers); a backup is sealed and stays for the locked screens.
 */
import { randomUUID } from 'node:crypto';
import { KeyturnError } from '../../shared/errors';
import type { SessionState } from './session-state';

export interface PendingImport {
  readonly kind: 'import';
  readonly environmentId: string;
  readonly fileName: string;
  readonly entries: readonly (readonly [string, string])[];
}

export interface PendingBackup {
  readonly kind: 'backup';
  readonly fileName: string;
  readonly text: string;
}

type Pending = PendingImport | PendingBackup;

interface Store {
  readonly files: Map<string, Pending>;
  recoveryKey: string | null;
}

const stores = new WeakMap<SessionState, Store>();

function storeOf(session: SessionState): Store {
  let store = stores.get(session);
  if (store === undefined) {
    store = { files: new Map(), recoveryKey: null };
    stores.set(session, store);
  }
  return store;
}

export function keepFile(session: SessionState, pending: Pending): string {
  const handle = randomUUID();
  storeOf(session).files.set(handle, pending);
  return handle;
}

const GONE: Record<Pending['kind'], string> = {
  import: 'That import is no longer open (it was applied, discarded, or the vault locked); choose the file again.',
  backup: 'That backup file is no longer open; choose it again.',
};

export function pendingFile<K extends Pending['kind']>(
  session: SessionState,
  handle: string,
  kind: K,
): Extract<Pending, { kind: K }> {
  const pending = storeOf(session).files.get(handle);
  if (pending?.kind !== kind) throw new KeyturnError('NOT_FOUND', GONE[kind]);
  return pending as Extract<Pending, { kind: K }>;
}

export function dropFile(session: SessionState, handle: string): boolean {
  return storeOf(session).files.delete(handle);
}

/** The recovery key shown last, kept for one save to a file (recovery-key:save). */
export function keepRecoveryKey(session: SessionState, recoveryKey: string): void {
  storeOf(session).recoveryKey = recoveryKey;
}

export function takeRecoveryKey(session: SessionState): string | null {
  return storeOf(session).recoveryKey;
}

export function forgetRecoveryKey(session: SessionState): void {
  storeOf(session).recoveryKey = null;
}

/** On lock: .env values and the recovery key go; chosen backups (sealed) stay. */
export function forgetSecretFiles(session: SessionState): void {
  const store = storeOf(session);
  store.recoveryKey = null;
  for (const [handle, pending] of store.files) if (pending.kind === 'import') store.files.delete(handle);
}
