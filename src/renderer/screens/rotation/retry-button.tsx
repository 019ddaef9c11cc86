import { useKeyturnStore } from '../../store';

/** "Retry now" for an unfinished rotation: the lifecycle dialog runs it with live progress. */
export function RetryRotationButton(props: {
  readonly tokenId: string | null;
  readonly label: string;
  readonly journalId: string;
}): React.JSX.Element {
  const openDialog = useKeyturnStore((state) => state.openDialog);
  return (
    <button
      type="button"
      className="primary"
      onClick={() => openDialog({ kind: 'lifecycle', operation: 'retry', ...props })}
    >
      Retry now
    </button>
  );
}
