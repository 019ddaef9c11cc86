import { useState } from 'react';
import type { AuditVerdictInWords } from '../../../shared/ipc-window-admin-channels';
import { AuditFilterBar } from './audit-filters';
import { AuditTable } from './audit-table';
import { NO_FILTERS, useAudit, type AuditFilters } from './use-audit';

function Verdict({ verdict }: { readonly verdict: AuditVerdictInWords | null }): React.JSX.Element {
  if (verdict === null) return <p className="audit-verdict hint">Checking the log’s chain…</p>;
  return (
    <p className={`audit-verdict ${verdict.ok ? 'success' : 'error'}`} role="status">
      <span aria-hidden="true">{verdict.ok ? '✓ ' : '⚠ '}</span>
      {verdict.inWords}
    </p>
  );
}

/**
 * The audit log: every entry with time, subject and source, filtered in main by token, kind,
 * source and date; the MAC chain's verdict in words above it.
 */
export function AuditScreen(): React.JSX.Element {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const { page, verdict, error, showMore } = useAudit(filters);
  const shown = page?.entries.length ?? 0;
  return (
    <section className="main-pane audit" aria-labelledby="audit-title">
      <div className="list-heading">
        <h2 id="audit-title">Audit log</h2>
        <span className="count">
          {page === null ? '' : `${shown.toLocaleString()} of ${page.total.toLocaleString()} entries`}
        </span>
      </div>
      <div className="audit-top">
        <Verdict verdict={verdict} />
        <AuditFilterBar filters={filters} onChange={setFilters} />
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="audit-body">
        {page !== null && page.total === 0 ? (
          <p className="empty">No entries match these filters.</p>
        ) : (
          page !== null && <AuditTable rows={page.entries} />
        )}
        {page !== null && shown < page.total && (
          <div className="audit-more">
            {shown < 500 ? (
              <button type="button" onClick={showMore}>
                Show older entries
              </button>
            ) : (
              <p className="hint">The newest 500 are shown; narrow the dates or the kind to see older ones.</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
