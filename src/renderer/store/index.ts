/** The one store, made of slices; components select narrow pieces of it. */
import { create } from 'zustand';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createTokensSlice, type TokensSlice } from './tokens-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type KeyturnStore = SessionSlice & TokensSlice & UiSlice;

export const useKeyturnStore = create<KeyturnStore>()((...args) => ({
  ...createSessionSlice(...args),
  ...createTokensSlice(...args),
  ...createUiSlice(...args),
}));
