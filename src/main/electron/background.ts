/**
 * The lifecycle's background work in main: on unlock, reconcile first (resume unfinished
 * rotations, revoke orphans), then run the scheduler with the vault's provider clients; on lock,
 * drop the clients and leave the scheduler only what plaintext expiry columns allow; wake it on
 * resume and after a clock jump. Its events become OS notifications (notifications.ts).
 * Everything OS-shaped is injected, so this runs under plain Node in tests.
 */
import { KeyturnError } from '../../shared/errors';
import type { Clock, Notifier } from '../api/ports';
import type { Session } from '../api/session-state';
import type { SessionChangedEvent } from '../../shared/keyturn-api';
import type { ClientSource } from '../lifecycle/context';
import type { RunOutcome } from '../lifecycle/outcome';
import type { ReconcileReport } from '../lifecycle/reconcile';
import { Scheduler } from '../lifecycle/scheduler';
import type { SchedulerEvent } from '../lifecycle/scheduler-events';
import type { LockedSummary, Vault } from '../vault/types';
import { watchClockJumps } from './clock-jump';
import type { LeadTimes } from '../lifecycle/expiry';
import type { NotificationKind } from '../../shared/window-settings';
import { notificationFor, notificationKindOf } from './notifications';
import { waitForTokenList } from './token-list-wait';

/** Electron's powerMonitor satisfies it. */
export interface ResumeMonitor {
  on(event: 'resume', listener: () => void): unknown;
  removeListener(event: 'resume', listener: () => void): unknown;
}

export interface BackgroundDeps {
  readonly session: {
    current(): Session;
    onChange(listener: (event: SessionChangedEvent) => void): () => void;
  };
  readonly clock: Clock;
  readonly monotonicNow: () => number;
  readonly notifier: Notifier;
  readonly power: ResumeMonitor;
  /** Provider clients for the vault's connections (credentials opened on first use). */
  readonly clientsFor: (vault: Vault) => ClientSource & { clear(): void };
  readonly reconcile: (vault: Vault, clients: ClientSource) => Promise<ReconcileReport>;
  /** Plaintext-only view of the vault file for reminders while locked; null when there is no file. */
  readonly lockedSummary: () => LockedSummary | null;
  readonly concurrency?: number;
  readonly providerIntervalMs?: number;
  /** Also told every scheduler event (the window's scheduler:event), besides the notifications. */
  readonly onEvent?: (event: SchedulerEvent) => void;
  /** The notifications setting: whether this kind may show an OS notification; omitted: all may. */
  readonly notifies?: (kind: NotificationKind) => boolean;
  /** The reminder lead times setting, read at every plan; omitted: the defaults. */
  readonly leadTimes?: () => LeadTimes;
}

export interface BackgroundWork {
  readonly scheduler: Scheduler;
  /** Resolves once the latest unlock's reconcile has finished and the scheduler holds the vault. */
  settled(): Promise<void>;
  stop(): void;
}

