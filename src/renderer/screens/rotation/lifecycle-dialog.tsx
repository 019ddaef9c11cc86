import { useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/errors';
import type { LifecycleResult } from '../../../shared/ipc-cli-channels';
import { DialogFrame } from '../../components/dialog-frame';
import { UserText } from '../../components/user-text';
import { useKeyturnStore } from '../../store';
import type { LifecycleOperation } from '../../store/dialogs';
import { outcomeWords } from './outcome-words';
import { ProgressSteps } from './progress-steps';
import { useProgressSince } from './use-progress';

const TITLES: Readonly<Record<LifecycleOperation, string>> = {
  rotate: 'Rotate',
  revoke: 'Revoke',
  verify: 'Verify',
  retry: 'Retry',
};

type Outcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string };

interface LifecycleDialogProps {
  readonly operation: LifecycleOperation;
  readonly tokenId: string | null;
  readonly label: string;
  readonly journalId?: string;
  readonly thenDelete?: boolean;
  readonly onClose: () => void;
}

function start(
  props: LifecycleDialogProps,
): Promise<Result<LifecycleResult | { identity: string | null; notes?: readonly string[] }>> {
  const token = { tokenId: props.tokenId ?? '' };
  switch (props.operation) {
    case 'rotate':
      return window.keyturn.rotateToken({ token });
    case 'revoke':
      return window.keyturn.revokeToken({ token });
    case 'verify':
      return window.keyturn.verifyToken({ token });
    case 'retry':
      return window.keyturn.retryRotation({ journalId: props.journalId ?? '' });
  }
}

/**
 * Runs rotate, revoke, verify or a retry at the provider and shows its progress as main streams
 * it; the end in plain words: what happened, the provider's reason, and what happens next.
 */
export function LifecycleDialog(props: LifecycleDialogProps): React.JSX.Element {
  const { operation, tokenId, label, onClose } = props;
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const events = useProgressSince((event) =>
    tokenId !== null ? event.tokenId === tokenId : event.journalId === props.journalId,
  );
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start(props).then(async (result) => {
      if (!result.ok) {
        setOutcome({ ok: false, text: result.error.message });
        return;
      }
      const value = result.value;
      if ('status' in value) {
        if (value.status === 'needs-value' && tokenId !== null) {
          openDialog({ kind: 'manual-rotation', tokenId, label, message: value.message });
          return;
        }
        if (props.thenDelete === true && tokenId !== null) {
          const removed = await window.keyturn.deleteToken({ tokenId });
          setOutcome(
            removed.ok
              ? { ok: true, text: 'Revoked at the provider, then deleted.' }
              : { ok: false, text: removed.error.message },
          );
          return;
        }
        setOutcome({ ok: true, text: outcomeWords(operation, value) });
      } else {
        const who = value.identity === null ? '' : ` (signed in as ${value.identity})`;
        setOutcome({ ok: true, text: [`The key works at the provider${who}.`, ...(value.notes ?? [])].join(' ') });
      }
    });
  });

  const failure = events.findLast((event) => event.kind === 'failed');
  return (
    <DialogFrame
      title={
        <>
          {TITLES[operation]} <UserText text={label} />
        </>
      }
      onClose={onClose}
      isBusy={outcome === null}
    >
      {events.length > 0 && <ProgressSteps events={events} />}
      {outcome === null && (
        <p aria-busy="true" role="status">
          Working…
        </p>
      )}
      {outcome !== null && (
        <div className={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          <p>{outcome.text}</p>
          {!outcome.ok && failure?.kind === 'failed' && <p>{failure.next}</p>}
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary" autoFocus disabled={outcome === null} onClick={onClose}>
          Close
        </button>
      </div>
    </DialogFrame>
  );
}
