import { useState, type FormEvent } from 'react';
import type { ProviderId } from '../../../shared/model';
import type { ProviderForm } from '../../../shared/window-views';
import { DialogFrame } from '../../components/dialog-frame';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UserText } from '../../components/user-text';
import { useKeyturnStore } from '../../store';
import { findEnvironment } from '../../store/outline-slice';
import { ProviderFields } from './provider-fields';
import { TestResult, type Tested } from './test-result';
import { useProviderForms } from './use-provider-forms';

type CredentialKind = ProviderForm['credentials'][number]['kind'];

/**
 * Connect an environment to a provider: the provider's own form (from main's capability table),
 * "Test connection" (the provider's cheapest authenticated call), and what Keyturn can then do
 * there, in words. Credentials go to main and are never shown again.
 */
export function ConnectDialog({
  environmentId,
  onClose,
}: {
  readonly environmentId: string;
  readonly onClose: () => void;
}): React.JSX.Element | null {
  const outline = useKeyturnStore((state) => state.outline);
  const place = findEnvironment(outline, environmentId);
  const { forms, error: formsError } = useProviderForms();
  const connected = place?.environment.connections[0]?.provider ?? null;
  const [provider, setProvider] = useState<ProviderId | null>(connected);
  const [credentialKind, setCredentialKind] = useState<CredentialKind | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [tested, setTested] = useState<Tested | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  if (place === null) return null;

  const form = forms.find((candidate) => candidate.provider === (provider ?? 'satori')) ?? forms[0];
  const credential = form?.credentials.find((c) => c.kind === credentialKind) ?? form?.credentials[0];
  const set = (key: string, value: string): void => {
    setValues((old) => ({ ...old, [key]: value }));
    setTested(null);
  };
  const request = () => {
    const settings = Object.fromEntries(
      (form?.settings ?? []).flatMap((field) =>
        (values[field.key] ?? '') === '' ? [] : [[field.key, values[field.key] ?? '']],
      ),
    );
    const kind = credential?.kind ?? 'none';
    const cred =
      kind === 'password'
        ? { kind, username: values['username'] ?? '', password: values['password'] ?? '' }
        : kind === 'token'
          ? { kind, token: values['token'] ?? '' }
          : { kind: 'none' as const };
    return { provider: form?.provider ?? 'manual', baseUrl: values['baseUrl'] ?? '', settings, credential: cred };
  };

  const test = async (): Promise<void> => {
    setTested({ state: 'testing' });
    const result = await window.keyturn.testConnection({ environmentId, ...request() });
    setTested(result.ok ? { state: 'works', test: result.value } : { state: 'failed', message: result.error.message });
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await window.keyturn.connect({
      tenant: place.tenant.name,
      environment: place.environment.name,
      ...request(),
    });
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error.message);
  };

  return (
    <DialogFrame
      title={
        <>
          Connect <UserText text={`${place.tenant.name} › ${place.environment.name}`} /> to a provider
        </>
      }
      onClose={onClose}
      isBusy={isBusy}
      wide
    >
      <form className="dialog-form" onSubmit={(event) => void save(event)}>
        {connected !== null && (
          <p className="info-box">Saving replaces this environment’s connection details for the provider you choose.</p>
        )}
        <SelectField
          label="Provider"
          value={form?.provider ?? 'satori'}
          options={forms.map((candidate) => ({ value: candidate.provider, label: candidate.name }))}
          onChange={(value) => {
            setProvider(value);
            setCredentialKind(null);
            setTested(null);
          }}
        />
        {form !== undefined && (
          <>
            <section aria-labelledby="abilities-title" className="info-box">
              <h3 id="abilities-title" className="abilities-title">
                What Keyturn can do with {form.name}
              </h3>
              <ul className="abilities">
                {form.abilitiesInWords.map((words) => (
                  <li key={words}>{words}</li>
                ))}
              </ul>
            </section>
            <TextField
              label={form.baseUrl.label}
              value={values['baseUrl'] ?? ''}
              onChange={(value) => set('baseUrl', value)}
              hint={form.baseUrl.help ?? undefined}
              placeholder="https://"
            />
            {form.credentials.length > 1 && (
              <div className="field" role="radiogroup" aria-label="Sign in with">
                <span className="field-label">Sign in with</span>
                <div className="radio-row">
                  {form.credentials.map((option) => (
                    <label key={option.kind}>
                      <input
                        type="radio"
                        name="credential-kind"
                        checked={credential?.kind === option.kind}
                        onChange={() => setCredentialKind(option.kind)}
                      />
                      {option.label}
                    </label>
                  ))}
                </div>
              </div>
            )}
            <ProviderFields fields={[...(credential?.fields ?? []), ...form.settings]} values={values} onChange={set} />
          </>
        )}
        <TestResult tested={tested} />
        <FormError message={error ?? formsError} />
        <div className="actions">
          <button
            type="button"
            onClick={() => void test()}
            disabled={form === undefined || tested?.state === 'testing'}
          >
            {tested?.state === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={form === undefined || isBusy}>
            {isBusy ? 'Saving…' : 'Save connection'}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
