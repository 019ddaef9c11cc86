/**
 * A child process for the corruption suite: runs the real CLI (dispatch `main`, the test KDF policy
 * injected as the bench entry does) against each vault file named on stdin, one JSON line per file:
 * every command's exit code, stdout and stderr. The parent kills it when a file takes too long (a
 * hang) and starts another for the files left.
 * Input (stdin, JSON): { password, files: string[], commands: string[][] }
 */
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/dispatch';
import type { CliIo } from '../../src/cli/io';
import { TEST_KDF_POLICY } from './vault-policy';

interface Input {
  readonly password: string;
  readonly files: readonly string[];
  readonly commands: readonly (readonly string[])[];
}

async function runCommand(vault: string, password: string, args: readonly string[]): Promise<object> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: Object.assign(Readable.from([]), { isTTY: false }),
    stdout: { write: (text: string) => void (stdout += text) },
    stderr: new Writable({
      write(chunk: Buffer, _encoding, done) {
        stderr += chunk.toString('utf8');
        done();
      },
    }),
    env: { KEYTURN_VAULT: vault, KEYTURN_PASSWORD: password },
  };
  const code = await main([...args], io, process.argv[1] ?? '', { kdfPolicy: TEST_KDF_POLICY });
  return { args, code, stdout, stderr };
}

async function probe(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Input;
  for (const file of input.files) {
    const results = [];
    for (const args of input.commands) results.push(await runCommand(file, input.password, args));
    process.stdout.write(`${JSON.stringify({ file, results })}\n`);
  }
}

await probe();
