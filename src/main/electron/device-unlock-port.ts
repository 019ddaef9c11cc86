/** The handlers' DeviceUnlockPort over the OS keychain and the sealed device-key file (device-unlock.ts). */
import type { DeviceUnlockPort } from '../api/device-unlock-port';
import { deviceUnlockState, disableDeviceUnlock, enableDeviceUnlock, type DeviceKeyStore } from './device-unlock';
import type { Keychain } from './keychain';

export function createDeviceUnlockPort(keychain: Keychain, store: DeviceKeyStore): DeviceUnlockPort {
  return {
    state: (vault) => deviceUnlockState(vault, keychain),
    enable: (vault) => enableDeviceUnlock(vault, keychain, store),
    disable: (vault) => disableDeviceUnlock(vault, store),
  };
}
