/**
 * The tray, wired to the app: its menu follows the session (rebuilt on every lock and unlock) and
 * the vault (rebuilt when settings, such as the pinned tokens, or tenants and environments change),
 * a token click copies in main, and the actions open the window, lock, turn device unlock off or quit.
 * Turning device unlock on changes the vault's protection, so it re-asks the master password: the
 * tray opens the window's settings for it instead of doing it unasked (DESIGN §5).
 */
import type { WindowEvents } from '../api/event-hub';
import type { ApiHandlers } from '../api/handler';
import type { Notifier } from '../api/ports';
import type { SessionState } from '../api/session-state';
import { KeyturnError } from '../../shared/errors';
import type { TokenListItem } from '../../shared/ipc';
import { disableDeviceUnlock, deviceUnlockState, type DeviceKeyStore } from './device-unlock';
import type { ElectronApi } from './electron-api';
import type { Keychain } from './keychain';
import { createTray } from './tray';
import { waitForTokenList } from './token-list-wait';
import { buildTrayMenu } from './tray-menu';

const PINNED_SETTING = 'tray.pinnedTokenIds';
const RECENT_LIMIT = 8;
export const DEVICE_UNLOCK_IN_SETTINGS =
  'To unlock with this device, turn it on in Settings: Keyturn asks for your master password first.';

export interface AppTrayDeps {
  readonly electron: Pick<ElectronApi, 'Tray' | 'Menu' | 'nativeImage'>;
  readonly resourcesDir: string;
  /** trayIconFor(platform): a file under resourcesDir. */
  readonly iconFile: string;
  readonly handlers: ApiHandlers;
  /** The pinned tokens (those still live) and the `recentLimit` most recently used (api/tray-tokens.ts). */
  readonly trayTokens: (pinnedIds: ReadonlySet<string>, recentLimit: number) => readonly TokenListItem[];
  readonly session: SessionState;
  readonly keychain: Keychain;
  readonly deviceKeys: DeviceKeyStore;
  readonly notifier: Notifier;
  readonly openWindow: () => void;
  /** The window's events: a settings or structure change rebuilds the menu. */
  readonly events?: Pick<WindowEvents, 'subscribe'>;
  readonly quit: () => void;
  /** macOS packaged app: links the `keyturn` command into /usr/local/bin; a sentence for the user. */
  readonly installCli?: () => Promise<string>;
}

/** Creates the tray and keeps its menu current; resolves once the first menu is set. */
export async function startAppTray(deps: AppTrayDeps): Promise<void> {
  const { handlers, session } = deps;
  const tray = createTray(deps.electron, deps.resourcesDir, deps.iconFile, {
    copy: (tokenId) => void handlers['token:copy']({ tokenId }),
    act: (action) => {
      if (action === 'open') deps.openWindow();
      else if (action === 'lock') session.lock('user');
      else if (action === 'device-unlock-on') askForDeviceUnlock();
      else if (action === 'device-unlock-off') void turnDeviceUnlockOff();
      else if (action === 'install-cli') void installCli();
      else deps.quit();
    },
  });

  /** False from an unlock until the token list is decrypted or the wait for it is over (token-list-wait.ts). */
  let listWaited = false;
  /** The tokens to show now, or `loading` while the list waits to be decrypted. */
  const tokensNow = (pinnedIds: ReadonlySet<string>): readonly TokenListItem[] | 'loading' => {
    const current = session.current();
    if (current.state !== 'unlocked') return [];
    if (!listWaited && !current.vault.isTokenListLoaded()) return 'loading';
    try {
      return deps.trayTokens(pinnedIds, RECENT_LIMIT);
    } catch {
      // A damaged chunk: the menu still shows the vault's state and actions (the window says what is wrong).
      return [];
    }
  };
  const refresh = async (): Promise<void> => {
    const status = await handlers['vault:status']({});
    if (!status.ok) return;
    const pinnedIds = new Set(listSetting(session, PINNED_SETTING));
    const current = session.current();
    tray.update(
      buildTrayMenu({
        status: status.value,
        tokens: tokensNow(pinnedIds),
        pinnedIds,
        recentLimit: RECENT_LIMIT,
        deviceUnlock: current.state === 'unlocked' ? await deviceUnlockState(current.vault, deps.keychain) : undefined,
        offersCliInstall: deps.installCli !== undefined,
      }),
    );
  };
  const askForDeviceUnlock = (): void => {
    deps.openWindow();
    deps.notifier.notify('Device unlock', DEVICE_UNLOCK_IN_SETTINGS);
  };
  const turnDeviceUnlockOff = async (): Promise<void> => {
    const current = session.current();
    if (current.state !== 'unlocked') return;
    try {
      disableDeviceUnlock(current.vault, deps.deviceKeys);
    } catch (cause) {
      deps.notifier.notify(
        'Device unlock',
        cause instanceof KeyturnError ? cause.message : 'Device unlock could not be changed',
      );
    }
    await refresh();
  };

  const installCli = async (): Promise<void> => {
    if (deps.installCli === undefined) return;
    const said = await deps.installCli().catch(() => 'The keyturn command could not be installed');
    deps.notifier.notify('The keyturn command', said);
  };

  // A lock can land while a refresh awaits (the keychain answers asynchronously): that refresh
  // fails on the locked vault, and the one the lock itself starts draws the locked menu.
  let changes = 0;
  session.onChange(() => {
    const change = ++changes;
    listWaited = false;
    void refresh().catch(() => undefined);
    const current = session.current();
    if (current.state !== 'unlocked') return;
    void waitForTokenList(current.vault)
      .then(() => {
        // A wait from before a later lock or unlock is not this session's.
        if (change !== changes) return;
        listWaited = true;
        return refresh();
      })
      .catch(() => undefined);
  });
  deps.events?.subscribe((event) => {
    if (event.name === 'vault:changed' && (event.payload.scope === 'settings' || event.payload.scope === 'structure'))
      void refresh().catch(() => undefined);
  });
  await refresh();
}

function listSetting(session: SessionState, key: string): string[] {
  const current = session.current();
  if (current.state !== 'unlocked') return [];
  return (current.vault.getSetting(key) ?? '').split(',').filter((id) => id !== '');
}
