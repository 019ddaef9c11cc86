import { revealInvisibleCharacters } from '../../../shared/invisible-characters';
import type { CliApprovalRequest } from '../../../shared/cli-approval';
import { useKeyturnStore } from '../../store';
import { useSecondsLeft } from './use-seconds-left';

interface ApprovalCardProps {
  readonly request: CliApprovalRequest;
  /** The first card takes focus, on Deny: Enter from a stray keystroke never approves. */
  readonly isFirst: boolean;
}

/** Terminal text is not validated by the vault: isolated, wrapped, invisible characters written out. */
function TerminalText({ text }: { readonly text: string }): React.JSX.Element {
  return (
    <span dir="auto" className="user-text wrap mono">
      {revealInvisibleCharacters(text)}
    </span>
  );
}

function wantedWords(request: CliApprovalRequest): string {
  return request.targetKind === 'token' ? 'wants the token' : 'wants every token of the environment';
}

/** One command asking: what it wants, from where, how long it waits; Deny or Approve. */
export function ApprovalCard({ request, isFirst }: ApprovalCardProps): React.JSX.Element {
  const answer = useKeyturnStore((state) => state.answerApproval);
  const secondsLeft = useSecondsLeft(request);
  const titleId = `approval-${request.id}`;
  return (
    <section className="approval" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <code>keyturn {request.purpose}</code> {wantedWords(request)} <TerminalText text={request.target} />
      </h3>
      <dl className="facts approval-facts">
        <dt>Command</dt>
        <dd>
          <TerminalText text={`keyturn ${request.command}`} />
        </dd>
        <dt>Folder</dt>
        <dd>
          <TerminalText text={request.cwd} />
        </dd>
        <dt>Terminal</dt>
        <dd>{request.terminal === null ? 'None (a script or a task)' : <TerminalText text={request.terminal} />}</dd>
        <dt>Process</dt>
        <dd className="mono">{request.pid}</dd>
      </dl>
      {!request.verified && (
        <p className="warning approval-unverified">
          Unverified: Keyturn could not check this process itself, so these details are what the command says about
          itself.
        </p>
      )}
      <div className="actions">
        <span className="hint" role="timer" aria-live="off">
          {secondsLeft > 0 ? `Denied by itself in ${secondsLeft} s` : 'Time is up'}
        </span>
        <span className="spacer" />
        <button type="button" autoFocus={isFirst} onClick={() => void answer(request.id, 'deny')}>
          Deny
        </button>
        <button type="button" className="primary" onClick={() => void answer(request.id, 'approve')}>
          Approve
        </button>
      </div>
    </section>
  );
}
