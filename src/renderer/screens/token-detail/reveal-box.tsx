import { useEffect, useState } from 'react';

/** How long a revealed value stays on screen. */
export const REVEAL_MS = 30_000;

/**
 * Shows the secret on explicit request (main audits it). The value lives only in this component's
 * state: hidden after 30 s, when the window loses focus, and gone when the pane changes token or
 * the vault locks (the component unmounts).
 */
export function RevealBox({ tokenId }: { readonly tokenId: string }): React.JSX.Element {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (secret === null) return undefined;
    const hide = (): void => setSecret(null);
    const timer = setTimeout(hide, REVEAL_MS);
    window.addEventListener('blur', hide);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('blur', hide);
    };
  }, [secret]);

  const reveal = async (): Promise<void> => {
    const result = await window.keyturn.revealToken({ tokenId });
    if (result.ok) {
      setError(null);
      setSecret(result.value.secret);
    } else setError(result.error.message);
  };

  return (
    <div className="secret-box">
      {secret === null ? (
        <button type="button" onClick={() => void reveal()}>
          Reveal
        </button>
      ) : (
        <div className="secret-shown">
          <output className="secret-value" aria-label="Secret value" dir="ltr">
            {secret}
          </output>
          <span className="hint">Hidden again in 30 seconds or when the window loses focus.</span>
          <button type="button" onClick={() => setSecret(null)}>
            Hide
          </button>
        </div>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
