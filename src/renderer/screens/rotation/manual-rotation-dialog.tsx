import { useState, type FormEvent } from 'react';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { UserText } from '../../components/user-text';
import { useTokenDetail } from '../../lib/use-token-detail';
import { PROVIDER_NAMES } from '../../lib/words';
import { ProgressSteps } from './progress-steps';
import { ProviderPage } from './provider-page';
import { useProgressSince } from './use-progress';

interface ManualRotationProps {
  readonly tokenId: string;
  readonly label: string;
  readonly message?: string | null;
  readonly onClose: () => void;
}

type Stage =
  | { readonly at: 'paste' }
  | { readonly at: 'confirm'; readonly journalId: string; readonly next: string | null }
  | { readonly at: 'done' };

/**
 * The guided manual rotation (a provider without a token API): open the provider's page, paste
 * the new value (main checks it before it replaces the old one), then revoke the old key there
 * and confirm. Until confirmed, the token shows the reminder. The pasted value lives only here.
 */
export function ManualRotationDialog({ tokenId, label, message, onClose }: ManualRotationProps): React.JSX.Element {
  const detail = useTokenDetail(tokenId);
  const events = useProgressSince((event) => event.tokenId === tokenId);
  const [value, setValue] = useState('');
  const [stage, setStage] = useState<Stage>({ at: 'paste' });
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const ready = detail.state === 'ready' ? detail.detail : null;
  const provider = ready === null ? 'the provider' : PROVIDER_NAMES[ready.token.provider];
  const pending = ready?.rotation?.userAction === 'confirm-revoked' ? ready.rotation : null;
  const current: Stage =
    stage.at === 'paste' && pending !== null
      ? { at: 'confirm', journalId: pending.journalId, next: pending.next }
      : stage;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await window.keyturn.rotateToken({ token: { tokenId }, newValue: value.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(`${result.error.message} The old value stays current.`);
      return;
    }
    setValue('');
    setError(null);
    if (result.value.status === 'awaiting-confirmation' && result.value.journalId !== null) {
      setStage({ at: 'confirm', journalId: result.value.journalId, next: result.value.message });
    } else setStage({ at: 'done' });
  };

  const confirm = async (journalId: string): Promise<void> => {
    const result = await window.keyturn.confirmOldKeyRevoked({ journalId });
    if (result.ok) setStage({ at: 'done' });
    else setError(result.error.message);
  };

  return (
    <DialogFrame
      title={
        <>
          Rotate <UserText text={label} /> by hand
        </>
      }
      onClose={onClose}
      isBusy={isBusy}
      wide
    >
      {current.at === 'paste' && (
        <form className="dialog-form" onSubmit={(event) => void submit(event)}>
          <p>{message ?? `${provider} makes keys only in its web UI. Make a new key there, then paste it here.`}</p>
          <h3>1. Make a new key</h3>
          <ProviderPage url={ready?.connection?.baseUrl ?? null} name={provider} />
          <h3>2. Paste it</h3>
          <TextField
            label="New value"
            type="password"
            autoFocus
            value={value}
            onChange={setValue}
            hint="Keyturn checks it before it replaces the current one."
          />
          {events.length > 0 && <ProgressSteps events={events} />}
          <FormError message={error} />
          <div className="actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={value.trim() === '' || isBusy}>
              {isBusy ? 'Checking…' : 'Check and use it'}
            </button>
          </div>
        </form>
      )}
      {current.at === 'confirm' && (
        <>
          {events.length > 0 && <ProgressSteps events={events} />}
          <h3>3. Revoke the old key</h3>
          <p className="warning">
            {current.next ?? `The new value is current. Revoke the old key in ${provider}’s web UI, then confirm here.`}
          </p>
          <p className="hint">Until you confirm, Keyturn reminds you on this token and under Pending work.</p>
          <FormError message={error} />
          <div className="actions">
            <button type="button" onClick={onClose}>
              Later
            </button>
            <button type="button" className="primary" autoFocus onClick={() => void confirm(current.journalId)}>
              I revoked the old key
            </button>
          </div>
        </>
      )}
      {current.at === 'done' && (
        <>
          <p className="success" role="status">
            Done: the new value is current and the old key is recorded as revoked.
          </p>
          <div className="actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </DialogFrame>
  );
}
