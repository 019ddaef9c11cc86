/**
 * One scheduler in main. It plans from token metadata (schedule-plan.ts), runs what is due with
 * bounded concurrency and a per-provider minimum interval, queues work that fails for transient
 * reasons with backoff, and re-plans on unlock, on wake and when the clock jumped. While locked
 * it holds no vault: only reminders computed from plaintext expiry columns run.
 */
import { toErrorData, type ErrorData } from '../../shared/errors';
import type { ProviderId } from '../../shared/model';
import type { LockedSummary, Vault } from '../vault/types';
import type { ClientSource, LifecycleDeps } from './context';
import { DEFAULT_LEAD_TIMES, type LeadTimes } from './expiry';
import { refreshSessionIfDue } from './fresh-secret';
import { isTransient, type RunOutcome } from './outcome';
import { rotateToken, runJournal } from './rotation';
import { KEY_REMINDER_LEAD_MS, planTasks, taskKey, type Task } from './schedule-plan';
import { isRevokeAlertDue, retryDelayMs, type PendingWork, type SchedulerEvent } from './scheduler-events';
import { resumableJournals } from './scheduler-input';
import { parseJournal } from './rotation-state';
import { versionWithStatus } from './vault-keys';

export interface SchedulerDeps {
  readonly now: () => number;
  readonly emit: (event: SchedulerEvent) => void;
  /** Arms the next wake-up; returns a cancel function. */
  readonly setTimer: (ms: number, fire: () => void) => () => void;
  readonly concurrency?: number;
  readonly providerIntervalMs?: number;
  readonly random?: () => number;
  /** The user's reminder lead times, read at every plan so a changed setting applies at the next wake. */
  readonly leadTimes?: () => LeadTimes;
}

type Mode =
  | { readonly state: 'locked'; readonly summary: LockedSummary | null }
  | { readonly state: 'unlocked'; readonly vault: Vault; readonly clients: ClientSource };

/** A timer that fires this much later than armed (or before it was armed) means sleep or a clock jump. */
const CLOCK_JUMP_SLACK_MS = 60_000;
const LOCKED_CHECK_MS = 3_600_000;
const MAX_TIMER_MS = 3_600_000;
/** An entry another process holds (a `keyturn` command) is looked at again this much later. */
const BUSY_RECHECK_MS = 30_000;

export class Scheduler {
  private mode: Mode = { state: 'locked', summary: null };
  private tasks: Task[] = [];
  private readonly retries = new Map<string, PendingWork>();
  private readonly reminded = new Set<string>();
  private readonly providerNextAt = new Map<ProviderId, number>();
  private lastLockedCount = 0;
  private armed: { at: number; delay: number; cancel: () => void } | null = null;
  planCount = 0;

  constructor(private readonly deps: SchedulerDeps) {}

  unlock(vault: Vault, clients: ClientSource): void {
    this.mode = { state: 'unlocked', vault, clients };
    this.replan();
  }

  lock(summary: LockedSummary | null): void {
    this.mode = { state: 'locked', summary };
    this.retries.clear();
    this.lastLockedCount = 0;
    this.replan();
  }

  /** The OS resumed from sleep: times may have passed. */
  wake(): void {
    this.replan();
  }

  /** Whether it holds an unlocked vault (and may run work that needs the key). */
  get state(): Mode['state'] {
    return this.mode.state;
  }

  pending(): readonly PendingWork[] {
    return [...this.retries.values()];
  }

  stop(): void {
    this.armed?.cancel();
    this.armed = null;
  }

  replan(): void {
    this.planCount += 1;
    this.tasks = this.mode.state === 'unlocked' ? this.planUnlocked(this.mode.vault) : [];
    this.arm();
  }

  /** Runs everything due now; the armed timer calls this, tests call it after moving the clock. */
  async tick(): Promise<void> {
    if (this.clockJumped()) this.replan();
    if (this.mode.state === 'locked') this.checkLocked(this.mode.summary);
    else await this.runDue(this.mode);
    this.arm();
  }

  private clockJumped(): boolean {
    if (this.armed === null) return false;
    const now = this.deps.now();
    return now < this.armed.at || now > this.armed.at + this.armed.delay + CLOCK_JUMP_SLACK_MS;
  }

