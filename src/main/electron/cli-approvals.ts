/**
 * The app's approval prompt for terminals (docs/cli.md, App integration), at the Electron edge:
 * the approver's pending list goes to the window as `cli-approvals:changed`, and a new question
 * brings the window to the front with an OS notification, so the user knows to look even when the
 * window is behind the terminal. The notification names no token or folder (it shows on the lock
 * screen and stays in the notification centre); the window shows the details.
 */
import type { CliApprovalRequest } from '../../shared/cli-approval';
import type { WindowEvents } from '../api/event-hub';
import type { Clock, Notifier } from '../api/ports';
import { createWindowApprover, type WindowApprover } from '../app-link/window-approver';
import type { MainWindow } from './window';

export interface CliApprovalsDeps {
  readonly clock: Clock;
  readonly notifier: Notifier;
  /** Where the pending list goes to the window (`cli-approvals:changed`). */
  readonly events: WindowEvents;
  /** The main window once it exists. */
  readonly window: () => MainWindow | null;
}

export const ATTENTION_TITLE = 'A terminal is asking';

export function attentionBody(request: CliApprovalRequest): string {
  const what = request.targetKind === 'token' ? 'a token' : 'the tokens of an environment';
  return `keyturn ${request.purpose} wants ${what}. Approve or deny it in Keyturn.`;
}

export function createCliApprovals(deps: CliApprovalsDeps): WindowApprover {
  return createWindowApprover({
    clock: deps.clock,
    publish: (pending) => deps.events.emit('cli-approvals:changed', { pending: [...pending] }),
    attention: (request) => {
      deps.notifier.notify(ATTENTION_TITLE, attentionBody(request));
      void deps.window()?.show();
    },
  });
}
