/**
 * Device unlock as the handlers see it: the OS keychain lives at the Electron edge
 * (electron/device-unlock-port.ts), tests use the same code over a fake keychain.
 */
import type { DeviceUnlockState } from '../../shared/ipc-window-admin-channels';
import type { Vault } from '../vault/types';

export interface DeviceUnlockPort {
  state(vault: Vault): DeviceUnlockState;
  /** Throws a KeyturnError with the reason when the keychain is not safe here (Linux basic_text). */
  enable(vault: Vault): void;
  disable(vault: Vault): void;
}
