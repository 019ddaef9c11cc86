import type { ConnectionTest } from '../../../shared/window-views';

export type Tested =
  | { readonly state: 'testing' }
  | { readonly state: 'works'; readonly test: ConnectionTest }
  | { readonly state: 'failed'; readonly message: string };

/** What "Test connection" found, in words. */
export function TestResult({ tested }: { readonly tested: Tested | null }): React.JSX.Element | null {
  if (tested === null || tested.state === 'testing') return null;
  if (tested.state === 'failed') {
    return (
      <p className="error" role="alert">
        The connection does not work: {tested.message}
      </p>
    );
  }
  return (
    <div className="success" role="status">
      <p>
        The connection works
        {tested.test.identity === null ? (
          '.'
        ) : (
          <>
            : signed in as <bdi>{tested.test.identity}</bdi>.
          </>
        )}
      </p>
      {(tested.test.notes ?? []).map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
    </div>
  );
}
