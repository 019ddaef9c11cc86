import { useEffect, useState } from 'react';
import { UserText } from '../../components/user-text';
import type { SectionProps } from './settings-sections';

interface Pinned {
  readonly id: string;
  readonly name: string;
}

/** The pinned tokens' names, `tenant / environment / label`, asked of main one by one. */
function usePinnedNames(ids: readonly string[]): readonly Pinned[] {
  const [pinned, setPinned] = useState<readonly Pinned[]>([]);
  // The ids' content, not the array's identity, decides when to ask again.
  const key = ids.join('\n');
  useEffect(() => {
    let isCurrent = true;
    const wanted = key === '' ? [] : key.split('\n');
    void Promise.all(
      wanted.map(async (id) => {
        const result = await window.keyturn.tokenDetail({ tokenId: id });
        if (!result.ok) return { id, name: 'A token that is gone' };
        const { tenantName, environmentName, label } = result.value.token;
        return { id, name: `${tenantName} / ${environmentName} / ${label}` };
      }),
    ).then((names) => {
      if (isCurrent) setPinned(names);
    });
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return pinned;
}

/** Tray favourites: pinned tokens come first in the tray menu, in this order; reorder or unpin here. */
export function FavouritesSection({ settings }: Pick<SectionProps, 'settings'>): React.JSX.Element {
  const ids = settings.trayPinnedTokenIds;
  const pinned = usePinnedNames(ids);
  const [error, setError] = useState<string | null>(null);

  const move = async (index: number, by: -1 | 1): Promise<void> => {
    const order = [...ids];
    const [moved] = order.splice(index, 1);
    if (moved === undefined) return;
    order.splice(index + by, 0, moved);
    const result = await window.keyturn.reorderPinnedTokens({ tokenIds: order });
    setError(result.ok ? null : result.error.message);
  };
  const unpin = async (tokenId: string): Promise<void> => {
    const result = await window.keyturn.unpinToken({ tokenId });
    setError(result.ok ? null : result.error.message);
  };

  return (
    <section className="settings-group" aria-labelledby="settings-favourites">
      <h3 id="settings-favourites">Tray favourites</h3>
      {pinned.length === 0 ? (
        <p className="hint">
          No pinned tokens. Pin one from its menu in the list or from its details; the tray then shows it first.
        </p>
      ) : (
        <ol className="pinned-list" aria-labelledby="settings-favourites">
          {pinned.map((item, index) => (
            <li key={item.id}>
              <span className="pin-order" aria-hidden="true">
                {index + 1}.
              </span>
              <UserText text={item.name} />
              <span className="pinned-actions">
                <button
                  type="button"
                  className="icon quiet"
                  aria-label={`Move ${item.name} up`}
                  disabled={index === 0}
                  onClick={() => void move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon quiet"
                  aria-label={`Move ${item.name} down`}
                  disabled={index === pinned.length - 1}
                  onClick={() => void move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="quiet"
                  aria-label={`Unpin ${item.name}`}
                  onClick={() => void unpin(item.id)}
                >
                  Unpin
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
