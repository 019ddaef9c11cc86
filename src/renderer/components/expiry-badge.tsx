import type { ExpiryState } from '../../shared/model';

interface ExpiryBadgeProps {
  readonly state: ExpiryState;
  readonly expiresAt: number | null;
}

const LABELS: Readonly<Record<ExpiryState, string>> = {
  fresh: 'Valid',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
  never: 'Never expires',
  unknown: 'No expiry known',
};

/** The expiry state in words and colour, with the date when there is one. */
export function ExpiryBadge({ state, expiresAt }: ExpiryBadgeProps): React.JSX.Element {
  const date = expiresAt === null ? '' : new Date(expiresAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
  return (
    <span className={`expiry-badge expiry-${state}`}>
      {LABELS[state]}
      {date !== '' && state !== 'revoked' && <span className="expiry-date">{date}</span>}
    </span>
  );
}
