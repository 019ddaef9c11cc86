import { useId } from 'react';

/**
 * The provider's web page: a link (main opens it in the browser when its allowlist admits the
 * host) and the address to copy by hand when it does not.
 */
export function ProviderPage({ url, name }: { readonly url: string | null; readonly name: string }): React.JSX.Element {
  const id = useId();
  if (url === null) return <p className="hint">Open {name}’s web UI in your browser.</p>;
  return (
    <div className="field">
      <a href={url} target="_blank" rel="noreferrer noopener" className="button provider-link">
        Open {name}’s page
      </a>
      <label htmlFor={id}>If it does not open, copy this address into your browser</label>
      <input
        id={id}
        className="mono"
        readOnly
        value={url}
        dir="ltr"
        onFocus={(event) => event.currentTarget.select()}
      />
    </div>
  );
}