  private planUnlocked(vault: Vault): Task[] {
    const busy = new Set<string>();
    for (const entry of vault.listJournal({ unfinishedOnly: true })) if (entry.tokenId) busy.add(entry.tokenId);
    const journals = resumableJournals(vault, this.deps.now());
    return planTasks({
      tokens: vault.listTokens(),
      leadTimes: this.deps.leadTimes?.(),
      busyTokenIds: busy,
      currentSince: (tokenId) => versionWithStatus(vault, tokenId, 'current')?.createdAt ?? null,
      resumable: journals.resume,
      revokeRetries: journals.revokeRetries,
    }).filter((task) => task.kind !== 'remind' || !this.reminded.has(`${task.tokenId}:${task.expiresAt}`));
  }

  /**
   * Counts what `ls` and `status` call expiring (inside its kind's lead time, not yet expired):
   * a token that has already expired does not "expire within 14 days".
   */
  private checkLocked(summary: LockedSummary | null): void {
    if (summary === null) return;
    const now = this.deps.now();
    const before = now + KEY_REMINDER_LEAD_MS;
    const count = summary.inLeadTime(now, this.deps.leadTimes?.() ?? DEFAULT_LEAD_TIMES);
    if (count > 0 && count !== this.lastLockedCount) this.deps.emit({ type: 'locked-reminder-due', count, before });
    this.lastLockedCount = count;
  }

  private dueAt(task: Task): number {
    const retry = this.retries.get(taskKey(task))?.retryAt ?? 0;
    const provider = 'provider' in task && task.provider ? (this.providerNextAt.get(task.provider) ?? 0) : 0;
    return Math.max(task.dueAt, retry, provider);
  }

