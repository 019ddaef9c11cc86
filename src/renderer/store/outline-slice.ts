/** Outline slice: the sidebar's tenants › environments with their counts (views, no secret). */
import type { StateCreator } from 'zustand';
import type { OutlineEnvironment, OutlineTenant, VaultOutline } from '../../shared/window-views';
import type { KeyturnStore } from './index';

export interface OutlineSlice {
  readonly outline: VaultOutline | null;
  loadOutline(): Promise<void>;
}

export const createOutlineSlice: StateCreator<KeyturnStore, [], [], OutlineSlice> = (set, get) => ({
  outline: null,

  async loadOutline() {
    const result = await window.keyturn.outline();
    if (result.ok) set({ outline: result.value });
    else get().showNotice(result.error.message, 'error');
  },
});

/** An environment and its tenant, by the environment's id (null when it is gone). */
export function findEnvironment(
  outline: VaultOutline | null,
  environmentId: string,
): { readonly tenant: OutlineTenant; readonly environment: OutlineEnvironment } | null {
  for (const tenant of outline?.tenants ?? []) {
    const environment = tenant.environments.find((candidate) => candidate.id === environmentId);
    if (environment !== undefined) return { tenant, environment };
  }
  return null;
}

export function findTenant(outline: VaultOutline | null, tenantId: string): OutlineTenant | null {
  return outline?.tenants.find((tenant) => tenant.id === tenantId) ?? null;
}
