/**
 * `keyturn get` end to end (process start + unlock + fresh secret) against `keepassxc-cli show`
 * on the same entries, at 1k / 10k / 100k. Two rounds: an equal KDF cost on both sides (keyturn's
 * cheapest real choice, `init --kdf floor` = Argon2id m=64 MiB t=3, and KeePassXC's KDF set to
 * the same measured time with `--decryption-time`), then each tool's default KDF.
 * Run: npm run bench:cli   (BENCH_SIZES=1000,10000 to limit; installs keepassxc with apt-get if missing)
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVault } from '../src/main/vault/index';
import type { NewToken } from '../src/main/vault/types';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'keyturn.js');
const PASSWORD = 'bench password';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const TENANTS = 10;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const f = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

function ensureKeepassxc(): void {
  if (spawnSync('keepassxc-cli', ['--version']).status === 0) return;
  console.log('keepassxc-cli missing: apt-get install -y keepassxc');
  const install = spawnSync('apt-get', ['install', '-y', '-q', 'keepassxc'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0) throw new Error('Could not install keepassxc (run as root, or install it yourself)');
}

function timed(
  command: string,
  args: string[],
  input: string,
  env?: NodeJS.ProcessEnv,
): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { input, env, encoding: 'utf8', maxBuffer: 1 << 20 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args[0] ?? ''} failed: ${result.stderr.slice(0, 200)}`);
  return { ms, stdout: result.stdout };
}

interface Entry {
  readonly tenant: number;
  readonly label: string;
  readonly secret: string;
}

function entries(size: number): Entry[] {
  return Array.from({ length: size }, (_, i) => ({
    tenant: i % TENANTS,
    label: `service-${i}`,
    secret: `sk_live_${randomBytes(24).toString('base64url')}`,
  }));
}

function buildKeyturn(dir: string, list: readonly Entry[], kdf: 'floor' | 'calibrate'): string {
  const path = join(dir, `keyturn-${kdf}.db`);
  const { vault } = createVault(path, PASSWORD, { kdf });
  const envIds = Array.from(
    { length: TENANTS },
    (_, t) => vault.addEnvironment(vault.addTenant(`tenant-${t}`).id, 'production', 'production').id,
  );
  const tokens: NewToken[] = list.map((e) => ({
    environmentId: envIds[e.tenant] ?? '',
    label: e.label,
    kind: 'api-key',
    provider: 'manual',
    secret: e.secret,
  }));
  for (let i = 0; i < tokens.length; i += 10_000) vault.addTokens(tokens.slice(i, i + 10_000));
  vault.lock();
  return path;
}

function uuid(): string {
  return randomBytes(16).toString('base64');
}

function buildKdbx(dir: string, list: readonly Entry[], decryptionMs: number | null): string {
  const xml = join(dir, 'entries.xml');
  const body = list
    .map(
      (e) =>
        `<Entry><UUID>${uuid()}</UUID><String><Key>Title</Key><Value>${e.label}</Value></String><String><Key>UserName</Key><Value>tenant-${e.tenant}</Value></String><String><Key>Password</Key><Value ProtectInMemory="True">${e.secret}</Value></String></Entry>`,
    )
    .join('');
  writeFileSync(
    xml,
    `<?xml version="1.0" encoding="UTF-8"?><KeePassFile><Meta><Generator>keyturn-bench</Generator></Meta><Root><Group><UUID>${uuid()}</UUID><Name>Root</Name>${body}</Group></Root></KeePassFile>`,
  );
  const path = join(dir, `keepassxc-${decryptionMs ?? 'default'}.kdbx`);
  const args = ['import', '-q', '-p', ...(decryptionMs === null ? [] : ['-t', String(decryptionMs)]), xml, path];
  const result = spawnSync('keepassxc-cli', args, { input: `${PASSWORD}\n${PASSWORD}\n`, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`keepassxc-cli import failed: ${result.stderr.slice(0, 200)}`);
  rmSync(xml);
  return path;
}

/** What `keyturn get` pays: the first Argon2id derivation of a new process (fresh 64 MiB pages). */
function firstKdfInFreshProcess(): number {
  const code = `import { derivePasswordKey, PRODUCTION_KDF_POLICY } from ${JSON.stringify(join(ROOT, 'src', 'main', 'vault', 'kdf.ts'))};
const t = performance.now(); derivePasswordKey('x', new Uint8Array(16), PRODUCTION_KDF_POLICY.floor); console.log(performance.now() - t);`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return Number(result.stdout.trim());
}

