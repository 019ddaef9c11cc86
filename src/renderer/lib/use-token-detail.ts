import { useEffect, useState } from 'react';
import type { TokenDetail } from '../../shared/window-views';
import { useKeyturnStore } from '../store';

export type DetailState =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly detail: TokenDetail }
  | { readonly state: 'error'; readonly message: string; readonly gone: boolean };

/** A token's detail from main, asked again whenever the vault changes. Never a secret. */
export function useTokenDetail(tokenId: string | null): DetailState {
  const revision = useKeyturnStore((state) => state.dataRevision);
  const [detail, setDetail] = useState<DetailState>({ state: 'loading' });
  useEffect(() => {
    if (tokenId === null) return undefined;
    let isCurrent = true;
    void window.keyturn.tokenDetail({ tokenId }).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setDetail({ state: 'ready', detail: result.value });
      else setDetail({ state: 'error', message: result.error.message, gone: result.error.code === 'NOT_FOUND' });
    });
    return () => {
      isCurrent = false;
    };
  }, [tokenId, revision]);
  return detail;
}
