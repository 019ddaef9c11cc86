import type { AuditPage } from '../../../shared/ipc-window-admin-channels';

/** "Entries 101–200 of 12,345" with Newer and Older, so every entry of a long log can be reached. */
export function AuditPager({
  page,
  onTurn,
}: {
  readonly page: AuditPage;
  readonly onTurn: (direction: 1 | -1) => void;
}): React.JSX.Element | null {
  const first = page.offset + 1;
  const last = page.offset + page.entries.length;
  if (page.entries.length === 0 || (page.offset === 0 && last >= page.total)) return null;
  return (
    <nav className="audit-more" aria-label="Audit log pages">
      <button type="button" disabled={page.offset === 0} onClick={() => onTurn(-1)}>
        ← Newer
      </button>
      <span className="count" aria-live="polite">
        Entries {first.toLocaleString()}–{last.toLocaleString()} of {page.total.toLocaleString()}
      </span>
      <button type="button" disabled={last >= page.total} onClick={() => onTurn(1)}>
        Older →
      </button>
    </nav>
  );
}
