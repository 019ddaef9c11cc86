/**
 * A Satori emulator, a vault connected to it, and one token made through the lifecycle engine on
 * a fake clock: where the revoke and create tests start. The emulator and the vault are closed by
 * the caller's `cleanups` (run in reverse order after each test).
 */
import { ProviderClients } from '../../src/main/lifecycle/clients';
import { KeyturnError } from '../../src/shared/errors';
import type { LifecycleDeps } from '../../src/main/lifecycle/context';
import { createManagedToken } from '../../src/main/lifecycle/rotation';
import { FakeClock } from './fake-clock';
import { satoriWorld } from './lifecycle-fixture';

export type Cleanups = (() => Promise<void> | void)[];

export async function managedSatoriToken(cleanups: Cleanups, extra: Pick<LifecycleDeps, 'faultPoint'> = {}) {
  const world = await satoriWorld();
  cleanups.push(() => world.emulator.close());
  cleanups.push(() => void world.vault.lock());
  const clock = new FakeClock(Date.now());
  const deps: LifecycleDeps = {
    now: clock.now,
    clients: new ProviderClients(world.vault, { now: clock.now, sleep: clock.sleep }),
    ...extra,
  };
  const made = await createManagedToken(
    world.vault,
    { environmentId: world.environmentId, connectionId: world.connectionId, label: 'ci' },
    deps,
  );
  if (made.tokenId === null) throw new Error('setup: the managed token was not made');
  return { world, clock, deps, tokenId: made.tokenId };
}

/**
 * managedSatoriToken whose engine records every fault point it passes (`points`) and stops, as a
 * killed process would, before the one named with `crashBefore` (null: nowhere); the next run
 * resumes.
 */
export async function crashableSatoriToken(cleanups: Cleanups) {
  const points: string[] = [];
  let crashAt: string | null = null;
  const made = await managedSatoriToken(cleanups, {
    faultPoint: (label) => {
      points.push(label);
      if (label === crashAt) throw new KeyturnError('VAULT_IO', `stopped at ${label}`);
    },
  });
  const crashBefore = (label: string | null): void => void (crashAt = label);
  return { ...made, vault: made.world.vault, emulator: made.world.emulator, points, crashBefore };
}
