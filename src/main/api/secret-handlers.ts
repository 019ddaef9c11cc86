/**
 * token:secret, token:copy-fresh and environment:secrets: the channels whose purpose is a
 * token's value (get, copy, run, env, export). Each value is fresh and each reveal audited.
 */
import { KeyturnError } from '../../shared/errors';
import { envNameFor } from '../../shared/env-name';
import { requireVault } from './context';
import { revealFresh } from './fresh';
import type { HandlerBodies } from './handler';
import { requireEnvironment, selectToken } from './resolve';

export const CLEAR_AFTER_SETTING = 'clipboard.clearAfterSeconds';
const DEFAULT_CLEAR_SECONDS = 20;

type SecretChannels = 'token:secret' | 'token:copy-fresh' | 'environment:secrets';

export const secretHandlers: HandlerBodies<SecretChannels> = {
  'token:secret': ({ token: selector, purpose }, context) => {
    const vault = requireVault(context);
    return revealFresh(context, vault, selectToken(vault, selector), purpose);
  },

  'token:copy-fresh': async ({ token: selector, clearAfterSeconds }, context) => {
    const vault = requireVault(context);
    const token = selectToken(vault, selector);
    const setting = Number(vault.getSetting(CLEAR_AFTER_SETTING) ?? DEFAULT_CLEAR_SECONDS);
    const seconds = clearAfterSeconds ?? (Number.isFinite(setting) && setting > 0 ? setting : DEFAULT_CLEAR_SECONDS);
    const { secret } = await revealFresh(context, vault, token, 'copy');
    const { clearsAt } = await context.clipboard.copy(secret, { clearAfterMs: seconds * 1000 });
    return { tokenId: token.id, clearsAt, clearAfterMs: clearsAt - context.clock.now() };
  },

  'environment:secrets': async ({ purpose, ...ref }, context) => {
    const vault = requireVault(context);
    const { environment } = requireEnvironment(vault, ref);
    const tokens = vault.listTokens().filter((t) => t.environmentId === environment.id && !t.revoked);
    const names = tokens.map((t) => envNameFor(t.label));
    // Refuse before anything is revealed (and audited).
    const clash = names.find((name, i) => names.indexOf(name) !== i);
    if (clash !== undefined)
      throw new KeyturnError('INVALID_INPUT', `Two tokens map to the variable ${clash}; rename one`);
    const entries = [];
    for (const [i, token] of tokens.entries()) {
      const { secret } = await revealFresh(context, vault, token, purpose);
      entries.push({ tokenId: token.id, name: names[i] ?? '_', secret });
    }
    return entries;
  },
};
