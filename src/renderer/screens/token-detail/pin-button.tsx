import { useKeyturnStore } from '../../store';

/** Pins the token to the tray menu or unpins it; pressed while pinned. */
export function PinButton({ tokenId, label }: { readonly tokenId: string; readonly label: string }): React.JSX.Element {
  const isPinned = useKeyturnStore((state) => state.pinnedTokenIds.includes(tokenId));
  const setPinned = useKeyturnStore((state) => state.setPinned);
  return (
    <button
      type="button"
      aria-pressed={isPinned}
      title={isPinned ? 'Shown first in the tray menu; press to unpin' : 'Show it first in the tray menu'}
      onClick={() => void setPinned(tokenId, label, !isPinned)}
    >
      <span aria-hidden="true">{isPinned ? '★ ' : '☆ '}</span>
      Pin to tray
    </button>
  );
}
