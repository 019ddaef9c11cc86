import type { AuditRow } from '../../../shared/ipc-window-admin-channels';
import { UserText } from '../../components/user-text';
import { useKeyturnStore } from '../../store';
import { actionWords, SOURCE_WORDS } from './audit-words';

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function subjectOf(row: AuditRow): string | null {
  const parts = [row.tenantName, row.environmentName, row.tokenLabel].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' / ') : row.subject;
}

/** The log's rows, newest first: time, what, on what, from where, and main's detail. */
export function AuditTable({ rows }: { readonly rows: readonly AuditRow[] }): React.JSX.Element {
  const showAudit = useKeyturnStore((state) => state.showAudit);
  const filteredTo = useKeyturnStore((state) => state.auditToken?.tokenId);
  return (
    <table className="audit-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">What</th>
          <th scope="col">On</th>
          <th scope="col">Source</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const subject = subjectOf(row);
          const canNarrow = row.tokenLabel !== null && row.subjectId !== null && filteredTo !== row.subjectId;
          return (
            <tr key={row.seq} data-seq={row.seq}>
              <td className="nowrap">{TIME.format(row.at)}</td>
              <td className={`audit-action ${row.action}`}>{actionWords(row.action)}</td>
              <td>
                {subject === null ? (
                  <span className="hint">—</span>
                ) : canNarrow ? (
                  <button
                    type="button"
                    className="link"
                    title="Show only this token's entries"
                    onClick={() => showAudit({ tokenId: row.subjectId ?? '', name: subject })}
                  >
                    <UserText text={subject} />
                  </button>
                ) : (
                  <UserText text={subject} />
                )}
              </td>
              <td>{row.source === null ? <span className="hint">Vault</span> : SOURCE_WORDS[row.source]}</td>
              <td className="audit-detail">
                <UserText text={row.detail} wrap />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
