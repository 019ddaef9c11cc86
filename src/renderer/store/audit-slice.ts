/**
 * Audit slice: which token the audit viewer is narrowed to (set from a token's detail pane or
 * from a row of the log). The other filters live in the screen; this one crosses screens.
 */
import type { StateCreator } from 'zustand';
import type { KeyturnStore } from './index';

export interface AuditTokenFilter {
  readonly tokenId: string;
  /** `tenant / environment / label`, for the filter's chip. */
  readonly name: string;
}

export interface AuditSlice {
  readonly auditToken: AuditTokenFilter | null;
  /** Opens the audit log, narrowed to one token or (null) to none. */
  showAudit(token: AuditTokenFilter | null): void;
}

export const createAuditSlice: StateCreator<KeyturnStore, [], [], AuditSlice> = (set) => ({
  auditToken: null,
  showAudit(token) {
    set({ auditToken: token, screen: 'audit' });
  },
});
