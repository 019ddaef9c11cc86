/**
 * The one store, made of slices (one per domain); components select narrow pieces of it. It holds
 * views of the vault and what the window shows, never a secret: a revealed value lives in the
 * component that shows it (screens/token-detail/reveal-box.tsx).
 */
import { create } from 'zustand';
import { createAuditSlice, type AuditSlice } from './audit-slice';
import { createApprovalsSlice, type ApprovalsSlice } from './approvals-slice';
import { createListSlice, type ListSlice } from './list-slice';
import { createOutlineSlice, type OutlineSlice } from './outline-slice';
import { createPaletteSlice, type PaletteSlice } from './palette-slice';
import { createPinsSlice, type PinsSlice } from './pins-slice';
import { createRotationsSlice, type RotationsSlice } from './rotations-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createTransferSlice, type TransferSlice } from './transfer-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type KeyturnStore = SessionSlice &
  OutlineSlice &
  ListSlice &
  RotationsSlice &
  ApprovalsSlice &
  UiSlice &
  AuditSlice &
  TransferSlice &
  PaletteSlice &
  PinsSlice;

export const useKeyturnStore = create<KeyturnStore>()((...args) => ({
  ...createSessionSlice(...args),
  ...createOutlineSlice(...args),
  ...createListSlice(...args),
  ...createRotationsSlice(...args),
  ...createApprovalsSlice(...args),
  ...createUiSlice(...args),
  ...createAuditSlice(...args),
  ...createTransferSlice(...args),
  ...createPaletteSlice(...args),
  ...createPinsSlice(...args),
}));

/** The store outside React (event listeners, actions that chain). */
export const keyturnStore = useKeyturnStore;
