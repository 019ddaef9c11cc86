import { memo } from 'react';
import type { EnvironmentKind } from '../../shared/model';
import { UserText } from './user-text';

interface EnvironmentBadgeProps {
  readonly tenantName: string;
  readonly environmentName: string;
  readonly kind: EnvironmentKind;
}

/**
 * Tenant › environment; production says so in words and in red, never by colour alone. Memoised:
 * a list row re-rendered for new match ranges (a keystroke) leaves it alone.
 */
export const EnvironmentBadge = memo(function EnvironmentBadge({
  tenantName,
  environmentName,
  kind,
}: EnvironmentBadgeProps): React.JSX.Element {
  return (
    <span className="env-where">
      {kind === 'production' && (
        <span className="pill prod" title="Production: handle with care">
          PROD
        </span>
      )}
      <UserText text={tenantName} />
      <span className="sep" aria-hidden="true">
        ›
      </span>
      <UserText text={environmentName} />
    </span>
  );
});
