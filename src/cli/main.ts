/**
 * The bundle's entry (out/cli/keyturn.cjs), started by bin/keyturn.cjs through bin/load-cli.cjs.
 * `selfPath` is the script a helper process (the clipboard clearer) is started with.
 */
import { processIo } from './io';
import { main } from './dispatch';

export async function run(selfPath: string): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo(), selfPath);
}
