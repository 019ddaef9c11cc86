import { useState } from 'react';
import type { TokenDetail } from '../../../shared/window-views';
import { FormError } from '../../components/form-error';
import { useKeyturnStore } from '../../store';
import { RetryRotationButton } from '../rotation/retry-button';

/**
 * The token's unfinished rotation, in main's words, with what the user can do: confirm the old key
 * is revoked (manual rotation), paste the new value, or retry now.
 */
export function RotationReminder({ detail }: { readonly detail: TokenDetail }): React.JSX.Element | null {
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const [error, setError] = useState<string | null>(null);
  const rotation = detail.rotation;
  if (rotation === null) return null;
  const token = detail.token;

  const confirm = async (): Promise<void> => {
    const result = await window.keyturn.confirmOldKeyRevoked({ journalId: rotation.journalId });
    setError(result.ok ? null : result.error.message);
  };

  return (
    <section className="warning rotation-box" aria-label="Unfinished rotation">
      <strong>{rotation.title}</strong>
      {rotation.next !== null && <span>{rotation.next}</span>}
      {rotation.lastError !== null && <span>The provider said: {rotation.lastError}</span>}
      <div className="actions">
        {rotation.userAction === 'confirm-revoked' && (
          <button type="button" className="primary" onClick={() => void confirm()}>
            I revoked the old key
          </button>
        )}
        {rotation.userAction === 'paste-value' && (
          <button
            type="button"
            className="primary"
            onClick={() =>
              openDialog({
                kind: 'manual-rotation',
                tokenId: token.id,
                label: token.label,
                journalId: rotation.journalId,
              })
            }
          >
            Paste the new value…
          </button>
        )}
        {rotation.userAction === 'retry' && (
          <RetryRotationButton tokenId={token.id} label={token.label} journalId={rotation.journalId} />
        )}
      </div>
      <FormError message={error} />
    </section>
  );
}
