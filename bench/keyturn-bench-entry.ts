/**
 * BENCH ONLY, never shipped: the same CLI `main` as src/cli/main.ts, with the cheap test KDF
 * policy (Argon2id m=256 KiB t=1) injected the way unit tests inject it, so `keyturn get` can
 * be timed at a KDF as cheap as the KDBX side's. bench/cli.bench.ts builds it exactly as the
 * shipped binary is built (scripts/build-cli.mjs: bundle, launcher, trained code cache) into a
 * scratch folder under out/; the shipped binary (bin/keyturn.cjs → out/cli/keyturn.cjs) has no
 * way to select this policy and keeps refusing such vaults.
 */
import { main } from '../src/cli/dispatch';
import { processIo } from '../src/cli/io';
import { TEST_KDF_POLICY } from '../test/support/vault-policy';

export async function run(selfPath: string): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo(), selfPath, { kdfPolicy: TEST_KDF_POLICY });
}
