/**
 * Provider clients whose `listKeys` waits at a gate the test opens one call at a time; every
 * other call (and `listKeys` once let through) goes to the real client over real HTTP. A rotation's
 * first remote call is `listKeys` (it looks for its own orphans), so arrivals count started tasks.
 */
import type { ClientSource } from '../../src/main/lifecycle/context';
import type { ProviderClient } from '../../src/main/providers/types';

export class GatedClients implements ClientSource {
  arrivals = 0;
  private readonly held: (() => void)[] = [];
  private readonly watchers: { count: number; resolve: () => void }[] = [];

  constructor(private readonly inner: ClientSource) {}

  get(connectionId: string): ProviderClient {
    const client = this.inner.get(connectionId);
    return {
      provider: client.provider,
      capabilities: client.capabilities,
      session: () => client.session(),
      createKey: (request) => client.createKey(request),
      revokeKey: (keyId) => client.revokeKey(keyId),
      verify: (secret) => client.verify(secret),
      check: () => client.check(),
      ...(client.endSession === undefined ? {} : { endSession: client.endSession }),
      listKeys: async () => {
        await this.arrive();
        return client.listKeys();
      },
    };
  }

  get waiting(): number {
    return this.held.length;
  }

  /** Lets the oldest waiting call through. */
  releaseOne(): void {
    const next = this.held.shift();
    if (next === undefined) throw new Error('Nothing is waiting at the gate');
    next();
  }

  /** Resolves once `count` calls have arrived in total. */
  arrived(count: number): Promise<void> {
    if (this.arrivals >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  private arrive(): Promise<void> {
    this.arrivals += 1;
    for (const watcher of this.watchers.filter((w) => w.count <= this.arrivals)) {
      this.watchers.splice(this.watchers.indexOf(watcher), 1);
      watcher.resolve();
    }
    return new Promise((resolve) => this.held.push(resolve));
  }
}
