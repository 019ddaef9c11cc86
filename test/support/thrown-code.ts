/** For tests that expect a refusal: what a call did, as one comparable string. */
import { KeyturnError } from '../../src/shared/errors';

/**
 * The KeyturnError code `work` threw, or `returned` when it returned. Any other exception is
 * thrown on: a crash must never pass for a clean refusal.
 */
export function thrownCode(work: () => unknown, returned = 'OPENED'): string {
  try {
    work();
    return returned;
  } catch (cause) {
    if (cause instanceof KeyturnError) return cause.code;
    throw cause;
  }
}
