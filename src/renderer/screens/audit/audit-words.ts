/** The audit log's words: each action and source as a person would say it. */
import type { AuditSource } from '../../../shared/ipc-window-admin-channels';
import type { AuditAction } from '../../../shared/model';

export const ACTION_WORDS: Readonly<Record<AuditAction, string>> = {
  unlock: 'Unlocked',
  'unlock-failed': 'Unlock failed',
  lock: 'Locked',
  'password-changed': 'Master password changed',
  'recovery-key-replaced': 'Recovery key replaced',
  reveal: 'Revealed',
  copy: 'Copied',
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  rotate: 'Rotated',
  revoke: 'Revoked',
  import: 'Imported',
  export: 'Exported',
  verify: 'Verified',
  'device-unlock-enabled': 'Device unlock turned on',
  'device-unlock-disabled': 'Device unlock turned off',
  'cli-approval': 'Terminal approval',
};

export const SOURCE_WORDS: Readonly<Record<AuditSource, string>> = {
  window: 'Window',
  tray: 'Tray',
  cli: 'CLI',
  scheduler: 'Scheduler',
};

export function actionWords(action: string): string {
  return action in ACTION_WORDS ? ACTION_WORDS[action as AuditAction] : action;
}

/** A day picked in a date field ("2026-11-30") as local midnight, or the last millisecond of that day. */
export function dayBound(day: string, end: boolean): number | undefined {
  if (day === '') return undefined;
  const [year, month, date] = day.split('-').map(Number);
  if (year === undefined || month === undefined || date === undefined) return undefined;
  const start = new Date(year, month - 1, date).getTime();
  return end ? start + 24 * 60 * 60 * 1000 - 1 : start;
}
