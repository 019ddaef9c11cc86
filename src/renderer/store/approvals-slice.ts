/**
 * Approvals slice: the `keyturn` commands asking the running app (docs/cli.md, App integration).
 * Main pushes the whole pending list on every change; the window answers one by id. Nothing here
 * is a secret: the command, the target reference, where it runs.
 */
import type { StateCreator } from 'zustand';
import type { CliApprovalRequest } from '../../shared/cli-approval';
import type { KeyturnStore } from './index';

export type ApprovalChoice = 'approve' | 'deny';

export interface ApprovalsSlice {
  readonly approvals: readonly CliApprovalRequest[];
  /** The window opened (or reloaded) while a question may be out: ask main for the list. */
  loadApprovals(): Promise<void>;
  approvalsChanged(pending: readonly CliApprovalRequest[]): void;
  answerApproval(id: string, choice: ApprovalChoice): Promise<void>;
}

export const createApprovalsSlice: StateCreator<KeyturnStore, [], [], ApprovalsSlice> = (set, get) => ({
  approvals: [],

  async loadApprovals() {
    const result = await window.keyturn.pendingCliApprovals({});
    if (result.ok) set({ approvals: result.value });
  },

  approvalsChanged(pending) {
    set({ approvals: pending });
  },

  async answerApproval(id, choice) {
    // Off the list at once: a second click cannot answer twice, and main's list follows anyway.
    set({ approvals: get().approvals.filter((request) => request.id !== id) });
    const result = await window.keyturn.answerCliApproval({ id, decision: choice });
    if (!result.ok) get().showNotice(result.error.message, 'error');
    else if (!result.value.settled) {
      get().showNotice('That request had already ended: the command stopped or its time ran out.', 'info');
    }
  },
});
