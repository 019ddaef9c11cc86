import { useState } from 'react';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { UserText } from '../../components/user-text';
import { useTokenDetail } from '../../lib/use-token-detail';
import { PROVIDER_NAMES, plural } from '../../lib/words';
import { useKeyturnStore } from '../../store';

/**
 * Delete a token, after a confirmation. A token whose key still works at the provider is offered
 * "Revoke, then delete" first; deleting alone leaves that key working, and says so.
 */
export function DeleteTokenDialog({
  tokenId,
  onClose,
}: {
  readonly tokenId: string;
  readonly onClose: () => void;
}): React.JSX.Element {
  const detail = useTokenDetail(tokenId);
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const [error, setError] = useState<string | null>(null);
  const [liveAnyway, setLiveAnyway] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const ready = detail.state === 'ready' ? detail.detail : null;
  const liveKeys = ready?.liveProviderKeyIds.length ?? 0;
  const hasLiveKeys = liveKeys > 0 || liveAnyway;

  const remove = async (leaveLiveKeys: boolean): Promise<void> => {
    setBusy(true);
    const result = await window.keyturn.deleteToken({ tokenId, leaveLiveKeys });
    setBusy(false);
    if (result.ok) onClose();
    else {
      if (result.error.code === 'TOKEN_LIVE_AT_PROVIDER') setLiveAnyway(true);
      setError(result.error.message);
    }
  };

  const label = ready?.token.label ?? 'this token';
  const provider = ready === null ? 'the provider' : PROVIDER_NAMES[ready.token.provider];
  return (
    <DialogFrame
      title={
        <>
          Delete <UserText text={label} />?
        </>
      }
      onClose={onClose}
      isBusy={isBusy}
      role="alertdialog"
    >
      {detail.state === 'loading' && <p aria-busy="true">Loading…</p>}
      {detail.state === 'error' && <FormError message={detail.message} />}
      {ready !== null && <p>The token and its history are removed from the vault. This cannot be undone.</p>}
      {ready !== null && hasLiveKeys && (
        <p className="warning">
          {liveKeys > 0 ? plural(liveKeys, 'key') : 'A key'} of this token still {liveKeys > 1 ? 'work' : 'works'} at{' '}
          {provider}. Deleting it here does not revoke {liveKeys > 1 ? 'them' : 'it'}: revoke first so nobody can use
          it.
        </p>
      )}
      <FormError message={error} />
      <div className="actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        {hasLiveKeys ? (
          <>
            <button type="button" disabled={isBusy} onClick={() => void remove(true)}>
              Delete and leave it working
            </button>
            <button
              type="button"
              className="danger"
              disabled={isBusy}
              onClick={() => openDialog({ kind: 'lifecycle', operation: 'revoke', tokenId, label, thenDelete: true })}
            >
              Revoke, then delete
            </button>
          </>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={ready === null || isBusy}
            onClick={() => void remove(false)}
          >
            Delete
          </button>
        )}
      </div>
    </DialogFrame>
  );
}
