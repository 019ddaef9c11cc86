/**
 * Provider clients per connection, built from the vault's connection and its decrypted credential.
 * Cached so a session token logged in once is reused until the provider's refresh window; the
 * session is also kept sealed in the vault, so the next process reuses it instead of logging in.
 */
import { KeyturnError } from '../../shared/errors';
import { createProviderClient } from '../providers';
import type { ProviderClient, ProviderDeps, SessionStore } from '../providers/types';
import type { Vault } from '../vault/types';
import type { ClientSource } from './context';

/**
 * The connection's session in the vault. It is a cache: one that cannot be opened (damaged) is
 * treated as none, and one that cannot be written is simply not kept; either way the adapter
 * signs in again.
 */
export function vaultSessionStore(vault: Vault, connectionId: string, log?: (line: string) => void): SessionStore {
  return {
    load() {
      try {
        return vault.readConnectionSession(connectionId);
      } catch (cause) {
        if (cause instanceof KeyturnError && cause.code === 'VAULT_CORRUPT') return null;
        throw cause;
      }
    },
    save(value) {
      try {
        vault.writeConnectionSession(connectionId, value);
      } catch (cause) {
        log?.(
          `[vault] session of connection ${connectionId} not kept (${cause instanceof KeyturnError ? cause.code : 'error'})`,
        );
      }
    },
  };
}

export class ProviderClients implements ClientSource {
  private readonly cache = new Map<string, ProviderClient>();

  constructor(
    private readonly vault: Vault,
    private readonly deps: ProviderDeps,
  ) {}

  get(connectionId: string): ProviderClient {
    const cached = this.cache.get(connectionId);
    if (cached) return cached;
    const connection = this.vault.getConnection(connectionId);
    const client = createProviderClient(
      connection.provider,
      {
        baseUrl: connection.baseUrl,
        settings: connection.settings,
        credential: this.vault.openCredential(connectionId),
        sessionStore: vaultSessionStore(this.vault, connectionId, this.deps.log),
      },
      this.deps,
    );
    this.cache.set(connectionId, client);
    return client;
  }

  /** Drop cached clients (and their sessions), e.g. on lock or after a credential change. */
  clear(): void {
    this.cache.clear();
  }
}
