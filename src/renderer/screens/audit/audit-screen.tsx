import { useState } from 'react';
import type { AuditVerdictInWords } from '../../../shared/ipc-window-admin-channels';
import { AuditFilterBar } from './audit-filters';
import { AuditTable } from './audit-table';
import { AuditPager } from './audit-pager';
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
  const { page, verdict, error, turn } = useAudit(filters);
  return (
    <section className="main-pane audit" aria-labelledby="audit-title">
      <div className="list-heading">
        <h2 id="audit-title">Audit log</h2>
        <span className="count">
          {page === null ? '' : `${page.total.toLocaleString()} ${page.total === 1 ? 'entry' : 'entries'}`}
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
        {page !== null && <AuditPager page={page} onTurn={turn} />}
      </div>
    </section>
  );
}
