import { useState, type FormEvent } from 'react';
import type { ProviderId } from '../../../shared/model';
import { DialogFrame } from '../../components/dialog-frame';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UserText } from '../../components/user-text';
import { PROVIDER_NAMES } from '../../lib/words';
import { useKeyturnStore } from '../../store';
import { findEnvironment } from '../../store/outline-slice';
import { outcomeWords } from './outcome-words';
import { ProgressSteps } from './progress-steps';
import { useProgressSince } from './use-progress';

/** Create a new key at the provider for a connected environment, with live progress. */
export function CreateTokenDialog({
  environmentId,
  onClose,
}: {
  readonly environmentId: string;
  readonly onClose: () => void;
}): React.JSX.Element | null {
  const outline = useKeyturnStore((state) => state.outline);
  const place = findEnvironment(outline, environmentId);
  const providers = place?.environment.connections.map((connection) => connection.provider) ?? [];
  const [provider, setProvider] = useState<ProviderId | undefined>(providers[0]);
  const [label, setLabel] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const events = useProgressSince(
    (event) => event.operation === 'create' && event.environmentId === environmentId && event.label === submitted,
  );
  if (place === null) return null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const name = label.trim();
    setSubmitted(name);
    setOutcome(null);
    const result = await window.keyturn.createToken({
      tenant: place.tenant.name,
      environment: place.environment.name,
      label: name,
      ...(provider === undefined ? {} : { provider }),
    });
    setOutcome(
      result.ok ? { ok: true, text: outcomeWords('create', result.value) } : { ok: false, text: result.error.message },
    );
  };

  const isRunning = submitted !== null && outcome === null;
  const failure = events.findLast((event) => event.kind === 'failed');
  return (
    <DialogFrame
      title={
        <>
          Create a key for <UserText text={`${place.tenant.name} › ${place.environment.name}`} />
        </>
      }
      onClose={onClose}
      isBusy={isRunning}
    >
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        {providers.length === 0 ? (
          <p className="warning">Connect this environment to a provider first.</p>
        ) : (
          <SelectField
            label="Provider"
            value={provider ?? providers[0] ?? 'satori'}
            options={providers.map((id) => ({ value: id, label: PROVIDER_NAMES[id] }))}
            onChange={setProvider}
          />
        )}
        <TextField
          label="Label"
          autoFocus
          value={label}
          onChange={setLabel}
          disabled={isRunning || outcome?.ok === true}
        />
        {events.length > 0 && <ProgressSteps events={events} />}
        {outcome !== null && (
          <div className={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
            <p>{outcome.text}</p>
            {!outcome.ok && failure?.kind === 'failed' && <p>{failure.next}</p>}
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={onClose} disabled={isRunning}>
            {outcome?.ok === true ? 'Close' : 'Cancel'}
          </button>
          {outcome?.ok !== true && (
            <button
              type="submit"
              className="primary"
              disabled={label.trim() === '' || providers.length === 0 || isRunning}
            >
              {isRunning ? 'Creating…' : 'Create key'}
            </button>
          )}
        </div>
      </form>
    </DialogFrame>
  );
}
