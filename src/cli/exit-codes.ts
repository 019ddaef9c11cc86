/** Exit codes are part of the CLI's contract with scripts (docs/cli.md). */
import type { ErrorCode } from '../shared/errors';

export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  locked: 3,
  notFound: 4,
  provider: 5,
  storage: 6,
  /** Ctrl-C at a prompt: 128 + SIGINT, what a shell reports for a process SIGINT ended. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(code: ErrorCode): ExitCode {
  if (code === 'VAULT_LOCKED' || code === 'VAULT_WRONG_PASSWORD') return EXIT.locked;
  // The running app said no to this terminal (docs/cli.md, App integration): access refused, like a lock.
  if (code === 'APPROVAL_DENIED' || code === 'APPROVAL_TIMEOUT') return EXIT.locked;
  if (code === 'NOT_FOUND' || code === 'VAULT_NOT_FOUND') return EXIT.notFound;
  if (code === 'INVALID_INPUT') return EXIT.usage;
  // ROTATION_FAILED: the provider refused to revoke a key (the rotation or revoke is left for a retry).
  if (code.startsWith('PROVIDER_') || code === 'ROTATION_FAILED') return EXIT.provider;
  // The vault's storage refused (nothing was changed): the same command can simply be run again.
  if (code === 'VAULT_DISK_FULL' || code === 'VAULT_READ_ONLY' || code === 'VAULT_BUSY') return EXIT.storage;
  return EXIT.error;
}
