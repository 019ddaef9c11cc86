import { Activity, useEffect } from 'react';
import { schedulerWords } from '../lib/scheduler-words';
import { keyturnStore, useKeyturnStore } from '../store';
import { CreateVaultScreen } from './onboarding/create-vault-screen';
import { LockedScreen } from './unlock/locked-screen';
import { VaultFileScreen } from './unlock/vault-file-screen';
import { VaultScreen } from './vault/vault-screen';

/** Listens to what main pushes (session, vault changes, lifecycle progress, CLI approvals, the scheduler). */
function useMainEvents(): void {
  useEffect(() => {
    const store = keyturnStore.getState();
    void store.refreshStatus();
    const stops = [
      window.keyturn.onSessionChanged((event) => {
        if (event.state === 'locked') keyturnStore.getState().sessionLocked();
        else void keyturnStore.getState().refreshStatus();
      }),
      window.keyturn.onVaultChanged((event) => keyturnStore.getState().vaultChanged(event.scope)),
      window.keyturn.onLifecycleProgress((event) => keyturnStore.getState().progressArrived(event)),
      window.keyturn.onCliApprovalsChanged((event) => keyturnStore.getState().approvalsChanged(event.pending)),
      window.keyturn.onOpenPalette(() => keyturnStore.getState().setPaletteOpen(true)),
      window.keyturn.onSchedulerEvent((event) => {
        const words = schedulerWords(event);
        if (words !== null) keyturnStore.getState().showNotice(words.text, words.tone);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);
}

/** The top-level router: the vault file's state picks the screen. */
export function App(): React.JSX.Element {
  const status = useKeyturnStore((state) => state.status);
  const isOnboarding = useKeyturnStore((state) => state.isOnboarding);
  useMainEvents();

  if (isOnboarding) return <CreateVaultScreen path={status !== null && 'path' in status ? status.path : ''} />;
  if (status === null) return <main className="screen" aria-busy="true" aria-label="Keyturn" />;
  switch (status.state) {
    case 'missing':
      return <CreateVaultScreen path={status.path} />;
    case 'unreadable':
      return (
        <VaultFileScreen problem={status.problem} path={status.path} message={status.message} advice={status.advice} />
      );
    case 'locked':
    case 'unlocked':
      return (
        <>
          {status.state === 'locked' && (
            <LockedScreen tokenCount={status.tokenCount} expiringSoon={status.expiringSoon} />
          )}
          <VaultBehindTheLock isUnlocked={status.state === 'unlocked'} />
        </>
      );
  }
}

/**
 * The vault screen, rendered hidden behind the lock screen (React's Activity: at idle priority,
 * display: none, no effects, so nothing is asked of main), so an unlock shows a screen already
 * built and its code already run instead of building it then (bench/README.md, the first unlock
 * after the app starts). While locked it holds nothing of the vault: the store's views are empty.
 * It is keyed by the lock count: a lock unmounts the one that was shown, with all its state (a
 * revealed secret included), and a fresh one is rendered for the next unlock.
 */
function VaultBehindTheLock({ isUnlocked }: { readonly isUnlocked: boolean }): React.JSX.Element {
  const locks = useKeyturnStore((state) => state.locks);
  return (
    <Activity key={locks} mode={isUnlocked ? 'visible' : 'hidden'}>
      <VaultScreen />
    </Activity>
  );
}