export function startBackgroundWork(deps: BackgroundDeps): BackgroundWork {
  const notify = (event: SchedulerEvent): void => {
    const text = notificationFor(event, {
      now: deps.clock.now(),
      labelOf: (tokenId) => labelOf(deps.session.current(), tokenId),
    });
    const kind = notificationKindOf(event);
    const isWanted = kind !== null && deps.notifies?.(kind) !== false;
    if (text !== null && isWanted) deps.notifier.notify(text.title, text.body);
    deps.onEvent?.(event);
  };
  const scheduler = new Scheduler({
    now: () => deps.clock.now(),
    emit: notify,
    setTimer: (ms, fire) => timer(deps.clock, ms, fire),
    concurrency: deps.concurrency,
    providerIntervalMs: deps.providerIntervalMs,
    leadTimes: deps.leadTimes,
  });
  let clients: (ClientSource & { clear(): void }) | null = null;
  let generation = 0;
  let settling: Promise<void> = Promise.resolve();

  const onUnlocked = async (vault: Vault, mine: number): Promise<void> => {
    const fresh = deps.clientsFor(vault);
    clients = fresh;
    const report = await deps.reconcile(vault, fresh).catch((cause: unknown) => {
      // A damaged journal entry (or a bug) must not pass in silence: the user is told, and the
      // scheduler still starts, so reminders and the rest of the vault keep working.
      if (mine === generation) deps.notifier.notify(RECONCILE_FAILED, reconcileFailure(cause));
      return null;
    });
    // Locked (or unlocked again) while reconciling: that later change owns the scheduler.
    if (mine !== generation) return;
    for (const event of report === null ? [] : report.outcomes.flatMap(eventOf)) notify(event);
    // The scheduler plans from the whole list: after the window's first screen (token-list-wait.ts).
    await waitForTokenList(vault);
    if (mine !== generation) return;
    scheduler.unlock(vault, fresh);
  };
  const follow = (): void => {
    generation += 1;
    const session = deps.session.current();
    clients?.clear();
    clients = null;
    if (session.state === 'unlocked') {
      settling = onUnlocked(session.vault, generation);
      return;
    }
    scheduler.lock(safeSummary(deps.lockedSummary));
  };

  const unsubscribe = deps.session.onChange(follow);
  const onResume = (): void => scheduler.wake();
  deps.power.on('resume', onResume);
  const stopWatch = watchClockJumps({
    wallNow: () => deps.clock.now(),
    monotonicNow: deps.monotonicNow,
    setTimer: (ms, fire) => timer(deps.clock, ms, fire),
    onJump: () => scheduler.wake(),
  });
  follow();

  return {
    scheduler,
    settled: () => settling,
    stop: () => {
      unsubscribe();
      deps.power.removeListener('resume', onResume);
      stopWatch();
      scheduler.stop();
      clients?.clear();
    },
  };
}

const RECONCILE_FAILED = 'Unfinished work could not be checked';

/** KeyturnError messages are written for people and never hold a secret; anything else is a bug. */
function reconcileFailure(cause: unknown): string {
  const reason = cause instanceof KeyturnError ? cause.message : 'Keyturn met an internal error';
  return `${reason.replace(/[.!?]$/, '')}. Open Keyturn to see the unfinished work; nothing was changed.`;
}

/** Reconcile's results, told the same way as the scheduler's (waiting and pending are not news). */
function eventOf(outcome: RunOutcome): SchedulerEvent[] {
  switch (outcome.status) {
    case 'done':
      return [{ type: 'rotation-done', tokenId: outcome.tokenId, journalId: outcome.journalId }];
    case 'failed':
      return [
        { type: 'rotation-failed', tokenId: outcome.tokenId, journalId: outcome.journalId, reason: outcome.reason },
      ];
    case 'needs-user':
      return [
        {
          type: 'rotation-needs-user',
          tokenId: outcome.tokenId,
          journalId: outcome.journalId,
          message: outcome.message,
        },
      ];
    case 'waiting':
    case 'pending':
    case 'busy':
      return [];
  }
}

function labelOf(session: Session, tokenId: string): string | null {
  if (session.state !== 'unlocked') return null;
  try {
    return session.vault.getToken(tokenId).label;
  } catch {
    return null;
  }
}

function safeSummary(read: () => LockedSummary | null): LockedSummary | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function timer(clock: Clock, ms: number, fire: () => void): () => void {
  const handle = clock.setTimeout(fire, ms);
  return () => clock.clearTimeout(handle);
}

/**
 * A locked summary that reads the file's plaintext columns afresh at each check (the file handle
 * is closed on lock), or null when there is no vault file yet.
 */
export function reopeningSummary(open: () => { summary(): LockedSummary; close(): void } | null): LockedSummary | null {
  const read = <T>(pick: (summary: LockedSummary) => T): T | null => {
    const file = open();
    if (file === null) return null;
    try {
      return pick(file.summary());
    } finally {
      file.close();
    }
  };
  const first = read((summary) => summary);
  if (first === null) return null;
  return {
    path: first.path,
    schemaVersion: first.schemaVersion,
    tenantCount: first.tenantCount,
    tokenCount: first.tokenCount,
    expiringBefore: (until) => read((summary) => summary.expiringBefore(until)) ?? 0,
    inLeadTime: (now, leadTimes) => read((summary) => summary.inLeadTime(now, leadTimes)) ?? 0,
    openJournals: () => read((summary) => summary.openJournals()) ?? [],
  };
}
