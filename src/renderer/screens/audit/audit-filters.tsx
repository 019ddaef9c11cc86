import { AUDIT_SOURCES } from '../../../shared/ipc-window-admin-channels';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/model';
import { UserText } from '../../components/user-text';
import { useKeyturnStore } from '../../store';
import { ACTION_WORDS, SOURCE_WORDS } from './audit-words';
import type { AuditFilters } from './use-audit';

interface FiltersProps {
  readonly filters: AuditFilters;
  readonly onChange: (filters: AuditFilters) => void;
}

/** Kind, source and date range; the token filter is a chip set from a token's detail or a row. */
export function AuditFilterBar({ filters, onChange }: FiltersProps): React.JSX.Element {
  const token = useKeyturnStore((state) => state.auditToken);
  const showAudit = useKeyturnStore((state) => state.showAudit);
  return (
    <div className="audit-filters" role="group" aria-label="Filter the log">
      <label>
        Kind
        <select
          value={filters.action}
          onChange={(event) => onChange({ ...filters, action: event.target.value as AuditAction | '' })}
        >
          <option value="">All kinds</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ACTION_WORDS[action]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source
        <select
          value={filters.source}
          onChange={(event) => onChange({ ...filters, source: event.target.value as AuditFilters['source'] })}
        >
          <option value="">All sources</option>
          {AUDIT_SOURCES.map((source) => (
            <option key={source} value={source}>
              {SOURCE_WORDS[source]}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          value={filters.from}
          onChange={(event) => onChange({ ...filters, from: event.target.value })}
        />
      </label>
      <label>
        To
        <input type="date" value={filters.to} onChange={(event) => onChange({ ...filters, to: event.target.value })} />
      </label>
      {token !== null && (
        <span className="filter-chip">
          Token: <UserText text={token.name} />
          <button type="button" className="icon quiet" aria-label="Show every token" onClick={() => showAudit(null)}>
            ✕
          </button>
        </span>
      )}
    </div>
  );
}
