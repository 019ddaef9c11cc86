/**
 * Child process for the crash-point tests: opens the vault, runs one lifecycle operation, and
 * SIGKILLs itself at fault point number KEYTURN_FAULT_AT (1-based; 0 = never). Prints each
 * point it passes ("point <n> <label>") and finally "result <status>".
 *
 *   node --import tsx test/support/lifecycle-runner.ts '<json config>'
 */
import { z } from 'zod';
import type { LifecycleDeps } from '../../src/main/lifecycle/context';
import { createManagedToken, revokeToken, rotateToken } from '../../src/main/lifecycle/rotation';
import { clientsFor, reopenVault } from './lifecycle-fixture';

const configSchema = z.object({
  path: z.string(),
  operation: z.enum(['create', 'rotate', 'revoke']),
  tokenId: z.string().optional(),
  environmentId: z.string(),
  connectionId: z.string(),
  label: z.string(),
  graceMinutes: z.number().optional(),
});

async function main(): Promise<void> {
  const config = configSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const killAt = Number(process.env.KEYTURN_FAULT_AT ?? '0');
  let count = 0;
  const vault = reopenVault(config.path);
  const deps: LifecycleDeps = {
    now: Date.now,
    clients: clientsFor(vault),
    faultPoint: (label) => {
      count += 1;
      process.stdout.write(`point ${count} ${label}\n`);
      if (count === killAt) process.kill(process.pid, 'SIGKILL');
    },
  };
  const tokenId = (): string => {
    if (config.tokenId === undefined) throw new Error('tokenId required');
    return config.tokenId;
  };
  const outcome =
    config.operation === 'create'
      ? await createManagedToken(
          vault,
          { environmentId: config.environmentId, connectionId: config.connectionId, label: config.label },
          deps,
        )
      : config.operation === 'rotate'
        ? await rotateToken(vault, tokenId(), deps)
        : await revokeToken(vault, tokenId(), deps);
  process.stdout.write(`result ${outcome.status}\n`);
  vault.lock();
}

await main();
