import { useEffect } from 'react';
import type { RotationView } from '../../../shared/window-views';
import { UserText } from '../../components/user-text';
import { relativeWords } from '../../lib/time-words';
import { useKeyturnStore } from '../../store';
import { RetryRotationButton } from './retry-button';

const OPERATIONS = {
  create: 'Create',
  rotate: 'Rotation',
  revoke: 'Revoke',
  'manual-rotate': 'Manual rotation',
} as const;

/** Unfinished lifecycle work: pending retries, keys the provider would not revoke, manual rotations. */
export function PendingScreen(): React.JSX.Element {
  const rotations = useKeyturnStore((state) => state.rotations);
  const loadRotations = useKeyturnStore((state) => state.loadRotations);
  useEffect(() => void loadRotations(), [loadRotations]);
  return (
    <section className="main-pane" aria-labelledby="pending-title">
      <div className="list-heading">
        <h2 id="pending-title">Pending work</h2>
        <span className="count">{rotations.length === 0 ? '' : `${rotations.length} unfinished`}</span>
      </div>
      {rotations.length === 0 ? (
        <p className="empty">Nothing is waiting: every rotation, revoke and create has finished.</p>
      ) : (
        <ul className="pending-list">
          {rotations.map((rotation) => (
            <PendingItem key={rotation.journalId} rotation={rotation} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PendingItem({ rotation }: { readonly rotation: RotationView }): React.JSX.Element {
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const showNotice = useKeyturnStore((state) => state.showNotice);
  const tokenId = rotation.tokenId;
  const confirm = async (): Promise<void> => {
    const result = await window.keyturn.confirmOldKeyRevoked({ journalId: rotation.journalId });
    if (!result.ok) showNotice(result.error.message, 'error');
  };
  return (
    <li className="pending-item">
      <strong>
        {OPERATIONS[rotation.operation]}: <UserText text={rotation.label} />
      </strong>
      <span>
        {rotation.title} · {relativeWords(rotation.updatedAt)}
      </span>
      {rotation.keyId !== null && (
        <span className="hint">
          Provider key id: <span className="mono">{rotation.keyId}</span>
        </span>
      )}
      {rotation.lastError !== null && <span className="error">The provider said: {rotation.lastError}</span>}
      {rotation.next !== null && <span className="hint">{rotation.next}</span>}
      <div className="actions">
        {rotation.userAction === 'retry' && (
          <RetryRotationButton tokenId={tokenId} label={rotation.label} journalId={rotation.journalId} />
        )}
        {rotation.userAction === 'confirm-revoked' && (
          <button type="button" className="primary" onClick={() => void confirm()}>
            I revoked the old key
          </button>
        )}
        {rotation.userAction === 'paste-value' && tokenId !== null && (
          <button
            type="button"
            className="primary"
            onClick={() =>
              openDialog({ kind: 'manual-rotation', tokenId, label: rotation.label, journalId: rotation.journalId })
            }
          >
            Paste the new value…
          </button>
        )}
      </div>
    </li>
  );
}
