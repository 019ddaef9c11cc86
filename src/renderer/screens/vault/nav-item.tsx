import type { ReactNode } from 'react';
import { UserText } from '../../components/user-text';

interface NavItemProps {
  readonly name: string;
  readonly isCurrent: boolean;
  readonly onSelect: () => void;
  readonly count?: number;
  readonly countLabel?: string;
  readonly expiring?: number;
  readonly expired?: number;
  readonly level?: 'view' | 'tenant' | 'environment';
  readonly isProduction?: boolean;
  /** The item's action menu (a tenant's, an environment's). */
  readonly menu?: ReactNode;
  readonly children?: ReactNode;
}

/** A small count badge; its words are there for screen readers and on hover. */
function CountPill({
  count,
  tone,
}: {
  readonly count: number;
  readonly tone: 'expired' | 'expiring';
}): React.JSX.Element {
  return (
    <span className={`pill ${tone}`} title={`${count} ${tone}`}>
      <span aria-hidden="true">{tone === 'expired' ? '✕' : '!'}</span>
      {count}
      <span className="visually-hidden"> {tone}</span>
    </span>
  );
}

/** One sidebar entry: the name (isolated, truncated, in full on hover), badges, count, menu. */
export function NavItem(props: NavItemProps): React.JSX.Element {
  const { name, isCurrent, onSelect, count, expiring = 0, expired = 0, level = 'view', isProduction = false } = props;
  const classes = ['nav-item', level, isCurrent ? 'current' : '', isProduction ? 'production' : ''];
  return (
    <li>
      <div className={classes.join(' ')}>
        <button type="button" className="nav-link" aria-current={isCurrent ? 'page' : undefined} onClick={onSelect}>
          {isProduction && (
            <span className="pill prod" title="Production: handle with care">
              PROD
            </span>
          )}
          <UserText text={name} />
          {expired > 0 && <CountPill count={expired} tone="expired" />}
          {expiring > 0 && <CountPill count={expiring} tone="expiring" />}
          {count !== undefined && (
            <span className="nav-count" aria-label={props.countLabel ?? `${count} tokens`}>
              {count.toLocaleString()}
            </span>
          )}
        </button>
        {props.menu}
      </div>
      {props.children}
    </li>
  );
}
