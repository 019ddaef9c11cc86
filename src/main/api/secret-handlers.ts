/**
 * token:secret, token:copy-fresh and environment:secrets: the channels whose purpose is a
 * token's value (get, copy, run, env, export). Each value is fresh and each reveal audited.
 */
import { KeyturnError } from '../../shared/errors';
import { envNameFor } from '../../shared/env-name';
import type { SecretPurpose } from '../../shared/ipc-cli-channels';
import type { TokenView } from '../../shared/model';
import type { Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
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
      throw new KeyturnError('INVALID_INPUT', `Two tokens map to the variable ${clash}; rename one (keyturn mv)`);
    const entries = [];
    const skipped = [];
    for (const [i, token] of tokens.entries()) {
      // One expired token must not withhold the others ("every live token"); it is left out and said.
      const fresh = await revealUnlessExpired(context, vault, token, purpose);
      if (fresh.ok) entries.push({ tokenId: token.id, name: names[i] ?? '_', secret: fresh.secret });
      else skipped.push({ tokenId: token.id, label: token.label, reason: fresh.reason });
    }
    return { entries, skipped };
  },
};

/** A fresh value, or why an expired one was left out; any other failure still fails the call. */
async function revealUnlessExpired(
  context: AppContext,
  vault: Vault,
  token: TokenView,
  purpose: SecretPurpose,
): Promise<{ ok: true; secret: string } | { ok: false; reason: string }> {
  try {
    return { ok: true, secret: (await revealFresh(context, vault, token, purpose)).secret };
  } catch (cause) {
    if (cause instanceof KeyturnError && cause.code === 'TOKEN_EXPIRED') return { ok: false, reason: cause.message };
    throw cause;
  }
}
