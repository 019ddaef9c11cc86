/** The bench vault built in a child process (bench-vault-child.ts). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../test/support/vault-bundle';

/**
 * `buildBenchVault` in a child process (bench-vault-child.ts): the bench process that unlocks
 * the vault afterwards then starts cold, as the app does, instead of holding the build's garbage
 * (a major GC in the first unlock) and code the build compiled.
 */
export async function buildBenchVaultApart(size: number, password: string): Promise<string> {
  const child = await bundleForNode(
    fileURLToPath(new URL('./bench-vault-child.ts', import.meta.url)),
    'bench-vault-child',
  );
  const run = spawnSync(process.execPath, [child, String(size), password], { maxBuffer: 1024 * 1024 });
  if (run.status !== 0) throw new Error(`building the bench vault failed: ${run.stderr.toString()}`);
  return run.stdout.toString();
}