function runs(size: number): number {
  return size >= 100_000 ? 3 : 5;
}

function measure(
  size: number,
  vaultPath: string,
  kdbxPath: string,
  probe: Entry,
): { keyturn: number; keepassxc: number } {
  const env = { ...process.env, KEYTURN_VAULT: vaultPath, KEYTURN_PASSWORD: PASSWORD };
  const ref = `tenant-${probe.tenant}/production/${probe.label}`;
  const k: number[] = [];
  const x: number[] = [];
  timed(process.execPath, [BIN, 'get', ref], '', env);
  for (let i = 0; i < runs(size); i += 1) {
    const got = timed(process.execPath, [BIN, 'get', ref], '', env);
    if (got.stdout.trim() !== probe.secret) throw new Error('keyturn get returned the wrong secret');
    k.push(got.ms);
    const shown = timed('keepassxc-cli', ['show', '-q', '-a', 'Password', kdbxPath, probe.label], `${PASSWORD}\n`);
    if (shown.stdout.trim() !== probe.secret) throw new Error('keepassxc-cli show returned the wrong secret');
    x.push(shown.ms);
  }
  return { keyturn: median(k), keepassxc: median(x) };
}

function main(): void {
  ensureKeepassxc();
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('CLI build failed');
  const floorMs = median([0, 1, 2, 3, 4].map(() => firstKdfInFreshProcess()));
  // keepassxc-cli accepts a target decryption time of 100 to 5000 ms.
  const equalMs = Math.min(5000, Math.max(100, Math.round(floorMs)));
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(
    `keepassxc-cli ${spawnSync('keepassxc-cli', ['--version'], { encoding: 'utf8' }).stdout.trim()}; keyturn floor KDF (Argon2id m=64 MiB t=3) = ${f(floorMs)}, so KeePassXC gets --decryption-time ${equalMs}`,
  );
  const goal: Record<number, number> = { 10_000: 0.2, 100_000: 0.02 };
  const table: string[] = [
    '| entries | KDF | keyturn get | keepassxc-cli show | ratio | ratio without the KDF | goal |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'keyturn-cli-bench-'));
    try {
      const list = entries(size);
      const probe = list[Math.floor(size / 2)] ?? list[0];
      if (!probe) continue;
      for (const round of ['equal', 'default'] as const) {
        const vault = buildKeyturn(dir, list, round === 'equal' ? 'floor' : 'calibrate');
        const kdbx = buildKdbx(dir, list, round === 'equal' ? equalMs : null);
        const m = measure(size, vault, kdbx, probe);
        const ratio = m.keyturn / m.keepassxc;
        const target = goal[size];
        const verdict =
          round === 'equal' && target !== undefined ? `≤ ${target}× ${ratio <= target ? 'met' : 'MISSED'}` : '-';
        const kdfLabel = round === 'equal' ? `equal (${equalMs} ms)` : 'each default';
        const withoutKdf =
          round === 'equal'
            ? `${(Math.max(0, m.keyturn - floorMs) / Math.max(1, m.keepassxc - equalMs)).toFixed(3)}×`
            : '-';
        const row = `| ${size.toLocaleString('en')} | ${kdfLabel} | ${f(m.keyturn)} | ${f(m.keepassxc)} | ${ratio.toFixed(3)}× | ${withoutKdf} | ${verdict} |`;
        console.log(row);
        table.push(row);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\n${table.join('\n')}`);
}

main();
