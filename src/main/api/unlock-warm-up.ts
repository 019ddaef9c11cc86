/**
 * Once per app, when the window first finds the vault locked: the first unlock's key-free work
 * (vault/warm-up.ts) on the next turn of main's clock, so the status answer is not delayed and the
 * work is done while the user types the password. Best effort: a file that cannot be opened now
 * is the unlock's to report, and a failed warm-up costs only speed.
 */
import type { AppContext } from './context';
import { vaultOpenOptions } from './context';

const warmed = new WeakSet<AppContext>();

export function warmForUnlockSoon(context: AppContext): void {
  if (warmed.has(context)) return;
  warmed.add(context);
  context.clock.setTimeout(() => {
    if (context.session.current().state === 'unlocked') return;
    try {
      const file = context.vaults.openVault(context.vaultPath, vaultOpenOptions(context));
      try {
        file.warmForUnlock();
      } finally {
        file.close();
      }
    } catch {
      return;
    }
  }, 0);
}
