import { memo } from 'react';
import type { ExpiryState } from '../../shared/model';
import { dateWords, relativeWords } from '../lib/time-words';

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

/**
 * The expiry state in words and colour, with when (relative and the date) when there is one.
 * Memoised: a list row re-rendered for new match ranges (a keystroke) leaves it alone. So the
 * relative tooltip ("in 3 days") is worked out again each time the pointer comes onto the badge,
 * not only when the row last rendered, and stays true in a window left open for days.
 */
export const ExpiryBadge = memo(function ExpiryBadge({ state, expiresAt }: ExpiryBadgeProps): React.JSX.Element {
  const showDate = expiresAt !== null && state !== 'revoked';
  return (
    <span
      className={`expiry-badge expiry-${state}`}
      title={showDate ? relativeWords(expiresAt) : undefined}
      onPointerEnter={showDate ? (event) => (event.currentTarget.title = relativeWords(expiresAt)) : undefined}
    >
      {LABELS[state]}
      {showDate && <span className="expiry-date">{dateWords(expiresAt)}</span>}
    </span>
  );
});