  private async runDue(mode: Extract<Mode, { state: 'unlocked' }>): Promise<void> {
    const queue = this.tasks.filter((task) => this.dueAt(task) <= this.deps.now());
    if (queue.length === 0) return;
    const worker = async (): Promise<void> => {
      for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
        if (!this.claimProvider(task)) continue;
        await this.run(task, mode);
      }
    };
    const workers = Array.from({ length: this.deps.concurrency ?? 2 }, worker);
    await Promise.all(workers);
    if (this.mode === mode) this.replan();
  }

  /** Per-provider rate limit: one task start per interval; the rest wait for a later tick. */
  private claimProvider(task: Task): boolean {
    if (!('provider' in task) || task.provider === null) return true;
    const now = this.deps.now();
    if ((this.providerNextAt.get(task.provider) ?? 0) > now) return false;
    this.providerNextAt.set(task.provider, now + (this.deps.providerIntervalMs ?? 1000));
    return true;
  }

  private async run(task: Task, mode: Extract<Mode, { state: 'unlocked' }>): Promise<void> {
    const lifecycle: LifecycleDeps = { now: this.deps.now, clients: mode.clients, actor: 'scheduler' };
    const key = taskKey(task);
    switch (task.kind) {
      case 'remind':
        this.reminded.add(`${task.tokenId}:${task.expiresAt}`);
        this.deps.emit({ type: 'reminder-due', tokenId: task.tokenId, label: task.label, expiresAt: task.expiresAt });
        return;
      case 'refresh-session': {
        const result = await refreshSessionIfDue(mode.vault, task.tokenId, lifecycle);
        if (!result.ok) return this.failed(key, result.error, null, task.tokenId);
        this.retries.delete(key);
        if (result.value) this.deps.emit({ type: 'session-refreshed', tokenId: task.tokenId });
        return;
      }
      case 'rotate':
        return this.settle(key, await this.guard(() => rotateToken(mode.vault, task.tokenId, lifecycle)));
      case 'resume':
        return this.settle(key, await this.guard(() => runJournal(mode.vault, task.journalId, lifecycle)));
      case 'retry-revoke':
        return this.retryRevoke(task, mode.vault, lifecycle);
    }
  }

  /** Retries a refused revoke; backs off while the provider keeps refusing, and says when it is gone. */
  private async retryRevoke(
    task: Extract<Task, { kind: 'retry-revoke' }>,
    vault: Vault,
    lifecycle: LifecycleDeps,
  ): Promise<void> {
    const key = taskKey(task);
    const outcome = await this.guard(() => runJournal(vault, task.journalId, lifecycle));
    if ('status' in outcome && outcome.status === 'busy') return this.recheckLater(key);
    const attempts = (this.retries.get(key)?.attempts ?? 0) + 1;
    if ('status' in outcome && !isStillRefused(vault, task)) {
      this.retries.delete(key);
      this.deps.emit({
        type: 'revoke-retried',
        tokenId: outcome.tokenId,
        journalId: task.journalId,
        keyId: task.keyId,
        attempts,
      });
      if (outcome.status !== 'done') this.settle(`resume:${task.journalId}`, outcome);
      return;
    }
    const error = refusalOf(outcome);
    if (error.code === 'VAULT_LOCKED') return;
    const retryAt = this.deps.now() + retryDelayMs(attempts, error, this.deps.random ?? Math.random);
    this.retries.set(key, { task: key, error, retryAt, attempts });
    if (isRevokeAlertDue(attempts)) {
      const tokenId = 'status' in outcome ? outcome.tokenId : null;
      const reason = error.message;
      this.deps.emit({
        type: 'revoke-still-failing',
        tokenId,
        journalId: task.journalId,
        keyId: task.keyId,
        attempts,
        reason,
        retryAt,
      });
    }
  }

  private async guard(run: () => Promise<RunOutcome>): Promise<RunOutcome | ErrorData> {
    try {
      return await run();
    } catch (cause) {
      return toErrorData(cause);
    }
  }

  private settle(key: string, outcome: RunOutcome | ErrorData): void {
    if (!('status' in outcome)) return this.failed(key, outcome, null, null);
    switch (outcome.status) {
      case 'done':
        this.retries.delete(key);
        this.deps.emit({ type: 'rotation-done', tokenId: outcome.tokenId, journalId: outcome.journalId });
        return;
      case 'failed':
        this.retries.delete(key);
        this.deps.emit({
          type: 'rotation-failed',
          tokenId: outcome.tokenId,
          journalId: outcome.journalId,
          reason: outcome.reason,
        });
        return;
      case 'pending':
        return this.failed(`resume:${outcome.journalId}`, outcome.error, outcome.journalId, outcome.tokenId);
      case 'needs-user':
        this.deps.emit({
          type: 'rotation-needs-user',
          tokenId: outcome.tokenId,
          journalId: outcome.journalId,
          message: outcome.message,
        });
        return;
      case 'waiting':
        return;
      case 'busy':
        return this.recheckLater(`resume:${outcome.journalId}`);
    }
  }

  /** Another process holds the entry: no attempt counted, no event; looked at again later. */
  private recheckLater(key: string): void {
    const previous = this.retries.get(key);
    const error = previous?.error ?? { code: 'ROTATION_IN_PROGRESS', message: 'Another Keyturn process is on it' };
    const retryAt = this.deps.now() + BUSY_RECHECK_MS;
    this.retries.set(key, { task: key, error, retryAt, attempts: previous?.attempts ?? 0 });
  }

  private failed(key: string, error: ErrorData, journalId: string | null, tokenId: string | null): void {
    // Locked mid-task: the work is re-planned on the next unlock; nothing failed.
    if (error.code === 'VAULT_LOCKED') return;
    const attempts = (this.retries.get(key)?.attempts ?? 0) + 1;
    const delay = isTransient(error) ? retryDelayMs(attempts, error, this.deps.random ?? Math.random) : 86_400_000;
    const retryAt = this.deps.now() + delay;
    this.retries.set(key, { task: key, error, retryAt, attempts });
    if (isTransient(error)) this.deps.emit({ type: 'work-pending', task: key, error, retryAt });
    else this.deps.emit({ type: 'rotation-failed', tokenId, journalId, reason: error.message });
  }

  private arm(): void {
    this.armed?.cancel();
    const now = this.deps.now();
    const next = this.tasks.reduce((min, task) => Math.min(min, this.dueAt(task)), now + MAX_TIMER_MS);
    const delay = this.mode.state === 'locked' ? LOCKED_CHECK_MS : Math.max(0, Math.min(next - now, MAX_TIMER_MS));
    const cancel = this.deps.setTimer(delay, () => void this.tick());
    this.armed = { at: now, delay, cancel };
  }
}

function isStillRefused(vault: Vault, task: Extract<Task, { kind: 'retry-revoke' }>): boolean {
  const { rotation } = parseJournal(vault.getJournal(task.journalId));
  return rotation.step === 'revoke-failed' && rotation.keyId === task.keyId;
}

/** Why the retry did not revoke the key: the provider's answer (its Retry-After drives the backoff). */
function refusalOf(outcome: RunOutcome | ErrorData): ErrorData {
  if (!('status' in outcome)) return outcome;
  if (outcome.status === 'needs-user' && outcome.error !== undefined) return outcome.error;
  return { code: 'INTERNAL', message: `The revoke retry ended as ${outcome.status}` };
}
