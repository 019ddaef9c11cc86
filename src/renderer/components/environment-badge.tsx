import type { EnvironmentKind } from '../../shared/model';

interface EnvironmentBadgeProps {
  readonly tenantName: string;
  readonly environmentName: string;
  readonly kind: EnvironmentKind;
}

/** Tenant / environment, colour-coded by kind; production is red and says so in words. */
export function EnvironmentBadge({ tenantName, environmentName, kind }: EnvironmentBadgeProps): React.JSX.Element {
  return (
    <span className={`env-badge env-${kind}`} title={kind === 'production' ? 'Production: handle with care' : kind}>
      {kind === 'production' && <span className="env-warning">⚠ PROD</span>}
      <span className="env-name">
        {tenantName} / {environmentName}
      </span>
    </span>
  );
}
