/**
 * Measures the vault's own memory in a fresh process: a baseline after the vault code is loaded,
 * then open + unlock + list + search, then the same figures again. The bench bundles this file
 * with esbuild and runs it with `node --expose-gc`, so neither tsx nor the bench's input array
 * is counted. Prints one JSON line. Usage: vault-memory-child <vault> <password>
 */
import { openVault } from '../src/main/vault/index';
import { TEST_KDF_POLICY } from '../test/support/vault-policy';

const [path, password] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!path || !password || !gc) {
  process.stderr.write('usage: node --expose-gc vault-memory-child.mjs <vault> <password>\n');
  process.exit(2);
}

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage();
}

const base = settle();
const file = openVault(path, { policy: TEST_KDF_POLICY });
const vault = file.unlock(password);
const listed = vault.listTokens().length;
let matches = 0;
for (const q of ['s', 'se', 'ser', 'serv', 'servi', 'service-4', 'team-1', 'prod', 'zzz'])
  matches += vault.searchTokens(q).length;
const after = settle();
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    tokens: listed,
    matches,
    rssMb: mb(after.rss),
    baseRssMb: mb(base.rss),
    deltaRssMb: mb(after.rss - base.rss),
    heapUsedMb: mb(after.heapUsed),
    deltaHeapMb: mb(after.heapUsed - base.heapUsed),
    deltaExternalMb: mb(after.external - base.external),
  })}\n`,
);
vault.lock();
file.close();
