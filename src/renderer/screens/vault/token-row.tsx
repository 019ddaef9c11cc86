import { memo } from 'react';
import type { TokenRow as TokenRowView } from '../../../shared/window-views';
import { EnvironmentBadge } from '../../components/environment-badge';
import { ExpiryBadge } from '../../components/expiry-badge';
import { HighlightedLabel } from '../../components/highlighted-label';
import { PROVIDER_NAMES } from '../../lib/words';
import { sameRow } from './same-row';

export const ROW_HEIGHT = 54;

interface TokenRowProps {
  readonly row: TokenRowView | undefined;
  readonly index: number;
  readonly start: number;
  readonly isSelected: boolean;
  readonly onSelect: (index: number) => void;
  readonly onCopy: (row: TokenRowView) => void;
  readonly onMenu: (index: number, x: number, y: number) => void;
}

/** Re-render a row only when what it shows changed (a new answer brings new row objects). */
const sameProps = (before: TokenRowProps, after: TokenRowProps): boolean =>
  before.index === after.index &&
  before.start === after.start &&
  before.isSelected === after.isSelected &&
  before.onSelect === after.onSelect &&
  before.onCopy === after.onCopy &&
  before.onMenu === after.onMenu &&
  sameRow(before.row, after.row);

/** One token: label (matches marked), where it lives (production stands out), expiry, copy. */
export const TokenRow = memo(function TokenRow(props: TokenRowProps): React.JSX.Element {
  const { row, index, start, isSelected } = props;
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (row === undefined) {
    return (
      <div role="row" aria-rowindex={index + 1} aria-busy="true" className="token-row placeholder" style={style}>
        <div role="gridcell" className="token-main">
          <span className="token-label" />
        </div>
      </div>
    );
  }
  const classes = ['token-row', isSelected ? 'selected' : '', row.environmentKind === 'production' ? 'production' : ''];
  if (row.revoked) classes.push('revoked');
  return (
    <div
      id={`token-row-${index}`}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={isSelected}
      className={classes.join(' ')}
      style={style}
      onMouseDown={() => props.onSelect(index)}
      onDoubleClick={() => props.onCopy(row)}
      onContextMenu={(event) => {
        event.preventDefault();
        props.onSelect(index);
        props.onMenu(index, event.clientX, event.clientY);
      }}
    >
      <div role="gridcell" className="token-main">
        <HighlightedLabel label={row.label} matches={row.labelMatches} />
        <span className="token-where">
          <EnvironmentBadge
            tenantName={row.tenantName}
            environmentName={row.environmentName}
            kind={row.environmentKind}
          />
          <span className="sep" aria-hidden="true">
            ·
          </span>
          <span className="provider">{PROVIDER_NAMES[row.provider]}</span>
        </span>
      </div>
      <div role="gridcell">
        <ExpiryBadge state={row.expiryState} expiresAt={row.expiresAt} />
      </div>
      <div role="gridcell">
        <button
          type="button"
          className="row-copy"
          tabIndex={-1}
          aria-label={`Copy ${row.label}`}
          onMouseDown={(event) => event.stopPropagation()}
          onClick={() => props.onCopy(row)}
        >
          Copy
        </button>
      </div>
    </div>
  );
}, sameProps);
