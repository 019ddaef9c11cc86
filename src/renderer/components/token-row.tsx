import type { TokenListItem } from '../../shared/ipc';
import { useKeyturnStore } from '../store';
import { EnvironmentBadge } from './environment-badge';
import { ExpiryBadge } from './expiry-badge';

export const ROW_HEIGHT = 56;

interface TokenRowProps {
  readonly token: TokenListItem;
  readonly index: number;
  readonly isSelected: boolean;
}

/** One token: label and kind, where it lives (production stands out), and its expiry. */
export function TokenRow({ token, index, isSelected }: TokenRowProps): React.JSX.Element {
  const select = useKeyturnStore((state) => state.select);
  const copyToken = useKeyturnStore((state) => state.copyToken);
  const isProduction = token.environmentKind === 'production';
  return (
    <div
      id={`token-${index}`}
      role="option"
      aria-selected={isSelected}
      className={`token-row${isSelected ? ' selected' : ''}${isProduction ? ' production' : ''}`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      onClick={() => select(index)}
      onDoubleClick={() => void copyToken(token.id)}
    >
      <div className="token-main">
        <span className="token-label">{token.label}</span>
        <span className="token-kind">
          {token.kind} · {token.provider}
        </span>
      </div>
      <EnvironmentBadge
        tenantName={token.tenantName}
        environmentName={token.environmentName}
        kind={token.environmentKind}
      />
      <ExpiryBadge state={token.expiryState} expiresAt={token.expiresAt} />
    </div>
  );
}
