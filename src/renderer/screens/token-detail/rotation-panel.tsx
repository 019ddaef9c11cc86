import { useState, type FormEvent } from 'react';
import type { RotationPolicy } from '../../../shared/model';
import type { TokenDetail } from '../../../shared/window-views';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';

function asNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

function policyWords(policy: RotationPolicy | null, byApi: boolean): string {
  if (policy === null || (policy.everyDays === undefined && policy.daysBeforeExpiry === undefined)) {
    return 'No schedule: Keyturn rotates this token only when you ask.';
  }
  const when = [
    policy.everyDays === undefined ? null : `every ${policy.everyDays} days`,
    policy.daysBeforeExpiry === undefined ? null : `${policy.daysBeforeExpiry} days before it expires`,
  ].filter((part) => part !== null);
  return `${byApi ? 'Keyturn rotates it' : 'Keyturn reminds you to rotate it'} ${when.join(' or ')}.`;
}

/** The rotation policy in words, editable: every N days, N days before expiry, grace minutes. */
export function RotationPanel({ detail }: { readonly detail: TokenDetail }): React.JSX.Element {
  const policy = detail.token.rotationPolicy;
  const [everyDays, setEveryDays] = useState(String(policy?.everyDays ?? ''));
  const [beforeExpiry, setBeforeExpiry] = useState(String(policy?.daysBeforeExpiry ?? ''));
  const [grace, setGrace] = useState(String(policy?.graceMinutes ?? ''));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const next = {
      everyDays: asNumber(everyDays),
      daysBeforeExpiry: asNumber(beforeExpiry),
      graceMinutes: asNumber(grace),
    };
    const isEmpty = Object.values(next).every((value) => value === undefined);
    const result = await window.keyturn.updateToken({
      tokenId: detail.token.id,
      rotationPolicy: isEmpty ? null : next,
    });
    setSaved(result.ok);
    setError(result.ok ? null : result.error.message);
  };

  return (
    <form className="policy-form" onSubmit={(event) => void save(event)} aria-label="Rotation policy">
      <p className="actions-full">{policyWords(policy, detail.abilities.rotate && detail.connection !== null)}</p>
      <TextField label="Every (days)" type="number" min={1} value={everyDays} onChange={setEveryDays} />
      <TextField label="Days before expiry" type="number" min={0} value={beforeExpiry} onChange={setBeforeExpiry} />
      <TextField label="Grace (minutes)" type="number" min={0} value={grace} onChange={setGrace} />
      <div className="actions">
        {saved && (
          <span className="hint" role="status">
            Saved.
          </span>
        )}
        <button type="submit">Save policy</button>
      </div>
      <div className="actions-full">
        <FormError message={error} />
        <p className="hint">
          Grace: how long the old key keeps working after the switch, for running jobs to pick up the new one.
        </p>
      </div>
    </form>
  );
}
