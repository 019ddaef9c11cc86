/**
 * The hidden prompt, in its own module so readline loads only when something is asked
 * (`keyturn get` with KEYTURN_PASSWORD or --password-stdin never asks).
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { KeyturnError } from '../shared/errors';
import type { CliIo } from './io';
import { Interrupted } from './interrupted';

/**
 * Asks on the terminal without echoing what is typed. The question is shown only after readline
 * has put the terminal in raw mode, so nothing typed in between is echoed by the tty driver.
 * Ctrl-C rejects with Interrupted (exit 130); Ctrl-D before Enter is a clear error. Without these
 * the promise never settled, the event loop ran dry and the command exited 0.
 */
export async function askHidden(io: CliIo, question: string): Promise<string> {
  const muted = new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  const rl = createInterface({ input: io.stdin, output: muted, terminal: true });
  io.stderr.write(question);
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('SIGINT', () => reject(new Interrupted()));
      rl.once('close', () =>
        reject(new KeyturnError('INVALID_INPUT', `The input ended before an answer to "${question.trim()}"`)),
      );
      rl.question('', resolve);
    });
  } finally {
    rl.close();
    io.stderr.write('\n');
  }
}
