import { useEffect } from 'react';
import { useKeyturnStore } from '../store';
import { CreateVaultScreen } from './create-vault-screen';
import { LockedScreen } from './locked-screen';
import { VaultScreen } from './vault-screen';

/** Chooses the screen from the session state; listens for locks decided by main (idle, suspend). */
export function App(): React.JSX.Element {
  const status = useKeyturnStore((state) => state.status);
  const refreshStatus = useKeyturnStore((state) => state.refreshStatus);
  const sessionLocked = useKeyturnStore((state) => state.sessionLocked);

  useEffect(() => {
    void refreshStatus();
    return window.keyturn.onSessionChanged((event) => {
      if (event.state === 'locked') sessionLocked();
    });
  }, [refreshStatus, sessionLocked]);

  if (status === null) return <main className="screen" aria-busy="true" />;
  switch (status.state) {
    case 'missing':
      return <CreateVaultScreen />;
    case 'unreadable':
      // Until issue 12's screen for it: what is wrong, where, and what to do; never a blank window.
      return (
        <main className="screen" role="alert">
          <p dir="auto">{status.message}</p>
          <p dir="auto">{status.path}</p>
          <p dir="auto">{status.advice}</p>
        </main>
      );
    case 'locked':
      return <LockedScreen tokenCount={status.tokenCount} expiringSoon={status.expiringSoon} />;
    case 'unlocked':
      return <VaultScreen />;
  }
}
