import { useKeyturnStore } from '../../store';

/** No rows: say why (nothing here yet, or nothing matches) and offer the next step. */
export function ListEmpty(): React.JSX.Element {
  const text = useKeyturnStore((state) => state.text);
  const view = useKeyturnStore((state) => state.view);
  const hasTenants = useKeyturnStore((state) => (state.outline?.tenants.length ?? 0) > 0);
  const setText = useKeyturnStore((state) => state.setText);
  const openDialog = useKeyturnStore((state) => state.openDialog);
  if (text !== '') {
    return (
      <div className="empty" role="status">
        <p>
          No tokens match “<bdi>{text}</bdi>”.
        </p>
        <button type="button" onClick={() => setText('')}>
          Clear the search
        </button>
      </div>
    );
  }
  if (view.kind === 'expiring') {
    return (
      <div className="empty" role="status">
        <p>Nothing is expiring soon.</p>
      </div>
    );
  }
  return (
    <div className="empty" role="status">
      <p>{hasTenants ? 'No tokens here yet.' : 'Your vault is empty. Start with a tenant (a customer or project).'}</p>
      {hasTenants ? (
        <button
          type="button"
          className="primary"
          onClick={() =>
            openDialog({ kind: 'add-token', environmentId: view.kind === 'environment' ? view.environmentId : null })
          }
        >
          Add a token
        </button>
      ) : (
        <button type="button" className="primary" onClick={() => openDialog({ kind: 'add-tenant' })}>
          Add your first tenant
        </button>
      )}
    </div>
  );
}
