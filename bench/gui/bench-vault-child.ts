/**
 * Builds the bench vault (bench-vault.ts) in a process of its own and prints its folder, so the
 * process that then unlocks it starts as the app's main process does: with none of the build's
 * garbage in its heap and none of the vault's code compiled by the build. Run by
 * `buildBenchVaultApart`; argv: size, password.
 */
import { buildBenchVault } from './bench-vault';

const [size, password] = process.argv.slice(2);
if (size === undefined || password === undefined) throw new Error('usage: bench-vault-child SIZE PASSWORD');
process.stdout.write(buildBenchVault(Number(size), password));
