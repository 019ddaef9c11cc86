import { useEffect, useState, type ReactNode } from 'react';
import type { Result } from '../../../shared/errors';
import type { RemovalImpact } from '../../../shared/window-views';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { plural } from '../../lib/words';
import { liveKeyWords, removalWords } from './removal-words';

interface RemoveDialogProps {
  readonly title: ReactNode;
  readonly isTenant: boolean;
  readonly loadImpact: () => Promise<Result<RemovalImpact>>;
  readonly remove: (expectedTokens: number) => Promise<Result<unknown>>;
  readonly onClose: () => void;
}

/**
 * Confirms a removal and says how many tokens go with it (asked of main first); main removes only
 * if that count still holds, so a token added meanwhile is never removed unseen.
 */
export function RemoveDialog({ title, isTenant, loadImpact, remove, onClose }: RemoveDialogProps): React.JSX.Element {
  const [impact, setImpact] = useState<RemovalImpact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    void loadImpact().then((result) => (result.ok ? setImpact(result.value) : setError(result.error.message)));
  }, [loadImpact]);

  const confirm = async (): Promise<void> => {
    if (impact === null) return;
    setBusy(true);
    const result = await remove(impact.tokens);
    setBusy(false);
    if (result.ok) onClose();
    else {
      setError(result.error.message);
      void loadImpact().then((again) => again.ok && setImpact(again.value));
    }
  };

  const blocked = impact !== null && impact.tokensInRotation > 0;
  return (
    <DialogFrame title={title} onClose={onClose} isBusy={isBusy} role="alertdialog">
      {impact === null ? (
        <p aria-busy="true">Counting what goes with it…</p>
      ) : (
        <>
          <p>{removalWords(impact, isTenant)} This cannot be undone.</p>
          {liveKeyWords(impact) !== null && <p className="warning">{liveKeyWords(impact)}</p>}
          {blocked && (
            <p className="warning">
              {plural(impact.tokensInRotation, 'token')} {impact.tokensInRotation === 1 ? 'has' : 'have'} an unfinished
              rotation. Finish or retry it under Pending work first.
            </p>
          )}
        </>
      )}
      <FormError message={error} />
      <div className="actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={impact === null || isBusy || blocked}
          onClick={() => void confirm()}
        >
          {impact === null ? 'Remove' : `Remove with ${plural(impact.tokens, 'token')}`}
        </button>
      </div>
    </DialogFrame>
  );
}
