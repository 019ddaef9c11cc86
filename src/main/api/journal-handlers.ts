/**
 * token:confirm (the user revoked the old key after a manual rotation) and journals:reconcile
 * (`keyturn reconcile`: every unfinished entry resumed or discarded, orphans swept, as the app does
 * after each unlock). Entries a live process holds are left alone and counted as unfinished.
 */
import { KeyturnError } from '../../shared/errors';
import type { ReconcileResult } from '../../shared/ipc-cli-channels';
import type { Vault } from '../vault/types';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { lifecycleDeps, reconciledView, toResult } from './lifecycle-run';
import { selectToken } from './resolve';

type JournalChannels = 'token:confirm' | 'journals:reconcile';

/** Open entries, less those only waiting out a grace period (scheduled, not stuck). */
async function unfinishedCount(vault: Vault, now: number): Promise<number> {
  const { parseJournal } = await import('../lifecycle/rotation-state');
  return vault
    .listJournal({ unfinishedOnly: true })
    .map((entry) => parseJournal(entry).rotation)
    .filter((rotation) => rotation.step !== 'promoted' || rotation.promotedAt + rotation.graceMinutes * 60_000 <= now)
    .length;
}

export const journalHandlers: HandlerBodies<JournalChannels> = {
  'token:confirm': async ({ token: selector }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const { awaitingConfirmation, confirmOldRevoked } = await import('../lifecycle/manual-rotation');
    const journalId = awaitingConfirmation(vault, token.id);
    if (journalId === null) {
      throw new KeyturnError('NOT_FOUND', 'No rotation of this token is waiting for the old key to be revoked');
    }
    confirmOldRevoked(vault, journalId, await lifecycleDeps(context, vault));
    return toResult(vault, { status: 'done', journalId, tokenId: token.id }, []);
  },

  'journals:reconcile': async (_input, context): Promise<ReconcileResult> => {
    const vault = requireVault(context);
    const deps = await lifecycleDeps(context, vault);
    const { reconcile } = await import('../lifecycle/reconcile');
    const report = await reconcile(vault, deps.clients, {
      now: deps.now,
      actor: `${context.callerName ?? 'app'} reconcile`,
      ...(deps.faultPoint === undefined ? {} : { faultPoint: deps.faultPoint }),
    });
    return {
      entries: report.entries.map((entry) => reconciledView(vault, entry)),
      orphansRevoked: report.orphansRevoked,
      revokeFailed: report.revokeFailed,
      unfinished: await unfinishedCount(vault, deps.now()),
      errors: report.errors.map(({ code, message }) => ({ code, message })),
    };
  },
};
