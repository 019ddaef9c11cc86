/**
 * The first-screen record with no record stored, in plain Node (issue 12): a 100k bench vault
 * (bench/gui/bench-vault.ts) with every `first-screen/%` key deleted, then per round a fresh
 * unlock and `firstScreen` timed (what the window's first screen waits for), then `listTokens` on
 * a fresh unlock (the full decrypt the list does). Run:
 *   BENCH_SIZES=100000 node --expose-gc --import tsx bench/first-screen-probe.ts
 *   KEYTURN_BULK_OPEN=noble BENCH_SIZES=100000 node --expose-gc --import tsx bench/first-screen-probe.ts
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { firstScreenTag } from '../src/main/vault/first-screen-delta';
import { BULK_OPEN_PATH } from '../src/main/vault/bulk-open';
import { openVault, type Vault } from '../src/main/vault/index';
import { TEST_KDF_POLICY } from '../test/support/vault-policy';
import { buildBenchVault } from './gui/bench-vault';

const PASSWORD = 'bench password';
const ROUNDS = 5;
const size = Number((process.env['BENCH_SIZES'] ?? '100000').split(',')[0]);

function timed(path: string, use: (v: Vault) => unknown): number {
  const file = openVault(path, { policy: TEST_KDF_POLICY });
  const vault = file.unlock(PASSWORD);
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    use(vault);
    return performance.now() - start;
  } finally {
    vault.lock();
    file.close();
  }
}

const dir = buildBenchVault(size, PASSWORD);
const path = join(dir, 'vault.db');
const raw = new Database(path);
raw.prepare("DELETE FROM settings WHERE key LIKE 'first-screen/%'").run();
raw.close();
const screen: number[] = [];
const list: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  screen.push(timed(path, (v) => v.firstScreen(firstScreenTag())));
  list.push(timed(path, (v) => v.listTokens()));
}
const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(' / ');
console.log(`${size} tokens, ${BULK_OPEN_PATH} open, no record:`);
console.log(`  firstScreen (ms, rounds 1-${ROUNDS}): ${fmt(screen)}`);
console.log(`  listTokens  (ms, rounds 1-${ROUNDS}): ${fmt(list)}`);
rmSync(dir, { recursive: true, force: true });
