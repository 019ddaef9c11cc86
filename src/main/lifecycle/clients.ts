/**
 * Provider clients per connection, built from the vault's connection and its decrypted credential.
 * Cached so a session token logged in once is reused until the provider's refresh window.
 */
import { createProviderClient } from '../providers';
import type { ProviderClient, ProviderDeps } from '../providers/types';
import type { Vault } from '../vault/types';
import type { ClientSource } from './context';

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
