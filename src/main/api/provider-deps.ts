/** What provider adapters get from a handler's context: its clock, and its progress port for waits and retries. */
import type { ProviderDeps } from '../providers/types';
import type { AppContext } from './context';

export function providerDeps(context: AppContext): ProviderDeps {
  const progress = context.progress;
  return {
    now: () => context.clock.now(),
    ...(progress === undefined ? {} : { progress: (message: string) => progress({ kind: 'provider', message }) }),
  };
}
