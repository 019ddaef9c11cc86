import { plural, PROVIDER_NAMES } from '../../lib/words';
import { useKeyturnStore } from '../../store';
import { findEnvironment } from '../../store/outline-slice';
import { viewTitle } from './view-title';

/** The view's name, its counts, and for an environment its connection and what to do there. */
export function ListHeading(): React.JSX.Element {
  const view = useKeyturnStore((state) => state.view);
  const outline = useKeyturnStore((state) => state.outline);
  const counts = useKeyturnStore((state) => state.counts);
  const text = useKeyturnStore((state) => state.text);
  const openDialog = useKeyturnStore((state) => state.openDialog);
  const found = view.kind === 'environment' ? findEnvironment(outline, view.environmentId) : null;
  const matched = counts?.matched ?? 0;
  const countText =
    counts === null
      ? ''
      : text === ''
        ? plural(matched, 'token')
        : `${matched.toLocaleString()} of ${plural(counts.inView, 'token')} match`;

  return (
    <div className="list-heading-wrap">
      <div className="list-heading">
        {found?.environment.kind === 'production' && (
          <span className="pill prod" title="Production: handle with care">
            PROD
          </span>
        )}
        <h2 id="list-title" dir="auto" className="user-text" title={viewTitle(view, outline)}>
          {viewTitle(view, outline)}
        </h2>
        <span className="count" aria-live="polite">
          {countText}
          {counts !== null && counts.expired > 0 && <span className="pill expired">{counts.expired} expired</span>}
          {counts !== null && counts.expiring > 0 && <span className="pill expiring">{counts.expiring} expiring</span>}
        </span>
      </div>
      {found?.environment.kind === 'production' && (
        <p className="prod-warning">Production: changes here affect live systems.</p>
      )}
      {found !== null && (
        <div className="list-subheading">
          <span className="hint">
            {found.environment.connections.length === 0
              ? 'Not connected to a provider.'
              : `Connected to ${found.environment.connections.map((c) => PROVIDER_NAMES[c.provider]).join(', ')}.`}
          </span>
          <button type="button" onClick={() => openDialog({ kind: 'connect', environmentId: found.environment.id })}>
            {found.environment.connections.length === 0 ? 'Connect…' : 'Connection…'}
          </button>
          {found.environment.connections.length > 0 && (
            <button
              type="button"
              onClick={() => openDialog({ kind: 'create-token', environmentId: found.environment.id })}
            >
              Create key…
            </button>
          )}
          <button type="button" onClick={() => openDialog({ kind: 'add-token', environmentId: found.environment.id })}>
            Add token here…
          </button>
        </div>
      )}
    </div>
  );
}
