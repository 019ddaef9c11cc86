/** Manual tokens: no provider API at all. Keyturn stores them and reads a JWT's expiry if any. */
import { ok } from '../../shared/errors';
import { unsupported } from './adapter-kit';
import { jwtExpiresAt } from './jwt';
import type { Capabilities, ProviderClient, ProviderFactory } from './types';

const LABEL = 'A manual token';

export const manualCapabilities: Capabilities = {
  session: false,
  create: false,
  list: false,
  revoke: false,
  verify: false,
  expiryKnown: false,
  secretShownOnce: false,
};

/** The only thing Keyturn can know about a manual token: its JWT `exp`, when it is a JWT. */
export function manualExpiresAt(secret: string): number | null {
  return jwtExpiresAt(secret);
}

export const createManualClient: ProviderFactory = (): ProviderClient => ({
  provider: 'manual',
  capabilities: manualCapabilities,
  session: () => unsupported(LABEL, 'log in'),
  createKey: () => unsupported(LABEL, 'create keys'),
  listKeys: () => unsupported(LABEL, 'list keys'),
  revokeKey: () => unsupported(LABEL, 'revoke keys'),
  verify: () => unsupported(LABEL, 'verify it'),
  // Nothing to sign in to: a manual connection holds no credential.
  check: () => Promise.resolve(ok({ identity: null, notes: [] })),
});
