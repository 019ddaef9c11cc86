/**
 * Child process for the journal lock tests: claims one journal entry's lock through the real
 * module, says "held" on stdout, then waits until it is killed (or exits on its own, on "exit").
 *
 *   node --import tsx test/support/journal-lock-holder.ts <vault path> <journal id>
 */
import { claimJournal } from '../../src/main/vault/journal-lock';

const [vaultPath, journalId] = process.argv.slice(2);
if (vaultPath === undefined || journalId === undefined) throw new Error('usage: holder <vault path> <journal id>');
const claim = claimJournal(vaultPath, journalId);
process.stdout.write(claim === null ? 'busy\n' : 'held\n');
process.stdin.on('data', (chunk: Buffer) => {
  if (chunk.toString().includes('exit')) process.exit(0);
});
