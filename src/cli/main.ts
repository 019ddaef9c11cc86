/** The bundle's entry point: run the CLI and exit with its code once output has flushed. */
import { processIo } from './io';
import { main, selfEntry } from './dispatch';

process.exitCode = await main(process.argv.slice(2), processIo(), selfEntry());
