/**
 * Which channels change what the window shows, so main tells it (`vault:changed`) after they
 * answer. Lifecycle runs tell it even when they fail: a failed rotation still leaves a journal
 * entry (pending work) or a changed token behind. Channels not listed change nothing shown.
 */
import type { Channel } from '../../shared/ipc';
import type { VaultChangeScope } from '../../shared/window-events';

export interface ChangeScope {
  readonly scopes: readonly VaultChangeScope[];
  /** Told after an error answer too. */
  readonly evenOnError?: boolean;
}

const TOKENS: ChangeScope = { scopes: ['tokens'] };
const STRUCTURE: ChangeScope = { scopes: ['structure', 'tokens'] };
const LIFECYCLE: ChangeScope = { scopes: ['tokens', 'rotations'], evenOnError: true };
const SETTINGS: ChangeScope = { scopes: ['settings'] };

export const CHANGE_SCOPES: Partial<Readonly<Record<Channel, ChangeScope>>> = {
  'tenant:add': STRUCTURE,
  'tenant:rename': STRUCTURE,
  'tenant:remove': STRUCTURE,
  'tenant:delete': STRUCTURE,
  'environment:add': STRUCTURE,
  'environment:update': STRUCTURE,
  'environment:remove': STRUCTURE,
  'environment:delete': STRUCTURE,
  'connection:set': STRUCTURE,
  'token:add': TOKENS,
  'token:update': TOKENS,
  'token:delete': TOKENS,
  'token:copy': TOKENS,
  'token:copy-fresh': TOKENS,
  'token:verify': TOKENS,
  'import:dotenv': TOKENS,
  'import:apply': TOKENS,
  'export:environment': TOKENS,
  'backup:restore': STRUCTURE,
  'backup:restore-new': STRUCTURE,
  'backup:replace': STRUCTURE,
  'token:create': LIFECYCLE,
  'token:rotate': LIFECYCLE,
  'token:revoke': LIFECYCLE,
  'rotation:retry': LIFECYCLE,
  'rotation:manual-confirm': LIFECYCLE,
  'settings:set': SETTINGS,
  'device-unlock:set': SETTINGS,
  'tray:pin': SETTINGS,
  'tray:unpin': SETTINGS,
  'tray:reorder': SETTINGS,
};
