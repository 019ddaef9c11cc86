import type { TokenDetail } from '../../../shared/window-views';
import { runTokenAction } from '../vault/token-actions';
import { PinButton } from './pin-button';
import { RevealBox } from './reveal-box';

/** Copy, copy fresh, reveal, edit, delete, and what the provider allows: rotate, verify, revoke. */
export function DetailActions({ detail }: { readonly detail: TokenDetail }): React.JSX.Element {
  const token = detail.token;
  const ref = { id: token.id, label: token.label };
  const run = (action: string) => () => runTokenAction(action, ref);
  const busy = detail.rotation !== null;
  return (
    <>
      <div className="detail-actions" role="group" aria-label="Use">
        <button type="button" className="primary" onClick={run('copy')} disabled={token.revoked}>
          Copy
        </button>
        <button
          type="button"
          onClick={run('copy-fresh')}
          disabled={token.revoked}
          title="Refreshes a session first, then copies"
        >
          Copy fresh
        </button>
        {!token.revoked && <RevealBox tokenId={token.id} />}
        <PinButton tokenId={token.id} label={token.label} />
      </div>
      <div className="detail-actions" role="group" aria-label="Change">
        <button type="button" onClick={run('edit')}>
          Edit…
        </button>
        <button type="button" onClick={run('delete')}>
          Delete…
        </button>
      </div>
      {/* The provider's actions on a row of their own: five buttons in one row wrapped one alone. */}
      <div className="detail-actions" role="group" aria-label="At the provider">
        <button type="button" onClick={run('rotate')} disabled={token.revoked || busy}>
          Rotate…
        </button>
        <button
          type="button"
          onClick={run('verify')}
          disabled={token.revoked || !detail.abilities.verify || detail.connection === null}
        >
          Verify
        </button>
        <button
          type="button"
          onClick={run('revoke')}
          disabled={token.revoked || busy || !detail.abilities.revoke || detail.connection === null}
        >
          Revoke…
        </button>
      </div>
    </>
  );
}
