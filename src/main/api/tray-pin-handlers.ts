/**
 * Tray favourites (tray:pin, tray:unpin, tray:reorder): the pinned tokens, stored in the vault as
 * the setting tray.pinnedTokenIds, lead the tray menu in this order (electron/tray-menu.ts), then the
 * recently used. Tokens deleted since they were pinned are dropped at the next change.
 */
import { KeyturnError } from '../../shared/errors';
import { MAX_TRAY_PINS, type TrayPins } from '../../shared/ipc-window-admin-channels';
import type { Vault } from '../vault/types';
import { requireVault } from './context';
import type { HandlerBodies } from './handler';
import { livePins, SETTING_KEYS, tokenExists } from './window-settings';

type TrayPinChannels = 'tray:pin' | 'tray:unpin' | 'tray:reorder';

export const trayPinHandlers: HandlerBodies<TrayPinChannels> = {
  'tray:pin': ({ tokenId }, context) => {
    const vault = requireVault(context);
    if (!tokenExists(vault, tokenId))
      throw new KeyturnError('NOT_FOUND', 'That token no longer exists; nothing was pinned.');
    const pins = livePins(vault);
    if (pins.includes(tokenId)) return { trayPinnedTokenIds: pins };
    if (pins.length >= MAX_TRAY_PINS)
      throw new KeyturnError(
        'INVALID_INPUT',
        `The tray holds at most ${MAX_TRAY_PINS} pinned tokens; unpin one before pinning another.`,
      );
    return savePins(vault, [...pins, tokenId]);
  },

  'tray:unpin': ({ tokenId }, context) => {
    const vault = requireVault(context);
    return savePins(
      vault,
      livePins(vault).filter((id) => id !== tokenId),
    );
  },

  'tray:reorder': ({ tokenIds }, context) => {
    const vault = requireVault(context);
    const pins = livePins(vault);
    const isSameSet =
      tokenIds.length === pins.length &&
      new Set(tokenIds).size === pins.length &&
      pins.every((id) => tokenIds.includes(id));
    if (!isSameSet)
      throw new KeyturnError(
        'INVALID_INPUT',
        'The new order must hold exactly the pinned tokens, each once; the pins changed meanwhile, so reload them and try again.',
      );
    return savePins(vault, tokenIds);
  },
};

function savePins(vault: Vault, ids: readonly string[]): TrayPins {
  vault.setSetting(SETTING_KEYS.trayPinnedTokenIds, ids.join(','));
  return { trayPinnedTokenIds: [...ids] };
}
