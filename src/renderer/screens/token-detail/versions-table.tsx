import type { VersionView } from '../../../shared/model';
import { dateTimeWords } from '../../lib/time-words';

const STATUS_NAMES = { current: 'Current', pending: 'Pending', previous: 'Previous', revoked: 'Revoked' } as const;

/** Every version of the token, newest first, with the provider's key id; never a secret. */
export function VersionsTable({ versions }: { readonly versions: readonly VersionView[] }): React.JSX.Element {
  if (versions.length === 0) return <p className="hint">No versions.</p>;
  return (
    <table className="versions">
      <caption className="visually-hidden">Versions, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Provider key id</th>
          <th scope="col">Since</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.id}>
            <td className={`status-${version.status}`}>{STATUS_NAMES[version.status]}</td>
            <td className="mono" title={version.providerKeyId ?? undefined}>
              {version.providerKeyId ?? '—'}
            </td>
            <td>{dateTimeWords(version.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
