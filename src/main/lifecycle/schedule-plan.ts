/**
 * The scheduler's plan as a pure function of token metadata and the clock: session refreshes,
 * rotations by policy, expiry reminders and unfinished journals to resume.
 */
import type { ProviderId, TokenView } from '../../shared/model';
import { DAY_MS, DEFAULT_LEAD_TIMES, expiringFrom, type LeadTimes } from './expiry';
import { SESSION_REFRESH_WINDOW_MS } from './fresh-secret';
import type { ResumableJournal, RevokeRetry } from './scheduler-input';

/** The longest reminder lead time: the bound a locked vault's reminder names ("expire within 14 days"). */
export const KEY_REMINDER_LEAD_MS = Math.max(...Object.values(DEFAULT_LEAD_TIMES));

export type Task =
  | {
      readonly kind: 'refresh-session';
      readonly tokenId: string;
      readonly provider: ProviderId;
      readonly dueAt: number;
    }
  | { readonly kind: 'rotate'; readonly tokenId: string; readonly provider: ProviderId; readonly dueAt: number }
  | {
      readonly kind: 'remind';
      readonly tokenId: string;
      readonly label: string;
      readonly expiresAt: number;
      readonly dueAt: number;
    }
  | {
      readonly kind: 'resume';
      readonly journalId: string;
      readonly provider: ProviderId | null;
      readonly dueAt: number;
    }
  /** A key the provider refused to revoke: retried with backoff until it is gone. */
  | {
      readonly kind: 'retry-revoke';
      readonly journalId: string;
      readonly keyId: string;
      readonly provider: ProviderId | null;
      readonly dueAt: number;
    };

export interface PlanInput {
  readonly tokens: readonly TokenView[];
  /** The reminder lead time per token kind (the user's setting); omitted: the defaults. */
  readonly leadTimes?: LeadTimes;
  /** When each token's current version became current (for "rotate every N days"). */
  readonly currentSince: (tokenId: string) => number | null;
  /** Tokens with a journal in progress: no new rotation is planned for them. */
  readonly busyTokenIds: ReadonlySet<string>;
  readonly resumable: readonly ResumableJournal[];
  readonly revokeRetries?: readonly RevokeRetry[];
}

export function taskKey(task: Task): string {
  return task.kind === 'resume' || task.kind === 'retry-revoke'
    ? `${task.kind}:${task.journalId}`
    : `${task.kind}:${task.tokenId}`;
}

export function planTasks(input: PlanInput): Task[] {
  const tasks: Task[] = [
    ...input.resumable.map((entry): Task => ({ kind: 'resume', ...entry })),
    ...(input.revokeRetries ?? []).map((entry): Task => ({ kind: 'retry-revoke', ...entry })),
  ];
  for (const token of input.tokens) {
    if (token.revoked) continue;
    const refresh = planRefresh(token);
    if (refresh) tasks.push(refresh);
    const rotate = input.busyTokenIds.has(token.id) ? null : planRotation(token, input.currentSince);
    if (rotate) tasks.push(rotate);
    const remind = refresh ? null : planReminder(token, input.leadTimes ?? DEFAULT_LEAD_TIMES);
    if (remind) tasks.push(remind);
  }
  return tasks.sort((a, b) => a.dueAt - b.dueAt);
}

function planRefresh(token: TokenView): Task | null {
  if (token.kind !== 'session' || token.connectionId === null || token.expiresAt === null) return null;
  return {
    kind: 'refresh-session',
    tokenId: token.id,
    provider: token.provider,
    dueAt: token.expiresAt - SESSION_REFRESH_WINDOW_MS,
  };
}

function planRotation(token: TokenView, since: (tokenId: string) => number | null): Task | null {
  const policy = token.rotationPolicy;
  if (policy === null || token.connectionId === null || token.kind === 'session') return null;
  const candidates: number[] = [];
  const currentSince = policy.everyDays === undefined ? null : since(token.id);
  if (policy.everyDays !== undefined && currentSince !== null)
    candidates.push(currentSince + policy.everyDays * DAY_MS);
  if (policy.daysBeforeExpiry !== undefined && token.expiresAt !== null) {
    candidates.push(token.expiresAt - policy.daysBeforeExpiry * DAY_MS);
  }
  if (candidates.length === 0) return null;
  return { kind: 'rotate', tokenId: token.id, provider: token.provider, dueAt: Math.min(...candidates) };
}

/** Reminders fire when a token becomes `expiring` by the same lead times the UI shows (expiry.ts). */
function planReminder(token: TokenView, leadTimes: LeadTimes): Task | null {
  const dueAt = expiringFrom(token, leadTimes);
  if (dueAt === null || token.expiresAt === null) return null;
  return { kind: 'remind', tokenId: token.id, label: token.label, expiresAt: token.expiresAt, dueAt };
}
