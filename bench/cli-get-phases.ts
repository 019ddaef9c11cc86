/**
 * BENCH ONLY: where a `keyturn get` spends its time inside the process, phase by phase, on a
 * vault made with the cheap test KDF. Run by bench/cli.bench.ts in a fresh child (cold JIT, as
 * the CLI runs): node --import tsx bench/cli-get-phases.ts VAULT REF PASSWORD. Prints JSON.
 */
const started = performance.now();
const { openVault } = await import('../src/main/vault/index');
const { freshSecret } = await import('../src/main/lifecycle/fresh-secret');
const { TEST_KDF_POLICY } = await import('../test/support/vault-policy');
const [path = '', ref = '', password = ''] = process.argv.slice(2);
const [tenant = '', environment = '', label = ''] = ref.split('/');
const phases: Record<string, number> = { 'module load (tsx, unbundled)': performance.now() - started };
const timed = <T>(name: string, work: () => T): T => {
  const t = performance.now();
  const value = work();
  phases[name] = performance.now() - t;
  return value;
};
const file = timed('open file (pragmas, header, KDF bounds)', () => openVault(path, { policy: TEST_KDF_POLICY }));
const vault = timed('unlock (KDF, unwrap, purpose keys, audit write)', () => file.unlock(password));
const token = timed('findToken (blind index, one 256-token chunk)', () => vault.findToken(tenant, environment, label));
if (!token) throw new Error('probe token not found');
const clients = {
  get: () => {
    throw new Error('no refresh expected');
  },
};
const t = performance.now();
const result = await freshSecret(vault, token.id, {
  now: Date.now,
  clients,
  use: { action: 'reveal', detail: 'bench get' },
});
phases['freshSecret (open one secret; last-used time and audit entry in one transaction)'] = performance.now() - t;
if (!result.ok) throw new Error(result.error.message);
timed('lock and close (WAL checkpoint)', () => {
  vault.lock();
  file.close();
});
console.log(JSON.stringify(phases));

export {};
