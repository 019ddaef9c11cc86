import { useEffect, useState } from 'react';
import { FormError } from './form-error';

type Outcome =
  | { readonly kind: 'copied'; readonly clearsInSeconds: number }
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Copy, save or print the recovery key main showed last. The window never sends the key back:
 * main copies it through its clipboard (cleared like a token, and at lock) and saves it through its
 * save dialog. "Copied" is shown only while the clipboard holds it.
 */
export function RecoveryKeyActions({ onPrint }: { readonly onPrint?: () => void }): React.JSX.Element {
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (outcome?.kind !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), outcome.clearsInSeconds * 1000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async (): Promise<void> => {
    const result = await window.keyturn.copyRecoveryKey({});
    if (!result.ok) setOutcome({ kind: 'failed', message: result.error.message });
    else setOutcome({ kind: 'copied', clearsInSeconds: Math.max(1, Math.round(result.value.clearAfterMs / 1000)) });
  };
  const save = async (): Promise<void> => {
    const result = await window.keyturn.saveRecoveryKey({});
    if (!result.ok) setOutcome({ kind: 'failed', message: result.error.message });
    else if (result.value.saved) setOutcome({ kind: 'saved', path: result.value.path });
  };

  return (
    <>
      <div className="actions start no-print">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" onClick={() => void save()}>
          Save to a file…
        </button>
        {onPrint !== undefined && (
          <button type="button" onClick={onPrint}>
            Print…
          </button>
        )}
      </div>
      {/* The live region stays in the page, empty, so what appears in it is announced. */}
      <div role="status" className="no-print">
        {outcome?.kind === 'copied' && (
          <p className="success">Copied. The clipboard clears in {outcome.clearsInSeconds} s.</p>
        )}
        {outcome?.kind === 'saved' && <p className="success">Saved to {outcome.path}</p>}
      </div>
      <FormError message={outcome?.kind === 'failed' ? outcome.message : null} />
    </>
  );
}

/** The key as shown once, in the monospaced card the print stylesheet keeps. */
export function RecoveryKeyShown({ recoveryKey }: { readonly recoveryKey: string }): React.JSX.Element {
  return (
    <output className="recovery-key" aria-label="Recovery key">
      {recoveryKey}
    </output>
  );
}
