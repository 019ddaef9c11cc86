/**
 * Vault benchmark: 1k / 10k / 100k tokens. Builds each vault in one transaction with the cheap
 * test KDF, then measures unlock (KDF excluded = unlock with the test KDF; KDF included = the
 * production floor and calibrated Argon2id cost measured separately and added), list, search per
 * keystroke and fetch-and-open one secret. Memory is measured in a fresh child process
 * (vault-memory-child.ts, bundled so tsx is not counted) that only opens, unlocks, lists and
 * searches: this process also holds the input array. Run: npm run bench
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BULK_OPEN_PATH } from '../src/main/vault/bulk-open';
import { createVault, openVault, PRODUCTION_KDF_POLICY } from '../src/main/vault/index';
import { calibrate, derivePasswordKey } from '../src/main/vault/kdf';
import type { NewToken } from '../src/main/vault/types';
import { bundleForNode } from '../test/support/vault-bundle';
import { TEST_KDF_POLICY } from '../test/support/vault-policy';

const SIZES = [1_000, 10_000, 100_000];
const PASSWORD = 'bench password';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function tokens(envIds: string[], n: number): NewToken[] {
  return Array.from({ length: n }, (_, i) => ({
    environmentId: envIds[i % envIds.length] as string,
    label: `service-${i}-${randomBytes(3).toString('hex')}`,
    kind: 'api-key',
    provider: 'satori',
    secret: `sk_live_${randomBytes(24).toString('base64url')}`,
    providerKeyId: randomBytes(8).toString('hex'),
    expiresAt: Date.now() + i * 60_000,
    tags: ['prod', `team-${i % 17}`],
    notes: i % 10 === 0 ? 'rotated by ops' : '',
  }));
}

const MEMORY_CHILD = await bundleForNode(
  fileURLToPath(new URL('./vault-memory-child.ts', import.meta.url)),
  'vault-memory-child',
);

interface Memory {
  rssMb: number;
  deltaRssMb: number;
  deltaHeapMb: number;
}
interface Row {
  size: number;
  create: number;
  unlockNoKdf: number;
  list: number;
  search: number;
  secret: number;
  memory: Memory;
}

/** The vault's memory in a fresh process: absolute RSS, and RSS and heap above its own baseline. */
function measureMemory(path: string): Memory {
  const out = execFileSync(process.execPath, ['--expose-gc', MEMORY_CHILD, path, PASSWORD], { encoding: 'utf8' });
  return JSON.parse(out) as Memory;
}

function benchSize(size: number): Row {
  const dir = mkdtempSync(join(tmpdir(), 'keyturn-bench-'));
  const path = join(dir, 'vault.db');
  const { vault } = createVault(path, PASSWORD, { policy: TEST_KDF_POLICY, kdf: 'floor' });
  const envIds = Array.from(
    { length: 10 },
    (_, t) => vault.addEnvironment(vault.addTenant(`tenant-${t}`).id, 'production', 'production').id,
  );
  const input = tokens(envIds, size);
  const [, create] = time(() => vault.addTokens(input));
  vault.lock();
  const file = openVault(path, { policy: TEST_KDF_POLICY });
  const unlocks: number[] = [];
  let v = file.unlock(PASSWORD);
  for (let i = 0; i < 3; i++) {
    v.lock();
    gc();
    const [opened, ms] = time(() => {
      const u = file.unlock(PASSWORD);
      u.listTokens();
      // Searchable too: the haystacks the window builds after its first rows are counted here.
      u.prepareSearch(Number.MAX_SAFE_INTEGER);
      return u;
    });
    v = opened;
    unlocks.push(ms);
  }
  const [, list] = time(() => v.listTokens());
  const queries = ['s', 'se', 'ser', 'serv', 'servi', 'service-4', 'team-1', 'prod', 'zzz'];
  const search = median(queries.map((q) => time(() => v.searchTokens(q))[1]));
  const some = input[Math.floor(size / 2)] as NewToken;
  const secret = median(
    Array.from(
      { length: 50 },
      () =>
        time(() => {
          const found = v.findToken('tenant-' + envIds.indexOf(some.environmentId), 'production', some.label);
          return v.openSecret(found?.id ?? '');
        })[1],
    ),
  );
  file.close();
  const memory = measureMemory(path);
  rmSync(dir, { recursive: true, force: true });
  return { size, create, unlockNoKdf: median(unlocks), list, search, secret, memory };
}

function kdfMs(params: { memoryKiB: number; passes: number; parallelism: number }): number {
  return median([0, 1, 2].map(() => time(() => derivePasswordKey(PASSWORD, randomBytes(16), params))[1]));
}

const floorMs = kdfMs(PRODUCTION_KDF_POLICY.floor);
const calibrated = calibrate(PRODUCTION_KDF_POLICY);
const calibratedMs = kdfMs(calibrated);
const rows = SIZES.map(benchSize);
const budget: Record<number, string> = { 1_000: '-', 10_000: '< 50', 100_000: '< 400' };
const f = (x: number): string => x.toFixed(x < 10 ? 2 : 0);
console.log(
  `chunk bulk open: ${BULK_OPEN_PATH} (Electron's BoringSSL has no chacha20-poly1305, so the app runs the noble path: KEYTURN_BULK_OPEN=noble npm run bench)`,
);
console.log(
  `Argon2id floor m=${PRODUCTION_KDF_POLICY.floor.memoryKiB} KiB t=${PRODUCTION_KDF_POLICY.floor.passes}: ${f(floorMs)} ms; calibrated m=${calibrated.memoryKiB} KiB t=${calibrated.passes}: ${f(calibratedMs)} ms`,
);
console.log(
  '| tokens | create (1 tx) ms | unlock−KDF → list ms (budget) | unlock+KDF floor / calibrated ms | list ms | search/keystroke ms (< 10) | find+open secret ms (< 1) | child RSS MB (< 150) | vault Δ RSS / Δ heap MB |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const m = r.memory;
  console.log(
    `| ${r.size} | ${f(r.create)} | ${f(r.unlockNoKdf)} (${budget[r.size]}) | ${f(r.unlockNoKdf + floorMs)} / ${f(r.unlockNoKdf + calibratedMs)} | ${f(r.list)} | ${f(r.search)} | ${f(r.secret)} | ${f(m.rssMb)} | ${f(m.deltaRssMb)} / ${f(m.deltaHeapMb)} |`,
  );
}
const ratio = (k: 'unlockNoKdf' | 'search' | 'secret', a: number, b: number): string =>
  ((rows[b]?.[k] ?? 0) / Math.max(rows[a]?.[k] ?? 1, 0.001)).toFixed(1);
for (const k of ['unlockNoKdf', 'search', 'secret'] as const)
  console.log(`scaling ${k}: 1k→10k ×${ratio(k, 0, 1)}, 10k→100k ×${ratio(k, 1, 2)}`);
