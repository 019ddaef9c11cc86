import { useEffect } from 'react';
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
      return <LockedScreen tokenCount={status.tokenCount} expiringSoon={status.expiringSoon} />;
    case 'unlocked':
      return <VaultScreen />;
  }
}
