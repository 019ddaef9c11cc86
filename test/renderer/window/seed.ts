/** Tokens and names put straight into the unlocked vault, for tests that start from a full vault. */
import { DAY_MS, MINUTE_MS } from '../../../src/main/lifecycle/expiry';
import type { Vault } from '../../../src/main/vault/types';

export interface Seeded {
  readonly acmeId: string;
  readonly prodId: string;
  readonly devId: string;
  readonly betaId: string;
}

/** Acme › prod (production: one valid, one expiring), Acme › dev (one expired, one never told), Beta › staging. */
export function seedVault(vault: Vault, now = Date.now()): Seeded {
  const acme = vault.addTenant('Acme');
  const prod = vault.addEnvironment(acme.id, 'prod', 'production');
  const dev = vault.addEnvironment(acme.id, 'dev', 'development');
  const beta = vault.addTenant('Beta');
  const staging = vault.addEnvironment(beta.id, 'staging', 'staging');
  const add = (environmentId: string, label: string, secret: string, expiresAt?: number): void => {
    vault.addToken({
      environmentId,
      label,
      kind: 'api-key',
      provider: 'manual',
      secret,
      tags: ['ci'],
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });
  };
  add(prod.id, 'Satori admin key', 'sat-live-0123456789', now + 90 * DAY_MS);
  add(prod.id, 'Haut.AI company key', 'haut-9876', now + 3 * DAY_MS);
  add(dev.id, 'Syft Space session', 'eyJ.dev', now - MINUTE_MS);
  add(dev.id, 'SynapTask manual token', 'syn-1');
  add(staging.id, 'Staging deploy key', 'stg-1', now + 40 * DAY_MS);
  return { acmeId: acme.id, prodId: prod.id, devId: dev.id, betaId: beta.id };
}
