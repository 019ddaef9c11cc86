/**
 * Copy a secret, then clear it after a delay — but only if the clipboard still holds our
 * value (the user may have copied something else since). We keep a SHA-256 of what we wrote,
 * never the secret itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock, SecretClipboard, TimerHandle } from '../api/ports';

export const DEFAULT_CLEAR_AFTER_MS = 20_000;

/** The OS clipboard as text (Electron 45's clipboard is asynchronous). */
export interface Clipboard {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}

export interface SecretClipboardOptions {
  /** Read at each copy, so a changed setting applies to the next copy. */
  readonly clearAfterMs: () => number;
}

export function createSecretClipboard(
  clipboard: Clipboard,
  clock: Clock,
  options: SecretClipboardOptions,
): SecretClipboard {
  let ours: Buffer | null = null;
  let timer: TimerHandle | null = null;
  // The comparison in flight: a second caller (quit, right after the lock started one) waits for
  // it instead of returning at once while our value is still on the clipboard.
  let clearing: Promise<void> = Promise.resolve();

  const compareAndClear = async (expected: Buffer): Promise<void> => {
    if (timingSafeEqual(digest(await clipboard.readText()), expected)) clipboard.clear();
  };
  const clearIfOurs = (): Promise<void> => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const expected = ours;
    ours = null;
    if (expected !== null) clearing = clearing.then(() => compareAndClear(expected)).catch(() => undefined);
    return clearing;
  };

  return {
    async copy(value, copyOptions) {
      if (timer !== null) clock.clearTimeout(timer);
      await clipboard.writeText(value);
      ours = digest(value);
      const delay = Math.max(1_000, copyOptions?.clearAfterMs ?? options.clearAfterMs());
      timer = clock.setTimeout(() => void clearIfOurs(), delay);
      return { clearsAt: clock.now() + delay };
    },
    clearIfOurs,
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
