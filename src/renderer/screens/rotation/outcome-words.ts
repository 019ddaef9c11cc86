/** A lifecycle answer in words. */
import type { LifecycleResult } from '../../../shared/ipc-cli-channels';
import { dateTimeWords } from '../../lib/time-words';

const DONE: Readonly<Record<string, string>> = {
  rotate: 'Rotated: the new key is current and the old one is revoked.',
  revoke: 'Revoked: the key no longer works at the provider.',
  retry: 'Finished.',
  create: 'Created: the new key is stored and works.',
};

export function outcomeWords(operation: string, result: LifecycleResult): string {
  const extra = result.message === null ? '' : ` ${result.message}`;
  switch (result.status) {
    case 'done':
      return `${DONE[operation] ?? 'Done.'}${extra}`;
    case 'waiting':
      return `The new key is current. The old one keeps working until ${
        result.previousRevokedAfter === null ? 'the grace period ends' : dateTimeWords(result.previousRevokedAfter)
      }, then Keyturn revokes it.${extra}`;
    case 'already-revoked':
      return `This key was revoked already.${extra}`;
    case 'awaiting-confirmation':
      return `The new value is current.${extra}`;
    case 'needs-value':
      return result.message ?? 'Make a new key at the provider and paste it here.';
  }
}
