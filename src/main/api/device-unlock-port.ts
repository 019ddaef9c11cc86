/**
 * Device unlock as the handlers see it: the OS keychain lives at the Electron edge
 * (electron/device-unlock-port.ts), tests use the same code over a fake keychain.
 */
import type { DeviceUnlockState } from '../../shared/ipc-window-admin-channels';
import type { Vault } from '../vault/types';

export interface DeviceUnlockPort {
  /** The OS keychain answers asynchronously (Electron's async safeStorage API). */
  state(vault: Vault): Promise<DeviceUnlockState>;
  /** Rejects with a KeyturnError with the reason when the keychain is not safe here (Linux basic_text). */
  enable(vault: Vault): Promise<void>;
  disable(vault: Vault): void;
}
